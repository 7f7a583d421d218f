import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { ExportLinks, ReportFilterForm, reportSearch } from "~/components/ui/report-filters";
import { STATUS_FILTERS } from "~/domain/indicator";
import { formatDate, formatNumber, localName } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { pageContext, unitPeople } from "~/services/reports.server";
import { requireViewer } from "~/utils/auth.server";
import { idParam } from "~/utils/http.server";
import { parseReportQuery } from "~/validation/reports";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reports.people");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const query = parseReportQuery(new URL(request.url));
  const people = unitPeople(viewer, idParam(params.unitId), query);
  return json({
    ...pageContext(people.context),
    today: people.today,
    lines: people.lines,
    total: people.total,
    expected: people.expected,
    page: people.page,
    pages: people.pages,
  });
}

const STATUS_STYLE = {
  completed: "bg-green-100 text-green-900",
  in_progress: "bg-sky-100 text-sky-900",
  not_started: "bg-slate-100 text-slate-800",
  overdue: "bg-red-100 text-red-900",
  expired: "bg-amber-100 text-amber-900",
} as const;

export default function UnitPeople() {
  const { unit, values, ignored, options, today, lines, total, expected, page, pages } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const pageLink = (n: number) => `/reports/${unit.id}/people${reportSearch(values, n > 1 ? { page: n } : {})}`;
  return (
    <div className="space-y-4">
      <p className="text-sm no-print">
        <Link to={`/reports/${unit.id}${reportSearch({ ...values, status: undefined })}`}>
          ← {t("reports.back", { name: unit.name })}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">
        {t("reports.people")} — {unit.name}
      </h1>
      <p className="text-sm text-slate-600">{t("reports.asOf", { date: formatDate(locale, today) })}</p>
      <ReportFilterForm options={options} values={values} statuses={STATUS_FILTERS} />
      {ignored ? (
        <p role="status" className="text-amber-800">
          {t("reports.filter.ignored")}
        </p>
      ) : null}
      <p data-testid="people-count">
        {t("reports.matches", { count: formatNumber(locale, total), expected: formatNumber(locale, expected) })}
      </p>
      <ExportLinks unitId={unit.id} view="people" values={values} />
      {lines.length === 0 ? (
        <p className="text-slate-600">{t("reports.noPeople")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {lines.map((person) => (
            <li key={person.userId} className="space-y-1 p-3" data-testid="person">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <Link to={`/users/${person.userId}`} className="font-medium">
                  {person.fullName}
                </Link>
                <span className={`rounded px-2 py-0.5 text-sm ${STATUS_STYLE[person.status]}`}>
                  {t(`home.status.${person.status}`)}
                  {person.expiringSoon ? ` · ${t("reports.status.expiring")}` : ""}
                </span>
              </div>
              <p className="text-sm text-slate-700">
                {person.placements
                  .map((p) => (p.position ? `${p.unitName} · ${localName(locale, p.position)}` : p.unitName))
                  .join("; ")}
              </p>
              <ul className="space-y-0.5 text-sm">
                {person.courses.map((c) => (
                  <li key={c.courseId}>
                    {c.title}: <strong>{t(`home.status.${c.status}`)}</strong>
                    {c.status === "completed" && c.inPerson ? ` · ${t("reports.inPerson")}` : ""}
                    {c.status === "completed" && c.certificateExpiresOn
                      ? ` (${t("reports.expiresOn", { date: formatDate(locale, c.certificateExpiresOn) })})`
                      : ` (${t("reports.dueOn", { date: formatDate(locale, c.dueOn) })})`}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav className="flex flex-wrap items-center gap-3 no-print" aria-label={t("reports.page", { page, pages })}>
          {page > 1 ? (
            <Link to={pageLink(page - 1)} className="btn-secondary" rel="prev">
              {t("reports.previous")}
            </Link>
          ) : null}
          <span>{t("reports.page", { page, pages })}</span>
          {page < pages ? (
            <Link to={pageLink(page + 1)} className="btn-secondary" rel="next">
              {t("reports.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
