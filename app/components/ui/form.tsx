import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";

/** A labelled input with its error read out to screen readers. */
export function Field({
  label,
  name,
  error,
  hint,
  errorParams,
  ...input
}: {
  label: string;
  name: string;
  error?: MessageKey;
  hint?: string;
  errorParams?: Record<string, string | number>;
} & InputHTMLAttributes<HTMLInputElement>) {
  const id = input.id ?? `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <input
        id={id}
        name={name}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} error={error} params={errorParams} />
    </div>
  );
}

export function SelectField({
  label,
  name,
  error,
  children,
  ...select
}: { label: string; name: string; error?: MessageKey; children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = select.id ?? `field-${name}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <select
        id={id}
        name={name}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...select}
      >
        {children}
      </select>
      <FieldError id={`${id}-error`} error={error} />
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

/** The length limits the shared field schemas use, so the message can name them. */
function defaultParams(error: MessageKey): Record<string, number> | undefined {
  if (error === "form.tooShort") return { min: 8 };
  if (error === "form.tooLong") return { max: 200 };
  return undefined;
}

/** A group of checkboxes sent as one repeated field; `checked` ticks some from the start. */
export function Checkboxes({
  legend,
  name,
  items,
  checked = [],
}: {
  legend: string;
  name: string;
  items: { value: string; label: string }[];
  checked?: readonly string[];
}) {
  return (
    <fieldset className="space-y-1">
      <legend className="font-medium">{legend}</legend>
      {items.map((item) => (
        <label key={item.value} className="flex min-h-10 items-center gap-3">
          <input
            type="checkbox"
            name={name}
            value={item.value}
            defaultChecked={checked.includes(item.value)}
            className="size-5 shrink-0"
          />
          <span>{item.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** A labelled multi-line text field with its error. */
export function TextAreaField({
  label,
  name,
  error,
  ...textarea
}: { label: string; name: string; error?: MessageKey } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = textarea.id ?? `field-${name}`;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      <textarea
        id={id}
        name={name}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...textarea}
      />
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}
