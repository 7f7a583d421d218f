import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { formatDateTime, isMessageKey } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { listAudit } from "~/models/audit.server";
import { reachesUnattached, requireAnywhere, scopePaths } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "audit.title");

const PAGE_SIZE = 50;
const QuerySchema = z.object({ before: z.coerce.number().int().positive().optional().catch(undefined) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "audit.view");
  const { before } = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const entries = listAudit({
    scopePaths: scopePaths(viewer, "audit.view"),
    includeUnscoped: reachesUnattached(viewer, "audit.view"),
    beforeId: before,
    limit: PAGE_SIZE,
  });
  return json({
    entries: entries.map((e) => ({ ...e, at: e.at.getTime() })),
    olderThan: entries.length === PAGE_SIZE ? entries.at(-1)?.id : undefined,
  });
}

export default function Audit() {
  const { entries, olderThan } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  // Actions are codes in the log; people read them in their language, the code stays for search.
  const actionLabel = (action: string) => {
    const key = `audit.action.${action}`;
    return isMessageKey(key) ? t(key) : action;
  };
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("audit.title")}</h1>
      {entries.length === 0 ? (
        <p className="text-slate-600">{t("audit.empty")}</p>
      ) : (
        <ScrollRegion label={t("audit.title")} className="rounded-lg border border-slate-200 bg-white">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.action")}</th>
                <th scope="col">{t("audit.entity")}</th>
                <th scope="col">{t("audit.change")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td className="whitespace-nowrap">{formatDateTime(locale, e.at)}</td>
                  <td>{e.actorName ?? "—"}</td>
                  <td>
                    {actionLabel(e.action)} <code className="text-xs text-slate-500">{e.action}</code>
                  </td>
                  <td>
                    {e.entityType} {e.unitName ? `· ${e.unitName}` : ""}
                  </td>
                  <td className="max-w-xs text-xs break-words">
                    {e.before ? <div>− {JSON.stringify(e.before)}</div> : null}
                    {e.after ? <div>+ {JSON.stringify(e.after)}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {olderThan ? (
        <Link to={`/audit?before=${olderThan}`} className="btn-secondary">
          {t("audit.older")}
        </Link>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
