/**
 * `npm run db:restore -- <backup.db.gz> [--to <path>]` — checks a backup (checksum,
 * decompression, integrity, schema version, rollups) on a temporary file and only then
 * puts it in place: at `--to` (a path that must not exist yet), or over DATABASE_PATH when no
 * server is running on it (the replaced file is kept beside it). A backup that fails a check
 * is refused with the reason, exit code 1, and nothing touched.
 */
import path from "node:path";
import { BackupRefused, restoreBackup, runningServer } from "../app/services/backups.server";

const args = process.argv.slice(2);
const toIndex = args.indexOf("--to");
const to = toIndex >= 0 ? args[toIndex + 1] : args.find((a) => a.startsWith("--to="))?.slice("--to=".length);
const file = args.find((a, i) => !a.startsWith("--") && (toIndex < 0 || i !== toIndex + 1));

function refuse(message: string): never {
  console.error(`Restore refused: ${message} Nothing was restored.`);
  process.exit(1);
}

if (!file || (toIndex >= 0 && !to)) refuse("usage: npm run db:restore -- <backup.db.gz> [--to <new path>]");
const target = to ?? process.env.DATABASE_PATH ?? "./data/app.db";
if (!to) {
  const pid = runningServer(target);
  if (pid !== null)
    refuse(
      `a server (pid ${pid}) is running on ${target}: stop it first (systemctl stop lms), or restore with --to <new path>.`,
    );
}
try {
  const report = await restoreBackup({
    file: path.resolve(file),
    target: path.resolve(target),
    newPathOnly: Boolean(to),
  });
  const m = report.manifest;
  console.log(`Restored ${path.basename(file)} (taken ${m.createdAt}, schema ${m.schema.last}) to ${report.target}.`);
  console.log(
    `Checked: checksum, integrity, ${report.migrated > 0 ? `${report.migrated} migrations applied, ` : "schema current, "}rollups of ${report.people} people.`,
  );
  console.log(
    `Rows: ${Object.entries(m.rows)
      .map(([t, n]) => `${t} ${n}`)
      .join(", ")}.`,
  );
  if (report.previous) console.log(`The database it replaced is kept at ${report.previous}.`);
} catch (error) {
  if (error instanceof BackupRefused) refuse(error.message);
  throw error;
}
