/**
 * Backups and restore (decision 020). A backup is a consistent snapshot taken while the
 * server runs (`VACUUM INTO`: one read transaction, so it holds every write committed before
 * it began and none after, and writers never wait for it), gzip-compressed, with a manifest
 * beside it: when, the SHA-256 of the compressed file, the schema version and row counts.
 * A restore believes nothing it has not checked: checksum, decompression, integrity, schema
 * version and the rollups, all on a temporary file, before it replaces anything.
 */
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import Database from "better-sqlite3";
import { z } from "zod";
import {
  BACKUP_PREFIX,
  BACKUP_SUFFIX,
  backupFileName,
  backupsToKeep,
  backupTime,
  DEFAULT_RETENTION,
  manifestNameFor,
  type RetentionPolicy,
} from "~/domain/backups";
import { recordAudit } from "~/models/audit.server";
import { writeTransaction } from "~/utils/db.server";
import { type AppDatabase, MIGRATIONS_FOLDER, migrateDatabase, openDatabase } from "../../db/client";
import { findCycleDuplicates } from "./completion.server";
import { checkRollups, ensureRollupsBuilt } from "./rollups.server";

/** The tables whose row counts a manifest records: what a province would miss first. */
const COUNTED_TABLES = [
  "org_units",
  "users",
  "placements",
  "lesson_reads",
  "quiz_attempts",
  "course_completions",
  "certificates",
  "assignments",
  "training_attendance",
  "audit_log",
] as const;

const ManifestSchema = z.object({
  format: z.literal(1),
  file: z.string(),
  createdAt: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  databaseBytes: z.number().int().nonnegative(),
  schema: z.object({ migrations: z.number().int().nonnegative(), last: z.string().nullable() }),
  rows: z.record(z.number().int().nonnegative()),
  durationMs: z.number().nonnegative(),
});

export type BackupManifest = z.infer<typeof ManifestSchema>;

/** A backup a restore will not use, with the reason in words an operator can act on. */
export class BackupRefused extends Error {}

interface JournalEntry {
  when: number;
  tag: string;
}

function journal(): JournalEntry[] {
  const file = path.join(MIGRATIONS_FOLDER, "meta", "_journal.json");
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { entries: JournalEntry[] }).entries;
}

/** The schema version of a database: how many migrations it has applied and the last one's name. */
export function schemaVersion(sqlite: Database.Database): BackupManifest["schema"] & { lastAppliedAt: number | null } {
  const table = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'");
  if (!table.get()) return { migrations: 0, last: null, lastAppliedAt: null };
  const rows = sqlite.prepare("select created_at as at from __drizzle_migrations order by created_at").all() as {
    at: number;
  }[];
  const lastAppliedAt = rows.at(-1)?.at ?? null;
  const known = journal().find((e) => e.when === lastAppliedAt);
  return {
    migrations: rows.length,
    last: known?.tag ?? (lastAppliedAt === null ? null : `unknown (${lastAppliedAt})`),
    lastAppliedAt,
  };
}

