import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { RecentImports, UploadForm } from "~/components/ui/import-review";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { listImportsBy } from "~/models/roster.server";
import { checkRosterFile, MAX_ROSTER_BYTES, MAX_ROSTER_ROWS } from "~/services/roster.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { readUpload } from "~/utils/upload.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "roster.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "roster.import");
  return json({ imports: listImportsBy(viewer.user.id, "staff"), maxRows: MAX_ROSTER_ROWS });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "roster.import");
  const upload = await readUpload(request, MAX_ROSTER_BYTES, {
    tooBig: "roster.error.tooBig",
    missing: "roster.error.noFile",
  });
  if (!upload.ok) return json({ error: upload.error }, { status: 400 });
  const id = await checkRosterFile(viewer, upload.fileName, upload.bytes);
  return redirect(`/roster/${id}`);
}

export default function Roster() {
  const { imports, maxRows } = useLoaderData<typeof loader>();
  const error = useActionData<typeof action>()?.error;
  const t = useT();
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">{t("roster.title")}</h1>
      <p>{t("roster.intro")}</p>
      <p className="flex flex-wrap gap-2">
        <a href="/roster/template/xlsx" className="btn-secondary">
          {t("roster.template")} (.xlsx)
        </a>
        <a href="/roster/template/csv" className="btn-secondary">
          {t("roster.template")} (.csv)
        </a>
      </p>
      <UploadForm error={error} maxRows={maxRows} />
      <RecentImports imports={imports} href={(id) => `/roster/${id}`} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
