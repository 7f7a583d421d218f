import { and, asc, eq, gte, inArray, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { searchKey, sortByVi } from "~/domain/text";
import { childPath, depthOf, idsOnPath, subtreeRange, type UnitPath } from "~/domain/tree";
import type { ListedUnit } from "~/domain/unit-list";
import { getDb, type Tx } from "~/utils/db.server";
import { orgUnits, placements, positions, tiers, users } from "../../db/schema";

export type OrgUnit = typeof orgUnits.$inferSelect;

const unitColumns = {
  id: orgUnits.id,
  parentId: orgUnits.parentId,
  code: orgUnits.code,
  name: orgUnits.name,
  status: orgUnits.status,
  path: orgUnits.path,
  depth: orgUnits.depth,
  validFrom: orgUnits.validFrom,
  validTo: orgUnits.validTo,
  mergedIntoId: orgUnits.mergedIntoId,
  tierId: orgUnits.tierId,
  tierCode: tiers.code,
  tierNameVi: tiers.nameVi,
  tierNameEn: tiers.nameEn,
};

export type UnitSummary = {
  id: number;
  parentId: number | null;
  code: string;
  name: string;
  status: OrgUnit["status"];
  path: string;
  depth: number;
  validFrom: string | null;
  validTo: string | null;
  mergedIntoId: number | null;
  tierId: number;
  tierCode: string;
  tierNameVi: string;
  tierNameEn: string;
};

/** The subtree of `path` as an index range on org_units.path (see `subtreeRange`). */
export function inSubtree(path: UnitPath): SQL {
  const { from, to } = subtreeRange(path);
  return and(gte(orgUnits.path, from), lt(orgUnits.path, to)) as SQL;
}

export function inAnySubtree(paths: readonly UnitPath[]): SQL {
  if (paths.length === 0) return sql`0`;
  return or(...paths.map(inSubtree)) as SQL;
}

function selectUnits(db: Tx = getDb()) {
  return db.select(unitColumns).from(orgUnits).innerJoin(tiers, eq(tiers.id, orgUnits.tierId));
}

export function findUnitById(id: number, db: Tx = getDb()): UnitSummary | undefined {
  return selectUnits(db).where(eq(orgUnits.id, id)).get();
}

export function findUnitByCode(code: string, db: Tx = getDb()): UnitSummary | undefined {
  return selectUnits(db).where(eq(orgUnits.code, code)).get();
}

export function listUnitsByIds(ids: readonly number[], db: Tx = getDb()): UnitSummary[] {
  if (ids.length === 0) return [];
  return selectUnits(db)
    .where(inArray(orgUnits.id, [...ids]))
    .all();
}

/** Ancestors from the root down to (not including) the unit, for breadcrumbs. */
export function listAncestors(unit: { path: UnitPath; id: number }): UnitSummary[] {
  const ids = idsOnPath(unit.path).filter((id) => id !== unit.id);
  const byId = new Map(listUnitsByIds(ids).map((u) => [u.id, u]));
  return ids.map((id) => byId.get(id)).filter((u): u is UnitSummary => u !== undefined);
}

export function listChildren(parentId: number): UnitSummary[] {
  const rows = selectUnits().where(eq(orgUnits.parentId, parentId)).all();
  // Active units first, then the Vietnamese alphabet.
  return sortByVi(rows, (u) => u.name).sort((a, b) => Number(a.status !== "active") - Number(b.status !== "active"));
}

export function countChildren(parentIds: readonly number[]): Map<number, number> {
  if (parentIds.length === 0) return new Map();
  const rows = getDb()
    .select({ parentId: orgUnits.parentId, n: sql<number>`count(*)` })
    .from(orgUnits)
    .where(and(inArray(orgUnits.parentId, [...parentIds]), eq(orgUnits.status, "active")))
    .groupBy(orgUnits.parentId)
    .all();
  return new Map(rows.map((r) => [r.parentId as number, r.n]));
}

/** Units whose name or code matches, inside the given subtrees; "dien bien" finds "Điện Biên". */
export function searchUnits(query: string, scopePaths: readonly UnitPath[], limit = 50): UnitSummary[] {
  const key = searchKey(query).replace(/[%_\\]/g, (c) => `\\${c}`);
  const rows = selectUnits()
    .where(
      and(
        inAnySubtree(scopePaths),
        or(sql`${orgUnits.nameSearch} LIKE ${`%${key}%`} ESCAPE '\\'`, eq(orgUnits.code, query.trim().toUpperCase())),
      ),
    )
    .limit(limit)
    .all();
  return sortByVi(rows, (u) => u.name).sort((a, b) => a.depth - b.depth);
}

export function listTiers() {
  return getDb().select().from(tiers).orderBy(asc(tiers.level)).all();
}

export function listPositions() {
  return getDb().select().from(positions).orderBy(asc(positions.sortOrder)).all();
}

export type StaffMember = {
  placementId: number;
  userId: string;
  fullName: string;
  username: string;
  positionId: number;
  positionNameVi: string;
  positionNameEn: string;
  startDate: string;
};

export function listCurrentStaff(unitId: number): StaffMember[] {
  const rows = getDb()
    .select({
      placementId: placements.id,
      userId: users.id,
      fullName: users.fullName,
      username: users.username,
      positionId: positions.id,
      positionNameVi: positions.nameVi,
      positionNameEn: positions.nameEn,
      startDate: placements.startDate,
    })
    .from(placements)
    .innerJoin(users, eq(users.id, placements.userId))
    .innerJoin(positions, eq(positions.id, placements.positionId))
    .where(and(eq(placements.orgUnitId, unitId), isNull(placements.endDate)))
    .all();
  return sortByVi(rows, (r) => r.fullName);
}

export function openPlacementsAt(unitIds: readonly number[], db: Tx) {
  if (unitIds.length === 0) return [];
  return db
    .select()
    .from(placements)
    .where(and(inArray(placements.orgUnitId, [...unitIds]), isNull(placements.endDate)))
    .all();
}

/** The unit ids of a root: units with no parent. */
export function isTreeRootPath(path: UnitPath): boolean {
  return idsOnPath(path).length === 1;
}

/** Inserts a unit under `parent` (or as a root) and gives it its materialised path. */
export function insertUnit(
  db: Tx,
  values: {
    parent: { id: number; path: UnitPath } | null;
    tierId: number;
    code: string;
    name: string;
    validFrom?: string;
  },
): number {
  const placeholder = `/new-${values.code}/`;
  const inserted = db
    .insert(orgUnits)
    .values({
      parentId: values.parent?.id ?? null,
      tierId: values.tierId,
      code: values.code,
      name: values.name,
      nameSearch: searchKey(values.name),
      validFrom: values.validFrom ?? null,
      path: placeholder,
      depth: 0,
    })
    .returning({ id: orgUnits.id })
    .get();
  const path = childPath(values.parent?.path ?? null, inserted.id);
  db.update(orgUnits)
    .set({ path, depth: depthOf(path) })
    .where(eq(orgUnits.id, inserted.id))
    .run();
  return inserted.id;
}

export function listPositionCodes(db: Tx = getDb()): { id: number; code: string }[] {
  return db.select({ id: positions.id, code: positions.code }).from(positions).all();
}

/** Active units of a tier inside a subtree (the units a tier retirement ends). */
export function unitsOfTierWithin(tierCode: string, path: UnitPath): UnitSummary[] {
  return selectUnits()
    .where(and(eq(tiers.code, tierCode), eq(orgUnits.status, "active"), inSubtree(path)))
    .all();
}

/** Every unit by code with its parent's code and tier: what a unit list is compared with. */
export function listedUnits(): Map<string, ListedUnit> {
  const parents = alias(orgUnits, "parents");
  const rows = getDb()
    .select({
      id: orgUnits.id,
      code: orgUnits.code,
      name: orgUnits.name,
      path: orgUnits.path,
      parentCode: parents.code,
      tierCode: tiers.code,
      status: orgUnits.status,
    })
    .from(orgUnits)
    .innerJoin(tiers, eq(tiers.id, orgUnits.tierId))
    .leftJoin(parents, eq(parents.id, orgUnits.parentId))
    .all();
  return new Map(rows.map((u) => [u.code.toUpperCase(), u]));
}
