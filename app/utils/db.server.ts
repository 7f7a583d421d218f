import { type AppDatabase, openDatabase } from "../../db/client";
import { getEnv } from "./env.server";

declare global {
  // One client for the process, kept across rebuilds in development.
  var __appDatabase: AppDatabase | undefined;
  /** Set by the server's metrics (app/server/metrics.ts): how long a write waited for the lock. */
  var __observeWriteLockWait: ((seconds: number) => void) | undefined;
}

export function getDb(): AppDatabase {
  if (!globalThis.__appDatabase) globalThis.__appDatabase = openDatabase(getEnv().DATABASE_PATH);
  return globalThis.__appDatabase;
}

export type { AppDatabase };

/**
 * A statement prepared once per database client and reused: the hot queries of every
 * signed-in page (viewer, grants, placements, lesson) skip building SQL on each request.
 */
export function prepared<T>(build: (db: AppDatabase) => T): () => T {
  const statements = new WeakMap<AppDatabase, T>();
  return () => {
    const db = getDb();
    let statement = statements.get(db);
    if (!statement) {
      statement = build(db);
      statements.set(db, statement);
    }
    return statement;
  };
}

/** A transaction handle, as passed to `writeTransaction`'s callback. */
export type WriteTx = Parameters<Parameters<AppDatabase["transaction"]>[0]>[0];

/** Where a model may read or write: inside a transaction or on the client itself. */
export type Tx = WriteTx | AppDatabase;

/**
 * Every transaction that writes starts with BEGIN IMMEDIATE: it takes the write lock up
 * front, so with several server processes a read-then-write transaction waits its turn
 * (busy_timeout) instead of failing when another process wrote in between.
 */
export function writeTransaction<T>(work: (tx: WriteTx) => T): T {
  const asked = performance.now();
  return getDb().transaction(
    (tx) => {
      globalThis.__observeWriteLockWait?.((performance.now() - asked) / 1000);
      return work(tx);
    },
    { behavior: "immediate" },
  );
}
