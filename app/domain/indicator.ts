/**
 * The per-unit rollups behind the "% trained" indicator. Pure.
 *
 * A learner's *state* (open placements and one status per assigned course) is turned into
 * *contributions*: for every unit above each of their placements, and every filter the
 * dashboard offers (course, tier, position), which counts this person adds one to. A write
 * that may change a status recomputes the state, and the rollups move by the difference of
 * the old and new contributions: the dashboard reads O(children) rows, never O(learners).
 * Definitions: docs/decisions/009; the rollup design: docs/decisions/010.
 */
import { type AssignmentAudience, assignedCourses, type CourseStatus, courseStatus } from "./assignments";
import { type CertificateStatus, certificateStatus, EXPIRING_WITHIN_DAYS } from "./certificate";
import { idsOnPath, type UnitPath } from "./tree";

/** Course id 0, tier id 0, position id 0 in a rollup key mean "all". */
export const ALL = 0;

export interface RollupPlacement {
  unitPath: UnitPath;
  tierId: number;
  positionId: number;
}

export interface LearnerCourse {
  courseId: number;
  dueOn: string;
  status: CourseStatus;
  /** Expiry of the latest certificate that is not revoked, if any. */
  certificateExpiresOn: string | null;
  /** Expiring within 30 days (counted as trained, flagged for renewal). */
  expiringSoon: boolean;
  /** Completed at an in-person training rather than online. */
  inPerson: boolean;
}

/** What the rollups know of a person: stored, so the next change can subtract it exactly. */
export interface LearnerState {
  placements: RollupPlacement[];
  courses: LearnerCourse[];
}

export const EMPTY_STATE: LearnerState = { placements: [], courses: [] };

export interface LearnerFacts {
  userId: string;
  placements: readonly (RollupPlacement & { tierCode: string; positionCode: string })[];
  /** Per course, the expiry of the latest certificate that is not revoked. */
  certificateExpiry: ReadonlyMap<number, string>;
  /** Courses whose latest certificate came from an in-person training. */
  inPerson: ReadonlySet<number>;
  /** Courses with a lesson read or an attempt started. */
  started: ReadonlySet<number>;
}

/** The person's state today: their placements and a status per assigned course. */
export function learnerState(
  facts: LearnerFacts,
  assignments: readonly AssignmentAudience[],
  today: string,
): LearnerState {
  const due = assignedCourses(assignments, { userId: facts.userId, placements: facts.placements });
  const courses = [...due.entries()]
    .sort(([a], [b]) => a - b)
    .map(([courseId, dueOn]): LearnerCourse => {
      const expiresOn = facts.certificateExpiry.get(courseId) ?? null;
      const certificate: CertificateStatus | null = expiresOn
        ? certificateStatus({ expiresOn, revokedAt: null }, today)
        : null;
      const status = courseStatus({ certificate, started: facts.started.has(courseId), dueOn }, today);
      return {
        courseId,
        dueOn,
        status,
        certificateExpiresOn: expiresOn,
        expiringSoon: status === "completed" && certificate === "expiring",
        inPerson: status === "completed" && facts.inPerson.has(courseId),
      };
    });
  const placements = facts.placements
    .map(({ unitPath, tierId, positionId }) => ({ unitPath, tierId, positionId }))
    .sort((a, b) => a.unitPath.localeCompare(b.unitPath) || a.positionId - b.positionId);
  return { placements, courses };
}

/**
 * A person's one status over all their assigned courses, first that applies: completed
 * (every course), overdue (any), expired (any), in progress (anything started or done),
 * not started. So "trained" and "overdue" at course "all" are the decision-009 counts.
 */
export function overallStatus(courses: readonly Pick<LearnerCourse, "status">[]): CourseStatus {
  if (courses.every((c) => c.status === "completed")) return "completed";
  if (courses.some((c) => c.status === "overdue")) return "overdue";
  if (courses.some((c) => c.status === "expired")) return "expired";
  if (courses.some((c) => c.status === "in_progress" || c.status === "completed")) return "in_progress";
  return "not_started";
}

