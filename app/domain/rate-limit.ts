/**
 * Rate limits over a sliding window of recorded events. Pure.
 *
 * Public certificate verification is limited per client address, so that nobody can try
 * codes in bulk. When the address is unknown (no trusted proxy in front), every visitor
 * shares one key: its limit is higher so that ordinary use still gets through, while a
 * brute-force run is still stopped.
 */
export const VERIFY_WINDOW_MS = 10 * 60 * 1000;
export const VERIFY_LIMIT_PER_ADDRESS = 30;
export const VERIFY_LIMIT_UNKNOWN_ADDRESS = 300;

export interface RateRule {
  key: string;
  limit: number;
  windowMs: number;
}

export function verificationRule(address: string | null): RateRule {
  return address
    ? { key: `verify:ip:${address}`, limit: VERIFY_LIMIT_PER_ADDRESS, windowMs: VERIFY_WINDOW_MS }
    : { key: "verify:unknown", limit: VERIFY_LIMIT_UNKNOWN_ADDRESS, windowMs: VERIFY_WINDOW_MS };
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * May one more event happen now, given the times of the events already counted?
 * Refused events are not recorded by callers, so a client that keeps knocking is let in
 * again as soon as its oldest counted event leaves the window.
 */
export function decideRate(times: readonly number[], rule: RateRule, now: number): RateDecision {
  const recent = times.filter((t) => t > now - rule.windowMs && t <= now).sort((a, b) => b - a);
  if (recent.length < rule.limit) return { allowed: true };
  // The limit-th newest event must leave the window before there is room for one more.
  const retryAfterMs = (recent[rule.limit - 1] as number) + rule.windowMs - now;
  return { allowed: false, retryAfterMs: Math.max(1, retryAfterMs) };
}

/** Rows older than this may be deleted: no decision will ever count them again. */
export function pruneBefore(rule: RateRule, now: number): number {
  return now - rule.windowMs;
}
