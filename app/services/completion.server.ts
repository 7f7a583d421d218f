/**
 * Completion and certificate issue, called inside the transaction of the write that may
 * complete a course (a passing attempt, the last lesson read).
 */
import crypto from "node:crypto";
import { certificateCodeFrom, expiryDate } from "~/domain/certificate";
import { attendedInFull, type CycleEntry, certificationCycle, completionPath } from "~/domain/completion";
import { todayInVietnam } from "~/i18n";
import { type CurrentCourse, findCurrentCourse } from "~/models/courses.server";
import { unusedAttendedEvents } from "~/models/events.server";
import {
  type CertificateRow,
  cycleEntries,
  iterateCycleEntries,
  lessonCounts,
  sameCycleDuplicates,
  unusedPassedAttempt,
} from "~/models/quiz.server";
import { findUserProfile, listPlacements } from "~/models/users.server";
import { refreshLearners } from "~/services/rollups.server";
import type { Tx } from "~/utils/db.server";
import { certificates, courseCompletions } from "../../db/schema";

/**
 * Records a completion and issues its certificate when the rule holds: every lesson of the
 * current version read and a passed attempt not yet used. Called inside the transaction of
 * the write that may complete the course.
 */
export function completeIfDue(tx: Tx, userId: string, courseId: number, now = Date.now()): CertificateRow | null {
  const certificate = recordCompletion(tx, userId, courseId, now);
  // A lesson read or a passed attempt may have moved the person's status, completed or not:
  // the indicator moves in this same transaction.
  refreshLearners([userId], todayInVietnam(new Date(now)));
  return certificate;
}

/**
 * The completion and certificate alone; the caller refreshes the indicator once for all its
 * courses. Idempotent whatever calls it and however often (a passed attempt, every lesson
 * read, every attendance mark): while a certification cycle runs nothing is recorded, and
 * a new cycle is completed only on evidence gathered since it could open (decision 018).
 */
export function recordCompletion(tx: Tx, userId: string, courseId: number, now: number): CertificateRow | null {
  const course = findCourseById(tx, courseId);
  if (!course) return null;
  const cycle = certificationCycle(cycleEntries(tx, userId, courseId), todayInVietnam(new Date(now)));
  if (!cycle.open) return null;
  const attempt = unusedPassedAttempt(tx, userId, courseId, cycle.since - 1);
  const lessons = lessonCounts(tx, userId, courseId, course.versionId);
  const sinceDay = todayInVietnam(new Date(cycle.since));
  const event = unusedAttendedEvents(userId, courseId, sinceDay).find((e) => attendedInFull(e.days, e.marks));
  const path = completionPath(
    {
      lessonsTotal: lessons.total,
      lessonsRead: lessons.read,
      quizPassed: attempt !== undefined,
      attendedInPerson: !!event,
    },
    course.inPerson,
  );
  if (!path) return null;
  const completion = tx
    .insert(courseCompletions)
    .values({
      userId,
      courseId,
      courseVersionId: course.versionId,
      attemptId: attempt?.id ?? null,
      completedAt: new Date(now),
      via: path,
      eventId: path === "in_person" ? (event?.eventId ?? null) : null,
      cycle: cycle.cycle,
    })
    .returning({ id: courseCompletions.id })
    .get();
  return issueCertificate(tx, { userId, course, completionId: completion.id, cycle: cycle.cycle, now });
}

function findCourseById(tx: Tx, courseId: number): CurrentCourse | undefined {
  const slug = tx.query.courses.findFirst({ where: (c, { eq: equals }) => equals(c.id, courseId) }).sync()?.slug;
  return slug ? findCurrentCourse(slug) : undefined;
}

function issueCertificate(
  tx: Tx,
  input: { userId: string; course: CurrentCourse; completionId: number; cycle: number; now: number },
): CertificateRow {
  const holder = findUserProfile(input.userId);
  const placement = listPlacements(input.userId).find((p) => p.endDate === null);
  const issuedOn = todayInVietnam(new Date(input.now));
  for (let tries = 0; ; tries++) {
    try {
      return tx
        .insert(certificates)
        .values({
          code: certificateCodeFrom(crypto.randomBytes(8)),
          userId: input.userId,
          courseId: input.course.courseId,
          courseVersionId: input.course.versionId,
          completionId: input.completionId,
          courseTitle: input.course.title,
          courseVersionNumber: input.course.versionNumber,
          holderName: holder?.fullName ?? "",
          positionName: placement?.positionNameVi ?? null,
          unitName: placement?.unitName ?? null,
          unitId: placement?.unitId ?? null,
          issuedOn,
          expiresOn: expiryDate(issuedOn, input.course.certificateValidityMonths),
          cycle: input.cycle,
        })
        .returning()
        .get();
    } catch (error) {
      // 50 random bits: a clash is all but impossible, but a retry costs nothing.
      if (tries < 3 && error instanceof Error && /UNIQUE constraint failed: certificates.code/.test(error.message))
        continue;
      throw error;
    }
  }
}

/**
 * Duplicates of the certification cycles, for `db:check-rollups`: two standing completions
 * or valid certificates numbered the same cycle (the unique indexes forbid it), and a
 * certificate not revoked that was issued while an earlier cycle still ran (numbered apart,
 * but a duplicate all the same). Reads only; one line per finding.
 */
export function findCycleDuplicates(maxReported = 50): string[] {
  const found: string[] = [];
  const report = (line: string) => {
    if (found.length < maxReported) found.push(line);
  };
  for (const row of sameCycleDuplicates())
    report(`person ${row.userId}, course ${row.courseId}: ${row.kind}s ${row.ids} share cycle ${row.cycle}`);
  let key = "";
  let earlier: CycleEntry[] = [];
  for (const entry of iterateCycleEntries()) {
    const next = `${entry.userId}:${entry.courseId}`;
    if (next !== key) {
      key = next;
      earlier = [];
    }
    const state = certificationCycle(earlier, entry.issuedOn);
    if (entry.revokedAt === null && !state.open)
      report(
        `person ${entry.userId}, course ${entry.courseId}: certificate ${entry.certificateId} issued ${entry.issuedOn} while cycle ${state.cycle} ran`,
      );
    earlier.push({ cycle: entry.cycle, expiresOn: entry.expiresOn, revokedAt: entry.revokedAt });
  }
  return found;
}
