import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { formatDate } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { listAssignmentsWithin, unitAudienceCount } from "~/models/assignments.server";
import { requireAnywhere, scopePaths } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "assignments.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "assignment.manage");
  const rows = listAssignmentsWithin(scopePaths(viewer, "assignment.manage"), viewer.user.id);
  return json({
    assignments: rows.map((a) => ({
      id: a.id,
      courseTitle: a.courseTitle,
      unitName: a.unitName,
      includeSubunits: a.includeSubunits,
      dueOn: a.dueOn,
      named: a.named,
      peopleNow: a.unitPath ? unitAudienceCount({ ...a, unitPath: a.unitPath }) : 0,
    })),
  });
}

export default function Assignments() {
  const { assignments } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("assignments.title")}</h1>
        <Link to="/assignments/new" className="btn">
          {t("assignments.new")}
        </Link>
      </div>
      {assignments.length === 0 ? (
        <p className="text-slate-600">{t("assignments.none")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {assignments.map((a) => (
            <li key={a.id} className="space-y-1 p-3">
              <p className="font-medium">{a.courseTitle}</p>
              <p className="text-sm text-slate-700">
                {a.unitName ? `${a.unitName}${a.includeSubunits ? ` ${t("assignments.withSubunits")}` : ""} · ` : ""}
                {a.unitName ? t("assignments.peopleNow", { count: a.peopleNow }) : null}
                {a.named > 0 ? ` · ${t("assignments.named", { count: a.named })}` : ""}
              </p>
              <p className="text-sm">{t("home.dueOn", { date: formatDate(locale, a.dueOn) })}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
