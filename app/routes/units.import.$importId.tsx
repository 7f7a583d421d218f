import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { CommitRefusal, ConfirmImport, FILE_ERRORS, ImportCounts, ImportProblems } from "~/components/ui/import-review";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { formatNumber } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { commitUnitImport, MAX_UNIT_ROWS, requireUnitImport } from "~/services/unit-list.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { flashMessage } from "~/utils/flash.server";
import { idParam } from "~/utils/http.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "units.import");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "unit.edit");
  const stored = requireUnitImport(viewer, idParam(params.importId));
  const { preview } = stored;
  return json({
    fileName: stored.fileName,
    status: stored.status,
    counts: preview.counts,
    problems: preview.problems.slice(0, 1000),
    moreProblems: Math.max(0, preview.problems.length - 1000),
    actions: preview.actions.slice(0, 500),
    moreActions: Math.max(0, preview.actions.length - 500),
    rowCount: preview.rowCount,
    fileError: preview.fileError,
    maxRows: MAX_UNIT_ROWS,
    result: preview.result ?? null,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "unit.edit");
  const id = idParam(params.importId);
  const result = await commitUnitImport(viewer, id);
  if (!result.ok) return json({ reason: result.reason }, { status: 409 });
  return redirect(`/units/import/${id}`, {
    headers: { "Set-Cookie": await flashMessage(request, "roster.committed") },
  });
}

export default function UnitImportPreview() {
  const data = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const kinds = ["create", "rename", "move", "rename-move", "unchanged"] as const;
  const changes = data.counts.create + data.counts.rename + data.counts.move + data.counts["rename-move"];
  return (
    <div className="space-y-5">
      <p className="text-sm">
        <Link to="/units/import">← {t("units.import")}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("roster.preview", { file: data.fileName })}</h1>
      <CommitRefusal reason={failed?.reason} />
      {data.fileError ? (
        <p role="alert" className="card text-red-800">
          {t(FILE_ERRORS[data.fileError], { rows: formatNumber(locale, data.maxRows) })}
        </p>
      ) : (
        <ImportCounts
          counts={[
            ...kinds.map((k) => ({ label: t(`units.import.${k}`), value: data.counts[k] })),
            { label: t("roster.errors"), value: data.counts.errors },
          ]}
        />
      )}
      <ImportProblems problems={data.problems} more={data.moreProblems} />
      {data.result ? (
        <p className="card text-green-800">
          {t("units.import.result", {
            created: data.result.created,
            renamed: data.result.renamed,
            moved: data.result.moved,
          })}
        </p>
      ) : null}
      {data.actions.length > 0 ? (
        <ScrollRegion label={t("units.import")}>
          <table className="table table-cards">
            <thead>
              <tr>
                <th scope="col">{t("roster.row")}</th>
                <th scope="col">{t("units.code")}</th>
                <th scope="col">{t("units.name")}</th>
                <th scope="col">{t("units.tier")}</th>
                <th scope="col">{t("units.parent")}</th>
                <th scope="col">{t("reports.status")}</th>
              </tr>
            </thead>
            <tbody>
              {data.actions.map((a) => (
                <tr key={a.row}>
                  <td data-label={t("roster.row")}>{a.row}</td>
                  <td data-label={t("units.code")}>{a.code}</td>
                  <td data-label={t("units.name")}>{a.name}</td>
                  <td data-label={t("units.tier")}>{a.tier}</td>
                  <td data-label={t("units.parent")}>{a.parentCode}</td>
                  <td data-label={t("reports.status")}>{t(`units.import.${a.kind}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.moreActions > 0 ? <p>{t("roster.moreRows", { count: data.moreActions })}</p> : null}
        </ScrollRegion>
      ) : null}
      {data.status === "checked" && !data.fileError && data.problems.length === 0 && changes > 0 ? (
        <ConfirmImport changes={changes} />
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