/** The counts kept per unit and filter, in this order. */
export const COUNTS = [
  "assigned",
  "trained",
  "inProgress",
  "notStarted",
  "overdue",
  "expired",
  "expiringSoon",
  "trainedInPerson",
] as const;
export type CountName = (typeof COUNTS)[number];
export type Counts = Record<CountName, number>;

export const ZERO_COUNTS: Counts = Object.freeze({
  assigned: 0,
  trained: 0,
  inProgress: 0,
  notStarted: 0,
  overdue: 0,
  expired: 0,
  expiringSoon: 0,
  trainedInPerson: 0,
});

const STATUS_COUNT: Record<CourseStatus, CountName> = {
  completed: "trained",
  in_progress: "inProgress",
  not_started: "notStarted",
  overdue: "overdue",
  expired: "expired",
};

/** One person's contribution to one rollup row, as a bit set over COUNTS. */
function bits(status: CourseStatus, expiringSoon: boolean, inPerson: boolean): number {
  let value = 1 << COUNTS.indexOf("assigned");
  value |= 1 << COUNTS.indexOf(STATUS_COUNT[status]);
  if (expiringSoon) value |= 1 << COUNTS.indexOf("expiringSoon");
  if (inPerson && status === "completed") value |= 1 << COUNTS.indexOf("trainedInPerson");
  return value;
}

export interface RollupKey {
  unitId: number;
  courseId: number;
  tierId: number;
  positionId: number;
}

export function keyOf(k: RollupKey): string {
  return `${k.unitId}:${k.courseId}:${k.tierId}:${k.positionId}`;
}

export function parseKey(key: string): RollupKey {
  const [unitId, courseId, tierId, positionId] = key.split(":").map(Number) as [number, number, number, number];
  return { unitId, courseId, tierId, positionId };
}

/**
 * Every rollup row a person adds to, with what they add. A person counts once per unit
 * whatever number of placements they hold below it; under a tier or position filter they count
 * once if any of those placements matches.
 */
export function contributions(state: LearnerState): Map<string, number> {
  const result = new Map<string, number>();
  if (state.courses.length === 0 || state.placements.length === 0) return result;
  const perCourse: [number, number][] = state.courses.map((c) => [
    c.courseId,
    bits(c.status, c.expiringSoon, c.inPerson === true),
  ]);
  // Over all courses, someone trained counts as trained in person when any course was.
  perCourse.push([
    ALL,
    bits(
      overallStatus(state.courses),
      state.courses.some((c) => c.expiringSoon),
      state.courses.some((c) => c.inPerson === true),
    ),
  ]);
  const filters = new Map<number, Set<string>>();
  for (const p of state.placements) {
    for (const unitId of idsOnPath(p.unitPath)) {
      let set = filters.get(unitId);
      if (!set) {
        set = new Set();
        filters.set(unitId, set);
      }
      set
        .add(`${ALL}:${ALL}`)
        .add(`${p.tierId}:${ALL}`)
        .add(`${ALL}:${p.positionId}`)
        .add(`${p.tierId}:${p.positionId}`);
    }
  }
  for (const [unitId, set] of filters) {
    for (const filter of set) {
      for (const [courseId, value] of perCourse) result.set(`${unitId}:${courseId}:${filter}`, value);
    }
  }
  return result;
}

/** What the rollups must add (negative: subtract) to move from `before` to `after`. */
export function rollupDelta(
  before: ReadonlyMap<string, number>,
  after: ReadonlyMap<string, number>,
  into: Map<string, Counts> = new Map(),
): Map<string, Counts> {
  const touched = new Set<string>();
  const add = (key: string, value: number, sign: 1 | -1) => {
    touched.add(key);
    let counts = into.get(key);
    if (!counts) {
      counts = { ...ZERO_COUNTS };
      into.set(key, counts);
    }
    COUNTS.forEach((name, index) => {
      if (value & (1 << index)) counts[name] += sign;
    });
  };
  for (const [key, value] of before) if (after.get(key) !== value) add(key, value, -1);
  for (const [key, value] of after) if (before.get(key) !== value) add(key, value, 1);
  for (const key of touched) {
    const counts = into.get(key) as Counts;
    if (COUNTS.every((name) => counts[name] === 0)) into.delete(key);
  }
  return into;
}

