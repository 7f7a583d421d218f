import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CertificateDates, CertificateStatusLine } from "~/components/ui/certificates";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { FieldError } from "~/components/ui/form";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { canRevoke, requireViewableCertificate, revokeCertificate, summarise } from "~/services/certificates.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { flashMessage } from "~/utils/flash.server";
import { idParam } from "~/utils/http.server";
import { readForm } from "~/utils/request.server";
import { MAX_REVOKE_REASON_LENGTH, RevokeCertificateSchema } from "~/validation/certificates";
import { type FieldErrors, parseForm } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "certificates.detail.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const certificate = requireViewableCertificate(viewer, idParam(params.certificateId));
  const isHolder = certificate.userId === viewer.user.id;
  return json({
    certificate: {
      ...summarise(certificate),
      holderName: certificate.holderName,
      positionName: certificate.positionName,
      unitName: certificate.unitName,
      revokedReason: certificate.revokedReason,
    },
    isHolder,
    // Someone else's certificate is reached through the holder's record.
    holderLink: isHolder ? null : `/users/${certificate.userId}`,
    canRevoke: canRevoke(viewer.actor, certificate),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  // Only administrators revoke: anyone else is refused before the certificate is looked up.
  requireAnywhere(viewer, "certificate.revoke");
  const certificate = requireViewableCertificate(viewer, idParam(params.certificateId));
  const parsed = parseForm(RevokeCertificateSchema, await readForm(request));
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  const result = revokeCertificate(viewer.actor, certificate.id, parsed.data.reason);
  if (!result.ok) return json({ errors: { [result.field]: result.error } as FieldErrors }, { status: 409 });
  return redirect(`/certificates/${certificate.id}`, {
    headers: { "Set-Cookie": await flashMessage(request, "certificates.revoked") },
  });
}

export default function CertificatePage() {
  const { certificate: c, holderLink, canRevoke } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const errors: FieldErrors = actionData?.errors ?? {};
  return (
    <div className="space-y-4">
      <nav className="text-sm">
        {holderLink ? (
          <Link to={holderLink}>{t("certificates.holderProfile")}</Link>
        ) : (
          <Link to="/certificates">{t("certificates.title")}</Link>
        )}
      </nav>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{c.courseTitle}</h1>
        <CertificateStatusLine status={c.status} courseVersionNumber={c.courseVersionNumber} />
      </header>

      <section className="card space-y-3" aria-labelledby="details-title">
        <h2 id="details-title" className="text-lg font-semibold">
          {t("certificates.detail.title")}
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          <dt className="text-slate-600">{t("certificates.holder")}</dt>
          <dd className="font-medium">{c.holderName}</dd>
          {c.positionName ? (
            <>
              <dt className="text-slate-600">{t("certificates.position")}</dt>
              <dd>{c.positionName}</dd>
            </>
          ) : null}
          {c.unitName ? (
            <>
              <dt className="text-slate-600">{t("certificates.unit")}</dt>
              <dd>{c.unitName}</dd>
            </>
          ) : null}
          <CertificateDates issuedOn={c.issuedOn} expiresOn={c.expiresOn} revokedOn={c.revokedOn} />
          {c.revokedReason ? (
            <>
              <dt className="text-slate-600">{t("certificates.revokedReason")}</dt>
              <dd className="whitespace-pre-line break-words">{c.revokedReason}</dd>
            </>
          ) : null}
          <dt className="text-slate-600">{t("certificates.code")}</dt>
          <dd className="font-mono tracking-wide break-all">{c.code}</dd>
        </dl>
        <p className="text-sm text-slate-600">{t("certificates.snapshotNote")}</p>
        <p className="flex flex-wrap gap-2">
          <a href={`/certificates/${c.id}/pdf`} className="btn-secondary" download>
            {t("certificates.download")}
          </a>
          <Link to={c.verifyPath} className="btn-secondary">
            {t("certificates.verifyLink")}
          </Link>
        </p>
      </section>

      {canRevoke ? (
        <section className="card space-y-3" aria-labelledby="revoke-title">
          <h2 id="revoke-title" className="text-lg font-semibold">
            {t("certificates.revoke.title")}
          </h2>
          <p className="text-sm text-slate-700">{t("certificates.revoke.help")}</p>
          <Form method="post" className="space-y-3" noValidate>
            <FieldError error={errors._form} />
            <div className="space-y-1">
              <label htmlFor="revoke-reason" className="block font-medium">
                {t("certificates.revoke.reason")}
              </label>
              <textarea
                id="revoke-reason"
                name="reason"
                rows={3}
                required
                maxLength={MAX_REVOKE_REASON_LENGTH}
                className="input"
                aria-invalid={errors.reason ? true : undefined}
                aria-describedby={errors.reason ? "revoke-reason-error" : undefined}
              />
              <FieldError id="revoke-reason-error" error={errors.reason} />
            </div>
            <button type="submit" className="btn-danger" disabled={navigation.state === "submitting"}>
              {t("certificates.revoke.submit")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
