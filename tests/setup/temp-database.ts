import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { migrateDatabase } from "../../db/client";
import { seedDemo } from "../../db/seed";

export const TMP_DIR = path.resolve(process.cwd(), "tests/.tmp");

/**
 * A SQLite file with the migrations applied, the demo data seeded and the courses of
 * content/ imported, made the way `npm start` makes it. Built once per test run and copied
 * for each test file, so MDX is compiled once.
 */
export async function createTemplateDatabase(): Promise<string> {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  const file = path.join(TMP_DIR, `template-${process.pid}-${crypto.randomBytes(4).toString("hex")}.db`);
  process.env.DATABASE_PATH = file;
  process.env.SESSION_SECRET ??= "tests-secret-0123456789abcdef";
  const { getDb } = await import("~/utils/db.server");
  const { importContent } = await import("~/services/content-import.server");
  const db = getDb();
  migrateDatabase(db);
  await seedDemo(db);
  const outcomes = await importContent(path.resolve("content"));
  const invalid = outcomes.filter((o) => o.status === "invalid");
  if (invalid.length > 0) throw new Error(`content/ does not import: ${JSON.stringify(invalid, null, 2)}`);
  const { ensureRollupsBuilt } = await import("~/services/rollups.server");
  ensureRollupsBuilt();
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();
  globalThis.__appDatabase = undefined;
  return file;
}

export function copyDatabase(template: string, prefix: string): string {
  const file = path.join(TMP_DIR, `${prefix}-${process.pid}-${crypto.randomBytes(4).toString("hex")}.db`);
  fs.copyFileSync(template, file);
  return file;
}

export function removeDatabase(file: string): void {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
}