export function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * The first day after `today` on which a status of this person may change without any
 * write: the day after a due date, the first day of a certificate's last 30 days, the day
 * after it expires. The rollups apply these transitions when that day comes.
 */
export function nextChangeOn(state: LearnerState, today: string): string | null {
  let next: string | null = null;
  for (const course of state.courses) {
    const candidates = [addDays(course.dueOn, 1)];
    if (course.certificateExpiresOn) {
      candidates.push(addDays(course.certificateExpiresOn, 1 - EXPIRING_WITHIN_DAYS));
      candidates.push(addDays(course.certificateExpiresOn, 1));
    }
    for (const day of candidates) if (day > today && (next === null || day < next)) next = day;
  }
  return next;
}

/** Sums contributions into rollup rows: what a full recompute compares the stored rows with. */
export function accumulate(into: Map<string, Counts>, contribution: ReadonlyMap<string, number>): void {
  rollupDelta(new Map(), contribution, into);
}

/** The month a date belongs to, and the last day of it: monthly snapshots are taken as of that day. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
}

/** Months whose end has passed since the rollups were last current: each gets its snapshot. */
export function monthsToClose(asOf: string, today: string): string[] {
  const months: string[] = [];
  for (let month = monthOf(asOf); month < monthOf(today); month = nextMonth(month)) months.push(month);
  return months;
}

export interface ViewFilter {
  /** The unit whose subtree is shown. */
  unitPath: UnitPath;
  courseId: number;
  tierId: number;
  positionId: number;
}

export interface PersonInView {
  status: CourseStatus;
  expiringSoon: boolean;
  /** The person's placements inside the view (those that put them in it). */
  placements: RollupPlacement[];
}

/**
 * How a person appears in a unit's view under the dashboard's filters, or null when they do
 * not count there: the same rule `contributions` applies, so a list of people always adds up
 * to the numbers above it.
 */
export function personInView(state: LearnerState, filter: ViewFilter): PersonInView | null {
  const placements = state.placements.filter(
    (p) =>
      p.unitPath.startsWith(filter.unitPath) &&
      (filter.tierId === ALL || p.tierId === filter.tierId) &&
      (filter.positionId === ALL || p.positionId === filter.positionId),
  );
  if (placements.length === 0 || state.courses.length === 0) return null;
  if (filter.courseId === ALL) {
    return {
      status: overallStatus(state.courses),
      expiringSoon: state.courses.some((c) => c.expiringSoon),
      placements,
    };
  }
  const course = state.courses.find((c) => c.courseId === filter.courseId);
  return course ? { status: course.status, expiringSoon: course.expiringSoon, placements } : null;
}

export const STATUS_FILTERS = [
  "all",
  "not_trained",
  "overdue",
  "expiring",
  "expired",
  "in_progress",
  "not_started",
  "trained",
] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export function matchesStatus(person: PersonInView, filter: StatusFilter): boolean {
  switch (filter) {
    case "all":
      return true;
    case "trained":
      return person.status === "completed";
    case "not_trained":
      return person.status !== "completed";
    case "expiring":
      return person.expiringSoon;
    default:
      return person.status === filter;
  }
}

/** The count on the dashboard that a status filter lists, so the two can be compared. */
export function countForStatus(counts: Counts, filter: StatusFilter): number {
  switch (filter) {
    case "all":
      return counts.assigned;
    case "not_trained":
      return counts.assigned - counts.trained;
    case "expiring":
      return counts.expiringSoon;
    default:
      return counts[STATUS_COUNT[filter === "trained" ? "completed" : filter]];
  }
}
