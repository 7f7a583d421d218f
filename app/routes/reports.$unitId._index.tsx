import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { TrendChart, UnitBarChart } from "~/components/ui/indicator-charts";
import { ExportLinks, ReportFilterForm, reportSearch } from "~/components/ui/report-filters";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { formatDate, formatNumber, formatPercent, type Locale, localName } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { pageContext, type UnitLine, unitDashboard } from "~/services/reports.server";
import { requireViewer } from "~/utils/auth.server";
import { idParam } from "~/utils/http.server";
import { parseReportQuery } from "~/validation/reports";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reports.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const query = parseReportQuery(new URL(request.url));
  const dashboard = unitDashboard(viewer, idParam(params.unitId), query);
  return json({
    ...pageContext(dashboard.context),
    today: dashboard.today,
    ancestors: dashboard.ancestors,
    total: dashboard.total,
    children: dashboard.children,
    trend: dashboard.trend,
    events: dashboard.events,
  });
}

function monthLabel(locale: Locale, month: string, now: string): string {
  if (month === "now") return now;
  const [year, m] = month.split("-");
  return locale === "vi" ? `${Number(m)}/${year}` : `${m}/${year}`;
}

export default function UnitReport() {
  const { unit, values, ignored, options, today, ancestors, total, children, trend, events } =
    useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const search = reportSearch(values);
  const percent = (value: number | null) => (value === null ? t("reports.noData") : formatPercent(locale, value));
  const number = (value: number) => formatNumber(locale, value);
  const peopleLink = (unitId: number, status?: "overdue" | "not_trained" | "expiring") =>
    `/reports/${unitId}/people${reportSearch({ ...values, status })}`;
  const columns: { key: keyof UnitLine["counts"]; label: string }[] = [
    { key: "assigned", label: t("reports.assigned") },
    { key: "trained", label: t("reports.trained") },
    { key: "inProgress", label: t("reports.inProgress") },
    { key: "notStarted", label: t("reports.notStarted") },
    { key: "overdue", label: t("reports.overdue") },
    { key: "expired", label: t("reports.expired") },
    { key: "expiringSoon", label: t("reports.expiringSoon") },
    { key: "trainedInPerson", label: t("reports.inPerson") },
  ];
  const coverage = (line: Pick<UnitLine, "coverage">) =>
    line.coverage
      ? t("reports.coverageValue", { covered: number(line.coverage.covered), total: number(line.coverage.total) })
      : "—";

  return (
    <div className="space-y-5">
      {ancestors.length > 0 ? (
        <nav aria-label={t("reports.title")} className="text-sm no-print">
          <ol className="flex flex-wrap gap-1">
            {ancestors.map((a) => (
              <li key={a.id}>
                <Link to={`/reports/${a.id}${search}`}>{a.name}</Link> ›
              </li>
            ))}
          </ol>
        </nav>
      ) : null}
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{unit.name}</h1>
        <p className="text-slate-700">
          {t("reports.title")} · {localName(locale, { nameVi: unit.tierNameVi, nameEn: unit.tierNameEn })}
        </p>
        <p className="text-sm text-slate-600">{t("reports.asOf", { date: formatDate(locale, today) })}</p>
      </header>

      <ReportFilterForm options={options} values={values} />
      {ignored ? (
        <p role="status" className="text-amber-800">
          {t("reports.filter.ignored")}
        </p>
      ) : null}

      <section aria-labelledby="summary" className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <h2 id="summary" className="sr-only">
          {t("reports.wholeUnit", { name: unit.name })}
        </h2>
        <div className="card col-span-2 sm:col-span-1">
          <p className="text-sm text-slate-600">{t("reports.trained")}</p>
          <p className="text-3xl font-semibold" data-testid="percent-trained">
            {percent(total.percent)}
          </p>
          <p className="text-sm" data-testid="trained-count">
            {t("reports.countOf", { trained: number(total.counts.trained), assigned: number(total.counts.assigned) })}
          </p>
        </div>
        <div className="card">
          <p className="text-sm text-slate-600">{t("reports.overdue")}</p>
          <p className="text-2xl font-semibold">
            <Link to={peopleLink(unit.id, "overdue")}>{number(total.counts.overdue)}</Link>
          </p>
        </div>
        <div className="card">
          <p className="text-sm text-slate-600">{t("reports.expiringSoon")}</p>
          <p className="text-2xl font-semibold">
            <Link to={peopleLink(unit.id, "expiring")}>{number(total.counts.expiringSoon)}</Link>
          </p>
        </div>
        <div className="card col-span-2 sm:col-span-1">
          <p className="text-sm text-slate-600">{t("reports.coverage")}</p>
          <p className="text-xl font-semibold">{coverage(total)}</p>
        </div>
      </section>
      <p className="text-sm text-slate-700" data-testid="trained-how">
        {t("reports.inPerson")}: {number(total.counts.trainedInPerson)} · {t("reports.online")}:{" "}
        {number(total.counts.trained - total.counts.trainedInPerson)} · {t("reports.eventsHeld")}: {number(events.held)}{" "}
        · {t("reports.eventsInvited")}: {number(events.invited)} · {t("reports.eventsAttended")}:{" "}
        {number(events.attended)}
      </p>
      <p className="text-sm text-slate-700">{t("reports.target")}</p>
      <p className="flex flex-wrap gap-3 no-print">
        <Link to={peopleLink(unit.id)} className="btn">
          {t("reports.people")}
        </Link>
        <Link to={peopleLink(unit.id, "not_trained")} className="btn-secondary">
          {t("reports.peopleNotTrained")}
        </Link>
        <Link to={peopleLink(unit.id, "overdue")} className="btn-secondary">
          {t("reports.peopleOverdue")}
        </Link>
      </p>

      <section aria-labelledby="by-unit" className="space-y-3">
        <h2 id="by-unit" className="text-xl font-semibold">
          {t("reports.byUnit")}
        </h2>
        {children.length === 0 ? (
          <p className="text-slate-600">{t("reports.noChildren")}</p>
        ) : (
          <>
            <UnitBarChart
              title={t("reports.chartTitle")}
              targetLabel={t("reports.targetLabel")}
              noData={t("reports.noData")}
              formatPercent={(value) => formatPercent(locale, value)}
              formatCount={(trained, assigned) =>
                t("reports.countOf", { trained: number(trained), assigned: number(assigned) })
              }
              rows={children.map((c) => ({
                key: String(c.unitId),
                label: c.name,
                href: `/reports/${c.unitId}${search}`,
                percent: c.percent,
                trained: c.counts.trained,
                assigned: c.counts.assigned,
              }))}
            />
            <ScrollRegion label={t("reports.unit")}>
              <table className="table table-cards" data-testid="unit-table">
                <thead>
                  <tr>
                    <th scope="col">{t("reports.unit")}</th>
                    <th scope="col">{t("reports.percent")}</th>
                    {columns.map((c) => (
                      <th key={c.key} scope="col" className="text-right">
                        {c.label}
                      </th>
                    ))}
                    <th scope="col">{t("reports.coverageShort")}</th>
                  </tr>
                </thead>
                <tbody>
                  {[total, ...children].map((line, index) => (
                    <tr key={line.unitId} className={index === 0 ? "bg-slate-50 font-semibold" : undefined}>
                      <th scope="row" className="font-medium">
                        {index === 0 ? (
                          t("reports.wholeUnit", { name: line.name })
                        ) : (
                          <Link to={`/reports/${line.unitId}${search}`}>{line.name}</Link>
                        )}
                      </th>
                      <td data-label={t("reports.percent")}>{percent(line.percent)}</td>
                      {columns.map((c) => (
                        <td key={c.key} data-label={c.label} className="text-right tabular-nums">
                          {number(line.counts[c.key])}
                        </td>
                      ))}
                      <td data-label={t("reports.coverageShort")}>{coverage(line)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </>
        )}
        <ExportLinks unitId={unit.id} view="units" values={values} />
        <ExportLinks unitId={unit.id} view="people" values={values} />
      </section>

      <section aria-labelledby="trend" className="space-y-2">
        <h2 id="trend" className="text-xl font-semibold">
          {t("reports.trend")}
        </h2>
        {trend ? (
          <TrendChart
            title={t("reports.trend")}
            targetLabel={t("reports.targetLabel")}
            emptyText={t("reports.trendEmpty")}
            noData={t("reports.noData")}
            formatPercent={(value) => formatPercent(locale, value)}
            points={trend.map((p) => ({ label: monthLabel(locale, p.month, t("reports.now")), percent: p.percent }))}
          />
        ) : (
          <p className="text-slate-600">{t("reports.trendFiltered")}</p>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
