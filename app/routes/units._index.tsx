import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { UnitStatusBadge } from "~/components/ui/unit-status";
import { canAnywhere, scopeRoots } from "~/domain/access";
import { localName } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { countChildren, listUnitsByIds, searchUnits } from "~/models/units.server";
import { requireAnywhere, scopePaths } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "units.title");

const QuerySchema = z.object({ q: z.string().max(100).optional().catch(undefined) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "unit.view");
  const { q } = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const query = q?.trim() ?? "";
  const units = query
    ? searchUnits(query, scopePaths(viewer, "unit.view"))
    : listUnitsByIds(scopeRoots(viewer.actor, "unit.view").map((g) => g.unitId));
  const childCounts = countChildren(units.map((u) => u.id));
  return json({
    query,
    canReform: canAnywhere(viewer.actor, "unit.edit"),
    units: units.map((u) => ({
      id: u.id,
      code: u.code,
      name: u.name,
      status: u.status,
      tierNameVi: u.tierNameVi,
      tierNameEn: u.tierNameEn,
      children: childCounts.get(u.id) ?? 0,
    })),
  });
}

export default function Units() {
  const { query, units, canReform } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("units.title")}</h1>
        {canReform ? (
          <span className="flex flex-wrap gap-2">
            <Link to="/units/import" className="btn-secondary">
              {t("units.import")}
            </Link>
            <Link to="/units/reforms" className="btn-secondary">
              {t("units.reforms")}
            </Link>
          </span>
        ) : null}
      </div>
      <Form method="get" role="search" className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor="unit-search" className="block font-medium">
            {t("units.search")}
          </label>
          <input
            id="unit-search"
            name="q"
            type="search"
            defaultValue={query}
            placeholder={t("units.searchPlaceholder")}
            className="input"
          />
        </div>
        <button type="submit" className="btn">
          {t("units.searchSubmit")}
        </button>
      </Form>
      {units.length === 0 ? (
        <p className="text-slate-600">{t("units.noResults")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {units.map((unit) => (
            <li key={unit.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <div>
                <Link to={`/units/${unit.id}`} className="font-medium">
                  {unit.name}
                </Link>
                <p className="text-sm text-slate-600">
                  {localName(locale, { nameVi: unit.tierNameVi, nameEn: unit.tierNameEn })} · {t("units.code")}{" "}
                  {unit.code}
                  {unit.children > 0 ? ` · ${t("units.children")}: ${unit.children}` : ""}
                </p>
              </div>
              <UnitStatusBadge status={unit.status} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
