import { describe, expect, it } from "vitest";
import {
  decideRate,
  pruneBefore,
  VERIFY_LIMIT_PER_ADDRESS,
  VERIFY_LIMIT_UNKNOWN_ADDRESS,
  VERIFY_WINDOW_MS,
  verificationRule,
} from "./rate-limit";

const NOW = Date.parse("2026-03-01T08:00:00Z");
const MINUTE = 60_000;

describe("verificationRule", () => {
  it("counts each client address on its own, 30 lookups per 10 minutes", () => {
    expect(verificationRule("203.0.113.7")).toEqual({
      key: "verify:ip:203.0.113.7",
      limit: 30,
      windowMs: 10 * MINUTE,
    });
    expect(verificationRule("203.0.113.8").key).not.toBe(verificationRule("203.0.113.7").key);
  });

  it("puts visitors of unknown address under one shared key with a higher limit", () => {
    expect(verificationRule(null)).toEqual({ key: "verify:unknown", limit: 300, windowMs: 10 * MINUTE });
    expect(VERIFY_LIMIT_UNKNOWN_ADDRESS).toBeGreaterThan(VERIFY_LIMIT_PER_ADDRESS);
  });
});

describe("decideRate", () => {
  const rule = verificationRule("203.0.113.7");

  it("allows up to the limit inside the window", () => {
    const times = Array.from({ length: VERIFY_LIMIT_PER_ADDRESS - 1 }, (_, i) => NOW - i * 1000);
    expect(decideRate([], rule, NOW)).toEqual({ allowed: true });
    expect(decideRate(times, rule, NOW)).toEqual({ allowed: true });
  });

  it("refuses once the limit is reached, until the oldest counted event leaves the window", () => {
    // 30 lookups in the last 29 seconds: the next one waits until the first is 10 minutes old.
    const times = Array.from({ length: VERIFY_LIMIT_PER_ADDRESS }, (_, i) => NOW - i * 1000);
    const decision = decideRate(times, rule, NOW);
    expect(decision).toEqual({ allowed: false, retryAfterMs: VERIFY_WINDOW_MS - 29_000 });
    const later = NOW + VERIFY_WINDOW_MS - 29_000;
    expect(decideRate(times, rule, later)).toEqual({ allowed: true });
  });

  it("ignores events outside the window and does not count future ones", () => {
    const old = Array.from({ length: 100 }, (_, i) => NOW - VERIFY_WINDOW_MS - i);
    expect(decideRate(old, rule, NOW)).toEqual({ allowed: true });
    const future = Array.from({ length: 100 }, (_, i) => NOW + 1 + i);
    expect(decideRate(future, rule, NOW)).toEqual({ allowed: true });
  });

  it("counts only the newest events when there are more than the limit", () => {
    const times = Array.from({ length: 40 }, (_, i) => NOW - i * MINUTE);
    // 10 of them are inside the window (0..9 minutes ago): still allowed.
    expect(decideRate(times, rule, NOW)).toEqual({ allowed: true });
    const burst = Array.from({ length: 45 }, (_, i) => NOW - i * 10_000);
    const decision = decideRate(burst, rule, NOW);
    expect(decision.allowed).toBe(false);
    // The 30th newest was 290 s ago.
    expect(decision).toEqual({ allowed: false, retryAfterMs: VERIFY_WINDOW_MS - 290_000 });
  });

  it("applies the shared limit to unknown addresses", () => {
    const shared = verificationRule(null);
    const times = Array.from({ length: 299 }, () => NOW - MINUTE);
    expect(decideRate(times, shared, NOW).allowed).toBe(true);
    expect(decideRate([...times, NOW], shared, NOW).allowed).toBe(false);
  });

  it("lets rows older than the window be pruned", () => {
    expect(pruneBefore(rule, NOW)).toBe(NOW - VERIFY_WINDOW_MS);
  });
});
