import type { LoaderFunctionArgs } from "@remix-run/node";
import { rosterTemplateCsv, rosterTemplateXlsx } from "~/services/roster.server";
import { attachmentDisposition, CSV_MIME, csvStream, XLSX_MIME } from "~/services/spreadsheet.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";

/** The roster template, with the positions and the unit codes of the manager's area. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "roster.import");
  if (params.format === "xlsx")
    return new Response(new Uint8Array(await rosterTemplateXlsx(viewer)), {
      headers: { "Content-Type": XLSX_MIME, "Content-Disposition": attachmentDisposition("mau-danh-sach-can-bo.xlsx") },
    });
  if (params.format === "csv")
    return new Response(csvStream(rosterTemplateCsv()), {
      headers: { "Content-Type": CSV_MIME, "Content-Disposition": attachmentDisposition("mau-danh-sach-can-bo.csv") },
    });
  throw notFound();
}
