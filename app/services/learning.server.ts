import { canAnywhere, scopeRoots } from "~/domain/access";
import { type CourseStatus, courseStatus } from "~/domain/assignments";
import { type CertificateStatus, certificateStatus } from "~/domain/certificate";
import { type CourseProgress, courseMeetsScope, courseProgress, mayLearn } from "~/domain/courses";
import { todayInVietnam } from "~/i18n";
import {
  type CurrentCourse,
  findCurrentCourse,
  type LessonOutline,
  type LessonRead,
  listCurrentCourses,
  listLessonOutlines,
  listLessonOutlinesOf,
  listLessonReads,
  listLessonReadsOf,
  recordLessonRead,
} from "~/models/courses.server";
import { attemptedCourseIds, listCertificatesOf } from "~/models/quiz.server";
import { openPlacementCodes } from "~/models/users.server";
import { assignedCoursesOf } from "~/services/assignments.server";
import { completeIfDue } from "~/services/completion.server";
import type { Viewer } from "~/utils/auth.server";
import { writeTransaction } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";

function audienceOf(course: CurrentCourse) {
  return { tiers: course.audienceTiers, positions: course.audiencePositions, ownerPath: course.ownerPath };
}

export interface CourseWithProgress {
  course: CurrentCourse;
  lessons: LessonOutline[];
  reads: LessonRead[];
  progress: CourseProgress;
}

/**
 * Authors look after the courses that reach their area (to check what learners get):
 * national ones and units' own whose owner meets their area, never another province's.
 */
function looksAfter(viewer: Viewer, course: CurrentCourse): boolean {
  if (!canAnywhere(viewer.actor, "course.author")) return false;
  const scope = scopeRoots(viewer.actor, "course.author").map((g) => g.unitPath);
  return courseMeetsScope(course.ownerPath, scope);
}

/** The courses an author looks after, for their home page. */
export function coursesLookedAfter(viewer: Viewer): CurrentCourse[] {
  return listCurrentCourses().filter((course) => looksAfter(viewer, course));
}

/** Learners open the courses meant for them or assigned to them, within the course's owner (mayLearn). */
function mayOpen(viewer: Viewer, course: CurrentCourse, placements: ReturnType<typeof openPlacementCodes>): boolean {
  if (looksAfter(viewer, course)) return true;
  return mayLearn(audienceOf(course), placements, assignedCoursesOf(viewer.user.id).has(course.courseId));
}

export interface TrainingEntry extends CourseWithProgress {
  /** Set when the course is assigned to the person: due date and status. */
  assignment: { dueOn: string; status: CourseStatus } | null;
  certificate: { status: CertificateStatus; expiresOn: string } | null;
}

/**
 * "My training": the courses assigned to the person (with due dates and status), then the
 * other courses meant for their placements.
 */
export function coursesForLearner(viewer: Viewer, today = todayInVietnam()): TrainingEntry[] {
  const placements = openPlacementCodes(viewer.user.id);
  const assigned = assignedCoursesOf(viewer.user.id);
  const shown = listCurrentCourses().filter((c) => mayLearn(audienceOf(c), placements, assigned.has(c.courseId)));
  const outlines = listLessonOutlines(shown.map((c) => c.versionId));
  const reads = listLessonReads(
    viewer.user.id,
    shown.map((c) => c.courseId),
  );
  const certificates = listCertificatesOf(viewer.user.id);
  const attempted = attemptedCourseIds(viewer.user.id);
  const entries = shown.map((course) => {
    const lessons = outlines.get(course.versionId) ?? [];
    const courseReads = reads.get(course.courseId) ?? [];
    const progress = courseProgress(lessons, courseReads);
    const latest = certificates.find((c) => c.courseId === course.courseId && !c.revokedAt);
    const certificate = latest ? { status: certificateStatus(latest, today), expiresOn: latest.expiresOn } : null;
    const dueOn = assigned.get(course.courseId);
    const assignment =
      dueOn === undefined
        ? null
        : {
            dueOn,
            status: courseStatus(
              {
                certificate: certificate?.status ?? null,
                started: progress.started || attempted.has(course.courseId),
                dueOn,
              },
              today,
            ),
          };
    return { course, lessons, reads: courseReads, progress, assignment, certificate };
  });
  // Assigned courses first, the nearest due date first.
  return entries.sort(
    (a, b) =>
      Number(b.assignment !== null) - Number(a.assignment !== null) ||
      (a.assignment?.dueOn ?? "").localeCompare(b.assignment?.dueOn ?? ""),
  );
}

/** The course by slug if the viewer may open it; otherwise 404, the same as a course that does not exist. */
export function openCourse(viewer: Viewer, slug: string): CourseWithProgress {
  const course = findCurrentCourse(slug);
  if (!course || !mayOpen(viewer, course, openPlacementCodes(viewer.user.id))) throw notFound();
  const lessons = listLessonOutlinesOf(course.versionId);
  const reads = listLessonReadsOf(viewer.user.id, course.courseId);
  return { course, lessons, reads, progress: courseProgress(lessons, reads) };
}

/** Marks a lesson read (idempotent) after checking the course and the lesson. */
export function markLessonRead(viewer: Viewer, slug: string, lessonKey: string): CourseWithProgress {
  const opened = openCourse(viewer, slug);
  if (!opened.lessons.some((l) => l.key === lessonKey)) throw notFound();
  writeTransaction((tx) => {
    recordLessonRead(viewer.user.id, opened.course.courseId, lessonKey);
    // Reading the last lesson after passing the quiz completes the course here and now.
    completeIfDue(tx, viewer.user.id, opened.course.courseId);
  });
  return openCourse(viewer, slug);
}
