/**
 * The privacy notice, acknowledgements, contact consent and correction requests (Law
 * 91/2025/QH15; decision 027). Every write is one transaction with its audit entry.
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Actor } from "~/domain/access";
import { can } from "~/domain/access";
import { correctionDueAt, hasContactConsent, isCorrectionOverdue, NOTICE_MAX_LENGTH } from "~/domain/privacy";
import { recordAudit } from "~/models/audit.server";
import { inAnySubtree } from "~/models/units.server";
import { listPlacements } from "~/models/users.server";
import { getDb, writeTransaction } from "~/utils/db.server";
import {
  contactConsents,
  correctionRequests,
  type correctionStatuses,
  orgUnits,
  privacyAcknowledgements,
  privacyNotices,
  users,
} from "../../db/schema";

export type PrivacyNotice = { version: number; bodyVi: string; bodyEn: string; publishedAt: Date };

export function currentNotice(): PrivacyNotice | undefined {
  return getDb()
    .select({
      version: privacyNotices.version,
      bodyVi: privacyNotices.bodyVi,
      bodyEn: privacyNotices.bodyEn,
      publishedAt: privacyNotices.publishedAt,
    })
    .from(privacyNotices)
    .orderBy(desc(privacyNotices.version))
    .limit(1)
    .get();
}

export type AcknowledgeResult = { ok: true } | { ok: false; reason: "notice-changed" };

/**
 * Records that the person read this version, and their choice about being contacted. The
 * version comes from the page they read: if a newer one was published meanwhile, they read
 * that one first. Acknowledging twice changes nothing.
 */
export function acknowledgeNotice(userId: string, version: number, contactConsent: boolean): AcknowledgeResult {
  return writeTransaction((tx) => {
    const current = tx
      .select({ version: sql<number>`max(${privacyNotices.version})` })
      .from(privacyNotices)
      .get();
    if (current?.version !== version) return { ok: false, reason: "notice-changed" } as const;
    const inserted = tx
      .insert(privacyAcknowledgements)
      .values({ userId, noticeVersion: version })
      .onConflictDoNothing()
      .run();
    if (inserted.changes === 0) return { ok: true } as const;
    tx.insert(contactConsents).values({ userId, granted: contactConsent, noticeVersion: version }).run();
    recordAudit(tx, {
      actorUserId: userId,
      action: "privacy.acknowledge",
      entityType: "user",
      entityId: userId,
      after: { noticeVersion: version, contactConsent },
    });
    return { ok: true } as const;
  });
}

function consentChanges(userId: string) {
  return getDb()
    .select({ id: contactConsents.id, granted: contactConsents.granted, at: contactConsents.at })
    .from(contactConsents)
    .where(eq(contactConsents.userId, userId))
    .orderBy(desc(contactConsents.id))
    .limit(1)
    .all();
}

/** Whether reminders may go to this person by SMS or e-mail now. Read at each sending. */
export function mayContact(userId: string): boolean {
  return hasContactConsent(consentChanges(userId));
}

export function contactConsentOf(userId: string): { granted: boolean; at: Date | null } {
  const latest = consentChanges(userId)[0];
  return { granted: latest?.granted ?? false, at: latest?.at ?? null };
}

/** Gives or withdraws consent to be contacted; effective for the next message. */
export function setContactConsent(userId: string, granted: boolean): void {
  writeTransaction((tx) => {
    const version = tx
      .select({ version: sql<number>`max(${privacyNotices.version})` })
      .from(privacyNotices)
      .get();
    if (!version?.version) return;
    tx.insert(contactConsents).values({ userId, granted, noticeVersion: version.version }).run();
    recordAudit(tx, {
      actorUserId: userId,
      action: granted ? "privacy.consentGiven" : "privacy.consentWithdrawn",
      entityType: "user",
      entityId: userId,
      after: { contactConsent: granted },
    });
  });
}

/** A new version of the notice; everyone acknowledges it at their next page. */
export function publishNotice(actor: Actor, input: { bodyVi: string; bodyEn: string }): number {
  const bodyVi = input.bodyVi.normalize("NFC").slice(0, NOTICE_MAX_LENGTH);
  const bodyEn = input.bodyEn.normalize("NFC").slice(0, NOTICE_MAX_LENGTH);
  return writeTransaction((tx) => {
    const last = tx
      .select({ version: sql<number>`coalesce(max(${privacyNotices.version}), 0)` })
      .from(privacyNotices)
      .get();
    const version = (last?.version ?? 0) + 1;
    tx.insert(privacyNotices).values({ version, bodyVi, bodyEn, publishedBy: actor.userId }).run();
    recordAudit(tx, {
      actorUserId: actor.userId,
      action: "privacy.publishNotice",
      entityType: "privacy_notice",
      entityId: version,
    });
    return version;
  });
}

