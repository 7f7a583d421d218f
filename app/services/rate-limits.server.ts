/**
 * Every rate limit of the product goes through `take`: the keys a request is charged to
 * are counted together, atomically (one BEGIN IMMEDIATE transaction, so every server
 * process sees each count once), before the expensive work — and all or none of them are
 * charged. The rule itself is pure: app/domain/rate-limit.ts.
 */
import { consume, type RateRule, refund } from "~/domain/rate-limit";
import {
  deleteArrivalTimes,
  deleteSpentArrivalTimes,
  readArrivalTimes,
  saveArrivalTime,
} from "~/models/rate-limits.server";
import { writeTransaction } from "~/utils/db.server";

export interface Charge {
  rule: RateRule;
  key: string;
}

export type Taken = { allowed: true } | { allowed: false; retryAfterMs: number; rule: RateRule };

export function take(charges: readonly Charge[], now = Date.now()): Taken {
  return writeTransaction((tx) => {
    const stored = readArrivalTimes(
      tx,
      charges.map((c) => c.key),
    );
    const next: { key: string; tat: number }[] = [];
    let refused: Taken | null = null;
    for (const charge of charges) {
      const decision = consume(stored.get(charge.key) ?? null, charge.rule, now);
      if (decision.allowed) next.push({ key: charge.key, tat: decision.tat });
      else if (!refused || decision.retryAfterMs > refused.retryAfterMs) {
        refused = { allowed: false, retryAfterMs: decision.retryAfterMs, rule: charge.rule };
      }
    }
    if (refused) return refused;
    for (const { key, tat } of next) saveArrivalTime(tx, key, tat);
    deleteSpentArrivalTimes(tx, now);
    return { allowed: true };
  });
}

/**
 * After the work showed a charge should not count (a successful sign-in): `refund` gives
 * one event back on each key, `forget` clears a key altogether.
 */
export function giveBack(settle: { refund?: readonly Charge[]; forget?: readonly Charge[] }, now = Date.now()): void {
  writeTransaction((tx) => {
    const refunds = settle.refund ?? [];
    const stored = readArrivalTimes(
      tx,
      refunds.map((c) => c.key),
    );
    for (const charge of refunds) {
      const tat = stored.get(charge.key);
      if (tat !== undefined) saveArrivalTime(tx, charge.key, refund(tat, charge.rule, now));
    }
    if (settle.forget?.length) {
      deleteArrivalTimes(
        tx,
        settle.forget.map((c) => c.key),
      );
    }
  });
}
