import { describe, expect, it } from "vitest";
import { attendedInFull, completionPath, isCourseComplete, isLate, quizGate, SUBMIT_GRACE_MS } from "./completion";

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

describe("completion with in-person training", () => {
  const online = { lessonsTotal: 5, lessonsRead: 5, quizPassed: true };
  const attended = { lessonsTotal: 5, lessonsRead: 0, quizPassed: false, attendedInPerson: true };

  it("completes online whatever the course says of training, and by attendance only as the course allows", () => {
    expect(completionPath(online, null)).toBe("online");
    expect(completionPath(attended, null)).toBeNull();
    expect(completionPath(attended, "attendance")).toBe("in_person");
    expect(completionPath(attended, "attendance-and-quiz")).toBeNull();
    expect(completionPath({ ...attended, quizPassed: true }, "attendance-and-quiz")).toBe("in_person");
    expect(isCourseComplete({ ...attended, attendedInPerson: false }, "attendance")).toBe(false);
  });

  it("counts an event attended only when every day is attended for the whole day", () => {
    expect(attendedInFull([1], [{ dayIndex: 1, portion: "full" }])).toBe(true);
    expect(attendedInFull([1], [{ dayIndex: 1, portion: "half" }])).toBe(false);
    expect(attendedInFull([1, 2], [{ dayIndex: 1, portion: "full" }])).toBe(false);
    expect(attendedInFull([], [])).toBe(false);
  });
});
