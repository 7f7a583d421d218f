import type { LoaderFunctionArgs } from "@remix-run/node";
import { todayInVietnam } from "~/i18n";
import { personalDataOf } from "~/services/personal-data.server";
import { attachmentDisposition } from "~/services/spreadsheet.server";
import { requireViewer } from "~/utils/auth.server";

/** Everything held about the signed-in person, as one JSON file (the right to access and to portability). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const body = JSON.stringify(personalDataOf(viewer.user.id), null, 2);
  return new Response(body, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": attachmentDisposition(`du-lieu-cua-toi-${todayInVietnam()}.json`),
      "Cache-Control": "private, no-store",
    },
  });
}