function rowCounts(sqlite: Database.Database): Record<string, number> {
  const rows: Record<string, number> = {};
  for (const table of COUNTED_TABLES) {
    const exists = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(table);
    if (exists) rows[table] = (sqlite.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
  }
  return rows;
}

async function sha256Of(file: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest("hex");
}

function fsyncPath(target: string): void {
  const fd = fs.openSync(target, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function removeQuietly(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(`${file}${suffix}`, { force: true });
}

/**
 * Takes a backup of the database at `databasePath` into `dir` while other processes go on
 * writing. Returns its manifest; the backup and its manifest appear only when complete.
 */
export async function createBackup(databasePath: string, dir: string, now = new Date()): Promise<BackupManifest> {
  const started = performance.now();
  fs.mkdirSync(dir, { recursive: true });
  const name = backupFileName(now);
  const snapshot = path.join(dir, `.${name}.snapshot.db`);
  const partial = path.join(dir, `.${name}.partial`);
  try {
    const source = new Database(databasePath, { fileMustExist: true });
    try {
      source.pragma("busy_timeout = 5000");
      removeQuietly(snapshot);
      source.prepare("VACUUM INTO ?").run(snapshot);
    } finally {
      source.close();
    }
    // Version and counts read off the snapshot: exactly what the backup holds.
    const copy = new Database(snapshot, { readonly: true, fileMustExist: true });
    let schema: BackupManifest["schema"];
    let rows: Record<string, number>;
    try {
      const { migrations, last } = schemaVersion(copy);
      schema = { migrations, last };
      rows = rowCounts(copy);
    } finally {
      copy.close();
    }
    const hash = crypto.createHash("sha256");
    let bytes = 0;
    const output = fs.createWriteStream(partial, { mode: 0o600 });
    const gzip = zlib.createGzip({ level: 6 });
    gzip.on("data", (chunk: Buffer) => {
      hash.update(chunk);
      bytes += chunk.length;
    });
    await pipeline(fs.createReadStream(snapshot), gzip, output);
    fsyncPath(partial);
    const manifest: BackupManifest = {
      format: 1,
      file: name,
      createdAt: now.toISOString(),
      sha256: hash.digest("hex"),
      bytes,
      databaseBytes: fs.statSync(snapshot).size,
      schema,
      rows,
      durationMs: Math.round(performance.now() - started),
    };
    fs.renameSync(partial, path.join(dir, name));
    writeFileDurably(path.join(dir, manifestNameFor(name)), `${JSON.stringify(manifest, null, 2)}\n`);
    // `sha256sum -c lms-….db.gz.sha256` checks a copy without this program.
    writeFileDurably(path.join(dir, `${name}.sha256`), `${manifest.sha256}  ${name}\n`);
    fsyncPath(dir);
    return manifest;
  } finally {
    removeQuietly(snapshot);
    fs.rmSync(partial, { force: true });
  }
}

function writeFileDurably(file: string, text: string): void {
  const temporary = `${file}.tmp`;
  fs.writeFileSync(temporary, text, { mode: 0o600 });
  fsyncPath(temporary);
  fs.renameSync(temporary, file);
}

/** The manifest beside a backup file, checked; a refusal when it is missing or unreadable. */
export function readManifest(backupFile: string): BackupManifest {
  const name = path.basename(backupFile);
  if (!name.endsWith(BACKUP_SUFFIX))
    throw new BackupRefused(`${backupFile}: not a backup file (its name must end in ${BACKUP_SUFFIX}).`);
  const manifestFile = path.join(path.dirname(backupFile), manifestNameFor(name));
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
  } catch {
    throw new BackupRefused(
      `${manifestFile}: the manifest of this backup is missing or unreadable; it holds the checksum a restore checks. Copy it from where the backup came from.`,
    );
  }
  const manifest = ManifestSchema.safeParse(parsed);
  if (!manifest.success) throw new BackupRefused(`${manifestFile}: not a backup manifest this version reads.`);
  return manifest.data;
}

export interface RestoreOptions {
  /** The compressed backup file (`lms-….db.gz`), its manifest beside it. */
  file: string;
  /** Where the restored database goes. */
  target: string;
  /** Refuse unless `target` does not exist yet (a restore to a new path). */
  newPathOnly: boolean;
}

export interface RestoreReport {
  manifest: BackupManifest;
  target: string;
  /** Migrations applied to bring an older backup up to this version. */
  migrated: number;
  /** Where the database that was replaced was moved, if there was one. */
  previous: string | null;
  people: number;
}

/**
 * Restores a backup to `target` after checking it on a temporary file beside the target:
 * checksum, complete decompression, `PRAGMA integrity_check`, schema version (migrated forward
 * when older, refused when newer than this program), rollups and certification cycles as
 * `db:check-rollups` checks them. Anything wrong: refused, and nothing at `target` touched.
 * The caller makes sure no server has `target` open (`runningServer`).
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreReport> {
  const { file, target } = options;
  if (!fs.existsSync(file)) throw new BackupRefused(`${file}: no such file.`);
  const manifest = readManifest(file);
  const size = fs.statSync(file).size;
  if (size !== manifest.bytes)
    throw new BackupRefused(
      `${file}: ${size} bytes where the manifest says ${manifest.bytes}: the file is truncated or damaged.`,
    );
  if ((await sha256Of(file)) !== manifest.sha256)
    throw new BackupRefused(`${file}: the checksum does not match the manifest: the file is damaged.`);
  if (options.newPathOnly && fs.existsSync(target))
    throw new BackupRefused(`${target} already exists: --to restores only to a new path.`);

  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const temporary = `${target}.restoring-${crypto.randomBytes(4).toString("hex")}`;
  try {
    try {
      await pipeline(fs.createReadStream(file), zlib.createGunzip(), fs.createWriteStream(temporary, { mode: 0o600 }));
    } catch (error) {
      throw new BackupRefused(`${file}: does not decompress (${(error as Error).message}).`);
    }
    const { migrated, people } = checkRestoredDatabase(temporary, file);
    fsyncPath(temporary);
    let previous: string | null = null;
    if (fs.existsSync(target)) {
      // The replaced database is kept, with its WAL: a WAL left beside the new file would be
      // applied to it.
      previous = `${target}.before-restore-${new Date().toISOString().replace(/[-:.]/g, "")}`;
      for (const suffix of ["-wal", "-shm", ""])
        if (fs.existsSync(`${target}${suffix}`)) fs.renameSync(`${target}${suffix}`, `${previous}${suffix}`);
    }
    fs.renameSync(temporary, target);
    fsyncPath(path.dirname(path.resolve(target)));
    return { manifest, target, migrated, previous, people };
  } finally {
    removeQuietly(temporary);
  }
}

/** Opens the decompressed copy and runs every check on it; throws BackupRefused on the first failure. */
function checkRestoredDatabase(file: string, source: string): { migrated: number; people: number } {
  let db: AppDatabase;
  try {
    db = openDatabase(file);
    db.$client.pragma("synchronous = FULL");
  } catch (error) {
    throw new BackupRefused(`${source}: not a SQLite database (${(error as Error).message}).`);
  }
  const previous = globalThis.__appDatabase;
  try {
    let integrity: string[];
    try {
      integrity = (db.$client.pragma("integrity_check(20)") as { integrity_check: string }[]).map(
        (r) => r.integrity_check,
      );
    } catch (error) {
      throw new BackupRefused(`${source}: the database is damaged (${(error as Error).message}).`);
    }
    if (integrity.join() !== "ok")
      throw new BackupRefused(`${source}: the integrity check failed: ${integrity.join("; ")}.`);
    const before = schemaVersion(db.$client);
    const latest = journal().at(-1);
    if (before.lastAppliedAt !== null && latest && before.lastAppliedAt > latest.when)
      throw new BackupRefused(
        `${source}: the backup's schema (${before.last}) is newer than this version of the program (${latest.tag}): upgrade the program first.`,
      );
    // The checks below run the app's own code on this file, as the one database of the process.
    globalThis.__appDatabase = db;
    migrateDatabase(db);
    const migrated = schemaVersion(db.$client).migrations - before.migrations;
    ensureRollupsBuilt();
    const check = checkRollups();
    const duplicates = findCycleDuplicates();
    if (check.differences.length > 0 || duplicates.length > 0)
      throw new BackupRefused(
        `${source}: the rollups or certification cycles do not check (as db:check-rollups): ${[...check.differences, ...duplicates].slice(0, 5).join("; ")}.`,
      );
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    return { migrated, people: check.people };
  } finally {
    globalThis.__appDatabase = previous;
    db.$client.close();
  }
}

/** The server's mark beside its database: `app.db.server-pid`, holding the primary's pid. */
export function serverPidFile(databasePath: string): string {
  return `${path.resolve(databasePath)}.server-pid`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The pid of a server running on this database, or null (no mark, or its process is gone). */
export function runningServer(databasePath: string): number | null {
  try {
    const pid = Number(fs.readFileSync(serverPidFile(databasePath), "utf8").trim());
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : null;
  } catch {
    return null;
  }
}

/** Marks the database as served by this process until it exits. */
export function markServerRunning(databasePath: string): void {
  const file = serverPidFile(databasePath);
  fs.writeFileSync(file, `${process.pid}\n`);
  process.once("exit", () => {
    try {
      if (fs.readFileSync(file, "utf8").trim() === String(process.pid)) fs.rmSync(file, { force: true });
    } catch {
      // already gone
    }
  });
}

export interface BackupRun {
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  file: string | null;
  bytes: number | null;
  error: string | null;
  upload: { ok: boolean; error: string | null } | null;
  removed: string[];
}

const HISTORY_FILE = "history.jsonl";
const HISTORY_KEPT = 200;

/** The last backup runs, newest first (successes and failures). */
export function readBackupHistory(dir: string, limit = 50): BackupRun[] {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, HISTORY_FILE), "utf8");
  } catch {
    return [];
  }
  const runs: BackupRun[] = [];
  for (const line of text.split("\n").reverse()) {
    if (runs.length >= limit) break;
    if (!line.trim()) continue;
    try {
      runs.push(JSON.parse(line) as BackupRun);
    } catch {
      // a line cut short by a crash: skipped
    }
  }
  return runs;
}

