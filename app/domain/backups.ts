/**
 * Backups (decision 020): how a backup file is named, which files the retention policy
 * keeps, and when the next scheduled backup is due. Pure: no clock, no files.
 */

/** Vietnam has no daylight saving: a day there is UTC+7 all year. */
const VIETNAM_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 24 * 3600_000;

export const BACKUP_PREFIX = "lms-";
export const BACKUP_SUFFIX = ".db.gz";

/** `lms-20261202T193000Z.db.gz`: sortable, UTC, no characters a file system or shell minds. */
export function backupFileName(at: Date): string {
  return `${BACKUP_PREFIX}${at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z")}${BACKUP_SUFFIX}`;
}

const NAME = /^lms-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.db\.gz$/;

/** The time a backup was taken, read off its name; null for any other file. */
export function backupTime(name: string): Date | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const at = new Date(Date.UTC(y as number, (mo as number) - 1, d, h, mi, s));
  return Number.isNaN(at.getTime()) || backupFileName(at) !== name ? null : at;
}

/** The manifest written beside a backup file: `lms-….json`. */
export function manifestNameFor(backupName: string): string {
  return `${backupName.slice(0, -BACKUP_SUFFIX.length)}.json`;
}

export interface RetentionPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { daily: 7, weekly: 4, monthly: 12 };

function vietnamDay(at: Date): number {
  return Math.floor((at.getTime() + VIETNAM_OFFSET_MS) / DAY_MS);
}

/** Monday-based week, counted in Vietnam days (day 0, 1970-01-01, was a Thursday). */
function vietnamWeek(at: Date): number {
  return Math.floor((vietnamDay(at) + 3) / 7);
}

function vietnamMonth(at: Date): number {
  const local = new Date(at.getTime() + VIETNAM_OFFSET_MS);
  return local.getUTCFullYear() * 12 + local.getUTCMonth();
}

/**
 * Which backups to keep: the newest of each of the last `daily` days that have one, of the
 * last `weekly` weeks and of the last `monthly` months (days, weeks and months in Vietnam
 * time), and always the newest of all. Names that are not backups are never returned, so
 * never deleted by the caller either: it deletes only backups not in this set.
 */
export function backupsToKeep(names: string[], policy: RetentionPolicy = DEFAULT_RETENTION): Set<string> {
  const backups = names
    .map((name) => ({ name, at: backupTime(name) }))
    .filter((b): b is { name: string; at: Date } => b.at !== null)
    .sort((a, b) => b.at.getTime() - a.at.getTime());
  const keep = new Set<string>();
  if (backups[0]) keep.add(backups[0].name);
  const newestPer = (bucket: (at: Date) => number, count: number) => {
    const seen = new Set<number>();
    for (const backup of backups) {
      const key = bucket(backup.at);
      if (seen.has(key)) continue;
      if (seen.size >= count) break;
      seen.add(key);
      keep.add(backup.name);
    }
  };
  newestPer(vietnamDay, policy.daily);
  newestPer(vietnamWeek, policy.weekly);
  newestPer(vietnamMonth, policy.monthly);
  return keep;
}

/**
 * BACKUP_SCHEDULE: `HH:MM` (every day at that time, Vietnam time), `every 30m` / `every 6h`,
 * or `off`.
 */
export type BackupSchedule = { kind: "daily"; minuteOfDay: number } | { kind: "every"; ms: number } | { kind: "off" };

export function parseSchedule(text: string): BackupSchedule | null {
  const value = text.trim().toLowerCase();
  if (value === "off") return { kind: "off" };
  const daily = /^(\d{1,2}):(\d{2})$/.exec(value);
  if (daily) {
    const hours = Number(daily[1]);
    const minutes = Number(daily[2]);
    return hours < 24 && minutes < 60 ? { kind: "daily", minuteOfDay: hours * 60 + minutes } : null;
  }
  const every = /^every\s+(\d{1,4})\s*([mh])$/.exec(value);
  if (every) {
    const amount = Number(every[1]);
    if (amount < 1) return null;
    return { kind: "every", ms: amount * (every[2] === "h" ? 3600_000 : 60_000) };
  }
  return null;
}

/** When the next backup is due after `now`; null when the schedule is off. */
export function nextBackupAt(schedule: BackupSchedule, now: Date): Date | null {
  if (schedule.kind === "off") return null;
  if (schedule.kind === "every") return new Date(now.getTime() + schedule.ms);
  const dayStart = vietnamDay(now) * DAY_MS - VIETNAM_OFFSET_MS;
  let at = dayStart + schedule.minuteOfDay * 60_000;
  if (at <= now.getTime()) at += DAY_MS;
  return new Date(at);
}

/** How long a backup may be old before /readyz calls it stale: the interval plus an hour's slack. */
export function backupMaxAgeMs(schedule: BackupSchedule): number | null {
  if (schedule.kind === "off") return null;
  return (schedule.kind === "daily" ? DAY_MS : schedule.ms) + 3600_000;
}

export type BackupHealth = "ok" | "off" | "missing" | "stale" | "failed" | "upload-failed";

/**
 * What /readyz says of the backups: `ok`, `off` (no schedule), or a problem an operator must
 * see — none taken yet, the last successful one too old for the schedule, the last run
 * failed, or its off-site copy failed.
 */
export function backupHealth(
  schedule: BackupSchedule,
  lastSuccessAt: Date | null,
  lastRun: { ok: boolean; uploadOk: boolean | null } | null,
  now: Date,
): BackupHealth {
  const maxAge = backupMaxAgeMs(schedule);
  if (lastRun && !lastRun.ok) return "failed";
  if (lastRun?.uploadOk === false) return "upload-failed";
  if (maxAge === null) return lastSuccessAt ? "ok" : "off";
  if (!lastSuccessAt) return "missing";
  return now.getTime() - lastSuccessAt.getTime() > maxAge ? "stale" : "ok";
}
