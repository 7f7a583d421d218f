import fs from "node:fs";
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { backupFilePath, recordBackupDownload } from "~/services/backups.server";
import { requireWholeTree } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { getEnv } from "~/utils/env.server";
import { notFound } from "~/utils/http.server";

/** One backup file, for administrators at the root of the tree; each download is audited. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireWholeTree(viewer, "backup.manage");
  // Only a name of the backups' own form, looked up in the folder: never a path.
  const file = backupFilePath(getEnv().BACKUP_DIR, params.name ?? "");
  if (!file) throw notFound();
  recordBackupDownload(viewer.user.id, params.name as string);
  return new Response(createReadableStreamFromReadable(fs.createReadStream(file)), {
    headers: {
      "Content-Type": "application/gzip",
      "Content-Length": String(fs.statSync(file).size),
      "Content-Disposition": `attachment; filename="${params.name}"`,
      "Cache-Control": "no-store",
    },
  });
}
