import { type HeadersFunction, json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CertificateStatusBadge, VerifyForm } from "~/components/ui/certificates";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { formatDate, type MessageKey } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { verifyCertificate } from "~/services/certificates.server";

// Public and plain: a verifier scanning the QR code on a cheap phone gets HTML only.
export const handle = { hydrate: false };

export const meta: MetaFunction = ({ matches }) => [
  ...pageTitle(matches, "verify.title"),
  // A holder's name on a public page: keep it out of search engines.
  { name: "robots", content: "noindex, nofollow" },
];

// Status changes (expiry, revocation) must show at once, and the page names a person.
const HEADERS = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow" };

export const headers: HeadersFunction = ({ loaderHeaders, parentHeaders }) => {
  // Keep what the root sends (a refreshed session cookie) and add this page's own.
  const merged = new Headers(parentHeaders);
  for (const [name, value] of loaderHeaders) merged.set(name, value);
  return merged;
};

/** No sign-in: the root loader already serves visitors. Counted against the rate limit. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const result = verifyCertificate(params.code ?? "", context.clientAddress);
  switch (result.outcome) {
    case "throttled": {
      const minutes = Math.max(1, Math.ceil(result.retryAfterMs / 60_000));
      return json(
        { outcome: "throttled" as const, minutes, certificate: null },
        { status: 429, headers: { ...HEADERS, "Retry-After": String(Math.ceil(result.retryAfterMs / 1000)) } },
      );
    }
    case "notFound":
      return json({ outcome: "notFound" as const, minutes: 0, certificate: null }, { status: 404, headers: HEADERS });
    case "found":
      return json({ outcome: "found" as const, minutes: 0, certificate: result.certificate }, { headers: HEADERS });
  }
}

const STATUS_SENTENCE = {
  valid: "verify.statusValid",
  expiring: "verify.statusExpiring",
  expired: "verify.statusExpired",
  revoked: "verify.statusRevoked",
} as const satisfies Record<string, MessageKey>;

export default function VerifyResult() {
  const { outcome, minutes, certificate } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  if (outcome === "throttled") {
    return (
      <section className="card mx-auto max-w-md space-y-2" aria-labelledby="verify-title">
        <h1 id="verify-title" className="text-2xl font-semibold">
          {t("verify.throttled.title")}
        </h1>
        <p role="alert">{t("verify.throttled.body", { minutes })}</p>
      </section>
    );
  }
  if (!certificate) {
    return (
      <section className="card mx-auto max-w-md space-y-3" aria-labelledby="verify-title">
        <h1 id="verify-title" className="text-2xl font-semibold">
          {t("verify.notFound.title")}
        </h1>
        <p className="text-slate-700">{t("verify.notFound.body")}</p>
        <VerifyForm />
      </section>
    );
  }
  const sentenceDate = certificate.status === "revoked" ? certificate.revokedOn : certificate.expiresOn;
  return (
    <div className="mx-auto max-w-md space-y-4">
      <section className="card space-y-3" aria-labelledby="verify-title">
        <h1 id="verify-title" className="text-2xl font-semibold">
          {t("verify.title")}
        </h1>
        <p>
          <CertificateStatusBadge status={certificate.status} />
        </p>
        <p className="font-medium">
          {t(STATUS_SENTENCE[certificate.status], { date: formatDate(locale, sentenceDate) })}
        </p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          <dt className="text-slate-600">{t("certificates.holder")}</dt>
          <dd className="font-medium">{certificate.holderName}</dd>
          <dt className="text-slate-600">{t("certificates.course")}</dt>
          <dd>{certificate.courseTitle}</dd>
          <dt className="text-slate-600">{t("certificates.issuedOn")}</dt>
          <dd>{formatDate(locale, certificate.issuedOn)}</dd>
          <dt className="text-slate-600">{t("certificates.expiresOn")}</dt>
          <dd>{formatDate(locale, certificate.expiresOn)}</dd>
          {certificate.revokedOn ? (
            <>
              <dt className="text-slate-600">{t("certificates.revokedOn")}</dt>
              <dd>{formatDate(locale, certificate.revokedOn)}</dd>
            </>
          ) : null}
          <dt className="text-slate-600">{t("certificates.code")}</dt>
          <dd className="font-mono tracking-wide break-all">{certificate.code}</dd>
        </dl>
        <p className="text-sm text-slate-600">{t("verify.found")}</p>
        <p className="text-sm text-slate-600">{t("verify.privacy")}</p>
      </section>
      <p>
        <Link to="/verify">{t("verify.another")}</Link>
      </p>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
