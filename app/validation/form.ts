import { parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "~/domain/password";
import { normalisePhone } from "~/domain/phone";
import { cleanName } from "~/domain/text";
import type { MessageKey } from "~/i18n";

/**
 * Zod messages are catalogue keys, so one schema serves the action and the form and
 * the person reads the error in their own language.
 */
export type FieldErrors = Partial<Record<string, MessageKey>>;

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export function parseForm<S extends z.ZodTypeAny>(schema: S, formData: FormData): FormResult<z.infer<S>> {
  const raw: Record<string, string | string[]> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value !== "string") continue;
    const existing = raw[key];
    if (existing === undefined) raw[key] = value;
    else raw[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "_form");
    if (!errors[field]) errors[field] = toMessageKey(issue);
  }
  return { ok: false, errors };
}

/**
 * A form as Conform submits it, checked by the same zod schema in the browser (as the person
 * types, with JavaScript) and on the server (always). Errors are catalogue keys, read in the
 * person's language by the fields; a refused submission comes back with what was typed, so a
 * form without JavaScript is not returned empty. Our schemas read the raw strings a form
 * sends (`optional`, `checkbox`, `repeated` below), so Conform's own coercion is off.
 */
export function parseSubmission<S extends z.ZodTypeAny>(formData: FormData | URLSearchParams, schema: S) {
  return parseWithZod(formData, {
    schema,
    disableAutoCoercion: true,
    formatError: (issues: z.ZodIssue[]): MessageKey[] => issues.slice(0, 1).map(toMessageKey),
  });
}

function toMessageKey(issue: z.ZodIssue): MessageKey {
  if (issue.message.includes(".")) return issue.message as MessageKey;
  if (issue.code === "invalid_type" && issue.received === "undefined") return "form.required";
  if (issue.code === "invalid_enum_value") return "form.invalidChoice";
  return "form.invalid";
}

const text = (max: number) =>
  z
    .string({ required_error: "form.required", invalid_type_error: "form.invalid" })
    .transform(cleanName)
    .pipe(z.string().min(1, "form.required").max(max, "form.tooLong"));

export const field = {
  name: text(200),
  code: z
    .string({ required_error: "form.required", invalid_type_error: "form.invalid" })
    .trim()
    .toUpperCase()
    .pipe(
      z
        .string()
        .min(1, "form.required")
        .max(20, "form.tooLong")
        .regex(/^[0-9A-Z._-]+$/, "form.invalid"),
    ),
  username: z
    .string({ required_error: "form.required", invalid_type_error: "form.invalid" })
    .trim()
    .toLowerCase()
    .pipe(z.string().regex(/^[a-z0-9._-]{3,40}$/, "form.invalidUsername")),
  /** Vietnamese mobile and landline numbers however written, stored as 0xxxxxxxxx (domain/phone). */
  phone: z
    .string({ invalid_type_error: "form.invalid" })
    .transform((value) => normalisePhone(value) ?? "")
    .pipe(z.string().regex(/^0\d{9,10}$/, "form.invalidPhone")),
  email: z
    .string({ invalid_type_error: "form.invalid" })
    .trim()
    .toLowerCase()
    .pipe(z.string().email("form.invalidEmail").max(200)),
  date: z
    .string({ required_error: "form.required", invalid_type_error: "form.invalid" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "form.invalidDate")
    .refine((value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
    }, "form.invalidDate"),
  newPassword: z
    .string({ required_error: "form.required", invalid_type_error: "form.invalid" })
    .min(MIN_PASSWORD_LENGTH, "form.tooShort")
    .max(MAX_PASSWORD_LENGTH, "form.tooLong"),
  id: z.coerce.number({ invalid_type_error: "form.invalid" }).int("form.invalid").positive("form.invalid"),
};

/** An optional text input: the empty string a form sends for a blank field means "none". */
export function optional<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    schema.optional(),
  );
}

export function intent<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { errorMap: () => ({ message: "form.invalidChoice" }) });
}

/** A field sent once, several times or not at all (checkbox groups, repeated inputs), as a list. */
export function repeated<T extends z.ZodTypeAny>(item: T, max = 20) {
  return z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z.array(item).max(max),
  );
}

/** Codes of tiers or positions ticked in a checkbox group. */
export const catalogueCodes = repeated(z.string().regex(/^[a-z0-9_]{1,40}$/, "form.invalidChoice"));

/** A checkbox: "on" when ticked. */
export const checkbox = z.preprocess((v) => v === "on" || v === "true", z.boolean());

/**
 * A reply that hands back what was typed without judging it (a picker's search, a count asked
 * for before the form is complete), with the errors given, if any.
 */
export function replyAsTyped(formData: FormData, fieldErrors?: Record<string, MessageKey[] | null>) {
  const submission = parseWithZod(formData, { schema: z.record(z.unknown()), disableAutoCoercion: true });
  const { "": formErrors, ...fields } = fieldErrors ?? {};
  const fieldLists = Object.fromEntries(Object.entries(fields).filter((e): e is [string, MessageKey[]] => !!e[1]));
  return submission.reply(
    fieldErrors ? { formErrors: formErrors ?? undefined, fieldErrors: fieldLists } : {},
  ) as ReturnType<ReturnType<typeof parseSubmission>["reply"]>;
}

/** A service's refusal as Conform's reply: beside its field, or the form's own when `_form`. */
export function replyRefused(
  submission: ReturnType<typeof parseSubmission>,
  refused: { field: string; error: MessageKey },
) {
  return refused.field === "_form"
    ? submission.reply({ formErrors: [refused.error] })
    : submission.reply({ fieldErrors: { [refused.field]: [refused.error] } });
}
