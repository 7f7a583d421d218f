import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { formatDate } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { eventsForOrganiser } from "~/services/events.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "events.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "event.manage");
  return json({ events: eventsForOrganiser(viewer) });
}

export default function Events() {
  const { events } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("events.title")}</h1>
        <Link to="/events/new" className="btn">
          {t("events.new")}
        </Link>
      </div>
      {events.length === 0 ? (
        <p className="text-slate-600">{t("events.none")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {events.map((e) => (
            <li key={e.id} className="space-y-1 p-3">
              <Link to={`/events/${e.id}`} className="font-medium">
                {e.title}
              </Link>
              <p className="text-sm text-slate-700">
                {formatDate(locale, e.firstDate)} · {e.place} · {e.unitName} · {t("events.invited")}: {e.invited}
                {e.status === "cancelled" ? ` · ${t("events.cancelled")}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
