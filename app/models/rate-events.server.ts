import { and, eq, gt, lt } from "drizzle-orm";
import type { Tx } from "~/utils/db.server";
import { rateEvents } from "../../db/schema";

/**
 * Counted requests for rate limits, in SQLite so that every server process and every
 * restart sees the same counts. The rule itself lives in `app/domain/rate-limit.ts`.
 */
export function recentRateEvents(db: Tx, key: string, since: number): number[] {
  return db
    .select({ at: rateEvents.at })
    .from(rateEvents)
    .where(and(eq(rateEvents.key, key), gt(rateEvents.at, since)))
    .all()
    .map((row) => row.at);
}

/** Counts one event and drops the rows no rule will look at again, so the table stays small. */
export function recordRateEvent(db: Tx, key: string, at: number, pruneBefore: number): void {
  db.insert(rateEvents).values({ key, at }).run();
  db.delete(rateEvents).where(lt(rateEvents.at, pruneBefore)).run();
}
