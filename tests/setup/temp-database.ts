import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { migrateDatabase, openDatabase } from "../../db/client";
import { seedDemo } from "../../db/seed";

export const TMP_DIR = path.resolve(process.cwd(), "tests/.tmp");

/** A fresh SQLite file with the migrations applied and the demo data seeded. */
export async function createTempDatabase(prefix: string): Promise<string> {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  const file = path.join(TMP_DIR, `${prefix}-${process.pid}-${crypto.randomBytes(4).toString("hex")}.db`);
  const db = openDatabase(file);
  migrateDatabase(db);
  await seedDemo(db);
  db.$client.close();
  return file;
}

export function removeDatabase(file: string): void {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
}
