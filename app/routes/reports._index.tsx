import { json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { scopeRoots } from "~/domain/access";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { listUnitsByIds } from "~/models/units.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "reports.title");

/** Reports start at the top of the viewer's area; someone managing several areas picks one. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "report.view");
  const roots = scopeRoots(viewer.actor, "report.view");
  if (roots.length === 1) throw redirect(`/reports/${roots[0]?.unitId}${new URL(request.url).search}`);
  return json({ units: listUnitsByIds(roots.map((r) => r.unitId)).map((u) => ({ id: u.id, name: u.name })) });
}

export default function Reports() {
  const { units } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("reports.title")}</h1>
      <p>{t("reports.chooseUnit")}</p>
      <ul className="list-disc pl-6">
        {units.map((u) => (
          <li key={u.id}>
            <Link to={`/reports/${u.id}`}>{u.name}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
