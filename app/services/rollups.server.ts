/**
 * Keeps the indicator rollups current. Every write that may change someone's status calls
 * `refreshLearners` inside its own transaction; the calendar's changes (a due date passing,
 * a certificate expiring) are applied by `catchUp` when their day comes, before anything
 * reads or writes the rollups, and each month's end is frozen as a snapshot on the way.
 * Design: docs/decisions/010-indicator-rollups.md.
 */
import {
  accumulate,
  COUNTS,
  type Counts,
  contributions,
  EMPTY_STATE,
  lastDayOfMonth,
  learnerState,
  monthsToClose,
  nextChangeOn,
  rollupDelta,
} from "~/domain/indicator";
import { idsOnPath } from "~/domain/tree";
import { todayInVietnam } from "~/i18n";
import {
  allRollupRows,
  applyRollupDelta,
  clearRollups,
  loadAssignmentsReaching,
  loadLearnerFacts,
  loadStates,
  rollupsAsOf,
  saveState,
  setRollupsAsOf,
  takeSnapshot,
  usersToCount,
  usersWithChangeBy,
} from "~/models/rollups.server";
import { writeTransaction } from "~/utils/db.server";

const BATCH = 500;

/** Recomputes the states of a batch of people and moves the rollups by the difference. */
function recompute(
  userIds: readonly string[],
  today: string,
  each: (userId: string, state: ReturnType<typeof learnerState>) => void,
): void {
  for (let start = 0; start < userIds.length; start += BATCH) {
    const batch = userIds.slice(start, start + BATCH);
    const facts = loadLearnerFacts(batch);
    const unitIds = new Set<number>();
    for (const person of facts.values())
      for (const placement of person.placements) for (const id of idsOnPath(placement.unitPath)) unitIds.add(id);
    const assignments = loadAssignmentsReaching([...unitIds], batch);
    for (const userId of batch) {
      const person = facts.get(userId);
      if (person) each(userId, learnerState(person, assignments, today));
    }
  }
}

function applyRefresh(userIds: readonly string[], today: string): void {
  for (let start = 0; start < userIds.length; start += BATCH) {
    const batch = userIds.slice(start, start + BATCH);
    const before = loadStates(batch);
    const delta = new Map<string, Counts>();
    recompute(batch, today, (userId, state) => {
      const old = before.get(userId) ?? EMPTY_STATE;
      rollupDelta(contributions(old), contributions(state), delta);
      const next = nextChangeOn(state, today);
      saveState(userId, state, next, today);
    });
    applyRollupDelta(delta);
  }
}

/**
 * Applies the calendar's changes up to `today`: month by month, so each month's snapshot
 * is the indicator as it stood on its last day.
 */
function catchUp(today: string): void {
  const asOf = rollupsAsOf();
  if (asOf === null) {
    // Never built, or cleared by a migration that changed what is counted: build it all.
    clearRollups();
    applyRefresh(usersToCount(), today);
    setRollupsAsOf(today);
    return;
  }
  if (asOf >= today) return;
  for (const month of monthsToClose(asOf, today)) {
    const end = lastDayOfMonth(month);
    applyRefresh(usersWithChangeBy(end), end);
    takeSnapshot(month);
  }
  applyRefresh(usersWithChangeBy(today), today);
  setRollupsAsOf(today);
}

/**
 * Recounts these people after a write that may have changed their status. Call it inside
 * the write's transaction, after the write: the rollups then change with it or not at all.
 */
export function refreshLearners(userIds: Iterable<string>, today = todayInVietnam()): void {
  catchUp(today);
  // The rollups never go back in time: a write stamped before the day they are current as of
  // (a clock behind another process's, a back-dated service call) is counted as of that day.
  const asOf = rollupsAsOf();
  applyRefresh([...new Set(userIds)], asOf !== null && asOf > today ? asOf : today);
}

/** Before reading the rollups: applies the calendar's pending changes, if any (rarely a write). */
export function ensureRollupsCurrent(today = todayInVietnam()): void {
  const asOf = rollupsAsOf();
  if (asOf !== null && asOf >= today) return;
  writeTransaction(() => catchUp(today));
}

/** Builds every rollup from the base tables, in one transaction (a new or migrated database). */
export function rebuildRollups(today = todayInVietnam()): { people: number } {
  return writeTransaction(() => {
    clearRollups();
    const people = usersToCount();
    applyRefresh(people, today);
    setRollupsAsOf(today);
    return { people: people.length };
  });
}

/** Builds the rollups once, if this database has never had them (it predates them). */
export function ensureRollupsBuilt(today = todayInVietnam()): boolean {
  if (rollupsAsOf() !== null) return false;
  rebuildRollups(today);
  return true;
}

export interface RollupCheck {
  people: number;
  rows: number;
  /** Human-readable differences between the stored rollups and a recompute; empty when consistent. */
  differences: string[];
}

/**
 * Recomputes every state and every rollup row from the base tables and compares them with
 * what is stored. Reads only (after applying the calendar's pending changes).
 */
export function checkRollups(today = todayInVietnam(), maxReported = 50): RollupCheck {
  ensureRollupsCurrent(today);
  const differences: string[] = [];
  const report = (line: string) => {
    if (differences.length < maxReported) differences.push(line);
  };
  const expected = new Map<string, Counts>();
  const people = usersToCount();
  for (let start = 0; start < people.length; start += BATCH) {
    const batch = people.slice(start, start + BATCH);
    const stored = loadStates(batch);
    recompute(batch, today, (userId, state) => {
      accumulate(expected, contributions(state));
      const storedState = stored.get(userId);
      const same =
        state.courses.length === 0 ? storedState === undefined : JSON.stringify(storedState) === JSON.stringify(state);
      if (!same)
        report(`person ${userId}: stored ${JSON.stringify(storedState ?? null)}, recomputed ${JSON.stringify(state)}`);
    });
  }
  let rows = 0;
  for (const row of allRollupRows()) {
    rows += 1;
    const want = expected.get(row.key);
    expected.delete(row.key);
    const wrong = COUNTS.filter((name) => row[name] !== (want?.[name] ?? 0));
    if (wrong.length > 0)
      report(
        `rollup ${row.key}: ${wrong.map((name) => `${name} stored ${row[name]}, recomputed ${want?.[name] ?? 0}`).join("; ")}`,
      );
  }
  for (const [key, counts] of expected)
    report(`rollup ${key}: missing, recomputed ${COUNTS.map((name) => `${name} ${counts[name]}`).join(", ")}`);
  return { people: people.length, rows, differences };
}
