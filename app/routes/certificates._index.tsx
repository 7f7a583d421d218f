import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CertificateDates, CertificateStatusLine } from "~/components/ui/certificates";
import { EmptyState } from "~/components/ui/empty-state";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { certificatesOf } from "~/services/certificates.server";
import { requireViewer } from "~/utils/auth.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "certificates.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  return json({ certificates: certificatesOf(viewer) });
}

type Summary = ReturnType<typeof useLoaderData<typeof loader>>["certificates"][number];

/** One card per course: its newest certificate first, earlier ones below as history. */
function byCourse(certificates: readonly Summary[]): Summary[][] {
  const groups = new Map<number, Summary[]>();
  for (const c of certificates) {
    const group = groups.get(c.courseId);
    if (group) group.push(c);
    else groups.set(c.courseId, [c]);
  }
  return [...groups.values()];
}

export default function Certificates() {
  const { certificates } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("certificates.title")}</h1>
      <p className="text-slate-700">{t("certificates.intro")}</p>
      {certificates.length === 0 ? (
        <EmptyState title={t("certificates.empty.title")} body={t("certificates.empty.body")} />
      ) : (
        <ul className="space-y-3" aria-label={t("certificates.title")}>
          {byCourse(certificates).map(([current, ...earlier]) =>
            current ? (
              <li key={current.courseId} className="card space-y-3">
                <h2 className="text-lg font-semibold">{current.courseTitle}</h2>
                <CertificateEntry certificate={current} />
                {earlier.length > 0 ? (
                  <section aria-label={t("certificates.history")} className="border-t border-slate-200 pt-3">
                    <h3 className="font-semibold text-slate-700">{t("certificates.history")}</h3>
                    <ul className="mt-2 space-y-3">
                      {earlier.map((c) => (
                        <li key={c.id}>
                          <CertificateEntry certificate={c} />
                        </li>
                      ))}
                    </ul>
                  </section>
                ) : null}
              </li>
            ) : null,
          )}
        </ul>
      )}
    </div>
  );
}

function CertificateEntry({ certificate: c }: { certificate: Summary }) {
  const t = useT();
  return (
    <article className="space-y-2" data-testid="certificate" aria-label={`${t("certificates.code")} ${c.code}`}>
      <CertificateStatusLine status={c.status} courseVersionNumber={c.courseVersionNumber} />
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <CertificateDates issuedOn={c.issuedOn} expiresOn={c.expiresOn} revokedOn={c.revokedOn} />
        <dt className="text-slate-600">{t("certificates.code")}</dt>
        <dd className="font-mono tracking-wide break-all">{c.code}</dd>
      </dl>
      <p className="flex flex-wrap gap-2">
        {/* A plain link: the PDF is a file, not a page for the router. */}
        <a href={`/certificates/${c.id}/pdf`} className="btn-secondary" download>
          {t("certificates.download")}
        </a>
        <Link to={c.verifyPath} className="btn-secondary">
          {t("certificates.verifyLink")}
        </Link>
        <Link to={`/certificates/${c.id}`} className="btn-secondary">
          {t("certificates.details")}
        </Link>
      </p>
    </article>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
