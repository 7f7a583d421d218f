import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { canAnywhere } from "~/domain/access";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { searchUsers } from "~/models/users.server";
import { reachesUnattached, requireAnywhere, scopePaths } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "users.title");

const QuerySchema = z.object({ q: z.string().max(100).optional().catch(undefined) });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "user.view");
  const { q } = QuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const query = q?.trim() ?? "";
  const people = searchUsers({
    query,
    scopePaths: scopePaths(viewer, "user.view"),
    includeUnattached: reachesUnattached(viewer, "user.view"),
  });
  return json({
    query,
    canCreate: canAnywhere(viewer.actor, "user.edit"),
    people: people.map((p) => ({
      id: p.id,
      fullName: p.fullName,
      username: p.username,
      phone: p.phone,
      active: p.active,
    })),
  });
}

export default function Users() {
  const { query, people, canCreate } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">{t("users.title")}</h1>
        {canCreate ? (
          <Link to="/users/new" className="btn">
            {t("users.new")}
          </Link>
        ) : null}
      </div>
      <Form method="get" role="search" className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor="user-search" className="block font-medium">
            {t("users.search")}
          </label>
          <input id="user-search" name="q" type="search" defaultValue={query} className="input" />
        </div>
        <button type="submit" className="btn">
          {t("users.searchSubmit")}
        </button>
      </Form>
      {people.length === 0 ? (
        <p className="text-slate-600">{t("users.noResults")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {people.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <div>
                <Link to={`/users/${p.id}`} className="font-medium">
                  {p.fullName}
                </Link>
                <p className="text-sm text-slate-600">
                  {p.username}
                  {p.phone ? ` · ${p.phone}` : ""}
                </p>
              </div>
              {p.active ? null : (
                <span className="rounded bg-slate-200 px-2 py-0.5 text-sm">{t("users.inactive")}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
