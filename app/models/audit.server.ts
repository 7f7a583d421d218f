import { and, desc, eq, gte, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import type { AuditReferences } from "~/domain/audit";
import { searchKey } from "~/domain/text";
import type { UnitPath } from "~/domain/tree";
import type { Tx } from "~/utils/db.server";
import { getDb } from "~/utils/db.server";
import {
  auditLog,
  courses,
  courseVersions,
  orgUnits,
  placements,
  positions,
  trainingEvents,
  users,
} from "../../db/schema";
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

/**
 * The person an entry is about: the account itself, the holder of a placement, role or
 * certificate, or the person marked present.
 */
const subjectUserId = sql<string | null>`CASE
  WHEN ${auditLog.entityType} = 'user' THEN ${auditLog.entityId}
  WHEN ${auditLog.entityType} = 'placement'
    THEN (SELECT ${placements.userId} FROM ${placements} WHERE ${placements.id} = CAST(${auditLog.entityId} AS INTEGER))
  ELSE coalesce(
    json_extract(${auditLog.after}, '$.userId'), json_extract(${auditLog.before}, '$.userId'),
    json_extract(${auditLog.after}, '$.holderId'))
END`;

export interface AuditFilter {
  /** People whose entries (as actor or as the person concerned) are wanted. */
  personIds?: readonly string[];
  /** Only changes in this subtree. */
  unitPath?: UnitPath;
  actions?: readonly string[];
  /** Instants, inclusive from, exclusive to. */
  from?: Date;
  to?: Date;
}

/** Newest first, scoped to changes in the given subtrees (or with no unit, for national admins). */
export function listAudit(options: {
  scopePaths: readonly UnitPath[];
  includeUnscoped: boolean;
  beforeId?: number;
  limit?: number;
  filter?: AuditFilter;
}) {
  const filter = options.filter ?? {};
  const scoped = options.includeUnscoped
    ? (or(sql`${auditLog.orgUnitId} IS NULL`, inAnySubtree(options.scopePaths)) as SQL)
    : inAnySubtree(options.scopePaths);
  const people = filter.personIds
    ? filter.personIds.length === 0
      ? sql`0`
      : or(inArray(auditLog.actorUserId, [...filter.personIds]), inArray(subjectUserId, [...filter.personIds]))
    : undefined;
  return getDb()
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      actorUserId: auditLog.actorUserId,
      actorName: users.fullName,
      subjectUserId,
      orgUnitId: auditLog.orgUnitId,
      unitName: orgUnits.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(orgUnits, eq(orgUnits.id, auditLog.orgUnitId))
    .where(
      and(
        scoped,
        filter.unitPath ? inAnySubtree([filter.unitPath]) : undefined,
        filter.actions ? inArray(auditLog.action, [...filter.actions]) : undefined,
        filter.from ? gte(auditLog.at, filter.from) : undefined,
        filter.to ? lt(auditLog.at, filter.to) : undefined,
        people,
        options.beforeId ? lt(auditLog.id, options.beforeId) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(options.limit ?? 50)
    .all();
}

/** Names of everything a page of entries refers to, looked up in one query per kind. */
export function auditNames(refs: AuditReferences) {
  const db = getDb();
  const userIds = [...refs.userIds];
  const unitIds = [...refs.unitIds];
  const unitCodes = [...refs.unitCodes];
  const people = userIds.length
    ? db.select({ id: users.id, name: users.fullName }).from(users).where(inArray(users.id, userIds)).all()
    : [];
  const units =
    unitIds.length || unitCodes.length
      ? db
          .select({ id: orgUnits.id, code: orgUnits.code, name: orgUnits.name })
          .from(orgUnits)
          .where(
            or(
              unitIds.length ? inArray(orgUnits.id, unitIds) : undefined,
              unitCodes.length ? inArray(orgUnits.code, unitCodes) : undefined,
            ),
          )
          .all()
      : [];
  const positionRows = refs.positionCodes.size
    ? db
        .select({ code: positions.code, nameVi: positions.nameVi, nameEn: positions.nameEn })
        .from(positions)
        .where(inArray(positions.code, [...refs.positionCodes]))
        .all()
    : [];
  const courseRows = refs.courseSlugs.size
    ? db
        .select({ slug: courses.slug, title: courseVersions.title })
        .from(courses)
        .innerJoin(courseVersions, eq(courseVersions.id, courses.currentVersionId))
        .where(inArray(courses.slug, [...refs.courseSlugs]))
        .all()
    : [];
  const eventRows = refs.eventIds.size
    ? db
        .select({ id: trainingEvents.id, title: trainingEvents.title })
        .from(trainingEvents)
        .where(inArray(trainingEvents.id, [...refs.eventIds]))
        .all()
    : [];
  return {
    people: Object.fromEntries(people.map((p) => [p.id, p.name])),
    unitsById: Object.fromEntries(units.map((u) => [u.id, u.name])),
    unitsByCode: Object.fromEntries(units.map((u) => [u.code, u.name])),
    positions: Object.fromEntries(positionRows.map((p) => [p.code, { nameVi: p.nameVi, nameEn: p.nameEn }])),
    courses: Object.fromEntries(courseRows.map((c) => [c.slug, c.title])),
    events: Object.fromEntries(eventRows.map((e) => [e.id, e.title])),
  };
}

export type AuditNameTables = ReturnType<typeof auditNames>;

/** Ids of people whose name (without diacritics) or username holds the words, for the person filter. */
export function findPeopleIdsByName(query: string, limit = 200): string[] {
  const key = searchKey(query).replace(/[%_\\]/g, (c) => `\\${c}`);
  if (!key) return [];
  return getDb()
    .select({ id: users.id })
    .from(users)
    .where(
      or(
        sql`${users.fullNameSearch} LIKE ${`%${key}%`} ESCAPE '\\'`,
        sql`${users.username} LIKE ${`%${key}%`} ESCAPE '\\'`,
      ),
    )
    .limit(limit)
    .all()
    .map((r) => r.id);
}
