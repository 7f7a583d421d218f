import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Field, FieldError } from "~/components/ui/form";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { changeOwnPassword } from "~/services/users.server";
import { NOTICE_PATH, requireViewer } from "~/utils/auth.server";
import { flashMessage } from "~/utils/flash.server";
import { readForm } from "~/utils/request.server";
import { type FieldErrors, field, parseForm } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "password.title");

const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ required_error: "form.required" }).min(1, "form.required").max(200, "form.tooLong"),
    newPassword: field.newPassword,
    confirmPassword: z.string({ required_error: "form.required" }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { message: "password.mismatch", path: ["confirmPassword"] });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  return json({ mustChange: viewer.user.mustChangePassword });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const parsed = parseForm(ChangePasswordSchema, await readForm(request));
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  const result = await changeOwnPassword(viewer.user.id, viewer.session.id, parsed.data);
  if (!result.ok) return json({ errors: { [result.field]: result.error } as FieldErrors }, { status: 400 });
  // Straight to the privacy notice when it is pending: a detour through "/" would drop the message.
  const next = viewer.user.privacyNoticePending ? NOTICE_PATH : "/";
  return redirect(next, { headers: { "Set-Cookie": await flashMessage(request, "password.changed") } });
}

export default function ChangePassword() {
  const { mustChange } = useLoaderData<typeof loader>();
  const errors: FieldErrors = useActionData<typeof action>()?.errors ?? {};
  const t = useT();
  return (
    <section className="card mx-auto max-w-md" aria-labelledby="password-title">
      <h1 id="password-title" className="text-2xl font-semibold">
        {t("password.title")}
      </h1>
      {mustChange ? <p className="mt-2 rounded bg-amber-50 p-2 text-amber-900">{t("password.mustChange")}</p> : null}
      <Form method="post" className="mt-4 space-y-4" noValidate>
        <FieldError error={errors._form} />
        <Field
          label={t("password.current")}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={errors.currentPassword}
        />
        <Field
          label={t("password.new")}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          hint={t("password.rules")}
          error={errors.newPassword}
        />
        <Field
          label={t("password.confirm")}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          error={errors.confirmPassword}
        />
        <button type="submit" className="btn w-full">
          {t("password.submit")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
