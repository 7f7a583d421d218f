/**
 * Rate limits, one rule for all of them: the generic cell rate algorithm (GCRA). Each key
 * keeps one number, its "theoretical arrival time" (tat): the moment by which every
 * counted event will have been paid off at the rule's steady rate. An event is allowed
 * when, after counting it, the debt ahead of `now` stays within the window — so a rule
 * of `limit` events per `windowMs` lets a burst of `limit` through, then one more every
 * `windowMs / limit`. Refused events are not counted, so knocking does not extend a wait.
 * Pure: app/services/rate-limits.server.ts keeps the numbers in SQLite, inside one write
 * transaction, so every server process counts the same events once.
 */

export interface RateRule {
  /** Part of the stored key; never shared between rules. */
  name: string;
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;

export const RULES = {
  /** Sign-in attempts from one network address, for any accounts (a commune office may share one). */
  signInAddress: { name: "signin:addr", limit: 30, windowMs: 15 * MINUTE },
  /** Attempts at one account from one address: the one that guesses is the one that waits. */
  signInAccountAddress: { name: "signin:acct-addr", limit: 5, windowMs: 15 * MINUTE },
  /**
   * Attempts at one account from browsers it was never signed in on, from anywhere: slows
   * guessing spread over many addresses. Its owner's own browsers are not counted, so
   * nobody can lock the owner out by guessing wrong on purpose.
   */
  signInAccountNewDevice: { name: "signin:acct", limit: 20, windowMs: 60 * MINUTE },
  /** Public certificate lookups from one address. */
  verifyAddress: { name: "verify:addr", limit: 30, windowMs: 10 * MINUTE },
} as const satisfies Record<string, RateRule>;

export type RateDecision = { allowed: true; tat: number } | { allowed: false; retryAfterMs: number };

const interval = (rule: RateRule) => rule.windowMs / rule.limit;

/** Counts `cost` events now against a key whose stored tat is `tat` (null: never seen). */
export function consume(tat: number | null, rule: RateRule, now: number, cost = 1): RateDecision {
  const next = Math.max(tat ?? now, now) + interval(rule) * cost;
  const over = next - now - rule.windowMs;
  return over <= 0 ? { allowed: true, tat: next } : { allowed: false, retryAfterMs: Math.ceil(over) };
}

/** Gives back events that turned out not to count (a successful sign-in). */
export function refund(tat: number, rule: RateRule, now: number, cost = 1): number {
  return Math.max(now, tat - interval(rule) * cost);
}

/** A stored tat at or before now carries no debt: the row may be deleted. */
export function isSpent(tat: number, now: number): boolean {
  return tat <= now;
}

/**
 * The address as one client: IPv4-mapped IPv6 as plain IPv4, and an IPv6 address by its
 * /64 prefix (one subscriber line gets a whole /64, so counting single addresses would let
 * one client take 2^64 turns).
 */
export function addressKey(address: string | null): string {
  if (!address) return "unknown";
  const plain = normaliseAddress(address) ?? address;
  if (!plain.includes(":")) return plain;
  return `${expandIpv6(plain).slice(0, 4).join(":")}::/64`;
}

/** How the server reports a client's address: without the IPv4-mapped prefix, lower case. */
export function normaliseAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  const lower = address.toLowerCase();
  return lower.startsWith("::ffff:") && lower.includes(".") ? lower.slice(7) : lower;
}

function expandIpv6(address: string): string[] {
  const withoutZone = address.split("%")[0] ?? address;
  const [head = "", tail] = withoutZone.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill("0"), ...right].map((group) =>
    (Number.parseInt(group, 16) || 0).toString(16),
  );
}

export function rateKey(rule: RateRule, ...parts: string[]): string {
  return [rule.name, ...parts].join(":");
}
