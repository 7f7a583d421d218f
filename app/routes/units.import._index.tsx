import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { FieldError } from "~/components/ui/form";
import { formatDateTime } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { listImportsBy } from "~/models/roster.server";
import { MAX_ROSTER_BYTES } from "~/services/roster.server";
import { checkUnitFile } from "~/services/unit-list.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { readUpload } from "~/utils/upload.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "units.import");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  requireAnywhere(viewer, "unit.edit");
  return json({ imports: listImportsBy(viewer.user.id, "units") });
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
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
  const { imports } = useLoaderData<typeof loader>();
  const error = useActionData<typeof action>()?.error;
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const busy = navigation.state !== "idle" && navigation.formMethod === "POST";
  return (
    <div className="space-y-5">
      <p className="text-sm">
        <Link to="/units">← {t("units.title")}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("units.import")}</h1>
      <p>{t("units.import.intro")}</p>
      <Form method="post" encType="multipart/form-data" className="card space-y-3">
        <label htmlFor="unit-file" className="block font-medium">
          {t("roster.file")}
        </label>
        <input id="unit-file" name="file" type="file" required accept=".xlsx,.csv" className="input" />
        <FieldError error={error} />
        <button type="submit" className="btn" disabled={busy}>
          {t("roster.upload")}
        </button>
        {busy ? <progress className="w-full" aria-label={t("roster.checking")} /> : null}
      </Form>
      {imports.length > 0 ? (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {imports.map((i) => (
            <li key={i.id} className="flex flex-wrap justify-between gap-2 p-3">
              <Link to={`/units/import/${i.id}`}>{i.fileName}</Link>
              <span className="text-sm text-slate-600">
                {formatDateTime(locale, new Date(i.createdAt))} · {t(`roster.status.${i.status}`)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
