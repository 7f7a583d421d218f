/**
 * Quiz attempts, completion and certificate issue. Every write that changes whether someone
 * is trained happens in one transaction: the passing attempt (or the last lesson read), the
 * completion and the certificate.
 */
import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { certificationCycle, isLate, type QuizGate, quizGate } from "~/domain/completion";
import { type Answers, drawQuestions, scoreAttempt } from "~/domain/quiz";
import { todayInVietnam } from "~/i18n";
import type { CurrentCourse } from "~/models/courses.server";
import {
  type AttemptRow,
  type CertificateRow,
  cycleEntries,
  findAttempt,
  findQuestionBank,
  listAttempts,
  listCertificatesOf,
} from "~/models/quiz.server";
import { completeIfDue } from "~/services/completion.server";
import { openCourse } from "~/services/learning.server";
import { refreshLearners } from "~/services/rollups.server";
import type { Viewer } from "~/utils/auth.server";
import type { Tx } from "~/utils/db.server";
import { getDb, writeTransaction } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { quizAttempts } from "../../db/schema";

export interface QuizState {
  course: CurrentCourse;
  attempts: AttemptRow[];
  inProgress: AttemptRow | null;
  gate: QuizGate;
  certificates: CertificateRow[];
}

/** Where the learner stands with the quiz of a course they may open. */
export function quizState(viewer: Viewer, slug: string, now = Date.now()): QuizState {
  const { course } = openCourse(viewer, slug);
  return stateOf(getDb(), viewer.user.id, course, now);
}

function stateOf(db: Tx, userId: string, course: CurrentCourse, now: number): QuizState {
  const attempts = listAttempts(userId, course.courseId, db);
  const certs = listCertificatesOf(userId, course.courseId, db);
  // Attempts count toward the limit of the cycle they may complete (decision 018): a renewal,
  // or a completion after a revocation, starts afresh.
  const cycle = certificationCycle(cycleEntries(db, userId, course.courseId), todayInVietnam(new Date(now)));
  const since = cycle.open ? cycle.since : now;
  const submitted = attempts.filter(
    (a) => a.status === "submitted" && a.submittedAt && a.submittedAt.getTime() >= since,
  );
  const gate = quizGate({
    attemptsSinceCertificate: submitted.map((a) => ({
      submittedAt: a.submittedAt?.getTime() ?? 0,
      passed: a.passed === true,
    })),
    maxAttempts: course.quiz.maxAttempts,
    retryWaitMinutes: course.quiz.retryWaitMinutes,
    holdsCertificateNotExpiring: !cycle.open,
    now,
  });
  return {
    course,
    attempts,
    inProgress: attempts.find((a) => a.status === "in_progress") ?? null,
    gate,
    certificates: certs,
  };
}

export type StartResult = { ok: true; attemptId: number } | { ok: false; gate: Exclude<QuizGate, { allowed: true }> };

/**
 * Starts an attempt, or returns the one in progress: a reload, a double click or a second
 * tab all land on the same attempt (the unique (user, course, number) index decides races).
 */
export function startAttempt(viewer: Viewer, slug: string, now = Date.now()): StartResult {
  const { course } = openCourse(viewer, slug);
  const bank = findQuestionBank(course.versionId);
  if (!bank) throw notFound();
  for (let tries = 0; tries < 3; tries++) {
    try {
      return writeTransaction((tx) => {
        const state = stateOf(tx, viewer.user.id, course, now);
        if (state.inProgress) return { ok: true as const, attemptId: state.inProgress.id };
        if (!state.gate.allowed) return { ok: false as const, gate: state.gate };
        const draw = drawQuestions(bank.questions, course.quiz.questionCount, crypto.randomInt(2 ** 31), {
          perTopic: course.quiz.perTopic === true,
        });
        const inserted = tx
          .insert(quizAttempts)
          .values({
            userId: viewer.user.id,
            courseId: course.courseId,
            courseVersionId: course.versionId,
            number: state.attempts.length + 1,
            draw,
            passMark: course.passMark,
            startedAt: new Date(now),
            deadlineAt: course.quiz.timeLimitMinutes ? new Date(now + course.quiz.timeLimitMinutes * 60_000) : null,
          })
          .returning({ id: quizAttempts.id })
          .get();
        // An attempt started puts an assigned course "in progress".
        refreshLearners([viewer.user.id], todayInVietnam(new Date(now)));
        return { ok: true as const, attemptId: inserted.id };
      });
    } catch (error) {
      if (!(error instanceof Error && /UNIQUE constraint failed: quiz_attempts/.test(error.message))) throw error;
      // Another request started it at the same moment: loop and find it in progress.
    }
  }
  throw new Error("could not start an attempt");
}

/** The viewer's own attempt of this course, or 404. */
export function requireAttempt(
  viewer: Viewer,
  slug: string,
  attemptId: number,
): { course: CurrentCourse; attempt: AttemptRow } {
  const { course } = openCourse(viewer, slug);
  const attempt = findAttempt(attemptId);
  if (!attempt || attempt.userId !== viewer.user.id || attempt.courseId !== course.courseId) throw notFound();
  return { course, attempt };
}

/** Saves answers so far (the autosave, or "save" without JavaScript); refused once late or submitted. */
export function saveAnswers(
  viewer: Viewer,
  slug: string,
  attemptId: number,
  answers: Answers,
  now = Date.now(),
): boolean {
  const { attempt } = requireAttempt(viewer, slug, attemptId);
  if (attempt.status !== "in_progress" || isLate(attempt.deadlineAt?.getTime() ?? null, now)) return false;
  const changed = getDb()
    .update(quizAttempts)
    .set({ answers })
    .where(and(eq(quizAttempts.id, attempt.id), eq(quizAttempts.status, "in_progress")))
    .run().changes;
  return changed === 1;
}

export interface SubmitResult {
  attempt: AttemptRow;
  /** False when this request found the attempt already submitted (a retry or another tab). */
  scoredNow: boolean;
  certificate: CertificateRow | null;
}

/**
 * Scores the attempt once. A submission after the time limit and its grace is not taken:
 * the attempt is scored on the answers saved before the limit. Passing completes the
 * course in the same transaction when every lesson is read.
 */
export function submitAttempt(
  viewer: Viewer,
  slug: string,
  attemptId: number,
  answers: Answers,
  now = Date.now(),
): SubmitResult {
  requireAttempt(viewer, slug, attemptId);
  return writeTransaction((tx) => {
    const attempt = findAttempt(attemptId, tx) as AttemptRow;
    if (attempt.status === "submitted") return { attempt, scoredNow: false, certificate: null };
    const late = isLate(attempt.deadlineAt?.getTime() ?? null, now);
    const counted = late ? (attempt.answers ?? {}) : answers;
    const score = scoreAttempt(attempt.draw, counted, attempt.passMark);
    const changed = tx
      .update(quizAttempts)
      .set({
        status: "submitted",
        answers: counted,
        submittedAt: new Date(now),
        points: score.points,
        maxPoints: score.max,
        percent: score.percent,
        passed: score.passed,
        late,
      })
      .where(and(eq(quizAttempts.id, attempt.id), eq(quizAttempts.status, "in_progress")))
      .run().changes;
    const after = findAttempt(attempt.id, tx) as AttemptRow;
    if (changed !== 1) return { attempt: after, scoredNow: false, certificate: null };
    const certificate = score.passed ? completeIfDue(tx, viewer.user.id, attempt.courseId, now) : null;
    return { attempt: after, scoredNow: true, certificate };
  });
}