function recordRun(dir: string, run: BackupRun): void {
  const kept = readBackupHistory(dir, HISTORY_KEPT - 1).reverse();
  writeFileDurably(path.join(dir, HISTORY_FILE), [...kept, run].map((r) => `${JSON.stringify(r)}\n`).join(""));
}

/** Deletes the backups (and their manifests and checksums) the retention policy does not keep. */
export function pruneBackups(dir: string, policy: RetentionPolicy = DEFAULT_RETENTION): string[] {
  const names = fs.readdirSync(dir).filter((n) => backupTime(n) !== null);
  const keep = backupsToKeep(names, policy);
  const removed = names.filter((n) => !keep.has(n));
  for (const name of removed)
    for (const file of [name, manifestNameFor(name), `${name}.sha256`])
      fs.rmSync(path.join(dir, file), { force: true });
  return removed;
}

/**
 * BACKUP_UPLOAD_CMD as a program and its arguments, split on spaces (no shell: nothing in it
 * is interpreted). `{file}` stands for the file to upload; without it the file comes last.
 */
export function uploadArguments(command: string, file: string): [string, string[]] | null {
  const words = command.trim().split(/\s+/).filter(Boolean);
  const program = words.shift();
  if (!program) return null;
  const args = words.includes("{file}") ? words.map((w) => (w === "{file}" ? file : w)) : [...words, file];
  return [program, args];
}

