import { z } from "zod";
import { catalogueCodes, checkbox, field, optional, repeated } from "./form";

const slug = z
  .string({ required_error: "form.required" })
  .trim()
  .toLowerCase()
  .pipe(
    z
      .string()
      .min(1, "form.required")
      .max(60, "form.tooLong")
      .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "authoring.error.slug"),
  );

/** A new course: the address may be left empty, and is then proposed from the title (shown before creating). */
export const NewCourseSchema = z.object({
  slug: optional(slug),
  title: field.name,
  ownerUnitCode: optional(field.code),
});

const count = (min: number, max: number) =>
  z.coerce
    .number({ invalid_type_error: "form.invalid" })
    .int("form.invalid")
    .min(min, "form.invalid")
    .max(max, "form.invalid");

export const LessonActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), key: z.string().trim().max(60, "form.tooLong"), title: field.name }),
  z.object({ intent: z.literal("move"), key: z.string().max(60), direction: z.enum(["up", "down"]) }),
  z.object({
    intent: z.literal("delete"),
    key: z.string().max(60),
    confirm: z.literal("on", { errorMap: () => ({ message: "form.required" }) }),
  }),
  /** Publishing is confirmed on a second step that shows who will see the version ("yes"). */
  z.object({ intent: z.literal("publish"), confirm: optional(z.literal("yes")) }),
]);

export const SaveLessonSchema = z.object({
  title: field.name,
  minutes: count(1, 600),
  body: z.string().max(200_000, "form.tooLong"),
  revision: count(0, 1_000_000_000),
});

export const PreviewSchema = z.object({ body: z.string().max(200_000, "form.tooLong") });

export const SettingsSchema = z.object({
  title: field.name,
  summary: z.string().trim().min(1, "form.required").max(1000, "form.tooLong"),
  tiers: catalogueCodes,
  positions: catalogueCodes,
  estimatedMinutes: count(1, 6000),
  certificateValidityMonths: count(1, 120),
  passMark: count(1, 100),
  questionCount: count(1, 200),
  maxAttempts: count(1, 100),
  retryWaitMinutes: count(0, 60 * 24 * 30),
  timeLimitMinutes: optional(count(1, 600)),
  perTopic: checkbox,
  inPerson: optional(
    z.enum(["attendance", "attendance-and-quiz"], { errorMap: () => ({ message: "form.invalidChoice" }) }),
  ),
  intro: z.string().max(20_000, "form.tooLong").default(""),
  revision: count(0, 1_000_000_000),
});

/** A question as the form sends it: options as parallel lists, "correct" as the ticked indexes. */
export const QuestionFormSchema = z.object({
  intent: z.enum(["save", "delete"]).default("save"),
  originalId: optional(z.string().max(100)),
  id: z.string().trim().max(100),
  type: z.enum(["single", "multiple", "true-false"], { errorMap: () => ({ message: "form.invalidChoice" }) }),
  topic: optional(z.string().trim().max(100)),
  text: z.string().max(2000, "form.tooLong"),
  explanation: z.string().max(2000, "form.tooLong"),
  option: repeated(z.string().max(500), 10),
  correct: repeated(z.coerce.number().int().min(0).max(9), 10),
  answer: optional(z.enum(["true", "false"])),
  scoring: optional(z.enum(["all-or-nothing", "partial"], { errorMap: () => ({ message: "form.invalidChoice" }) })),
  revision: count(0, 1_000_000_000),
});

export type QuestionForm = z.infer<typeof QuestionFormSchema>;

/** The question the bank stores, from the form (empty options dropped; the bank's rules check the rest). */
export function questionFromForm(form: QuestionForm): Record<string, unknown> {
  const base = {
    id: form.id,
    ...(form.topic ? { topic: form.topic } : {}),
    text: form.text,
    explanation: form.explanation,
  };
  if (form.type === "true-false") return { ...base, type: "true-false", answer: form.answer === "true" };
  const options = form.option
    .map((text, index) => ({ text: text.trim(), correct: form.correct.includes(index) }))
    .filter((o) => o.text !== "");
  return {
    ...base,
    type: form.type,
    ...(form.type === "multiple" && form.scoring === "partial" ? { scoring: "partial" } : {}),
    options,
  };
}

export const MediaFormSchema = z.object({
  altText: z.string().trim().min(1, "form.required").max(500, "form.tooLong"),
});

export const VersionActionSchema = z.object({
  intent: z.literal("rollback"),
  number: count(1, 1_000_000),
  discardDraft: checkbox,
});
