import { and, desc, eq, lt, or, type SQL, sql } from "drizzle-orm";
import type { UnitPath } from "~/domain/tree";
import type { Tx } from "~/utils/db.server";
import { getDb } from "~/utils/db.server";
import { auditLog, orgUnits, users } from "../../db/schema";
import { inAnySubtree } from "./units.server";

export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId: string | number;
  orgUnitId?: number | null;
  before?: unknown;
  after?: unknown;
}

/** Written in the same transaction as the change it describes. */
export function recordAudit(db: Tx, entry: AuditEntry): void {
  db.insert(auditLog)
    .values({
      actorUserId: entry.actorUserId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: String(entry.entityId),
      orgUnitId: entry.orgUnitId ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
    })
    .run();
}

/** Newest first, scoped to changes in the given subtrees (or with no unit, for national admins). */
export function listAudit(options: {
  scopePaths: readonly UnitPath[];
  includeUnscoped: boolean;
  beforeId?: number;
  limit?: number;
}) {
  const scoped = options.includeUnscoped
    ? (or(sql`${auditLog.orgUnitId} IS NULL`, inAnySubtree(options.scopePaths)) as SQL)
    : inAnySubtree(options.scopePaths);
  return getDb()
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      actorName: users.fullName,
      actorUsername: users.username,
      unitName: orgUnits.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(orgUnits, eq(orgUnits.id, auditLog.orgUnitId))
    .where(and(scoped, options.beforeId ? lt(auditLog.id, options.beforeId) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(options.limit ?? 50)
    .all();
}
