import { canAnywhere } from "~/domain/access";
import { type CourseProgress, courseProgress, isMeantFor } from "~/domain/courses";
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
import { openPlacementCodes } from "~/models/users.server";
import { completeIfDue } from "~/services/completion.server";
import type { Viewer } from "~/utils/auth.server";
import { writeTransaction } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";

export interface CourseWithProgress {
  course: CurrentCourse;
  lessons: LessonOutline[];
  reads: LessonRead[];
  progress: CourseProgress;
}

/** Authors see every course (to check what learners get); learners see those meant for them. */
function mayOpen(viewer: Viewer, course: CurrentCourse, placements: ReturnType<typeof openPlacementCodes>): boolean {
  if (canAnywhere(viewer.actor, "course.author")) return true;
  return isMeantFor({ tiers: course.audienceTiers, positions: course.audiencePositions }, placements);
}

/** "My training" before assignments exist: the courses meant for the person's placements. */
export function coursesForLearner(viewer: Viewer): CourseWithProgress[] {
  const placements = openPlacementCodes(viewer.user.id);
  const meant = listCurrentCourses().filter((c) =>
    isMeantFor({ tiers: c.audienceTiers, positions: c.audiencePositions }, placements),
  );
  const outlines = listLessonOutlines(meant.map((c) => c.versionId));
  const reads = listLessonReads(
    viewer.user.id,
    meant.map((c) => c.courseId),
  );
  return meant.map((course) => {
    const lessons = outlines.get(course.versionId) ?? [];
    const courseReads = reads.get(course.courseId) ?? [];
    return { course, lessons, reads: courseReads, progress: courseProgress(lessons, courseReads) };
  });
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
