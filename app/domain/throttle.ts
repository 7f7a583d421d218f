/**
 * Sign-in throttling: after too many failures for one username or from one address inside
 * the window, further attempts are refused until the oldest counted failure leaves the window.
 * The address limit is higher because a commune office may share one public address.
 */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_USERNAME = 5;
export const MAX_FAILURES_PER_ADDRESS = 30;

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export function decideThrottle(
  failures: { username: readonly number[]; address: readonly number[] },
  now: number,
): ThrottleDecision {
  const wait = (times: readonly number[], limit: number): number => {
    const recent = times.filter((t) => now - t < THROTTLE_WINDOW_MS).sort((a, b) => b - a);
    if (recent.length < limit) return 0;
    // The limit-th newest failure must age out before one more attempt is allowed.
    return (recent[limit - 1] as number) + THROTTLE_WINDOW_MS - now;
  };
  const retryAfterMs = Math.max(
    wait(failures.username, MAX_FAILURES_PER_USERNAME),
    wait(failures.address, MAX_FAILURES_PER_ADDRESS),
  );
  return retryAfterMs > 0 ? { allowed: false, retryAfterMs } : { allowed: true };
}
