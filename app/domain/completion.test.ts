import { describe, expect, it } from "vitest";
import { isCourseComplete, isLate, quizGate, SUBMIT_GRACE_MS } from "./completion";

describe("isCourseComplete", () => {
  it("needs every lesson read and the quiz passed", () => {
    expect(isCourseComplete({ lessonsTotal: 5, lessonsRead: 5, quizPassed: true })).toBe(true);
    expect(isCourseComplete({ lessonsTotal: 5, lessonsRead: 4, quizPassed: true })).toBe(false);
    expect(isCourseComplete({ lessonsTotal: 5, lessonsRead: 5, quizPassed: false })).toBe(false);
    expect(isCourseComplete({ lessonsTotal: 0, lessonsRead: 0, quizPassed: true })).toBe(false);
  });
});

describe("quizGate", () => {
  const base = { maxAttempts: 3, retryWaitMinutes: 60, holdsCertificateNotExpiring: false, now: 10_000_000 };
  it("lets a first attempt start", () => {
    expect(quizGate({ ...base, attemptsSinceCertificate: [] })).toEqual({ allowed: true, attemptsLeft: 3 });
  });
  it("makes the learner wait after a failure", () => {
    const failed = [{ submittedAt: base.now - 30 * 60_000, passed: false }];
    expect(quizGate({ ...base, attemptsSinceCertificate: failed })).toEqual({
      allowed: false,
      reason: "wait",
      until: base.now + 30 * 60_000,
    });
    const longAgo = [{ submittedAt: base.now - 61 * 60_000, passed: false }];
    expect(quizGate({ ...base, attemptsSinceCertificate: longAgo })).toEqual({ allowed: true, attemptsLeft: 2 });
  });
  it("stops after the last attempt, and when a certificate is held", () => {
    const three = [1, 2, 3].map((i) => ({ submittedAt: i, passed: false }));
    expect(quizGate({ ...base, attemptsSinceCertificate: three })).toEqual({
      allowed: false,
      reason: "no-attempts-left",
    });
    expect(quizGate({ ...base, attemptsSinceCertificate: [], holdsCertificateNotExpiring: true })).toEqual({
      allowed: false,
      reason: "already-certified",
    });
  });
});

describe("isLate", () => {
  it("allows the grace after the limit, not more; no limit is never late", () => {
    expect(isLate(1000, 1000 + SUBMIT_GRACE_MS)).toBe(false);
    expect(isLate(1000, 1001 + SUBMIT_GRACE_MS)).toBe(true);
    expect(isLate(null, Number.MAX_SAFE_INTEGER)).toBe(false);
  });
});
