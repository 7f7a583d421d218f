/**
 * Queries of the indicator rollups: the facts a learner's status is computed from, the
 * stored states, the per-unit counts and the monthly snapshots. Lists of ids travel as one
 * JSON parameter (`json_each`), so every statement here is prepared once and reused.
 */
import type { AssignmentAudience } from "~/domain/assignments";
import { COUNTS, type Counts, type LearnerFacts, type LearnerState, parseKey } from "~/domain/indicator";
import { subtreeRange, type UnitPath } from "~/domain/tree";
import { prepared } from "~/utils/db.server";

const placementsOfUsers = prepared((db) =>
  db.$client.prepare<
    [string],
    {
      userId: string;
      unitPath: string;
      tierId: number;
      tierCode: string;
      positionId: number;
      positionCode: string;
    }
  >(
    `select p.user_id as userId, u.path as unitPath, u.tier_id as tierId, t.code as tierCode,
            p.position_id as positionId, pos.code as positionCode
       from placements p
       join org_units u on u.id = p.org_unit_id
       join tiers t on t.id = u.tier_id
       join positions pos on pos.id = p.position_id
      where p.user_id in (select value from json_each(?)) and p.end_date is null`,
  ),
);

// The latest certificate that is not revoked, per user and course (ids grow with issue).
const certificatesOfUsers = prepared((db) =>
  db.$client.prepare<[string], { userId: string; courseId: number; expiresOn: string; via: string }>(
    `select c.user_id as userId, c.course_id as courseId, c.expires_on as expiresOn, cc.via
       from certificates c join course_completions cc on cc.id = c.completion_id
      where c.user_id in (select value from json_each(?)) and c.revoked_at is null
      order by c.id`,
  ),
);

const startedOfUsers = prepared((db) =>
  db.$client.prepare<[string, string], { userId: string; courseId: number }>(
    `select distinct user_id as userId, course_id as courseId from lesson_reads
      where user_id in (select value from json_each(?))
     union
     select distinct user_id, course_id from quiz_attempts
      where user_id in (select value from json_each(?))`,
  ),
);

/** Everything a status is computed from, for a batch of people. */
export function loadLearnerFacts(userIds: readonly string[]): Map<string, LearnerFacts> {
  const ids = JSON.stringify(userIds);
  const facts = new Map<string, LearnerFacts>();
  const certificateExpiry = new Map<string, Map<number, string>>();
  const started = new Map<string, Set<number>>();
  const inPerson = new Map<string, Set<number>>();
  const placements = new Map<string, LearnerFacts["placements"][number][]>();
  for (const userId of userIds) {
    certificateExpiry.set(userId, new Map());
    started.set(userId, new Set());
    inPerson.set(userId, new Set());
    placements.set(userId, []);
    facts.set(userId, {
      userId,
      placements: placements.get(userId) ?? [],
      certificateExpiry: certificateExpiry.get(userId) ?? new Map(),
      started: started.get(userId) ?? new Set(),
      inPerson: inPerson.get(userId) ?? new Set(),
    });
  }
  for (const row of placementsOfUsers().all(ids)) placements.get(row.userId)?.push(row);
  for (const row of certificatesOfUsers().all(ids)) {
    certificateExpiry.get(row.userId)?.set(row.courseId, row.expiresOn);
    // The latest certificate decides (rows come oldest first).
    if (row.via === "in_person") inPerson.get(row.userId)?.add(row.courseId);
    else inPerson.get(row.userId)?.delete(row.courseId);
  }
  for (const row of startedOfUsers().all(ids, ids)) started.get(row.userId)?.add(row.courseId);
  return facts;
}

const assignmentsAtUnits = prepared((db) =>
  db.$client.prepare<
    [string, string],
    {
      id: number;
      courseId: number;
      unitPath: string | null;
      includeSubunits: number;
      tiers: string;
      positions: string;
      dueOn: string;
    }
  >(
    `select a.id, a.course_id as courseId, u.path as unitPath, a.include_subunits as includeSubunits,
            a.tiers, a.positions, a.due_on as dueOn
       from assignments a left join org_units u on u.id = a.org_unit_id
      where a.cancelled_at is null
        and (a.org_unit_id in (select value from json_each(?))
             or a.id in (select assignment_id from assignment_people
                          where user_id in (select value from json_each(?))))`,
  ),
);

