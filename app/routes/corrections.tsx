import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { FieldError, TextAreaField } from "~/components/ui/form";
import { formatDate } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { correctionForPage, correctionsWithin, handleCorrection } from "~/services/privacy.server";
import { requireAnywhere, scopePaths } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { flashMessage } from "~/utils/flash.server";
import { readForm } from "~/utils/request.server";
import { parseSubmission } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "corrections.title");

const HandleSchema = z.object({
  requestId: z
    .string()
    .regex(/^\d{1,12}$/, "form.invalid")
    .transform(Number),
  status: z.enum(["corrected", "declined"], { errorMap: () => ({ message: "form.invalidChoice" }) }),
  response: z
    .string({ required_error: "corrections.responseRequired" })
    .trim()
    .min(3, "corrections.responseRequired")
    .max(2000, "form.tooLong"),
});

/** Correction requests of people in the manager's units, open and most urgent first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "user.view");
  const now = new Date();
  return json({
    requests: correctionsWithin(scopePaths(viewer, "user.view")).map((c) => correctionForPage(c, now)),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "user.view");
  const submission = parseSubmission(await readForm(request), HandleSchema);
  if (submission.status !== "success") {
    return json(
      { requestId: Number(submission.payload.requestId) || null, result: submission.reply() },
      { status: 400 },
    );
  }
  const { requestId, status, response } = submission.value;
  const result = handleCorrection(viewer.actor, requestId, { status, response });
  if (!result.ok) {
    if (result.reason === "not-found") throw new Response("Not found", { status: 404 });
    return json(
      { requestId, result: submission.reply({ formErrors: ["corrections.alreadyHandled"] }) },
      { status: 409 },
    );
  }
  return redirect("/corrections", { headers: { "Set-Cookie": await flashMessage(request, "corrections.handled") } });
}

export default function Corrections() {
  const { requests } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-4">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{t("corrections.title")}</h1>
        <p className="text-slate-700">{t("corrections.intro")}</p>
      </header>
      {requests.length === 0 ? <p className="card">{t("corrections.empty")}</p> : null}
      <ul className="space-y-3" data-testid="corrections">
        {requests.map((r) => {
          const refused = actionData?.requestId === r.id ? actionData.result : undefined;
          const responseError = refused?.error?.response?.[0];
          const formError = refused?.error?.[""]?.[0];
          return (
            <li key={r.id} className="card space-y-2">
              <p className="font-semibold">
                {r.fullName}
                {r.unitName ? <span className="font-normal text-slate-700"> · {r.unitName}</span> : null}
              </p>
              <p className="whitespace-pre-line">{r.body}</p>
              <p className={`text-sm ${r.overdue ? "font-semibold text-red-800" : "text-slate-700"}`}>
                {t(`correction.status.${r.status}`)} ·{" "}
                {r.overdue
                  ? t("correction.overdue")
                  : t("correction.due", { date: formatDate(locale, new Date(r.dueAt)) })}
              </p>
              <p>
                <Link to={`/users/${r.userId}`}>{t("corrections.openPerson")}</Link>
              </p>
              {r.status === "open" ? (
                <Form method="post" className="space-y-2">
                  <FieldError error={formError} />
                  <input type="hidden" name="requestId" value={r.id} />
                  <TextAreaField
                    label={t("corrections.response")}
                    id={`response-${r.id}`}
                    name="response"
                    rows={2}
                    maxLength={2000}
                    defaultValue={
                      typeof refused?.initialValue?.response === "string" ? refused.initialValue.response : ""
                    }
                    error={responseError}
                  />
                  <div className="flex flex-wrap gap-2">
                    <button type="submit" name="status" value="corrected" className="btn">
                      {t("corrections.markCorrected")}
                    </button>
                    <button type="submit" name="status" value="declined" className="btn-secondary">
                      {t("corrections.markDeclined")}
                    </button>
                  </div>
                </Form>
              ) : r.response ? (
                <p className="text-sm">{t("correction.response", { text: r.response })}</p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
