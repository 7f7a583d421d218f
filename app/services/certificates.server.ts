/**
 * Certificates after issue: the holder's list, who may see one, public verification
 * (rate limited) and revocation. Issue itself happens in `completion.server.ts`.
 */
import { and, eq, isNull } from "drizzle-orm";
import { type Actor, canReachPerson, type Permission } from "~/domain/access";
import {
  type CertificateStatus,
  certificateStatus,
  formatCertificateCode,
  parseCertificateCode,
} from "~/domain/certificate";
import { type CourseCertification, courseCertification } from "~/domain/completion";
import { addressKey, RULES, rateKey } from "~/domain/rate-limit";
import { type MessageKey, todayInVietnam } from "~/i18n";
import { recordAudit } from "~/models/audit.server";
import { type CertificateRow, findCertificate, findCertificateByCode, listCertificatesOf } from "~/models/quiz.server";
import { isTreeRootPath } from "~/models/units.server";
import { attachedUnitPaths } from "~/models/users.server";
import { take } from "~/services/rate-limits.server";
import { refreshLearners } from "~/services/rollups.server";
import type { Viewer } from "~/utils/auth.server";
import { writeTransaction } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { certificates } from "../../db/schema";

export interface CertificateSummary {
  id: number;
  /** Formatted for people: XXXXX-XXXXX-C. */
  code: string;
  verifyPath: string;
  courseId: number;
  courseTitle: string;
  courseVersionNumber: number;
  issuedOn: string;
  expiresOn: string;
  revokedOn: string | null;
  status: CertificateStatus;
}

/** The public verification page of a code; the check symbol may be `$` or `=`, hence the encoding. */
export function verificationPath(code: string): string {
  return `/verify/${encodeURIComponent(code)}`;
}

/**
 * The full address printed on the certificate and in its QR code: the origin the request
 * came to. Our server builds `request.url` from the scheme and host a configured proxy
 * forwarded (TRUST_PROXY), or from the socket and Host header when there is none.
 */
export function verificationUrl(request: Request, code: string): string {
  return `${new URL(request.url).origin}${verificationPath(code)}`;
}

/** Dates are Vietnam calendar dates: a revocation at 23:30 on the 1st in Hà Nội is on the 1st. */
function revokedOn(certificate: Pick<CertificateRow, "revokedAt">): string | null {
  return certificate.revokedAt ? todayInVietnam(certificate.revokedAt) : null;
}

export function summarise(certificate: CertificateRow, today = todayInVietnam()): CertificateSummary {
  return {
    id: certificate.id,
    code: formatCertificateCode(certificate.code),
    verifyPath: verificationPath(certificate.code),
    courseId: certificate.courseId,
    courseTitle: certificate.courseTitle,
    courseVersionNumber: certificate.courseVersionNumber,
    issuedOn: certificate.issuedOn,
    expiresOn: certificate.expiresOn,
    revokedOn: revokedOn(certificate),
    status: certificateStatus(certificate, today),
  };
}

/** The signed-in person's certificates, newest first, old and revoked ones included. */
export function certificatesOf(viewer: Viewer, today = todayInVietnam()): CertificateSummary[] {
  return listCertificatesOf(viewer.user.id).map((c) => summarise(c, today));
}

/**
 * The person's standing certificate of one course (the newest not revoked) and what it means
 * for the course: done (with the day renewal opens), renewable now, or expired.
 */
export function courseCertificateOf(
  viewer: Viewer,
  courseId: number,
  today = todayInVietnam(),
): { certificate: CertificateSummary | null; certification: CourseCertification } {
  const standing = listCertificatesOf(viewer.user.id, courseId).find((c) => !c.revokedAt) ?? null;
  return {
    certificate: standing ? summarise(standing, today) : null,
    certification: courseCertification(standing, today),
  };
}

function reachesHolder(actor: Actor, permission: Permission, holderId: string): boolean {
  return canReachPerson(actor, permission, attachedUnitPaths(holderId), isTreeRootPath);
}