const namedInAssignments = prepared((db) =>
  db.$client.prepare<[string, string], { assignmentId: number; userId: string }>(
    `select assignment_id as assignmentId, user_id as userId from assignment_people
      where assignment_id in (select value from json_each(?)) and user_id in (select value from json_each(?))`,
  ),
);

/**
 * The active assignments that can reach a batch of people: given to a unit on the path of
 * one of their placements, or naming one of them (only the named among the batch are listed).
 */
export function loadAssignmentsReaching(unitIds: readonly number[], userIds: readonly string[]): AssignmentAudience[] {
  const users = JSON.stringify(userIds);
  const rows = assignmentsAtUnits().all(JSON.stringify(unitIds), users);
  const named = new Map<number, string[]>();
  for (const row of namedInAssignments().all(JSON.stringify(rows.map((r) => r.id)), users)) {
    const list = named.get(row.assignmentId);
    if (list) list.push(row.userId);
    else named.set(row.assignmentId, [row.userId]);
  }
  return rows.map((row) => ({
    courseId: row.courseId,
    unitPath: row.unitPath,
    includeSubunits: row.includeSubunits === 1,
    tiers: JSON.parse(row.tiers) as string[],
    positions: JSON.parse(row.positions) as string[],
    userIds: named.get(row.id) ?? [],
    dueOn: row.dueOn,
  }));
}

const statesOfUsers = prepared((db) =>
  db.$client.prepare<[string], { userId: string; state: string }>(
    `select user_id as userId, state from learner_rollup_states where user_id in (select value from json_each(?))`,
  ),
);

export function loadStates(userIds: readonly string[]): Map<string, LearnerState> {
  const states = new Map<string, LearnerState>();
  for (const row of statesOfUsers().all(JSON.stringify(userIds)))
    states.set(row.userId, JSON.parse(row.state) as LearnerState);
  return states;
}

const upsertState = prepared((db) =>
  db.$client.prepare<[string, string, string | null, string]>(
    `insert into learner_rollup_states (user_id, state, next_change_on, as_of) values (?, ?, ?, ?)
     on conflict (user_id) do update set state = excluded.state, next_change_on = excluded.next_change_on,
                                         as_of = excluded.as_of`,
  ),
);
const deleteState = prepared((db) =>
  db.$client.prepare<[string]>("delete from learner_rollup_states where user_id = ?"),
);

/** Stores a person's state; someone with nothing assigned has none. */
export function saveState(userId: string, state: LearnerState, nextChangeOn: string | null, asOf: string): void {
  if (state.courses.length === 0) deleteState().run(userId);
  else upsertState().run(userId, JSON.stringify(state), nextChangeOn, asOf);
}

const columns = "assigned, trained, in_progress, not_started, overdue, expired, expiring_soon, trained_in_person";
const addToRollup = prepared((db) =>
  db.$client.prepare<number[]>(
    `insert into unit_rollups (org_unit_id, course_id, tier_id, position_id, ${columns})
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     on conflict (org_unit_id, course_id, tier_id, position_id) do update set
       assigned = assigned + excluded.assigned, trained = trained + excluded.trained,
       in_progress = in_progress + excluded.in_progress, not_started = not_started + excluded.not_started,
       overdue = overdue + excluded.overdue, expired = expired + excluded.expired,
       expiring_soon = expiring_soon + excluded.expiring_soon,
       trained_in_person = trained_in_person + excluded.trained_in_person`,
  ),
);

export function applyRollupDelta(delta: ReadonlyMap<string, Counts>): void {
  const statement = addToRollup();
  for (const [key, counts] of delta) {
    const k = parseKey(key);
    statement.run(k.unitId, k.courseId, k.tierId, k.positionId, ...COUNTS.map((name) => counts[name]));
  }
}

