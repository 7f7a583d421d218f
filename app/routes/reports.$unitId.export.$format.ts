import type { LoaderFunctionArgs } from "@remix-run/node";
import { todayInVietnam } from "~/i18n";
import { dashboardSheet, exportFileName, peopleSheet, reportContext, unitDashboard } from "~/services/reports.server";
import { attachmentDisposition, CSV_MIME, csvStream, XLSX_MIME, xlsxStream } from "~/services/spreadsheet.server";
import { requireViewer } from "~/utils/auth.server";
import { idParam, notFound } from "~/utils/http.server";
import { resolveLocale } from "~/utils/locale.server";
import { ExportParamsSchema, parseReportQuery } from "~/validation/reports";

/** The dashboard's table or its list of people, with the filters on screen, as .xlsx or .csv (streamed). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const url = new URL(request.url);
  const parsed = ExportParamsSchema.safeParse({
    format: params.format,
    view: url.searchParams.get("view") ?? undefined,
  });
  if (!parsed.success) throw notFound();
  const { format, view } = parsed.data;
  const unitId = idParam(params.unitId);
  const query = parseReportQuery(url);
  const locale = await resolveLocale(request, viewer);
  const today = todayInVietnam();
  // The list of people needs only the report's context, not the dashboard's sums.
  const dashboard = view === "units" ? unitDashboard(viewer, unitId, query, today) : null;
  const report = dashboard?.context ?? reportContext(viewer, unitId, query);
  const sheet = dashboard
    ? dashboardSheet(dashboard, locale)
    : peopleSheet(viewer, unitId, query, locale, today, request.signal);
  return new Response(format === "xlsx" ? xlsxStream(sheet) : csvStream(sheet), {
    headers: {
      "Content-Type": format === "xlsx" ? XLSX_MIME : CSV_MIME,
      "Content-Disposition": attachmentDisposition(exportFileName(report, view, today, format)),
      "Cache-Control": "private, no-store",
    },
  });
}
