/** Who a course is for, and where a learner stands in it. Pure. */
import { isWithin, type UnitPath } from "./tree";

export interface Audience {
  tiers: readonly string[];
  positions: readonly string[];
  /** The owning unit's path for a province's (or district's) own course; null for a national course. */
  ownerPath?: string | null;
}

export interface PlacementCodes {
  tierCode: string;
  positionCode: string;
  unitPath?: string;
}

/**
 * Does a course's owner cover the unit at `unitPath`? A national course (no owner) covers
 * every unit; a unit's own course covers that unit's subtree only (decision 011).
 */
export function ownerCovers(ownerPath: UnitPath | null | undefined, unitPath: UnitPath | undefined): boolean {
  return !ownerPath || (unitPath !== undefined && isWithin(unitPath, ownerPath));
}

/**
 * Does the owner cover a whole audience: every unit given, and every person named by one of
 * their open placements? Someone placed nowhere is covered by national courses only.
 */
export function ownerCoversAudience(
  ownerPath: UnitPath | null | undefined,
  audience: { unitPaths: readonly UnitPath[]; people: readonly (readonly UnitPath[])[] },
): boolean {
  if (!ownerPath) return true;
  return (
    audience.unitPaths.every((path) => ownerCovers(ownerPath, path)) &&
    audience.people.every((placements) => placements.some((path) => ownerCovers(ownerPath, path)))
  );
}

/**
 * May a course be offered to someone acting over `scopePaths` (to assign it, to hold an event
 * with it, to look at it as an author)? Only when some of their area is covered by it: its
 * owner's subtree and their area meet. A district manager may use the province's course;
 * a province's manager, the courses of its districts; nobody, another province's.
 */
export function courseMeetsScope(ownerPath: UnitPath | null | undefined, scopePaths: readonly UnitPath[]): boolean {
  return !ownerPath || scopePaths.some((scope) => isWithin(scope, ownerPath) || isWithin(ownerPath, scope));
}

/**
 * A course is meant for a placement when its tier and its position are in the audience
 * (empty = any), and, for a unit's own course, when the placement lies in that unit.
 */
export function isMeantFor(audience: Audience, placements: readonly PlacementCodes[]): boolean {
  return placements.some(
    (p) =>
      ownerCovers(audience.ownerPath, p.unitPath) &&
      (audience.tiers.length === 0 || audience.tiers.includes(p.tierCode)) &&
      (audience.positions.length === 0 || audience.positions.includes(p.positionCode)),
  );
}

/**
 * May a learner read a course? When it is meant for one of their placements, or when it is
 * assigned to them; an assignment widens the tiers and positions a course is for, never its
 * owner: a unit's own course is read only by people placed in that unit (issue 12, 7.4).
 */
export function mayLearn(audience: Audience, placements: readonly PlacementCodes[], assigned: boolean): boolean {
  if (isMeantFor(audience, placements)) return true;
  return (
    assigned &&
    ownerCoversAudience(audience.ownerPath, {
      unitPaths: [],
      people: [placements.flatMap((p) => (p.unitPath === undefined ? [] : [p.unitPath]))],
    })
  );
}

export interface LessonRef {
  key: string;
  position: number;
}

export interface ReadMark {
  lessonKey: string;
  lastReadAt: Date | number;
}

export interface CourseProgress {
  read: number;
  total: number;
  /** Whole percent, rounded down so 99.6% never shows as 100%. */
  percent: number;
  allRead: boolean;
  /** The lesson to open next; null when every lesson is read. */
  resumeKey: string | null;
  started: boolean;
}

/**
 * Progress counts only lessons of the current version (a lesson removed in a new version no
 * longer counts). The learner resumes at the first unread lesson after the one they read
 * last, or else the first unread lesson.
 */
export function courseProgress(lessons: readonly LessonRef[], reads: readonly ReadMark[]): CourseProgress {
  const ordered = [...lessons].sort((a, b) => a.position - b.position);
  const readKeys = new Set(reads.map((r) => r.lessonKey));
  const readLessons = ordered.filter((l) => readKeys.has(l.key));
  const total = ordered.length;
  const unread = ordered.filter((l) => !readKeys.has(l.key));
  const latest = [...reads]
    .filter((r) => ordered.some((l) => l.key === r.lessonKey))
    .sort((a, b) => Number(b.lastReadAt) - Number(a.lastReadAt))[0];
  let resumeKey: string | null = null;
  if (unread.length > 0) {
    const latestIndex = latest ? ordered.findIndex((l) => l.key === latest.lessonKey) : -1;
    const after = ordered.slice(latestIndex + 1).find((l) => !readKeys.has(l.key));
    resumeKey = (after ?? unread[0])?.key ?? null;
  }
  return {
    read: readLessons.length,
    total,
    percent: total === 0 ? 0 : Math.floor((readLessons.length * 100) / total),
    allRead: total > 0 && unread.length === 0,
    resumeKey,
    started: readLessons.length > 0,
  };
}

/** Previous and next lesson around `key`, for the lesson page. */
export function neighbours<T extends LessonRef>(
  lessons: readonly T[],
  key: string,
): { previous: T | null; next: T | null } {
  const ordered = [...lessons].sort((a, b) => a.position - b.position);
  const index = ordered.findIndex((l) => l.key === key);
  if (index < 0) return { previous: null, next: null };
  return { previous: ordered[index - 1] ?? null, next: ordered[index + 1] ?? null };
}
