import { and, asc, desc, eq, exists, gt, isNull, sql } from "drizzle-orm";
import type { CycleEntry } from "~/domain/completion";
import type { QuestionBank } from "~/domain/course-format";
import type { Answers, DrawnQuestion } from "~/domain/quiz";
import type { Tx } from "~/utils/db.server";
import { getDb, prepared } from "~/utils/db.server";
import {
  certificates,
  courseCompletions,
  courseLessons,
  lessonReads,
  orgUnits,
  placements,
  questionBanks,
  quizAttempts,
} from "../../db/schema";
import { inAnySubtree } from "./units.server";

export type AttemptRow = Omit<typeof quizAttempts.$inferSelect, "draw" | "answers"> & {
  draw: DrawnQuestion[];
  answers: Answers | null;
};

export function findQuestionBank(versionId: number): QuestionBank | undefined {
  const row = getDb()
    .select({ questions: questionBanks.questions })
    .from(questionBanks)
    .where(eq(questionBanks.courseVersionId, versionId))
    .get();
  // Stored as the whole parsed bank ({ questions: [...] }) at publication.
  return row ? (row.questions as QuestionBank) : undefined;
}

export function findAttempt(id: number, db: Tx = getDb()): AttemptRow | undefined {
  return db.select().from(quizAttempts).where(eq(quizAttempts.id, id)).get() as AttemptRow | undefined;
}

export function listAttempts(userId: string, courseId: number, db: Tx = getDb()): AttemptRow[] {
  return db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.courseId, courseId)))
    .orderBy(asc(quizAttempts.number))
    .all() as AttemptRow[];
}

export type CertificateRow = typeof certificates.$inferSelect;

export function listCertificatesOf(userId: string, courseId?: number, db: Tx = getDb()): CertificateRow[] {
  return db
    .select()
    .from(certificates)
    .where(and(eq(certificates.userId, userId), courseId ? eq(certificates.courseId, courseId) : undefined))
    .orderBy(desc(certificates.issuedOn), desc(certificates.id))
    .all();
}

export function findCertificateByCode(code: string): CertificateRow | undefined {
  return getDb().select().from(certificates).where(eq(certificates.code, code)).get();
}

export function findCertificate(id: number): CertificateRow | undefined {
  return getDb().select().from(certificates).where(eq(certificates.id, id)).get();
}

/** Lessons of a version the learner has read (by identity), and how many the version has. */
export function lessonCounts(
  db: Tx,
  userId: string,
  courseId: number,
  versionId: number,
): { total: number; read: number } {
  const total = db
    .select({ n: sql<number>`count(*)` })
    .from(courseLessons)
    .where(eq(courseLessons.courseVersionId, versionId))
    .get()?.n;
  const read = db
    .select({ n: sql<number>`count(*)` })
    .from(courseLessons)
    .innerJoin(
      lessonReads,
      and(
        eq(lessonReads.lessonKey, courseLessons.lessonKey),
        eq(lessonReads.userId, userId),
        eq(lessonReads.courseId, courseId),
      ),
    )
    .where(eq(courseLessons.courseVersionId, versionId))
    .get()?.n;
  return { total: total ?? 0, read: read ?? 0 };
}

/** The person's standing (not undone) completions of a course with their certificates, oldest first. */
export function cycleEntries(db: Tx, userId: string, courseId: number): CycleEntry[] {
  return db
    .select({ cycle: courseCompletions.cycle, expiresOn: certificates.expiresOn, revokedAt: certificates.revokedAt })
    .from(courseCompletions)
    .innerJoin(certificates, eq(certificates.completionId, courseCompletions.id))
    .where(
      and(
        eq(courseCompletions.userId, userId),
        eq(courseCompletions.courseId, courseId),
        isNull(courseCompletions.undoneAt),
      ),
    )
    .orderBy(asc(courseCompletions.completedAt), asc(courseCompletions.id))
    .all()
    .map((row) => ({ ...row, revokedAt: row.revokedAt?.getTime() ?? null }));
}

