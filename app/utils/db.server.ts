import { type AppDatabase, openDatabase } from "../../db/client";
import { getEnv } from "./env.server";

declare global {
  // One client for the process, kept across rebuilds in development.
  var __appDatabase: AppDatabase | undefined;
}

export function getDb(): AppDatabase {
  if (!globalThis.__appDatabase) globalThis.__appDatabase = openDatabase(getEnv().DATABASE_PATH);
  return globalThis.__appDatabase;
}

export type { AppDatabase };
