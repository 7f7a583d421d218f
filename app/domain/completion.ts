/**
 * When a course is complete. One rule, so in-person attendance (a later issue) joins it
 * here and nowhere else.
 */
export interface CompletionFacts {
  lessonsTotal: number;
  lessonsRead: number;
  quizPassed: boolean;
}

export type CompletionRule = "lessons-and-quiz";

export function isCourseComplete(facts: CompletionFacts, rule: CompletionRule = "lessons-and-quiz"): boolean {
  switch (rule) {
    case "lessons-and-quiz":
      return facts.lessonsTotal > 0 && facts.lessonsRead >= facts.lessonsTotal && facts.quizPassed;
  }
}

export interface AttemptHistory {
  submittedAt: number;
  passed: boolean;
}

export type QuizGate =
  | { allowed: true; attemptsLeft: number }
  | { allowed: false; reason: "wait"; until: number }
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
    if (input.now < until) return { allowed: false, reason: "wait", until };
  }
  return { allowed: true, attemptsLeft: input.maxAttempts - used };
}

/** A submission is on time until the limit plus a grace for a slow line; later, it is refused. */
export const SUBMIT_GRACE_MS = 2 * 60_000;

export function isLate(deadline: number | null, submittedAt: number): boolean {
  return deadline !== null && submittedAt > deadline + SUBMIT_GRACE_MS;
}
