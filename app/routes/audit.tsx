import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Field, SelectField } from "~/components/ui/form";
import { AUDIT_KIND_NAMES } from "~/domain/audit";
import { formatDateTime, type MessageKey } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { auditPage } from "~/services/audit.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { resolveLocale } from "~/utils/locale.server";
import { type AuditFilterField, parseAuditQuery } from "~/validation/audit";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "audit.title");

const FILTER_LABEL: Record<AuditFilterField, MessageKey> = {
  person: "audit.filter.person",
  unit: "audit.filter.unit",
  kind: "audit.filter.kind",
  from: "audit.filter.from",
  to: "audit.filter.to",
  before: "audit.filter.before",
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "audit.view");
  const { query, ignored } = parseAuditQuery(new URL(request.url).searchParams);
  const locale = await resolveLocale(request, viewer);
  const page = auditPage(viewer, query, ignored, locale);
  return json({ ...page, filtered: Boolean(query.person || query.unit || query.kind || query.from || query.to) });
}

export default function Audit() {
  const { entries, olderThan, ignored, unitChoices, filtered } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const locale = useLocale();
  const sent = (name: string) => searchParams.get(name) ?? "";
  const older = new URLSearchParams(searchParams);
  if (olderThan) older.set("before", String(olderThan));
  return (
    <div className="space-y-4">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{t("audit.title")}</h1>
        <p className="text-slate-700">{t("audit.intro")}</p>
      </header>
      <details className="card" open={filtered || ignored.length > 0}>
        <summary className="cursor-pointer font-medium">{t("audit.filters")}</summary>
        {/* A GET form: the filters live in the address, so it works without JavaScript and can be shared. */}
        <Form method="get" className="mt-3 grid gap-3 sm:grid-cols-2" aria-label={t("audit.filters")}>
          <Field
            label={t("audit.filter.person")}
            name="person"
            id="audit-person"
            defaultValue={sent("person")}
            hint={t("audit.filter.personHint")}
            autoComplete="off"
          />
          <SelectField label={t("audit.filter.unit")} name="unit" id="audit-unit" defaultValue={sent("unit")}>
            <option value="">{t("audit.filter.anyUnit")}</option>
            {unitChoices.map((u) => (
              <option key={u.id} value={u.id}>
                {u.depth > 0 ? `— ${u.name}` : u.name}
              </option>
            ))}
          </SelectField>
          <SelectField label={t("audit.filter.kind")} name="kind" id="audit-kind" defaultValue={sent("kind")}>
            <option value="">{t("audit.filter.anyKind")}</option>
            {AUDIT_KIND_NAMES.map((kind) => (
              <option key={kind} value={kind}>
                {t(`audit.kind.${kind}`)}
              </option>
            ))}
          </SelectField>
          <div className="grid grid-cols-2 gap-3">
            <Field label={t("audit.filter.from")} name="from" id="audit-from" type="date" defaultValue={sent("from")} />
            <Field label={t("audit.filter.to")} name="to" id="audit-to" type="date" defaultValue={sent("to")} />
          </div>
          <p className="flex flex-wrap items-center gap-3 sm:col-span-2">
            <button type="submit" className="btn">
              {t("audit.filter.submit")}
            </button>
            {filtered ? (
              <Link to="/audit" className="btn-secondary">
                {t("audit.filter.clear")}
              </Link>
            ) : null}
          </p>
        </Form>
      </details>
      {ignored.length > 0 ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-amber-950">
          {t("audit.filter.ignored", { fields: ignored.map((f) => t(FILTER_LABEL[f])).join(", ") })}
        </p>
      ) : null}
      {entries.length === 0 ? (
        <p className="text-slate-600">{t(filtered ? "audit.emptyFiltered" : "audit.empty")}</p>
      ) : (
        <ol className="space-y-2" aria-label={t("audit.title")}>
          {entries.map((e) => (
            <li key={e.id} className="card space-y-1" data-testid="audit-entry">
              <p className="text-sm text-slate-600">
                <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(locale, e.at)}</time>
              </p>
              <p>{e.sentence}</p>
              {e.changes.length > 0 ? (
                <details>
                  <summary className="cursor-pointer text-sm font-medium text-brand-700">
                    {t("audit.showChange")}
                  </summary>
                  <table className="table mt-2 table-fixed text-sm">
                    <thead>
                      <tr>
                        <th scope="col">{t("audit.field")}</th>
                        <th scope="col">{t("audit.before")}</th>
                        <th scope="col">{t("audit.after")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {e.changes.map((c) => (
                        <tr key={c.label}>
                          <th scope="row" className="break-words text-left font-medium">
                            {c.label}
                          </th>
                          <td className="break-words">{c.before}</td>
                          <td className="break-words">{c.after}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {olderThan ? (
        <Link to={`/audit?${older.toString()}`} className="btn-secondary">
          {t("audit.older")}
        </Link>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
