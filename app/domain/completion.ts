/**
 * When a course is complete: one rule for the online path and for in-person training.
 * Decision 007 (online) and 014 (in person); certification cycles, decision 018.
 */
import { certificateStatus, EXPIRING_WITHIN_DAYS } from "./certificate";
import { addDays } from "./indicator";

export interface CompletionFacts {
  lessonsTotal: number;
  lessonsRead: number;
  quizPassed: boolean;
  /** Attended in full an in-person training (not cancelled) that counts for the course. */
  attendedInPerson?: boolean;
}

/** What the course says of in-person training: none, attendance alone, or attendance and the quiz (a post-test). */
export type InPersonRule = "attendance" | "attendance-and-quiz" | null;

export type CompletionPath = "online" | "in_person";

/** How the course is complete now, or null: every lesson and the quiz, or the training the course accepts. */
export function completionPath(facts: CompletionFacts, inPerson: InPersonRule = null): CompletionPath | null {
  if (facts.lessonsTotal > 0 && facts.lessonsRead >= facts.lessonsTotal && facts.quizPassed) return "online";
  if (!facts.attendedInPerson) return null;
  if (inPerson === "attendance") return "in_person";
  if (inPerson === "attendance-and-quiz" && facts.quizPassed) return "in_person";
  return null;
}

export function isCourseComplete(facts: CompletionFacts, inPerson: InPersonRule = null): boolean {
  return completionPath(facts, inPerson) !== null;
}

/**
 * Attended in full: every day of the event marked, and marked for the whole day (a half
 * day is recorded, and shown, but does not complete a course on its own).
 */
export function attendedInFull(
  dayIndexes: readonly number[],
  marks: readonly { dayIndex: number; portion: "full" | "half" | "absent" }[],
): boolean {
  return (
    dayIndexes.length > 0 && dayIndexes.every((day) => marks.some((m) => m.dayIndex === day && m.portion === "full"))
  );
}

export interface AttemptHistory {
  submittedAt: number;
  passed: boolean;
}

export type QuizGate =
  | { allowed: true; attemptsLeft: number }
  /** After a failure: `attemptsLeft` may start from `until` (ms). */
  | { allowed: false; reason: "wait"; until: number; attemptsLeft: number }
  | { allowed: false; reason: "no-attempts-left" }
  | { allowed: false; reason: "already-certified" };

/**
 * May the learner start an attempt now? Attempts count from the last certificate (a
 * recertification starts afresh); after a failed attempt they wait `retryWaitMinutes`.
 * Someone holding a certificate that is not about to expire has nothing to retake.
 */
export function quizGate(input: {
  attemptsSinceCertificate: readonly AttemptHistory[];
  maxAttempts: number;
  retryWaitMinutes: number;
  holdsCertificateNotExpiring: boolean;
  now: number;
}): QuizGate {
  if (input.holdsCertificateNotExpiring) return { allowed: false, reason: "already-certified" };
  const used = input.attemptsSinceCertificate.length;
  if (used >= input.maxAttempts) return { allowed: false, reason: "no-attempts-left" };
  const last = [...input.attemptsSinceCertificate].sort((a, b) => b.submittedAt - a.submittedAt)[0];
  if (last && !last.passed) {
    const until = last.submittedAt + input.retryWaitMinutes * 60_000;
    if (input.now < until) return { allowed: false, reason: "wait", until, attemptsLeft: input.maxAttempts - used };
  }
  return { allowed: true, attemptsLeft: input.maxAttempts - used };
}

/** A submission is on time until the limit plus a grace for a slow line; later, it is refused. */
export const SUBMIT_GRACE_MS = 2 * 60_000;

export function isLate(deadline: number | null, submittedAt: number): boolean {
  return deadline !== null && submittedAt > deadline + SUBMIT_GRACE_MS;
}

/** A completion of the course that stands (not undone), with its certificate. */
export interface CycleEntry {
  cycle: number;
  expiresOn: string;
  /** When its certificate was revoked (ms), or null while it stands. */
  revokedAt: number | null;
}

export type CycleState =
  /** The cycle's certificate is valid and outside its last 30 days: nothing completes the course again. */
  | { open: false; cycle: number }
  /** A completion now opens cycle `cycle`, on evidence (a passed attempt, a training) from `since` (ms) on. */
  | { open: true; cycle: number; since: number };

/** The first day of a certificate's renewal window: its last 30 days, as `certificateStatus` counts them. */
export function renewalOpensOn(expiresOn: string): string {
  return addDays(expiresOn, 1 - EXPIRING_WITHIN_DAYS);
}

/**
 * Where a person stands in the certification cycles of a course (decision 018), from their
 * standing completions, oldest first. A cycle runs from a completion until its certificate
 * enters its renewal window, expires or is revoked; while it runs, nothing completes the
 * course again. The next completion opens the next cycle (the highest number + 1; an undone
 * completion is not listed, so its number is given back), on evidence gathered since the
 * cycle could open: since the renewal window of the latest certificate still standing, and
 * since the latest revocation. A first completion takes evidence of any age.
 */
export function certificationCycle(entries: readonly CycleEntry[], today: string): CycleState {
  const current = [...entries].reverse().find((e) => e.revokedAt === null);
  if (current && certificateStatus({ expiresOn: current.expiresOn, revokedAt: null }, today) === "valid")
    return { open: false, cycle: current.cycle };
  // Vietnam has had no daylight saving since 1975: its days start at 00:00 +07:00.
  let since = current ? Date.parse(`${renewalOpensOn(current.expiresOn)}T00:00:00+07:00`) : 0;
  for (const entry of entries) if (entry.revokedAt !== null && entry.revokedAt > since) since = entry.revokedAt;
  return { open: true, cycle: Math.max(0, ...entries.map((e) => e.cycle)) + 1, since };
}

/**
 * What a course page says of the learner's certificate (the latest one not revoked, or none):
 * while it is valid, the course is done — the certificate, its validity and the day renewal
 * opens take the place of the quiz; in its last 30 days the quiz renews it; once expired the
 * course is due again.
 */
export type CourseCertification =
  | { state: "none" }
  | { state: "certified"; expiresOn: string; renewsFrom: string }
  | { state: "renewal-open"; expiresOn: string; renewsFrom: string }
  | { state: "expired"; expiresOn: string };

export function courseCertification(
  certificate: { expiresOn: string; revokedAt: Date | number | null } | null,
  today: string,
): CourseCertification {
  if (!certificate) return { state: "none" };
  const status = certificateStatus(certificate, today);
  const { expiresOn } = certificate;
  if (status === "revoked") return { state: "none" };
  if (status === "expired") return { state: "expired", expiresOn };
  const renewsFrom = renewalOpensOn(expiresOn);
  return status === "valid"
    ? { state: "certified", expiresOn, renewsFrom }
    : { state: "renewal-open", expiresOn, renewsFrom };
}
