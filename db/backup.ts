/**
 * `npm run db:backup` — a consistent backup of DATABASE_PATH while the server runs, into
 * BACKUP_DIR (default: `backups` beside the database): compressed, with its checksum and a
 * manifest; then the retention policy (7 daily, 4 weekly, 12 monthly) and BACKUP_UPLOAD_CMD.
 * The server's schedule runs this same script. Exit code 1 when the backup failed,
 * 2 when its off-site copy failed, 3 when another backup was running.
 */
import { runBackup } from "../app/services/backups.server";
import { getEnv } from "../app/utils/env.server";

const env = getEnv();
const run = await runBackup({
  databasePath: env.DATABASE_PATH,
  dir: env.BACKUP_DIR,
  uploadCommand: env.BACKUP_UPLOAD_CMD,
});
if (!run) {
  console.error(`Another backup into ${env.BACKUP_DIR} is running; nothing done.`);
  process.exitCode = 3;
} else if (!run.ok) {
  console.error(`Backup of ${env.DATABASE_PATH} failed: ${run.error}`);
  process.exitCode = 1;
} else {
  console.log(`Backup of ${env.DATABASE_PATH}: ${env.BACKUP_DIR}/${run.file} (${run.bytes} bytes).`);
  if (run.removed.length > 0) console.log(`Removed by the retention policy: ${run.removed.join(", ")}.`);
  if (run.upload && !run.upload.ok) {
    console.error(`Off-site copy failed: ${run.upload.error}`);
    process.exitCode = 2;
  } else if (run.upload) console.log("Off-site copy done.");
}
