import { and, desc, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { AssignmentAudience, OpenPlacement } from "~/domain/assignments";
import { idsOnPath, type UnitPath } from "~/domain/tree";
import { getDb, type Tx } from "~/utils/db.server";
import {
  assignmentPeople,
  assignments,
  courses,
  courseVersions,
  orgUnits,
  placements,
  positions,
  tiers,
  users,
} from "../../db/schema";
import { inAnySubtree, inSubtree } from "./units.server";

export function insertAssignment(
  tx: Tx,
  values: {
    courseId: number;
    orgUnitId: number | null;
    includeSubunits: boolean;
    tiers: string[];
    positions: string[];
    dueOn: string;
    createdBy: string;
  },
  userIds: readonly string[],
): number {
  const row = tx.insert(assignments).values(values).returning({ id: assignments.id }).get();
  if (userIds.length > 0)
    tx.insert(assignmentPeople)
      .values(userIds.map((userId) => ({ assignmentId: row.id, userId })))
      .run();
  return row.id;
}

/** Open placements with the unit's path, tier and position: what assignments match on. */
export function openPlacementsOf(userId: string): OpenPlacement[] {
  return getDb()
    .select({ unitPath: orgUnits.path, tierCode: tiers.code, positionCode: positions.code })
    .from(placements)
    .innerJoin(orgUnits, eq(orgUnits.id, placements.orgUnitId))
    .innerJoin(tiers, eq(tiers.id, orgUnits.tierId))
    .innerJoin(positions, eq(positions.id, placements.positionId))
    .where(and(eq(placements.userId, userId), isNull(placements.endDate)))
    .all();
}

/**
 * Active assignments that could reach a person: given to a unit on the path of one of their
 * placements (the unit itself or one above it), or naming them.
 */
export function assignmentsReaching(userId: string, placementPaths: readonly UnitPath[]): AssignmentAudience[] {
  const unitIds = [...new Set(placementPaths.flatMap(idsOnPath))];
  const db = getDb();
  const named = db
    .select({ id: assignmentPeople.assignmentId })
    .from(assignmentPeople)
    .where(eq(assignmentPeople.userId, userId));
  const reach: SQL[] = [inArray(assignments.id, named)];
  if (unitIds.length > 0) reach.push(inArray(assignments.orgUnitId, unitIds));
  const rows = db
    .select({
      id: assignments.id,
      courseId: assignments.courseId,
      unitPath: orgUnits.path,
      includeSubunits: assignments.includeSubunits,
      tiers: assignments.tiers,
      positions: assignments.positions,
      dueOn: assignments.dueOn,
    })
    .from(assignments)
    .leftJoin(orgUnits, eq(orgUnits.id, assignments.orgUnitId))
    .where(and(isNull(assignments.cancelledAt), or(...reach)))
    .all();
  const namedIds = new Set(named.all().map((r) => r.id));
  return rows.map((r) => ({ ...r, userIds: namedIds.has(r.id) ? [userId] : [] }));
}

/** Assignments given within the manager's subtrees, or naming people, created by them. */
export function listAssignmentsWithin(scopePaths: readonly UnitPath[], createdBy: string) {
  return getDb()
    .select({
      id: assignments.id,
      courseTitle: courseVersions.title,
      courseSlug: courses.slug,
      unitId: orgUnits.id,
      unitName: orgUnits.name,
      unitPath: orgUnits.path,
      includeSubunits: assignments.includeSubunits,
      tiers: assignments.tiers,
      positions: assignments.positions,
      dueOn: assignments.dueOn,
      named: sql<number>`(select count(*) from ${assignmentPeople} where ${assignmentPeople.assignmentId} = ${assignments.id})`,
    })
    .from(assignments)
    .innerJoin(courses, eq(courses.id, assignments.courseId))
    .innerJoin(courseVersions, eq(courseVersions.id, courses.currentVersionId))
    .leftJoin(orgUnits, eq(orgUnits.id, assignments.orgUnitId))
    .where(
      and(
        isNull(assignments.cancelledAt),
        or(inAnySubtree(scopePaths), and(isNull(assignments.orgUnitId), eq(assignments.createdBy, createdBy))),
      ),
    )
    .orderBy(desc(assignments.id))
    .limit(200)
    .all();
}

interface UnitAudience {
  unitPath: UnitPath;
  includeSubunits: boolean;
  tiers: readonly string[];
  positions: readonly string[];
}

function unitAudienceConditions(assignment: UnitAudience): SQL {
  const conditions: SQL[] = [
    isNull(placements.endDate),
    assignment.includeSubunits ? inSubtree(assignment.unitPath) : eq(orgUnits.path, assignment.unitPath),
  ];
  if (assignment.tiers.length > 0) conditions.push(inArray(tiers.code, [...assignment.tiers]));
  if (assignment.positions.length > 0) conditions.push(inArray(positions.code, [...assignment.positions]));
  return and(...conditions) as SQL;
}

/** How many people a unit assignment reaches now (distinct people, live placements). */
export function unitAudienceCount(assignment: UnitAudience): number {
  return (
    getDb()
      .select({ n: sql<number>`count(distinct ${placements.userId})` })
      .from(placements)
      .innerJoin(orgUnits, eq(orgUnits.id, placements.orgUnitId))
      .innerJoin(tiers, eq(tiers.id, orgUnits.tierId))
      .innerJoin(positions, eq(positions.id, placements.positionId))
      .where(unitAudienceConditions(assignment))
      .get()?.n ?? 0
  );
}

/** The people a unit assignment reaches now: whose status a new assignment changes. */
export function unitAudienceUserIds(assignment: UnitAudience): string[] {
  return getDb()
    .selectDistinct({ userId: placements.userId })
    .from(placements)
    .innerJoin(orgUnits, eq(orgUnits.id, placements.orgUnitId))
    .innerJoin(tiers, eq(tiers.id, orgUnits.tierId))
    .innerJoin(positions, eq(positions.id, placements.positionId))
    .where(unitAudienceConditions(assignment))
    .all()
    .map((r) => r.userId);
}

export function findUsersByUsernames(usernames: readonly string[]) {
  if (usernames.length === 0) return [];
  return getDb()
    .select({ id: users.id, username: users.username, fullName: users.fullName })
    .from(users)
    .where(inArray(users.username, [...usernames]))
    .all();
}

/** Active assignments given to a unit (not its sub-units' own), as a reform must replace them. */
export function activeAssignmentsAt(tx: Tx, unitId: number) {
  return tx
    .select({
      id: assignments.id,
      courseId: assignments.courseId,
      includeSubunits: assignments.includeSubunits,
      tiers: assignments.tiers,
      positions: assignments.positions,
      dueOn: assignments.dueOn,
      createdBy: assignments.createdBy,
    })
    .from(assignments)
    .where(and(eq(assignments.orgUnitId, unitId), isNull(assignments.cancelledAt)))
    .all();
}

export function cancelAssignment(tx: Tx, id: number): void {
  tx.update(assignments).set({ cancelledAt: new Date() }).where(eq(assignments.id, id)).run();
}
