import { inArray, lte, sql } from "drizzle-orm";
import type { Tx } from "~/utils/db.server";
import { rateLimits } from "../../db/schema";

/**
 * The stored side of the rate limits (app/domain/rate-limit.ts): one row per key, its
 * theoretical arrival time in ms. Callers read and write inside one write transaction.
 */
export function readArrivalTimes(tx: Tx, keys: readonly string[]): Map<string, number> {
  const rows = tx
    .select({ key: rateLimits.key, tat: rateLimits.tat })
    .from(rateLimits)
    .where(inArray(rateLimits.key, [...keys]))
    .all();
  return new Map(rows.map((row) => [row.key, row.tat]));
}

export function saveArrivalTime(tx: Tx, key: string, tat: number): void {
  tx.insert(rateLimits).values({ key, tat }).onConflictDoUpdate({ target: rateLimits.key, set: { tat } }).run();
}

export function deleteArrivalTimes(tx: Tx, keys: readonly string[]): void {
  tx.delete(rateLimits)
    .where(inArray(rateLimits.key, [...keys]))
    .run();
}

/** Rows whose debt is paid carry nothing: drop a few at a time so the table stays small. */
export function deleteSpentArrivalTimes(tx: Tx, now: number, batch = 100): void {
  tx.delete(rateLimits)
    .where(
      inArray(
        rateLimits.key,
        sql`(select ${rateLimits.key} from ${rateLimits} where ${lte(rateLimits.tat, now)} limit ${batch})`,
      ),
    )
    .run();
}
