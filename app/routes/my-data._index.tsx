import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { FieldError, formProps, TextAreaField, useValidatedForm } from "~/components/ui/form";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { correctionDueAt } from "~/domain/privacy";
import { formatDate, isMessageKey, localName } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { listPlacements } from "~/models/users.server";
import { personalDataOf } from "~/services/personal-data.server";
import {
  contactConsentOf,
  correctionForPage,
  correctionsOf,
  requestCorrection,
  setContactConsent,
} from "~/services/privacy.server";
import { requireViewer } from "~/utils/auth.server";
import { getEnv } from "~/utils/env.server";
import { flashMessage } from "~/utils/flash.server";
import { badRequest } from "~/utils/http.server";
import { readForm } from "~/utils/request.server";
import { parseSubmission } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "myData.title");

const CorrectionSchema = z.object({
  intent: z.literal("correction"),
  body: z
    .string({ required_error: "myData.correction.tooShort" })
    .trim()
    .min(10, "myData.correction.tooShort")
    .max(2000, "myData.correction.tooLong"),
});

const ConsentSchema = z.object({ intent: z.literal("consent"), granted: z.enum(["yes", "no"]) });

/** "Dữ liệu của tôi": what is held about the signed-in person, and their requests about it. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const now = new Date();
  const held = personalDataOf(viewer.user.id, now);
  const consent = contactConsentOf(viewer.user.id);
  return json({
    profile: {
      fullName: viewer.user.fullName,
      username: viewer.user.username,
      phone: viewer.user.phone,
      email: viewer.user.email,
    },
    placements: listPlacements(viewer.user.id).map((p) => ({
      id: p.id,
      unitName: p.unitName,
      positionNameVi: p.positionNameVi,
      positionNameEn: p.positionNameEn,
      startDate: p.startDate,
      endDate: p.endDate,
    })),
    records: [
      ...Object.entries(held.tables).map(([table, rows]) => ({ table, count: rows.length })),
      { table: "changes", count: held.changesAboutThem.length },
    ].filter((r) => r.count > 0),
    consent: { granted: consent.granted, at: consent.at?.getTime() ?? null },
    dueIfAskedNow: correctionDueAt(now, getEnv().PRIVACY_RESPONSE_DAYS).getTime(),
    corrections: correctionsOf(viewer.user.id).map((c) => correctionForPage(c, now)),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const form = await readForm(request);
  if (form.get("intent") === "consent") {
    const consent = ConsentSchema.safeParse(Object.fromEntries(form));
    if (!consent.success) throw badRequest();
    setContactConsent(viewer.user.id, consent.data.granted === "yes");
    return redirect("/my-data", { headers: { "Set-Cookie": await flashMessage(request, "myData.consent.saved") } });
  }
  const submission = parseSubmission(form, CorrectionSchema);
  if (submission.status !== "success") return json({ result: submission.reply() }, { status: 400 });
  requestCorrection(viewer.user.id, submission.value.body, getEnv().PRIVACY_RESPONSE_DAYS);
  return redirect("/my-data", { headers: { "Set-Cookie": await flashMessage(request, "myData.correction.sent") } });
}

export default function MyData() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useValidatedForm(CorrectionSchema, actionData?.result);
  const tableLabel = (table: string) => {
    if (table === "changes") return t("audit.title");
    const key = `privacy.table.${table}`;
    return isMessageKey(key) ? t(key) : table;
  };
  return (
    <div className="space-y-4">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{t("myData.title")}</h1>
        <p className="text-slate-700">{t("myData.intro")}</p>
      </header>

      <section className="card space-y-2" aria-labelledby="profile-title">
        <h2 id="profile-title" className="text-xl font-semibold">
          {t("myData.profile")}
        </h2>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">{t("myData.fullName")}</dt>
          <dd>{data.profile.fullName}</dd>
          <dt className="font-medium">{t("myData.username")}</dt>
          <dd>{data.profile.username}</dd>
          <dt className="font-medium">{t("myData.phone")}</dt>
          <dd>{data.profile.phone ?? t("myData.notGiven")}</dd>
          <dt className="font-medium">{t("myData.email")}</dt>
          <dd>{data.profile.email ?? t("myData.notGiven")}</dd>
        </dl>
        {data.placements.length > 0 ? (
          <>
            <h3 className="pt-2 font-semibold">{t("myData.placements")}</h3>
            <ul className="list-disc pl-6">
              {data.placements.map((p) => (
                <li key={p.id}>
                  {localName(locale, { nameVi: p.positionNameVi, nameEn: p.positionNameEn })} · {p.unitName} (
                  {formatDate(locale, p.startDate)} – {p.endDate ? formatDate(locale, p.endDate) : t("myData.current")})
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section className="card space-y-2" aria-labelledby="records-title">
        <h2 id="records-title" className="text-xl font-semibold">
          {t("myData.records")}
        </h2>
        <ScrollRegion label={t("myData.records")}>
          <table className="table" data-testid="my-data-records">
            <thead>
              <tr>
                <th scope="col">{t("myData.kind")}</th>
                <th scope="col">{t("myData.count")}</th>
              </tr>
            </thead>
            <tbody>
              {data.records.map((r) => (
                <tr key={r.table}>
                  <td>{tableLabel(r.table)}</td>
                  <td>{r.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
        <p>
          <a href="/my-data.json" className="btn-secondary" download>
            {t("myData.download")}
          </a>
        </p>
        <p className="text-sm text-slate-600">{t("myData.downloadHint")}</p>
      </section>

      <section className="card space-y-2" aria-labelledby="consent-title">
        <h2 id="consent-title" className="text-xl font-semibold">
          {t("myData.consent.title")}
        </h2>
        <p data-testid="contact-consent">
          {data.consent.granted
            ? t("myData.consent.granted", { date: formatDate(locale, new Date(data.consent.at ?? 0)) })
            : t("myData.consent.withdrawn")}
        </p>
        <Form method="post">
          <input type="hidden" name="intent" value="consent" />
          <input type="hidden" name="granted" value={data.consent.granted ? "no" : "yes"} />
          <button type="submit" className="btn-secondary">
            {data.consent.granted ? t("myData.consent.withdraw") : t("myData.consent.give")}
          </button>
        </Form>
      </section>

      <section className="card space-y-3" aria-labelledby="correction-title">
        <h2 id="correction-title" className="text-xl font-semibold">
          {t("myData.correction.title")}
        </h2>
        <p>{t("myData.correction.intro", { date: formatDate(locale, new Date(data.dueIfAskedNow)) })}</p>
        <Form method="post" className="space-y-3" {...formProps(form)}>
          <input type="hidden" name="intent" value="correction" />
          <FieldError id={form.errorId} error={form.errors?.[0]} />
          <TextAreaField label={t("myData.correction.body")} meta={fields.body} rows={4} maxLength={2000} />
          <button type="submit" className="btn">
            {t("myData.correction.submit")}
          </button>
        </Form>
        {data.corrections.length > 0 ? (
          <>
            <h3 className="font-semibold">{t("myData.correction.mine")}</h3>
            <ul className="space-y-2" data-testid="my-corrections">
              {data.corrections.map((c) => (
                <li key={c.id} className="rounded border border-slate-200 p-2">
                  <p className="whitespace-pre-line">{c.body}</p>
                  <p className="text-sm text-slate-700">
                    {t(`correction.status.${c.status}`)} ·{" "}
                    {c.overdue
                      ? t("correction.overdue")
                      : t("correction.due", { date: formatDate(locale, new Date(c.dueAt)) })}
                  </p>
                  {c.response ? <p className="text-sm">{t("correction.response", { text: c.response })}</p> : null}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
