import { and, eq, gte, inArray, lt } from "drizzle-orm";
import { THROTTLE_WINDOW_MS } from "~/domain/throttle";
import { getDb, writeTransaction } from "~/utils/db.server";
import { loginFailures } from "../../db/schema";

export function recentFailures(keys: readonly string[], now: number): Map<string, number[]> {
  const rows = getDb()
    .select({ key: loginFailures.key, at: loginFailures.at })
    .from(loginFailures)
    .where(and(inArray(loginFailures.key, [...keys]), gte(loginFailures.at, now - THROTTLE_WINDOW_MS)))
    .all();
  const byKey = new Map<string, number[]>(keys.map((k) => [k, []]));
  for (const row of rows) byKey.get(row.key)?.push(row.at);
  return byKey;
}

export function recordFailure(keys: readonly string[], now: number): void {
  writeTransaction((tx) => {
    tx.insert(loginFailures)
      .values(keys.map((key) => ({ key, at: now })))
      .run();
    // Old rows are useless to the rule; keep the table small as we go.
    tx.delete(loginFailures)
      .where(lt(loginFailures.at, now - THROTTLE_WINDOW_MS))
      .run();
  });
}

export function clearFailures(key: string): void {
  getDb().delete(loginFailures).where(eq(loginFailures.key, key)).run();
}
