import { Form } from "@remix-run/react";
import type { CertificateStatus } from "~/domain/certificate";
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
