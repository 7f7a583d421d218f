import { and, asc, desc, eq, exists, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Grant, Role } from "~/domain/access";
import { searchKey, sortByVi } from "~/domain/text";
import type { UnitPath } from "~/domain/tree";
import type { Tx } from "~/utils/db.server";
import { getDb, prepared } from "~/utils/db.server";
import { orgUnits, placements, positions, roleGrants, tiers, users } from "../../db/schema";
import { inAnySubtree } from "./units.server";

/** A user as the app sees it: never the password hash. */
export type UserProfile = {
  id: string;
  username: string;
  fullName: string;
  phone: string | null;
  email: string | null;
  locale: "vi" | "en";
  active: boolean;
  mustChangePassword: boolean;
  /** A version of the privacy notice is current that this person has not acknowledged. */
  privacyNoticePending: boolean;
};

const profileColumns = {
  id: users.id,
  username: users.username,
  fullName: users.fullName,
  phone: users.phone,
  email: users.email,
  locale: users.locale,
  active: users.active,
  mustChangePassword: users.mustChangePassword,
  // In the one query every signed-in request makes: the notice gate costs no extra round trip.
  privacyNoticePending: sql<boolean>`exists (select 1 from privacy_notices n
    where n.version = (select max(version) from privacy_notices)
      and not exists (select 1 from privacy_acknowledgements a where a.user_id = ${users.id} and a.notice_version = n.version))`.mapWith(
    Boolean,
  ),
};

const profileById = prepared((db) =>
  db
    .select(profileColumns)
    .from(users)
    .where(eq(users.id, sql.placeholder("id")))
    .prepare(),
);

export function findUserProfile(id: string): UserProfile | undefined {
  return profileById().get({ id });
}

export function findUserByUsername(username: string, db: Tx = getDb()) {
  return db.select(profileColumns).from(users).where(eq(users.username, username)).get();
}

