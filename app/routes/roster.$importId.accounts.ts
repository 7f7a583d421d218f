import type { ActionFunctionArgs } from "@remix-run/node";
import { downloadAccountSheet } from "~/services/roster.server";
import { attachmentDisposition } from "~/services/spreadsheet.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { idParam, notFound } from "~/utils/http.server";

/**
 * The new accounts' initial passwords as a PDF: one download, then it is gone. A POST, so no
 * link preview or prefetch can use up the only copy.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "roster.import");
  const id = idParam(params.importId);
  const pdf = downloadAccountSheet(viewer, id);
  if (!pdf) throw notFound();
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": attachmentDisposition(`tai-khoan-moi-${id}.pdf`),
      "Cache-Control": "private, no-store",
    },
  });
}
