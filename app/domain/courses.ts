/** Who a course is for, and where a learner stands in it. Pure. */

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
 * A course is meant for a placement when its tier and its position are in the audience
 * (empty = any), and, for a unit's own course, when the placement lies in that unit.
 */
export function isMeantFor(audience: Audience, placements: readonly PlacementCodes[]): boolean {
  return placements.some(
    (p) =>
      (!audience.ownerPath || (p.unitPath?.startsWith(audience.ownerPath) ?? false)) &&
      (audience.tiers.length === 0 || audience.tiers.includes(p.tierCode)) &&
      (audience.positions.length === 0 || audience.positions.includes(p.positionCode)),
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