/** Only sign-in and password change read the hash. */
export function findCredentials(username: string) {
  return getDb()
    .select({ id: users.id, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(eq(users.username, username))
    .get();
}

/** Only a password change reads the hash, with whether the password is an initial one. */
export function findCredentialsById(userId: string) {
  return getDb()
    .select({ passwordHash: users.passwordHash, mustChangePassword: users.mustChangePassword })
    .from(users)
    .where(eq(users.id, userId))
    .get();
}

const grantsOfUser = prepared((db) =>
  db
    .select({
      id: roleGrants.id,
      role: roleGrants.role,
      unitId: orgUnits.id,
      unitPath: orgUnits.path,
      unitName: orgUnits.name,
      unitCode: orgUnits.code,
    })
    .from(roleGrants)
    .innerJoin(orgUnits, eq(orgUnits.id, roleGrants.orgUnitId))
    .where(eq(roleGrants.userId, sql.placeholder("userId")))
    .orderBy(asc(roleGrants.id))
    .prepare(),
);

export function listGrants(userId: string) {
  return grantsOfUser().all({ userId });
}

export function grantsForActor(userId: string): Grant[] {
  return listGrants(userId).map((g) => ({ role: g.role as Role, unitId: g.unitId, unitPath: g.unitPath }));
}

const placementsOfUser = prepared((db) =>
  db
    .select({
      id: placements.id,
      unitId: orgUnits.id,
      unitName: orgUnits.name,
      unitCode: orgUnits.code,
      unitPath: orgUnits.path,
      positionId: positions.id,
      positionNameVi: positions.nameVi,
      positionNameEn: positions.nameEn,
      startDate: placements.startDate,
      endDate: placements.endDate,
      endReason: placements.endReason,
    })
    .from(placements)
    .innerJoin(orgUnits, eq(orgUnits.id, placements.orgUnitId))
    .innerJoin(positions, eq(positions.id, placements.positionId))
    .where(eq(placements.userId, sql.placeholder("userId")))
    .orderBy(sql`${placements.endDate} IS NOT NULL`, desc(placements.startDate), desc(placements.id))
    .prepare(),
);

export function listPlacements(userId: string) {
  return placementsOfUser().all({ userId });
}

/** Units a person is attached to now (open placements and grants), for reach checks. */
export function attachedUnitPaths(userId: string): UnitPath[] {
  const open = listPlacements(userId)
    .filter((p) => p.endDate === null)
    .map((p) => p.unitPath);
  const granted = listGrants(userId).map((g) => g.unitPath);
  return [...new Set([...open, ...granted])];
}

function attachedWithin(scopePaths: readonly UnitPath[]): SQL {
  const db = getDb();
  const placed = db
    .select({ one: sql`1` })
    .from(placements)
    .innerJoin(orgUnits, eq(orgUnits.id, placements.orgUnitId))
    .where(and(eq(placements.userId, users.id), isNull(placements.endDate), inAnySubtree(scopePaths)));
  const granted = db
    .select({ one: sql`1` })
    .from(roleGrants)
    .innerJoin(orgUnits, eq(orgUnits.id, roleGrants.orgUnitId))
    .where(and(eq(roleGrants.userId, users.id), inAnySubtree(scopePaths)));
  return or(exists(placed), exists(granted)) as SQL;
}

function attachedNowhere(): SQL {
  const db = getDb();
  const placed = db
    .select({ one: sql`1` })
    .from(placements)
    .where(and(eq(placements.userId, users.id), isNull(placements.endDate)));
  const granted = db.select({ one: sql`1` }).from(roleGrants).where(eq(roleGrants.userId, users.id));
  return and(sql`NOT ${exists(placed)}`, sql`NOT ${exists(granted)}`) as SQL;
}

/**
 * People within the given subtrees whose name, username or phone matches; with
 * `includeUnattached`, also people placed nowhere (only a national administrator sees them).
 */
export function searchUsers(options: {
  query: string;
  scopePaths: readonly UnitPath[];
  includeUnattached: boolean;
  limit?: number;
  /** Match the name only (pickers): never the phone, which the person choosing need not see. */
  nameOnly?: boolean;
}): UserProfile[] {
  const key = searchKey(options.query).replace(/[%_\\]/g, (c) => `\\${c}`);
  const reach = options.includeUnattached
    ? or(attachedWithin(options.scopePaths), attachedNowhere())
    : attachedWithin(options.scopePaths);
  const byName = sql`${users.fullNameSearch} LIKE ${`%${key}%`} ESCAPE '\\'`;
  const matches = !key
    ? undefined
    : options.nameOnly
      ? and(byName, eq(users.active, true))
      : or(
          byName,
          sql`${users.username} LIKE ${`%${key}%`} ESCAPE '\\'`,
          sql`${users.phone} LIKE ${`%${key}%`} ESCAPE '\\'`,
        );
  const rows = getDb()
    .select(profileColumns)
    .from(users)
    .where(and(reach, matches))
    .limit(options.limit ?? 100)
    .all();
  return sortByVi(rows, (u) => u.fullName);
}

export type { Role };

/** Tier and position codes of the person's open placements: what courses they are meant for. */
const placementCodesOfUser = prepared((db) =>
  db
    .select({ tierCode: tiers.code, positionCode: positions.code, unitPath: orgUnits.path })
    .from(placements)
    .innerJoin(orgUnits, eq(orgUnits.id, placements.orgUnitId))
    .innerJoin(tiers, eq(tiers.id, orgUnits.tierId))
    .innerJoin(positions, eq(positions.id, placements.positionId))
    .where(and(eq(placements.userId, sql.placeholder("userId")), isNull(placements.endDate)))
    .prepare(),
);

export function openPlacementCodes(userId: string): { tierCode: string; positionCode: string; unitPath: string }[] {
  return placementCodesOfUser().all({ userId });
}

/** Where each person works now (open placements: unit and position), for choosing people by name. */
export function openPlacementsOfUsers(userIds: readonly string[]) {
  if (userIds.length === 0) return [];
  return getDb()
    .select({
      userId: placements.userId,
      unitName: orgUnits.name,
      unitPath: orgUnits.path,
      positionNameVi: positions.nameVi,
      positionNameEn: positions.nameEn,
    })
    .from(placements)
    .innerJoin(orgUnits, eq(orgUnits.id, placements.orgUnitId))
    .innerJoin(positions, eq(positions.id, placements.positionId))
    .where(and(inArray(placements.userId, [...userIds]), isNull(placements.endDate)))
    .orderBy(asc(placements.id))
    .all();
}
