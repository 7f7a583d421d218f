import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { RecentImports, UploadForm } from "~/components/ui/import-review";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { listImportsBy } from "~/models/roster.server";
import { MAX_ROSTER_BYTES } from "~/services/roster.server";
import { checkUnitFile, MAX_UNIT_ROWS } from "~/services/unit-list.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { readUpload } from "~/utils/upload.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "units.import");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "unit.edit");
  return json({ imports: listImportsBy(viewer.user.id, "units"), maxRows: MAX_UNIT_ROWS });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "unit.edit");
  const upload = await readUpload(request, MAX_ROSTER_BYTES, {
    tooBig: "roster.error.tooBig",
    missing: "roster.error.noFile",
  });
  if (!upload.ok) return json({ error: upload.error }, { status: 400 });
  const id = await checkUnitFile(viewer, upload.fileName, upload.bytes);
  return redirect(`/units/import/${id}`);
}

export default function UnitImport() {
  const { imports, maxRows } = useLoaderData<typeof loader>();
  const error = useActionData<typeof action>()?.error;
  const t = useT();
  return (
    <div className="space-y-5">
      <p className="text-sm">
        <Link to="/units">← {t("units.title")}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("units.import")}</h1>
      <p>{t("units.import.intro")}</p>
      <UploadForm error={error} maxRows={maxRows} />
      <RecentImports imports={imports} href={(id) => `/units/import/${id}`} />
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