const sameCycleRows = prepared((db) =>
  db.$client.prepare<
    [],
    { kind: "completion" | "certificate"; userId: string; courseId: number; cycle: number; ids: string }
  >(
    `select 'completion' as kind, user_id as userId, course_id as courseId, cycle, group_concat(id, ', ') as ids
       from course_completions where undone_at is null
      group by user_id, course_id, cycle having count(*) > 1
     union all
     select 'certificate', user_id, course_id, cycle, group_concat(id, ', ')
       from certificates where revoked_at is null
      group by user_id, course_id, cycle having count(*) > 1`,
  ),
);

/** Standing completions, or certificates not revoked, sharing a person, course and cycle (the schema forbids it). */
export function sameCycleDuplicates() {
  return sameCycleRows().all();
}

const everyCycleEntry = prepared((db) =>
  db.$client.prepare<[], { userId: string; courseId: number; certificateId: number; issuedOn: string } & CycleEntry>(
    `select cc.user_id as userId, cc.course_id as courseId, c.id as certificateId, c.issued_on as issuedOn,
            cc.cycle, c.expires_on as expiresOn, c.revoked_at as revokedAt
       from course_completions cc join certificates c on c.completion_id = cc.id
      where cc.undone_at is null
      order by cc.user_id, cc.course_id, cc.completed_at, cc.id`,
  ),
);

/** Every standing completion with its certificate, person by person and course by course, oldest first. */
export function iterateCycleEntries() {
  return everyCycleEntry().iterate();
}

/** A passed attempt that no completion has used yet: the quiz half of a completion still open. */
export function unusedPassedAttempt(db: Tx, userId: string, courseId: number, after: number): AttemptRow | undefined {
  return (
    db
      .select({ attempt: quizAttempts })
      .from(quizAttempts)
      // An attempt whose completion was undone (its attendance taken back) counts as unused.
      .leftJoin(
        courseCompletions,
        and(eq(courseCompletions.attemptId, quizAttempts.id), isNull(courseCompletions.undoneAt)),
      )
      .where(
        and(
          eq(quizAttempts.userId, userId),
          eq(quizAttempts.courseId, courseId),
          eq(quizAttempts.passed, true),
          isNull(courseCompletions.id),
          gt(quizAttempts.submittedAt, new Date(after)),
        ),
      )
      .orderBy(desc(quizAttempts.submittedAt))
      .get()?.attempt as AttemptRow | undefined
  );
}

export function certificateForAttempt(attemptId: number): CertificateRow | undefined {
  return getDb()
    .select({ certificate: certificates })
    .from(courseCompletions)
    .innerJoin(certificates, eq(certificates.completionId, courseCompletions.id))
    .where(eq(courseCompletions.attemptId, attemptId))
    .get()?.certificate;
}

/**
 * Submitted attempts of a course by people placed (now) inside the given subtrees. Read for
 * the trainer's insight page only, never on a learner's path.
 */
export function submittedAttemptsWithin(courseId: number, scopePaths: readonly string[]) {
  const db = getDb();
  const placedWithin = db
    .select({ one: sql`1` })
    .from(placements)
    .innerJoin(orgUnits, eq(orgUnits.id, placements.orgUnitId))
    .where(and(eq(placements.userId, quizAttempts.userId), isNull(placements.endDate), inAnySubtree(scopePaths)));
  return db
    .select({
      draw: quizAttempts.draw,
      answers: quizAttempts.answers,
      percent: quizAttempts.percent,
      passed: quizAttempts.passed,
    })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.courseId, courseId), eq(quizAttempts.status, "submitted"), exists(placedWithin)))
    .all()
    .map((a) => ({
      draw: a.draw as DrawnQuestion[],
      answers: (a.answers ?? {}) as Answers,
      percent: a.percent ?? 0,
      passed: a.passed === true,
    }));
}

export function attemptedCourseIds(userId: string): Set<number> {
  return new Set(
    getDb()
      .selectDistinct({ courseId: quizAttempts.courseId })
      .from(quizAttempts)
      .where(eq(quizAttempts.userId, userId))
      .all()
      .map((r) => r.courseId),
  );
}
