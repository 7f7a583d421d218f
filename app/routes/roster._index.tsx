import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { FieldError } from "~/components/ui/form";
import { formatDateTime } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { listImportsBy } from "~/models/roster.server";
import { checkRosterFile, MAX_ROSTER_BYTES } from "~/services/roster.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { readUpload } from "~/utils/upload.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "roster.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  requireAnywhere(viewer, "roster.import");
  return json({ imports: listImportsBy(viewer.user.id, "staff") });
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
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
  const { imports } = useLoaderData<typeof loader>();
  const error = useActionData<typeof action>()?.error;
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const busy = navigation.state !== "idle" && navigation.formMethod === "POST";
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
      <Form method="post" encType="multipart/form-data" className="card space-y-3">
        <label htmlFor="roster-file" className="block font-medium">
          {t("roster.file")}
        </label>
        <input
          id="roster-file"
          name="file"
          type="file"
          required
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          className="input"
        />
        <FieldError error={error} />
        <button type="submit" className="btn" disabled={busy}>
          {t("roster.upload")}
        </button>
        {busy ? (
          <div role="status" className="space-y-1">
            <progress className="w-full" aria-label={t("roster.checking")} />
            <p className="text-sm text-slate-700">{t("roster.checking")}</p>
          </div>
        ) : null}
      </Form>
      {imports.length > 0 ? (
        <section aria-labelledby="recent" className="space-y-2">
          <h2 id="recent" className="text-xl font-semibold">
            {t("roster.recent")}
          </h2>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {imports.map((i) => (
              <li key={i.id} className="flex flex-wrap justify-between gap-2 p-3">
                <Link to={`/roster/${i.id}`}>{i.fileName}</Link>
                <span className="text-sm text-slate-600">
                  {formatDateTime(locale, new Date(i.createdAt))} · {t(`roster.status.${i.status}`)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