/**
 * A person asks for what is held about them to be corrected. It goes to the managers of
 * the unit they work in (their first open placement), due after the configured days.
 */
export function requestCorrection(userId: string, body: string, responseDays: number, now = new Date()): number {
  const unitId = listPlacements(userId).find((p) => p.endDate === null)?.unitId ?? null;
  return writeTransaction((tx) => {
    const created = tx
      .insert(correctionRequests)
      .values({
        userId,
        orgUnitId: unitId,
        body: body.normalize("NFC"),
        dueAt: correctionDueAt(now, responseDays),
        createdAt: now,
      })
      .returning({ id: correctionRequests.id })
      .get();
    recordAudit(tx, {
      actorUserId: userId,
      action: "privacy.correctionRequested",
      entityType: "correction_request",
      entityId: created.id,
      orgUnitId: unitId,
    });
    return created.id;
  });
}

const requestColumns = {
  id: correctionRequests.id,
  userId: correctionRequests.userId,
  fullName: users.fullName,
  unitName: orgUnits.name,
  body: correctionRequests.body,
  status: correctionRequests.status,
  dueAt: correctionRequests.dueAt,
  createdAt: correctionRequests.createdAt,
  handledAt: correctionRequests.handledAt,
  response: correctionRequests.response,
};

export type CorrectionRequest = {
  id: number;
  userId: string;
  fullName: string;
  unitName: string | null;
  body: string;
  status: (typeof correctionStatuses)[number];
  dueAt: Date;
  createdAt: Date;
  handledAt: Date | null;
  response: string | null;
};

/** A request as the pages show it: times as numbers, and whether it is late. */
export function correctionForPage(request: CorrectionRequest, now: Date) {
  return {
    id: request.id,
    userId: request.userId,
    fullName: request.fullName,
    unitName: request.unitName,
    body: request.body,
    status: request.status,
    dueAt: request.dueAt.getTime(),
    overdue: isCorrectionOverdue(request, now),
    response: request.response,
  };
}

export function correctionsOf(userId: string): CorrectionRequest[] {
  return getDb()
    .select(requestColumns)
    .from(correctionRequests)
    .innerJoin(users, eq(users.id, correctionRequests.userId))
    .leftJoin(orgUnits, eq(orgUnits.id, correctionRequests.orgUnitId))
    .where(eq(correctionRequests.userId, userId))
    .orderBy(desc(correctionRequests.id))
    .all();
}

/** Requests of people in the given subtrees: open ones first, the most urgent on top. */
export function correctionsWithin(scopePaths: readonly string[], limit = 200): CorrectionRequest[] {
  return getDb()
    .select(requestColumns)
    .from(correctionRequests)
    .innerJoin(users, eq(users.id, correctionRequests.userId))
    .innerJoin(orgUnits, eq(orgUnits.id, correctionRequests.orgUnitId))
    .where(inAnySubtree(scopePaths))
    .orderBy(sql`${correctionRequests.status} <> 'open'`, asc(correctionRequests.dueAt), desc(correctionRequests.id))
    .limit(limit)
    .all();
}

export type HandleResult = { ok: true } | { ok: false; reason: "not-found" | "already-handled" };

/** A manager of the request's unit answers it: corrected (after editing the data) or declined with a reason. */
export function handleCorrection(
  actor: Actor,
  requestId: number,
  input: { status: "corrected" | "declined"; response: string },
  now = new Date(),
): HandleResult {
  return writeTransaction((tx) => {
    const found = tx
      .select({
        id: correctionRequests.id,
        status: correctionRequests.status,
        unitPath: orgUnits.path,
        unitId: orgUnits.id,
      })
      .from(correctionRequests)
      .innerJoin(orgUnits, eq(orgUnits.id, correctionRequests.orgUnitId))
      .where(eq(correctionRequests.id, requestId))
      .get();
    if (!found || !can(actor, "user.view", found.unitPath)) return { ok: false, reason: "not-found" } as const;
    if (found.status !== "open") return { ok: false, reason: "already-handled" } as const;
    tx.update(correctionRequests)
      .set({ status: input.status, response: input.response.normalize("NFC"), handledBy: actor.userId, handledAt: now })
      .where(and(eq(correctionRequests.id, requestId), eq(correctionRequests.status, "open")))
      .run();
    recordAudit(tx, {
      actorUserId: actor.userId,
      action: "privacy.correctionHandled",
      entityType: "correction_request",
      entityId: requestId,
      orgUnitId: found.unitId,
      before: { status: "open" },
      after: { status: input.status },
    });
    return { ok: true } as const;
  });
}
