/**
 * The server's backups (decision 020): run by the cluster's primary process only — one
 * process per server — at the times BACKUP_SCHEDULE names. Each run is `db/backup.ts` in a
 * child process, so a backup of a large database never blocks the process that supervises
 * the workers; the backup folder's lock keeps a second server (or an operator's
 * `npm run db:backup`) from running one at the same time.
 */
import { execFile } from "node:child_process";
import type { Logger } from "pino";
import { nextBackupAt, parseSchedule } from "~/domain/backups";

/** setTimeout takes at most 2^31-1 ms (24.8 days); a longer wait is taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function scheduleBackups(scheduleText: string, log: Logger): () => void {
  const schedule = parseSchedule(scheduleText);
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const plan = () => {
    if (stopped || !schedule) return;
    const next = nextBackupAt(schedule, new Date());
    if (!next) return;
    const wait = next.getTime() - Date.now();
    timer = setTimeout(wait > MAX_TIMER_MS ? plan : run, Math.min(Math.max(wait, 0), MAX_TIMER_MS));
    timer.unref();
  };
  const run = () => {
    execFile(
      process.execPath,
      ["--import", "tsx", "db/backup.ts"],
      { maxBuffer: 1024 * 1024, timeout: 6 * 3600_000 },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`.trim();
        if (error) log.error({ code: error.code, output }, "scheduled backup failed");
        else log.info({ output }, "scheduled backup done");
        plan();
      },
    );
  };
  if (schedule?.kind !== "off") plan();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
