import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { NoticeText } from "~/components/privacy/notice-text";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Checkboxes, FieldError, formProps, useValidatedForm } from "~/components/ui/form";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { acknowledgeNotice, currentNotice } from "~/services/privacy.server";
import { requireViewer } from "~/utils/auth.server";
import { resolveLocale } from "~/utils/locale.server";
import { readForm } from "~/utils/request.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { parseSubmission } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "privacy.ack.title");

const AcknowledgeSchema = z.object({
  version: z
    .string()
    .regex(/^\d{1,6}$/, "form.invalid")
    .transform(Number),
  read: z.literal("yes", { errorMap: () => ({ message: "privacy.ack.mustRead" }) }),
  contact: z.literal("yes").optional(),
  redirectTo: z.string().max(2000).optional(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const url = new URL(request.url);
  const redirectTo = safeRedirect(url.searchParams.get("redirectTo"));
  if (!viewer.user.privacyNoticePending) throw redirect(redirectTo);
  const notice = currentNotice();
  if (!notice) throw redirect(redirectTo);
  const locale = await resolveLocale(request, viewer);
  return json({ version: notice.version, body: locale === "vi" ? notice.bodyVi : notice.bodyEn });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const submission = parseSubmission(await readForm(request), AcknowledgeSchema);
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  const { version, contact, redirectTo } = submission.value;
  const result = acknowledgeNotice(viewer.user.id, version, contact === "yes");
  if (!result.ok) {
    return json({ result: submission.reply({ formErrors: ["privacy.ack.changed"] }) }, { status: 409 });
  }
  return redirect(safeRedirect(redirectTo));
}

export default function AcknowledgeNotice() {
  const { version, body } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const [form, fields] = useValidatedForm(AcknowledgeSchema, actionData?.result);
  return (
    <article className="card mx-auto max-w-3xl space-y-4" aria-labelledby="ack-title">
      <h1 id="ack-title" className="text-2xl font-semibold">
        {t("privacy.ack.title")}
      </h1>
      <p className="text-slate-700">{t("privacy.ack.intro")}</p>
      <NoticeText text={body} />
      <Form method="post" className="space-y-4 border-t border-slate-200 pt-4" {...formProps(form)}>
        <FieldError id={form.errorId} error={form.errors?.[0]} />
        <input type="hidden" name={fields.version.name} value={version} />
        <input type="hidden" name={fields.redirectTo.name} value={searchParams.get("redirectTo") ?? "/"} />
        <Checkboxes
          legend={t("privacy.ack.read")}
          meta={fields.read}
          items={[{ value: "yes", label: t("privacy.ack.read") }]}
        />
        <div>
          <Checkboxes
            legend={t("privacy.ack.consent")}
            meta={fields.contact}
            items={[{ value: "yes", label: t("privacy.ack.consent") }]}
          />
          <p className="text-sm text-slate-600">{t("privacy.ack.consentHint")}</p>
        </div>
        <button type="submit" className="btn w-full sm:w-auto">
          {t("privacy.ack.submit")}
        </button>
      </Form>
    </article>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