const UPLOAD_TIMEOUT_MS = 30 * 60_000;

async function upload(command: string, files: string[]): Promise<void> {
  for (const file of files) {
    const parsed = uploadArguments(command, file);
    if (!parsed) return;
    await new Promise<void>((resolve, reject) => {
      execFile(parsed[0], parsed[1], { timeout: UPLOAD_TIMEOUT_MS, maxBuffer: 1024 * 1024 }, (error, _out, stderr) => {
        if (!error) return resolve();
        const detail = String(stderr).trim().split("\n").slice(-3).join(" ");
        reject(
          new Error(
            `${parsed[0]} failed (${error.code ?? error.signal ?? error.message})${detail ? `: ${detail}` : ""}`,
          ),
        );
      });
    });
  }
}

const LOCK_FILE = ".backup.lock";

/**
 * One backup at a time per backup folder, whichever process asks (the server's schedule, an
 * operator's `npm run db:backup`, a second server): a lock file made with O_EXCL, holding its
 * owner's pid; one whose owner is gone is taken over.
 */
function takeLock(dir: string): (() => void) | null {
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: "wx" });
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(fs.readFileSync(file, "utf8").trim());
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) return null;
      fs.rmSync(file, { force: true });
    }
  }
  return null;
}

export interface BackupSettings {
  databasePath: string;
  dir: string;
  uploadCommand?: string;
  policy?: RetentionPolicy;
}

/**
 * One backup run, as the schedule and `npm run db:backup` make it: the backup, then the
 * retention policy, then the off-site copy if configured; recorded in the history either
 * way. Null when another process is taking a backup into the same folder.
 */
export async function runBackup(settings: BackupSettings, now = new Date()): Promise<BackupRun | null> {
  fs.mkdirSync(settings.dir, { recursive: true });
  const release = takeLock(settings.dir);
  if (!release) return null;
  // What a run killed mid-way left behind (its snapshot, a partial file): ours to remove now.
  for (const name of fs.readdirSync(settings.dir))
    if (name.startsWith(`.${BACKUP_PREFIX}`)) fs.rmSync(path.join(settings.dir, name), { force: true });
  const run: BackupRun = {
    startedAt: now.toISOString(),
    finishedAt: "",
    ok: false,
    file: null,
    bytes: null,
    error: null,
    upload: null,
    removed: [],
  };
  try {
    const manifest = await createBackup(settings.databasePath, settings.dir, now);
    run.ok = true;
    run.file = manifest.file;
    run.bytes = manifest.bytes;
    run.removed = pruneBackups(settings.dir, settings.policy);
    if (settings.uploadCommand?.trim()) {
      const files = [manifest.file, manifestNameFor(manifest.file)].map((n) => path.join(settings.dir, n));
      try {
        await upload(settings.uploadCommand, files);
        run.upload = { ok: true, error: null };
      } catch (error) {
        run.upload = { ok: false, error: (error as Error).message };
      }
    }
  } catch (error) {
    run.error = (error as Error).message;
  } finally {
    run.finishedAt = new Date().toISOString();
    recordRun(settings.dir, run);
    release();
  }
  return run;
}

/** The last successful backup and the last run's result, for /readyz, /metrics and the admin page. */
export function backupStatus(dir: string): { lastSuccess: BackupRun | null; lastRun: BackupRun | null } {
  const history = readBackupHistory(dir, HISTORY_KEPT);
  return { lastSuccess: history.find((r) => r.ok) ?? null, lastRun: history[0] ?? null };
}

/** The path of a backup in `dir` by its exact name, or null: names only, never a path given by a client. */
export function backupFilePath(dir: string, name: string): string | null {
  if (backupTime(name) === null) return null;
  const file = path.join(dir, name);
  return fs.existsSync(file) ? file : null;
}

/** The backup runs for /admin/backups, newest first, each saying whether its file is still kept. */
export function backupsForAdmin(dir: string): (BackupRun & { kept: boolean })[] {
  return readBackupHistory(dir, 60).map((run) => ({
    ...run,
    kept: run.file !== null && backupFilePath(dir, run.file) !== null,
  }));
}

/** A download of a whole backup is recorded in the audit log: it holds every person's data. */
export function recordBackupDownload(actorUserId: string, name: string): void {
  writeTransaction((tx) =>
    recordAudit(tx, { actorUserId, action: "backup.download", entityType: "backup", entityId: name }),
  );
}