const dueStates = prepared((db) =>
  db.$client.prepare<[string], { userId: string }>(
    "select user_id as userId from learner_rollup_states where next_change_on <= ?",
  ),
);

/** People whose status may have changed by the calendar alone on or before `day`. */
export function usersWithChangeBy(day: string): string[] {
  return dueStates()
    .all(day)
    .map((r) => r.userId);
}

const clockRow = prepared((db) =>
  db.$client.prepare<[], { asOf: string }>("select as_of as asOf from rollup_clock where id = 1"),
);
const setClockRow = prepared((db) =>
  db.$client.prepare<[string]>(
    "insert into rollup_clock (id, as_of) values (1, ?) on conflict (id) do update set as_of = excluded.as_of",
  ),
);

export function rollupsAsOf(): string | null {
  return clockRow().get()?.asOf ?? null;
}

export function setRollupsAsOf(day: string): void {
  setClockRow().run(day);
}

const snapshotMonth = prepared((db) =>
  db.$client.prepare<[string]>(
    `insert or ignore into indicator_snapshots (month, org_unit_id, course_id, assigned, trained, overdue, expired, expiring_soon)
     select ?, org_unit_id, course_id, assigned, trained, overdue, expired, expiring_soon
       from unit_rollups where tier_id = 0 and position_id = 0 and assigned > 0`,
  ),
);

/** Freezes the indicator of every unit and course (no tier or position filter) for a month. */
export function takeSnapshot(month: string): number {
  return snapshotMonth().run(month).changes;
}

const countedUsers = prepared((db) =>
  db.$client.prepare<[], { id: string }>(
    `select distinct user_id as id from placements where end_date is null
     union select user_id from assignment_people
     union select user_id from learner_rollup_states`,
  ),
);

/** Everyone whose rollups a full rebuild or check must consider. */
export function usersToCount(): string[] {
  return countedUsers()
    .all()
    .map((r) => r.id);
}

const deleteRollups = prepared((db) => db.$client.prepare("delete from unit_rollups"));
const deleteStates = prepared((db) => db.$client.prepare("delete from learner_rollup_states"));

export function clearRollups(): void {
  deleteRollups().run();
  deleteStates().run();
}

export interface StoredRollupRow extends Counts {
  key: string;
}

const nonZeroRollups = prepared((db) =>
  db.$client.prepare<[], Counts & { orgUnitId: number; courseId: number; tierId: number; positionId: number }>(
    `select org_unit_id as orgUnitId, course_id as courseId, tier_id as tierId, position_id as positionId,
            assigned, trained, in_progress as inProgress, not_started as notStarted, overdue, expired,
            expiring_soon as expiringSoon, trained_in_person as trainedInPerson
       from unit_rollups
      where assigned <> 0 or trained <> 0 or in_progress <> 0 or not_started <> 0 or overdue <> 0
            or expired <> 0 or expiring_soon <> 0 or trained_in_person <> 0`,
  ),
);

/** Every stored rollup row that counts someone, for the consistency check. */
export function* allRollupRows(): Generator<StoredRollupRow> {
  for (const row of nonZeroRollups().iterate()) {
    const { orgUnitId, courseId, tierId, positionId, ...counts } = row;
    yield { key: `${orgUnitId}:${courseId}:${tierId}:${positionId}`, ...counts };
  }
}

const placedInRange = prepared((db) =>
  db.$client.prepare<[string, string], { userId: string }>(
    `select distinct p.user_id as userId from org_units u
       join placements p on p.org_unit_id = u.id and p.end_date is null
      where u.path >= ? and u.path < ?`,
  ),
);

/** Everyone with an open placement in a subtree (or in the unit alone): whom a tree change moves. */
export function usersPlacedIn(path: UnitPath, withSubunits = true): string[] {
  const { from, to } = subtreeRange(path);
  return placedInRange()
    .all(from, withSubunits ? to : `${path}\u0000`)
    .map((r) => r.userId);
}
