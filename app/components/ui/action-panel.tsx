import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import type { FieldErrors } from "~/validation/form";
import { FieldError } from "./form";

/**
 * One administrative action as a folded form: a plain POST with an `intent`, so it works
 * without JavaScript; it opens by itself when the server sent errors back.
 */
export function ActionPanel({
  title,
  intent,
  errors,
  submit,
  help,
  danger,
  children,
}: {
  title: string;
  intent: string;
  errors: FieldErrors;
  submit: string;
  help?: string;
  danger?: boolean;
  children?: ReactNode;
}) {
  return (
    <details className="card" open={Object.keys(errors).length > 0}>
      <summary className="cursor-pointer font-medium">{title}</summary>
      <Form method="post" className="mt-3 space-y-3" noValidate>
        <input type="hidden" name="intent" value={intent} />
        {help ? <p className="text-sm text-slate-600">{help}</p> : null}
        <FieldError error={errors._form} />
        {children}
        <button type="submit" className={danger ? "btn-danger" : "btn"}>
          {submit}
        </button>
      </Form>
    </details>
  );
}
