import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { FieldError, formProps, TextAreaField, useValidatedForm } from "~/components/ui/form";
import { NOTICE_MAX_LENGTH } from "~/domain/privacy";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { currentNotice, publishNotice } from "~/services/privacy.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { flashMessage } from "~/utils/flash.server";
import { readForm } from "~/utils/request.server";
import { parseSubmission } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "privacy.notice.title");

const noticeText = z
  .string({ required_error: "form.required" })
  .trim()
  .min(1, "form.required")
  .max(NOTICE_MAX_LENGTH, "privacy.notice.tooLong");
const NoticeSchema = z.object({ bodyVi: noticeText, bodyEn: noticeText });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "privacy.manage");
  const notice = currentNotice();
  return json({ version: notice?.version ?? 0, bodyVi: notice?.bodyVi ?? "", bodyEn: notice?.bodyEn ?? "" });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "privacy.manage");
  const submission = parseSubmission(await readForm(request), NoticeSchema);
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  publishNotice(viewer.actor, submission.value);
  return redirect("/privacy", { headers: { "Set-Cookie": await flashMessage(request, "privacy.notice.published") } });
}

/** Administrators publish a new version; the province's legal officer supplies the words. */
export default function EditNotice() {
  const { version, bodyVi, bodyEn } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useValidatedForm(NoticeSchema, actionData?.result, { defaultValue: { bodyVi, bodyEn } });
  return (
    <section className="card space-y-3" aria-labelledby="notice-title">
      <h1 id="notice-title" className="text-2xl font-semibold">
        {t("privacy.notice.title")}
      </h1>
      <p className="text-sm text-slate-700">{t("privacy.notice.current", { version: String(version) })}</p>
      <p className="text-slate-700">{t("privacy.notice.intro")}</p>
      <Form method="post" className="space-y-3" {...formProps(form)}>
        <FieldError id={form.errorId} error={form.errors?.[0]} />
        <TextAreaField label={t("privacy.notice.bodyVi")} meta={fields.bodyVi} rows={16} />
        <TextAreaField label={t("privacy.notice.bodyEn")} meta={fields.bodyEn} rows={16} />
        <button type="submit" className="btn">
          {t("privacy.notice.submit")}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
