import { describe, expect, it } from "vitest";
import { decideThrottle, MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_USERNAME, THROTTLE_WINDOW_MS } from "./throttle";

const now = 1_000_000_000;
const times = (n: number, step = 1000) => Array.from({ length: n }, (_, i) => now - i * step);

describe("decideThrottle", () => {
  it("allows attempts under the limits", () => {
    expect(decideThrottle({ username: times(MAX_FAILURES_PER_USERNAME - 1), address: [] }, now)).toEqual({
      allowed: true,
    });
  });

  it("blocks a username after the limit until the window passes", () => {
    const decision = decideThrottle({ username: times(MAX_FAILURES_PER_USERNAME), address: [] }, now);
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) {
      expect(decision.retryAfterMs).toBe(THROTTLE_WINDOW_MS - (MAX_FAILURES_PER_USERNAME - 1) * 1000);
    }
  });

  it("forgets failures older than the window", () => {
    const old = times(MAX_FAILURES_PER_USERNAME).map((t) => t - THROTTLE_WINDOW_MS);
    expect(decideThrottle({ username: old, address: [] }, now).allowed).toBe(true);
  });

  it("blocks an address that tries many usernames", () => {
    expect(decideThrottle({ username: [], address: times(MAX_FAILURES_PER_ADDRESS) }, now).allowed).toBe(false);
  });
});
