import { Form, Link } from "@remix-run/react";
import type { StatusFilter } from "~/domain/indicator";
import { localName } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";

export interface FilterOptions {
  courses: { slug: string; title: string }[];
  tiers: { code: string; nameVi: string; nameEn: string }[];
  positions: { code: string; nameVi: string; nameEn: string }[];
}

export interface FilterValues {
  course?: string;
  tier?: string;
  position?: string;
  status?: StatusFilter;
}

/** The query string of a report page: the same filters carried from page to page and into exports. */
export function reportSearch(values: FilterValues, extra: Record<string, string | number> = {}): string {
  const params = new URLSearchParams();
  if (values.course) params.set("course", values.course);
  if (values.tier) params.set("tier", values.tier);
  if (values.position) params.set("position", values.position);
  if (values.status && values.status !== "all") params.set("status", values.status);
  for (const [key, value] of Object.entries(extra)) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Filters as a plain GET form: works without JavaScript and gives a shareable address. */
export function ReportFilterForm({
  options,
  values,
  statuses,
}: {
  options: FilterOptions;
  values: FilterValues;
  statuses?: readonly StatusFilter[];
}) {
  const t = useT();
  const locale = useLocale();
  const select = (
    name: string,
    label: string,
    value: string | undefined,
    choices: { value: string; label: string }[],
    any: string,
  ) => (
    <div className="min-w-0 flex-1 basis-40">
      <label htmlFor={`filter-${name}`} className="block text-sm font-medium">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""} className="input">
        <option value="">{any}</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <Form method="get" className="card flex flex-wrap items-end gap-3 no-print" aria-label={t("reports.filters")}>
      {select(
        "course",
        t("reports.filter.course"),
        values.course,
        options.courses.map((c) => ({ value: c.slug, label: c.title })),
        t("reports.filter.allCourses"),
      )}
      {select(
        "tier",
        t("reports.filter.tier"),
        values.tier,
        options.tiers.map((c) => ({ value: c.code, label: localName(locale, c) })),
        t("reports.filter.any"),
      )}
      {select(
        "position",
        t("reports.filter.position"),
        values.position,
        options.positions.map((c) => ({ value: c.code, label: localName(locale, c) })),
        t("reports.filter.any"),
      )}
      {statuses ? (
        <div className="min-w-0 flex-1 basis-40">
          <label htmlFor="filter-status" className="block text-sm font-medium">
            {t("reports.filter.status")}
          </label>
          <select id="filter-status" name="status" defaultValue={values.status ?? "all"} className="input">
            {statuses.map((s) => (
              <option key={s} value={s}>
                {t(`reports.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <button type="submit" className="btn">
        {t("reports.filter.apply")}
      </button>
    </Form>
  );
}

/** Download links for the current view, the filters included. */
export function ExportLinks({
  unitId,
  view,
  values,
}: {
  unitId: number;
  view: "units" | "people";
  values: FilterValues;
}) {
  const t = useT();
  return (
    <div className="space-y-1 no-print">
      <p className="flex flex-wrap items-center gap-2">
        <span className="font-medium">
          {t("reports.export")} ({view === "units" ? t("reports.exportUnits") : t("reports.exportPeople")}):
        </span>
        {(["xlsx", "csv"] as const).map((format) => (
          <Link
            key={format}
            reloadDocument
            to={`/reports/${unitId}/export/${format}${reportSearch(values, { view })}`}
            className="btn-secondary"
          >
            .{format}
          </Link>
        ))}
      </p>
      {/* The table by unit carries percentages: say how they are rounded, as its file does. */}
      {view === "units" ? <p className="text-sm text-slate-600">{t("reports.roundingNote")}</p> : null}
    </div>
  );
}
