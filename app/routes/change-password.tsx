import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Field, FieldError, formProps, useValidatedForm } from "~/components/ui/form";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { changeOwnPassword } from "~/services/users.server";
import { NOTICE_PATH, requireViewer } from "~/utils/auth.server";
import { flashMessage } from "~/utils/flash.server";
import { readForm } from "~/utils/request.server";
import { field, parseSubmission, replyRefused } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "password.title");

const newPasswordFields = {
  newPassword: field.newPassword,
  confirmPassword: z.string({ required_error: "form.required" }),
};
const confirmed = (v: { newPassword: string; confirmPassword: string }) => v.newPassword === v.confirmPassword;
const mismatch = { message: "password.mismatch", path: ["confirmPassword"] };

const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ required_error: "form.required" }).min(1, "form.required").max(200, "form.tooLong"),
    ...newPasswordFields,
  })
  .refine(confirmed, mismatch);

/**
 * The first change after an initial password (given by an administrator or a roster import)
 * does not ask for it again: the person typed it to sign in a moment ago, and every session
 * of an account that must change its password was made with it (a reset ends all others).
 */
const FirstPasswordSchema = z.object(newPasswordFields).refine(confirmed, mismatch);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  return json({ mustChange: viewer.user.mustChangePassword });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const first = viewer.user.mustChangePassword;
  const submission = parseSubmission(await readForm(request), first ? FirstPasswordSchema : ChangePasswordSchema);
  // Passwords are never sent back, refused or not.
  const hidden = ["currentPassword", "newPassword", "confirmPassword"];
  if (submission.status !== "success")
    return json({ result: submission.reply({ hideFields: hidden }) }, { status: 400 });
  const value = submission.value as { currentPassword?: string; newPassword: string };
  const result = await changeOwnPassword(viewer.user.id, viewer.session.id, {
    currentPassword: first ? null : (value.currentPassword ?? ""),
    newPassword: value.newPassword,
  });
  if (!result.ok) return json({ result: replyRefused(submission, result) }, { status: 400 });
  // Straight to the privacy notice when it is pending: a detour through "/" would drop the message.
  const next = viewer.user.privacyNoticePending ? NOTICE_PATH : "/";
  return redirect(next, { headers: { "Set-Cookie": await flashMessage(request, "password.changed") } });
}

export default function ChangePassword() {
  const { mustChange } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useValidatedForm(mustChange ? FirstPasswordSchema : ChangePasswordSchema, actionData?.result);
  const current = (fields as typeof fields & { currentPassword?: typeof fields.newPassword }).currentPassword;
  return (
    <section className="card mx-auto max-w-md" aria-labelledby="password-title">
      <h1 id="password-title" className="text-2xl font-semibold">
        {t("password.title")}
      </h1>
      {mustChange ? <p className="mt-2 rounded bg-amber-50 p-2 text-amber-900">{t("password.mustChange")}</p> : null}
      <Form method="post" className="mt-4 space-y-4" {...formProps(form)}>
        <FieldError id={form.errorId} error={form.errors?.[0]} />
        {mustChange || !current ? null : (
          <Field
            label={t("password.current")}
            meta={current}
            type="password"
            autoComplete="current-password"
            required
          />
        )}
        <Field
          label={t("password.new")}
          meta={fields.newPassword}
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          hint={t(mustChange ? "password.rulesFirst" : "password.rules")}
        />
        <Field
          label={t("password.confirm")}
          meta={fields.confirmPassword}
          type="password"
          autoComplete="new-password"
          required
        />
        <button type="submit" className="btn w-full">
          {t("password.submit")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
