import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { formatBytes } from "~/domain/request-limits";
import { formatDateTime } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { backupsForAdmin } from "~/services/backups.server";
import { requireWholeTree } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { getEnv } from "~/utils/env.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "backups.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireWholeTree(viewer, "backup.manage");
  const env = getEnv();
  return json({ runs: backupsForAdmin(env.BACKUP_DIR), schedule: env.BACKUP_SCHEDULE });
}

export default function Backups() {
  const { runs, schedule } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("backups.title")}</h1>
      <p className="text-slate-700">
        {t("backups.intro", { schedule: schedule === "off" ? t("backups.scheduleOff") : schedule })}
      </p>
      {runs.length === 0 ? (
        <p className="text-slate-600">{t("backups.empty")}</p>
      ) : (
        <ScrollRegion label={t("backups.title")} className="rounded-lg border border-slate-200 bg-white">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("backups.when")}</th>
                <th scope="col">{t("backups.result")}</th>
                <th scope="col">{t("backups.size")}</th>
                <th scope="col">{t("backups.offsite")}</th>
                <th scope="col">{t("backups.file")}</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.startedAt}>
                  <td className="whitespace-nowrap">{formatDateTime(locale, new Date(run.startedAt))}</td>
                  <td>{run.ok ? t("backups.ok") : t("backups.failed", { error: run.error ?? "" })}</td>
                  <td className="whitespace-nowrap">{run.bytes === null ? "—" : formatBytes(run.bytes, locale)}</td>
                  <td>
                    {run.upload === null
                      ? t("backups.offsiteNone")
                      : run.upload.ok
                        ? t("backups.offsiteOk")
                        : t("backups.offsiteFailed", { error: run.upload.error ?? "" })}
                  </td>
                  <td>
                    {run.file && run.kept ? (
                      <a href={`/admin/backups/${run.file}`} download className="underline">
                        {t("backups.download")} <span className="sr-only">{run.file}</span>
                      </a>
                    ) : run.file ? (
                      <span className="text-slate-600">{t("backups.removed")}</span>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
