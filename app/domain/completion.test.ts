import { describe, expect, it } from "vitest";
import {
  attendedInFull,
  certificationCycle,
  completionPath,
  courseCertification,
  isCourseComplete,
  isLate,
  quizGate,
  renewalOpensOn,
  SUBMIT_GRACE_MS,
} from "./completion";

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
      attemptsLeft: 2,
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

describe("certificationCycle", () => {
  const vn = (day: string, time = "00:00") => Date.parse(`${day}T${time}:00+07:00`);
  const certified = { cycle: 1, expiresOn: "2027-03-01", revokedAt: null };

  it("opens the first cycle on evidence of any age", () => {
    expect(certificationCycle([], "2025-03-01")).toEqual({ open: true, cycle: 1, since: 0 });
  });

  it("runs while the certificate is valid outside its last 30 days: nothing completes again", () => {
    expect(certificationCycle([certified], "2025-03-01")).toEqual({ open: false, cycle: 1 });
    // 30 days left is still "valid"; 29 is "expiring", as certificateStatus says.
    expect(certificationCycle([certified], "2027-01-30")).toEqual({ open: false, cycle: 1 });
    expect(certificationCycle([certified], "2027-01-31")).toMatchObject({ open: true, cycle: 2 });
  });

  it("opens the next cycle in the renewal window and after expiry, on evidence from the window's first day", () => {
    expect(renewalOpensOn("2027-03-01")).toBe("2027-01-31");
    const next = { open: true, cycle: 2, since: vn("2027-01-31") };
    expect(certificationCycle([certified], "2027-02-15")).toEqual(next);
    expect(certificationCycle([certified], "2029-06-01")).toEqual(next);
  });

  it("is decided by the latest certificate that stands: a renewal closes the cycle it opened", () => {
    const renewed = { cycle: 2, expiresOn: "2029-02-10", revokedAt: null };
    expect(certificationCycle([certified, renewed], "2027-02-15")).toEqual({ open: false, cycle: 2 });
  });

  it("after a revocation, opens the next number on evidence from the revocation on", () => {
    const revokedAt = vn("2025-04-02", "10:30");
    const revoked = { ...certified, revokedAt };
    expect(certificationCycle([revoked], "2025-04-03")).toEqual({ open: true, cycle: 2, since: revokedAt });
    // A renewal revoked: the earlier certificate, expired, does not reopen evidence from before.
    const renewal = { cycle: 2, expiresOn: "2029-02-10", revokedAt: vn("2027-03-05", "08:00") };
    expect(certificationCycle([certified, renewal], "2027-03-06")).toEqual({
      open: true,
      cycle: 3,
      since: vn("2027-03-05", "08:00"),
    });
  });

  it("still runs when a later certificate was revoked but an earlier one is valid", () => {
    const revoked = { cycle: 2, expiresOn: "2027-04-01", revokedAt: vn("2025-05-01") };
    expect(certificationCycle([certified, revoked], "2025-06-01")).toEqual({ open: false, cycle: 1 });
  });
});

describe("courseCertification", () => {
  const cert = { expiresOn: "2027-03-01", revokedAt: null };
  it("is none without a certificate, or when the latest was revoked", () => {
    expect(courseCertification(null, "2026-12-02")).toEqual({ state: "none" });
    expect(courseCertification({ ...cert, revokedAt: new Date("2026-06-01") }, "2026-12-02")).toEqual({
      state: "none",
    });
  });
  it("is certified while valid, with the day renewal opens (30 days before the end)", () => {
    expect(courseCertification(cert, "2026-12-02")).toEqual({
      state: "certified",
      expiresOn: "2027-03-01",
      renewsFrom: "2027-01-31",
    });
    expect(courseCertification(cert, "2027-01-30").state).toBe("certified");
  });
  it("opens renewal from that day through the expiry date, then is expired", () => {
    expect(courseCertification(cert, "2027-01-31").state).toBe("renewal-open");
    expect(courseCertification(cert, "2027-03-01").state).toBe("renewal-open");
    expect(courseCertification(cert, "2027-03-02")).toEqual({ state: "expired", expiresOn: "2027-03-01" });
  });
});
