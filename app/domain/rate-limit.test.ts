import { describe, expect, it } from "vitest";
import { addressKey, consume, isSpent, normaliseAddress, type RateRule, RULES, rateKey, refund } from "./rate-limit";

const NOW = Date.parse("2026-03-01T08:00:00Z");
const MINUTE = 60_000;
const rule: RateRule = { name: "test", limit: 5, windowMs: 15 * MINUTE };

/** Counts events one after another at the given times, as the service does. */
function run(times: number[], r = rule) {
  let tat: number | null = null;
  return times.map((at) => {
    const decision = consume(tat, r, at);
    if (decision.allowed) tat = decision.tat;
    return decision;
  });
}

describe("consume (GCRA)", () => {
  it("lets a burst of `limit` through at once, then refuses the next", () => {
    const decisions = run(Array(6).fill(NOW));
    expect(decisions.slice(0, 5).every((d) => d.allowed)).toBe(true);
    expect(decisions[5]).toEqual({ allowed: false, retryAfterMs: 3 * MINUTE });
  });

  it("lets one more through every window / limit after a burst", () => {
    const decisions = run([...Array(5).fill(NOW), NOW + 3 * MINUTE - 1, NOW + 3 * MINUTE, NOW + 3 * MINUTE + 1]);
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, true, true, false, true, false]);
  });

  it("does not count refused events: knocking does not extend the wait", () => {
    let tat: number | null = null;
    for (let i = 0; i < 5; i++) {
      const d = consume(tat, rule, NOW);
      if (d.allowed) tat = d.tat;
    }
    for (let i = 0; i < 100; i++) expect(consume(tat, rule, NOW + i * 1000).allowed).toBe(false);
    expect(consume(tat, rule, NOW + 3 * MINUTE).allowed).toBe(true);
  });

  it("forgets everything after a quiet window", () => {
    const decisions = run([...Array(5).fill(NOW), NOW + 15 * MINUTE, ...Array(4).fill(NOW + 15 * MINUTE)]);
    expect(decisions.every((d) => d.allowed)).toBe(true);
  });

  it("counts a cost of several events at once", () => {
    expect(consume(null, rule, NOW, 5).allowed).toBe(true);
    expect(consume(null, rule, NOW, 6)).toEqual({ allowed: false, retryAfterMs: 3 * MINUTE });
  });
});

describe("refund", () => {
  it("gives back what a successful attempt had taken, never below now", () => {
    const first = consume(null, rule, NOW);
    if (!first.allowed) throw new Error("allowed");
    expect(refund(first.tat, rule, NOW)).toBe(NOW);
    expect(isSpent(refund(first.tat, rule, NOW), NOW)).toBe(true);
    expect(refund(NOW + 9 * MINUTE, rule, NOW)).toBe(NOW + 6 * MINUTE);
    expect(refund(NOW + MINUTE, rule, NOW, 3)).toBe(NOW);
  });
});

describe("the rules", () => {
  it("have distinct names, so no two share a key", () => {
    const names = Object.values(RULES).map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect(rateKey(RULES.signInAccountAddress, "lan", "203.0.113.7")).toBe("signin:acct-addr:lan:203.0.113.7");
  });

  it("throttle an account from one address sooner than the address as a whole", () => {
    expect(RULES.signInAccountAddress.limit).toBeLessThan(RULES.signInAddress.limit);
  });
});

describe("addressKey", () => {
  it("keeps IPv4 addresses as they are, including IPv4-mapped IPv6", () => {
    expect(addressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(addressKey("::FFFF:203.0.113.7")).toBe("203.0.113.7");
  });

  it("counts an IPv6 client by its /64, however the address is written", () => {
    expect(addressKey("2001:db8:85a3:12::8a2e:370:7334")).toBe("2001:db8:85a3:12::/64");
    expect(addressKey("2001:0db8:85a3:0012:ffff:ffff:ffff:ffff")).toBe("2001:db8:85a3:12::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    expect(addressKey("2001:db8:85a3:13::1")).not.toBe(addressKey("2001:db8:85a3:12::1"));
  });

  it("puts an unknown address under its own key", () => {
    expect(addressKey(null)).toBe("unknown");
  });
});

describe("normaliseAddress", () => {
  it("strips the IPv4-mapped prefix and lowers the case", () => {
    expect(normaliseAddress("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(normaliseAddress("2001:DB8::1")).toBe("2001:db8::1");
    expect(normaliseAddress(undefined)).toBeNull();
  });
});