/**
 * The certificate when the viewer is its holder or may view the holder's record; otherwise
 * 404, the same as a certificate that does not exist, so ids reveal nothing.
 */
export function requireViewableCertificate(viewer: Viewer, certificateId: number): CertificateRow {
  const certificate = findCertificate(certificateId);
  if (!certificate) throw notFound();
  if (certificate.userId !== viewer.user.id && !reachesHolder(viewer.actor, "user.view", certificate.userId)) {
    throw notFound();
  }
  return certificate;
}

export function canRevoke(actor: Actor, certificate: CertificateRow): boolean {
  return !certificate.revokedAt && reachesHolder(actor, "certificate.revoke", certificate.userId);
}

export type RevokeResult = { ok: true } | { ok: false; field: string; error: MessageKey };

/**
 * Revokes a certificate: it stops counting as trained and verification says so. The row
 * stays (history), with when, why and by whom, and the audit log gets the before and after
 * in the same transaction.
 */
export function revokeCertificate(actor: Actor, certificateId: number, reason: string, now = Date.now()): RevokeResult {
  const found = findCertificate(certificateId);
  // Services check again: the route's check may be stale, and this may be called from elsewhere.
  if (!found || !reachesHolder(actor, "certificate.revoke", found.userId)) throw notFound();
  return writeTransaction((tx) => {
    const revokedAt = new Date(now);
    // Conditional on not yet revoked: two administrators at once revoke it once, and the
    // first reason stays.
    const changed = tx
      .update(certificates)
      .set({ revokedAt, revokedReason: reason, revokedBy: actor.userId })
      .where(and(eq(certificates.id, certificateId), isNull(certificates.revokedAt)))
      .run().changes;
    if (changed !== 1)
      return { ok: false as const, field: "_form", error: "certificates.error.alreadyRevoked" as const };
    refreshLearners([found.userId], todayInVietnam(revokedAt));
    recordAudit(tx, {
      actorUserId: actor.userId,
      action: "certificate.revoke",
      entityType: "certificate",
      entityId: certificateId,
      orgUnitId: found.unitId,
      before: { code: found.code, holderId: found.userId, revokedAt: null, revokedReason: null, revokedBy: null },
      after: {
        code: found.code,
        holderId: found.userId,
        revokedAt: revokedAt.toISOString(),
        revokedReason: reason,
        revokedBy: actor.userId,
      },
    });
    return { ok: true as const };
  });
}

/** What anyone may learn about a certificate from its code, and nothing more. */
export interface PublicCertificate {
  code: string;
  holderName: string;
  courseTitle: string;
  issuedOn: string;
  expiresOn: string;
  status: CertificateStatus;
  revokedOn: string | null;
}

export type Verification =
  | { outcome: "found"; certificate: PublicCertificate }
  | { outcome: "notFound" }
  | { outcome: "throttled"; retryAfterMs: number };

/**
 * Public verification by code, counted against the client's rate limit before anything is
 * looked up, so that trying codes in bulk is slow whatever the answers are. A malformed
 * code counts too: it is still a guess.
 */
export function verifyCertificate(typedCode: string, clientAddress: string | null, now = Date.now()): Verification {
  const rule = RULES.verifyAddress;
  const decision = take([{ rule, key: rateKey(rule, addressKey(clientAddress)) }], now);
  if (!decision.allowed) return { outcome: "throttled", retryAfterMs: decision.retryAfterMs };

  const code = parseCertificateCode(typedCode);
  const certificate = code ? findCertificateByCode(code) : undefined;
  if (!certificate) return { outcome: "notFound" };
  return {
    outcome: "found",
    certificate: {
      code: formatCertificateCode(certificate.code),
      holderName: certificate.holderName,
      courseTitle: certificate.courseTitle,
      issuedOn: certificate.issuedOn,
      expiresOn: certificate.expiresOn,
      status: certificateStatus(certificate, todayInVietnam(new Date(now))),
      revokedOn: revokedOn(certificate),
    },
  };
}
