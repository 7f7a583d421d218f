/**
 * Labelled form controls with their error read out to screen readers. Given a Conform field
 * (`meta`), a control takes its name, id, the value last typed and its error from it, so a
 * form refused by the server comes back as it was sent, with each error beside its field
 * (app/validation/form.ts `parseSubmission`). Without `meta` they take `name` and `error`.
 */
import {
  type DefaultValue,
  type FieldMetadata,
  type FormMetadata,
  getFormProps,
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import type { z } from "zod";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { parseSubmission } from "~/validation/form";

// biome-ignore lint/suspicious/noExplicitAny: a control accepts a field of any form's schema.
export type FieldMeta = FieldMetadata<any, any, MessageKey[]>;
// biome-ignore lint/suspicious/noExplicitAny: the form's own schema does not matter here.
export type FormMeta = FormMetadata<any, MessageKey[]>;

/**
 * A form checked by `schema` as the person types (after leaving a field, then on each key)
 * and again by the server, which answers with `lastResult` (the action's
 * `submission.reply()`): values and errors of a refused submission reappear in place.
 */
export function useValidatedForm<S extends z.ZodTypeAny>(
  schema: S,
  lastResult: SubmissionResult<MessageKey[]> | null | undefined,
  options: { id?: string; defaultValue?: DefaultValue<z.input<S>> } = {},
) {
  return useForm<z.input<S>, z.output<S>, MessageKey[]>({
    id: options.id,
    defaultValue: options.defaultValue,
    lastResult,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseSubmission(formData, schema),
  });
}

/** The `<form>` attributes Conform needs (id, validation on submit, noValidate). */
export function formProps(form: FormMeta) {
  return getFormProps(form);
}

/** Conform's attributes, without the ones it left undefined (they would unset ours). */
function defined<T extends Record<string, unknown>>(props: T): Partial<T> {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** What a control needs from either a Conform field or the name/error props. */
function controlIds(name: string | undefined, id: string | undefined, meta: FieldMeta | undefined, error?: MessageKey) {
  const controlId = meta?.id ?? id ?? `field-${name}`;
  return {
    id: controlId,
    errorId: meta?.errorId ?? `${controlId}-error`,
    hintId: meta?.descriptionId ?? `${controlId}-hint`,
    error: (meta?.errors?.[0] as MessageKey | undefined) ?? error,
  };
}

/** Drops Conform's `key` (React keys are not props to spread) and keeps the rest. */
function withoutKey<T extends { key?: unknown }>(props: T): Omit<T, "key"> {
  const { key: _key, ...rest } = props;
  return rest;
}

/** A labelled input with its error read out to screen readers. */
export function Field({
  label,
  name,
  error,
  hint,
  errorParams,
  meta,
  ...input
}: {
  label: string;
  name?: string;
  error?: MessageKey;
  hint?: string;
  errorParams?: Record<string, string | number>;
  meta?: FieldMeta;
} & InputHTMLAttributes<HTMLInputElement>) {
  const ids = controlIds(name, input.id, meta, error);
  const describedBy = [hint ? ids.hintId : null, ids.error ? ids.errorId : null].filter(Boolean).join(" ");
  const type = (input.type ?? "text") as "text";
  const fromMeta = meta
    ? defined(withoutKey(getInputProps(meta, { type, value: input.type !== "password" && input.type !== "file" })))
    : { id: ids.id, name };
  return (
    <div className="space-y-1">
      <label htmlFor={ids.id} className="block font-medium">
        {label}
      </label>
      <input
        className="input"
        {...input}
        {...fromMeta}
        aria-invalid={ids.error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {hint ? (
        <p id={ids.hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError id={ids.errorId} error={ids.error} params={errorParams} />
    </div>
  );
}

export function SelectField({
  label,
  name,
  error,
  meta,
  children,
  ...select
}: {
  label: string;
  name?: string;
  error?: MessageKey;
  meta?: FieldMeta;
  children: ReactNode;
} & SelectHTMLAttributes<HTMLSelectElement>) {
  const ids = controlIds(name, select.id, meta, error);
  const fromMeta = meta ? defined(withoutKey(getSelectProps(meta))) : { id: ids.id, name };
  return (
    <div className="space-y-1">
      <label htmlFor={ids.id} className="block font-medium">
        {label}
      </label>
      <select
        className="input"
        {...select}
        {...fromMeta}
        aria-invalid={ids.error ? true : undefined}
        aria-describedby={ids.error ? ids.errorId : undefined}
      >
        {children}
      </select>
      <FieldError id={ids.errorId} error={ids.error} />
    </div>
  );
}

export function FieldError({
  id,
  error,
  params,
}: {
  id?: string;
  error?: MessageKey;
  params?: Record<string, string | number>;
}) {
  const t = useT();
  if (!error) return null;
  return (
    <p id={id} className="text-sm font-medium text-red-700" role="alert">
      {t(error, params ?? defaultParams(error))}
    </p>
  );
}

/** The form's own error (not a field's): from Conform's form metadata, or given. */
export function FormError({ form, error }: { form?: FormMeta; error?: MessageKey }) {
  return <FieldError id={form?.errorId} error={(form?.errors?.[0] as MessageKey | undefined) ?? error} />;
}

/** The length limits the shared field schemas use, so the message can name them. */
function defaultParams(error: MessageKey): Record<string, number> | undefined {
  if (error === "form.tooShort") return { min: 8 };
  if (error === "form.tooLong") return { max: 200 };
  return undefined;
}

/**
 * A group of checkboxes sent as one repeated field; `checked` ticks some from the start. With
 * `meta`, the boxes ticked in a refused submission stay ticked.
 */
export function Checkboxes({
  legend,
  name,
  items,
  checked = [],
  meta,
}: {
  legend: string;
  name?: string;
  items: { value: string; label: string }[];
  checked?: readonly string[];
  meta?: FieldMeta;
}) {
  const ids = controlIds(name, undefined, meta);
  const sent = meta?.initialValue;
  const ticked = sent === undefined ? checked : Array.isArray(sent) ? sent : [sent];
  return (
    <fieldset className="space-y-1" aria-describedby={ids.error ? ids.errorId : undefined}>
      <legend className="font-medium">{legend}</legend>
      {items.map((item) => (
        <label key={item.value} className="flex min-h-10 items-center gap-3">
          <input
            type="checkbox"
            name={meta?.name ?? name}
            value={item.value}
            defaultChecked={ticked.includes(item.value)}
            className="size-5 shrink-0"
          />
          <span>{item.label}</span>
        </label>
      ))}
      <FieldError id={ids.errorId} error={ids.error} />
    </fieldset>
  );
}

/** A labelled multi-line text field with its error. */
export function TextAreaField({
  label,
  name,
  error,
  meta,
  ...textarea
}: {
  label: string;
  name?: string;
  error?: MessageKey;
  meta?: FieldMeta;
} & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const ids = controlIds(name, textarea.id, meta, error);
  const fromMeta = meta ? defined(withoutKey(getTextareaProps(meta))) : { id: ids.id, name };
  return (
    <div className="space-y-1">
      <label htmlFor={ids.id} className="block font-medium">
        {label}
      </label>
      <textarea
        className="input"
        {...textarea}
        {...fromMeta}
        aria-invalid={ids.error ? true : undefined}
        aria-describedby={ids.error ? ids.errorId : undefined}
      />
      <FieldError id={ids.errorId} error={ids.error} />
    </div>
  );
}
