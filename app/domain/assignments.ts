/**
 * Assignments and the "trained" indicator: who is assigned a course, each person's status
 * per course, and the counts a manager reports. Pure; the exact definitions are in
 * docs/decisions/009-assignment-status-and-indicator.md.
 */
import { type CertificateStatus, countsAsTrained } from "./certificate";
import { isWithin, type UnitPath } from "./tree";

export interface AssignmentAudience {
  courseId: number;
  /** The unit the course is assigned to (with or without its sub-units), or null for named people only. */
  unitPath: UnitPath | null;
  includeSubunits: boolean;
  /** Empty means any tier / any position. */
  tiers: readonly string[];
  positions: readonly string[];
  /** People named one by one. */
  userIds: readonly string[];
  dueOn: string;
}

export interface OpenPlacement {
  unitPath: UnitPath;
  tierCode: string;
  positionCode: string;
}

export interface Person {
  userId: string;
  /** Open placements only: membership is live, someone who left no longer counts there. */
  placements: readonly OpenPlacement[];
}

/** Is the person in the assignment's audience now? */
export function isInAudience(assignment: AssignmentAudience, person: Person): boolean {
  if (assignment.userIds.includes(person.userId)) return true;
  if (assignment.unitPath === null) return false;
  const unitPath = assignment.unitPath;
  return person.placements.some(
    (p) =>
      (assignment.includeSubunits ? isWithin(p.unitPath, unitPath) : p.unitPath === unitPath) &&
      (assignment.tiers.length === 0 || assignment.tiers.includes(p.tierCode)) &&
      (assignment.positions.length === 0 || assignment.positions.includes(p.positionCode)),
  );
}

/**
 * The courses assigned to a person, each with its earliest due date: two assignments of the
 * same course (say the province's and the commune's) are one duty, due at the earlier date.
 */
export function assignedCourses(assignments: readonly AssignmentAudience[], person: Person): Map<number, string> {
  const due = new Map<number, string>();
  for (const assignment of assignments) {
    if (!isInAudience(assignment, person)) continue;
    const current = due.get(assignment.courseId);
    if (current === undefined || assignment.dueOn < current) due.set(assignment.courseId, assignment.dueOn);
  }
  return due;
}

export type CourseStatus = "not_started" | "in_progress" | "completed" | "overdue" | "expired";

export interface CourseFacts {
  /** Status of the person's latest certificate for the course, if any. */
  certificate: CertificateStatus | null;
  /** Any lesson read or attempt started. */
  started: boolean;
  dueOn: string;
}

/**
 * One status per person × assigned course, in this order: completed (a valid or expiring
 * certificate); expired (the last certificate lapsed: the course is due again); overdue (not
 * completed after the due date); in progress; not started. A revoked certificate counts as none.
 */
export function courseStatus(facts: CourseFacts, today: string): CourseStatus {
  if (facts.certificate && countsAsTrained(facts.certificate)) return "completed";
  if (facts.certificate === "expired") return "expired";
  if (today > facts.dueOn) return "overdue";
  return facts.started ? "in_progress" : "not_started";
}

export interface PersonSummary {
  /** Has at least one assigned course: counts in the denominator. */
  assigned: boolean;
  /** Every assigned course completed. */
  trained: boolean;
  overdue: boolean;
  /** A certificate of an assigned course expires within 30 days. */
  expiringSoon: boolean;
}

export function summarisePerson(
  statuses: readonly { status: CourseStatus; certificate: CertificateStatus | null }[],
): PersonSummary {
  return {
    assigned: statuses.length > 0,
    trained: statuses.length > 0 && statuses.every((s) => s.status === "completed"),
    overdue: statuses.some((s) => s.status === "overdue"),
    expiringSoon: statuses.some((s) => s.certificate === "expiring"),
  };
}

export interface UnitIndicator {
  assigned: number;
  trained: number;
  overdue: number;
  expiringSoon: number;
}

export const EMPTY_INDICATOR: UnitIndicator = { assigned: 0, trained: 0, overdue: 0, expiringSoon: 0 };

/**
 * The indicator of a unit: each person placed anywhere in its subtree counts once, however
 * many placements they hold there. (A person placed in two sibling communes counts once in
 * each commune and once in the district: per-unit figures do not add up to the parent's.)
 */
export function unitIndicator(
  unitPath: UnitPath,
  people: readonly { placements: readonly OpenPlacement[]; summary: PersonSummary }[],
): UnitIndicator {
  const result = { ...EMPTY_INDICATOR };
  for (const person of people) {
    if (!person.summary.assigned) continue;
    if (!person.placements.some((p) => isWithin(p.unitPath, unitPath))) continue;
    result.assigned += 1;
    if (person.summary.trained) result.trained += 1;
    if (person.summary.overdue) result.overdue += 1;
    if (person.summary.expiringSoon) result.expiringSoon += 1;
  }
  return result;
}

/** Percent trained with one decimal, rounded down (99.96% is not 100%); null when nobody is assigned. */
export function percentTrained(indicator: Pick<UnitIndicator, "assigned" | "trained">): number | null {
  if (indicator.assigned === 0) return null;
  return Math.floor((indicator.trained * 1000) / indicator.assigned) / 10;
}

/**
 * Coverage: the share of communes with at least one trained person in the commune
 * child-protection officer position, over the communes given.
 */
export function communeCoverage(
  communePaths: readonly UnitPath[],
  trainedOfficers: readonly { placements: readonly OpenPlacement[] }[],
  officerPosition = "commune_officer",
): { covered: number; total: number } {
  const covered = communePaths.filter((commune) =>
    trainedOfficers.some((person) =>
      person.placements.some((p) => p.unitPath === commune && p.positionCode === officerPosition),
    ),
  ).length;
  return { covered, total: communePaths.length };
}
