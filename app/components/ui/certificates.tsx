import { Form, Link } from "@remix-run/react";
import type { CertificateStatus } from "~/domain/certificate";
import type { CourseCertification } from "~/domain/completion";
import { formatDate, type MessageKey } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";
import { Field } from "./form";

const STYLE: Record<CertificateStatus, string> = {
  valid: "border-green-300 bg-green-50 text-green-900",
  expiring: "border-amber-300 bg-amber-50 text-amber-900",
  expired: "border-slate-300 bg-slate-100 text-slate-800",
  revoked: "border-red-300 bg-red-50 text-red-900",
};

/** The status in words, not colour alone: colour is a hint for those who see it. */
export function CertificateStatusBadge({ status }: { status: CertificateStatus }) {
  const t = useT();
  return (
    <span
      className={`inline-flex items-center rounded-full border px-2 py-0.5 text-sm font-medium ${STYLE[status]}`}
      data-status={status}
    >
      {t(`certificates.status.${status}`)}
    </span>
  );
}

/** The code form of /verify, also offered again under a result. A GET: no JavaScript needed. */
export function VerifyForm({ typed = "", error }: { typed?: string; error?: MessageKey }) {
  const t = useT();
  return (
    <Form method="get" action="/verify" className="space-y-3" noValidate>
      <Field
        label={t("verify.code")}
        name="code"
        id="verify-code"
        defaultValue={typed}
        hint={t("verify.codeHint")}
        placeholder="XXXXX-XXXXX-X"
        autoComplete="off"
        autoCapitalize="characters"
        autoCorrect="off"
        spellCheck={false}
        maxLength={40}
        required
        error={error}
        className="input font-mono tracking-wide uppercase"
      />
      <button type="submit" className="btn w-full">
        {t("verify.submit")}
      </button>
    </Form>
  );
}

/** The dates of a certificate as rows of a <dl>: issued, expires, and revoked when it was. */
export function CertificateDates({
  issuedOn,
  expiresOn,
  revokedOn,
}: {
  issuedOn: string;
  expiresOn: string;
  revokedOn: string | null;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <dt className="text-slate-600">{t("certificates.issuedOn")}</dt>
      <dd>{formatDate(locale, issuedOn)}</dd>
      <dt className="text-slate-600">{t("certificates.expiresOn")}</dt>
      <dd>{formatDate(locale, expiresOn)}</dd>
      {revokedOn ? (
        <>
          <dt className="text-slate-600">{t("certificates.revokedOn")}</dt>
          <dd>{formatDate(locale, revokedOn)}</dd>
        </>
      ) : null}
    </>
  );
}

/** A certificate's status and the course version it was issued for. */
export function CertificateStatusLine({
  status,
  courseVersionNumber,
}: {
  status: CertificateStatus;
  courseVersionNumber: number;
}) {
  const t = useT();
  return (
    <p className="flex flex-wrap items-center gap-2">
      <CertificateStatusBadge status={status} />
      <span className="text-sm text-slate-600">
        {t("certificates.version", { version: String(courseVersionNumber) })}
      </span>
    </p>
  );
}

/**
 * On a course's pages, once certified: the certificate (code, PDF, details), how long it is
 * valid and from when it can be renewed, in place of the way to the quiz.
 */
export function CourseCertificateCard({
  certificate,
  certification,
}: {
  certificate: { id: number; code: string; status: CertificateStatus; verifyPath: string };
  certification: Exclude<CourseCertification, { state: "none" }>;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <section className="card space-y-2" aria-labelledby="course-certificate-title" data-testid="course-certificate">
      <h2 id="course-certificate-title" className="flex flex-wrap items-center gap-2 text-lg font-semibold">
        {t("certificates.course.title")} <CertificateStatusBadge status={certificate.status} />
      </h2>
      {certification.state === "expired" ? (
        <p>{t("certificates.course.expired", { date: formatDate(locale, certification.expiresOn) })}</p>
      ) : (
        <>
          <p className="font-medium">✓ {t("certificates.course.done")}</p>
          <p>{t("certificates.course.validUntil", { date: formatDate(locale, certification.expiresOn) })}</p>
          <p>
            {certification.state === "certified"
              ? t("certificates.course.renewsFrom", { date: formatDate(locale, certification.renewsFrom) })
              : t("certificates.course.renewNow")}
          </p>
        </>
      )}
      <p>
        {t("certificates.code")}: <span className="font-mono">{certificate.code}</span>
      </p>
      <p className="flex flex-wrap gap-2">
        <a href={`/certificates/${certificate.id}/pdf`} className="btn-secondary" download>
          {t("certificates.download")}
        </a>
        <Link to={`/certificates/${certificate.id}`} className="btn-secondary">
          {t("certificates.details")}
        </Link>
      </p>
    </section>
  );
}
