import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { formatDate, localName } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { listPlacements } from "~/models/users.server";
import { requireViewer } from "~/utils/auth.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "home.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const placements = listPlacements(viewer.user.id)
    .filter((p) => p.endDate === null)
    .map((p) => ({
      id: p.id,
      unitName: p.unitName,
      positionNameVi: p.positionNameVi,
      positionNameEn: p.positionNameEn,
      startDate: p.startDate,
    }));
  return json({ fullName: viewer.user.fullName, placements });
}

export default function MyTraining() {
  const { fullName, placements } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("home.title")}</h1>
      <p>{t("home.greeting", { name: fullName })}</p>
      <section className="card text-center" aria-labelledby="empty-title">
        <h2 id="empty-title" className="text-lg font-semibold">
          {t("home.empty.title")}
        </h2>
        <p className="mt-1 text-slate-600">{t("home.empty.body")}</p>
      </section>
      <section className="card" aria-labelledby="placements-title">
        <h2 id="placements-title" className="text-lg font-semibold">
          {t("home.myPlacements")}
        </h2>
        {placements.length === 0 ? (
          <p className="mt-1 text-slate-600">{t("home.noPlacement")}</p>
        ) : (
          <ul className="mt-2 space-y-1">
            {placements.map((p) => (
              <li key={p.id}>
                <span className="font-medium">
                  {localName(locale, { nameVi: p.positionNameVi, nameEn: p.positionNameEn })}
                </span>{" "}
                — {p.unitName}{" "}
                <span className="text-sm text-slate-600">
                  ({t("units.since")} {formatDate(locale, p.startDate)})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
