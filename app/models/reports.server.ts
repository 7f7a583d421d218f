/**
 * Reads of the indicator: rollup rows of a unit and the units below it, commune coverage,
 * monthly snapshots, and the people behind the numbers (streamed for exports).
 */

import Database from "better-sqlite3";
import { type Counts, type LearnerState, ZERO_COUNTS } from "~/domain/indicator";
import { subtreeRange, type UnitPath } from "~/domain/tree";
import { getDb, prepared } from "~/utils/db.server";

export interface RollupFilter {
  courseId: number;
  tierId: number;
  positionId: number;
}

const rollupsOfUnits = prepared((db) =>
  db.$client.prepare<[string, number, number, number], Counts & { orgUnitId: number }>(
    `select org_unit_id as orgUnitId, assigned, trained, in_progress as inProgress, not_started as notStarted,
            overdue, expired, expiring_soon as expiringSoon, trained_in_person as trainedInPerson
       from unit_rollups
      where org_unit_id in (select value from json_each(?)) and course_id = ? and tier_id = ? and position_id = ?`,
  ),
);

/** The counts of each unit (its whole subtree) under a filter; units nobody counts in get zeros. */
export function rollupCounts(unitIds: readonly number[], filter: RollupFilter): Map<number, Counts> {
  const result = new Map<number, Counts>(unitIds.map((id) => [id, { ...ZERO_COUNTS }]));
  for (const row of rollupsOfUnits().all(JSON.stringify(unitIds), filter.courseId, filter.tierId, filter.positionId)) {
    const { orgUnitId, ...counts } = row;
    result.set(orgUnitId, counts);
  }
  return result;
}

const communesWithOfficers = prepared((db) =>
  db.$client.prepare<[number, number, number, string, string], { path: string; trained: number }>(
    `select u.path, coalesce(r.trained, 0) as trained
       from org_units u
       left join unit_rollups r on r.org_unit_id = u.id and r.course_id = ? and r.tier_id = 0 and r.position_id = ?
      where u.tier_id = ? and u.path >= ? and u.path < ? and u.status = 'active'`,
  ),
);

/** Every active commune of a subtree, and how many trained people it has in the officer position. */
export function communeOfficerCounts(
  path: UnitPath,
  filter: { courseId: number; communeTierId: number; officerPositionId: number },
): { path: string; trained: number }[] {
  const { from, to } = subtreeRange(path);
  return communesWithOfficers().all(filter.courseId, filter.officerPositionId, filter.communeTierId, from, to);
}

const snapshotsOfUnit = prepared((db) =>
  db.$client.prepare<[number, number, string], { month: string; assigned: number; trained: number }>(
    `select month, assigned, trained from indicator_snapshots
      where org_unit_id = ? and course_id = ? and month >= ? order by month`,
  ),
);

export function snapshotSeries(unitId: number, courseId: number, fromMonth: string) {
  return snapshotsOfUnit().all(unitId, courseId, fromMonth);
}

export interface PersonRow {
  userId: string;
  fullName: string;
  username: string;
  phone: string | null;
  firstPath: string;
  state: LearnerState;
}

const PEOPLE_SQL = `with placed as (
    select p.user_id, min(u.path) as first_path
      from org_units u join placements p on p.org_unit_id = u.id and p.end_date is null
     where u.path >= ? and u.path < ?
     group by p.user_id)
  select us.id as userId, us.full_name as fullName, us.username, us.phone, placed.first_path as firstPath, s.state
    from placed
    join learner_rollup_states s on s.user_id = placed.user_id
    join users us on us.id = placed.user_id
   order by placed.first_path, us.full_name_search`;

type PersonRecord = Omit<PersonRow, "state"> & { state: string };

const assignedPeopleInSubtree = prepared((db) => db.$client.prepare<[string, string], PersonRecord>(PEOPLE_SQL));

function toPerson(row: PersonRecord): PersonRow {
  return { ...row, state: JSON.parse(row.state) as LearnerState };
}

/**
 * The assigned staff of a subtree with their stored state, each person once, unit by unit,
 * read lazily. The cursor holds the shared connection: consume it without other queries.
 */
export function* assignedPeople(path: UnitPath): Generator<PersonRow> {
  const { from, to } = subtreeRange(path);
  for (const row of assignedPeopleInSubtree().iterate(from, to)) yield toPerson(row);
}

/**
 * A read-only connection of its own for a long export: it reads one consistent snapshot of
 * the database (WAL) while the file streams, and its open cursor never blocks the requests
 * the process serves meanwhile on the shared client.
 */
export function openReportReader() {
  const reader = new Database(getDb().$client.name, { readonly: true, fileMustExist: true });
  reader.pragma("busy_timeout = 5000");
  const people = reader.prepare<[string, string], PersonRecord>(PEOPLE_SQL);
  const names = reader.prepare<[string], { id: number; name: string; code: string }>(
    "select id, name, code from org_units where id in (select value from json_each(?))",
  );
  return {
    *assignedPeople(path: UnitPath): Generator<PersonRow> {
      const { from, to } = subtreeRange(path);
      for (const row of people.iterate(from, to)) yield toPerson(row);
    },
    namesOfUnits(ids: readonly number[]): Map<number, { name: string; code: string }> {
      return new Map(names.all(JSON.stringify(ids)).map((u) => [u.id, { name: u.name, code: u.code }]));
    },
    close(): void {
      reader.close();
    },
  };
}

const unitNames = prepared((db) =>
  db.$client.prepare<[string], { id: number; name: string; code: string }>(
    "select id, name, code from org_units where id in (select value from json_each(?))",
  ),
);

export function namesOfUnits(ids: readonly number[]): Map<number, { name: string; code: string }> {
  return new Map(
    unitNames()
      .all(JSON.stringify(ids))
      .map((u) => [u.id, { name: u.name, code: u.code }]),
  );
}

/** Courses assigned to anyone in the unit's subtree (for filters and export columns). */
const coursesCounted = prepared((db) =>
  db.$client.prepare<[number], { courseId: number }>(
    `select course_id as courseId from unit_rollups
      where org_unit_id = ? and course_id <> 0 and tier_id = 0 and position_id = 0 and assigned > 0`,
  ),
);

export function courseIdsAssignedIn(unitId: number): number[] {
  return coursesCounted()
    .all(unitId)
    .map((r) => r.courseId);
}
