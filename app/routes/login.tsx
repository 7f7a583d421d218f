import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Field, FieldError, formProps, useValidatedForm } from "~/components/ui/form";
import type { MessageKey } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { assertSameOrigin, getViewer, signIn } from "~/utils/auth.server";
import { readForm } from "~/utils/request.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { parseSubmission } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "login.title");

const LoginSchema = z.object({
  username: z
    .string({ required_error: "form.required" })
    .trim()
    .toLowerCase()
    .pipe(z.string().min(1, "form.required").max(100, "form.tooLong")),
  password: z.string({ required_error: "form.required" }).min(1, "form.required").max(200, "form.tooLong"),
  redirectTo: z.string().optional(),
});

const THROTTLE_MESSAGES = {
  address: "login.throttled.address",
  accountAddress: "login.throttled.accountAddress",
  account: "login.throttled.account",
} as const satisfies Record<string, MessageKey>;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { viewer } = await getViewer(request, context);
  if (viewer) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const submission = parseSubmission(await readForm(request), LoginSchema);
  // The password is never sent back; the username stays typed in.
  const reply = (formErrors?: MessageKey[]) => submission.reply({ formErrors, hideFields: ["password"] });
  if (submission.status !== "success") return json({ result: reply(), throttledMinutes: null }, { status: 400 });
  const { username, password, redirectTo } = submission.value;
  const result = await signIn(request, context, username, password);
  if (!result.ok) {
    if (!result.throttled) return json({ result: reply(["login.failed"]), throttledMinutes: null }, { status: 400 });
    const throttledMinutes = Math.max(1, Math.ceil(result.throttled.retryAfterMs / 60_000));
    return json(
      { result: reply([THROTTLE_MESSAGES[result.throttled.by]]), throttledMinutes },
      { status: 429, headers: { "Retry-After": String(Math.ceil(result.throttled.retryAfterMs / 1000)) } },
    );
  }
  const headers = new Headers();
  for (const cookie of result.setCookies) headers.append("Set-Cookie", cookie);
  return redirect(safeRedirect(redirectTo), { headers });
}

export default function Login() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const [form, fields] = useValidatedForm(LoginSchema, actionData?.result, {
    defaultValue: { redirectTo: searchParams.get("redirectTo") ?? "/" },
  });
  return (
    <section className="card mx-auto max-w-md" aria-labelledby="login-title">
      <h1 id="login-title" className="text-2xl font-semibold">
        {t("login.title")}
      </h1>
      <p className="mt-1 text-slate-600">{t("login.intro")}</p>
      <Form method="post" className="mt-4 space-y-4" {...formProps(form)}>
        <input type="hidden" name={fields.redirectTo.name} value={searchParams.get("redirectTo") ?? "/"} />
        <FieldError
          id={form.errorId}
          error={form.errors?.[0]}
          params={actionData?.throttledMinutes ? { minutes: actionData.throttledMinutes } : undefined}
        />
        <Field
          label={t("login.username")}
          meta={fields.username}
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          required
        />
        <Field
          label={t("login.password")}
          meta={fields.password}
          type="password"
          autoComplete="current-password"
          required
        />
        <button type="submit" className="btn w-full" disabled={navigation.state === "submitting"}>
          {t("login.submit")}
        </button>
      </Form>
      <p className="mt-4 text-sm text-slate-600">{t("login.forgot")}</p>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
