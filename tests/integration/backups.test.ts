/**
 * Issue 16: a backup taken while another process writes holds every write acknowledged
 * before it began; it restores to a new path with integrity and rollups intact; a damaged
 * or truncated backup is refused and nothing is touched.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { backupStatus, runBackup, serverPidFile, uploadArguments } from "~/services/backups.server";
import { TMP_DIR } from "../setup/temp-database";

const database = process.env.DATABASE_PATH as string;
fs.mkdirSync(TMP_DIR, { recursive: true });
const work = fs.mkdtempSync(path.join(TMP_DIR, "backups-"));
const backupDir = path.join(work, "backups");
const env = { ...process.env, DATABASE_PATH: database, BACKUP_DIR: backupDir, BACKUP_UPLOAD_CMD: "" };

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function script(file: string, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", file, ...args], { env }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Starts the writer; resolves once it has acknowledged `warmUp` writes. */
function startWriter(warmUp: number): Promise<{ child: ChildProcess; acked: () => number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/setup/backup-writer.ts"], {
    env,
    stdio: ["pipe", "pipe", "inherit"],
  });
  let last = 0;
  let count = 0;
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`writer exited early (${code})`)));
    readline.createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      const match = /^ack (\d+)$/.exec(line);
      if (!match) return;
      last = Number(match[1]);
      count++;
      if (count === warmUp)
        resolve({
          child,
          acked: () => last,
          stop: () =>
            new Promise<void>((done) => {
              child.removeAllListeners("exit");
              child.once("exit", () => done());
              child.stdin?.end();
            }),
        });
    });
  });
}

function backupFiles(): string[] {
  return fs.readdirSync(backupDir).filter((n) => n.endsWith(".db.gz"));
}

describe("backup and restore", () => {
  let backup = "";
  let ackedBefore = 0;

  it("backs up while another process writes, and restores to a new path with every acknowledged write", async () => {
    const writer = await startWriter(20);
    ackedBefore = writer.acked();
    const result = await script("db/backup.ts");
    const ackedAfter = writer.acked();
    await writer.stop();
    expect(result.code, result.stderr).toBe(0);
    expect(ackedAfter).toBeGreaterThan(ackedBefore);
    backup = backupFiles()[0] ?? "";
    expect(backup).toMatch(/^lms-\d{8}T\d{6}Z\.db\.gz$/);
    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, backup.replace(".db.gz", ".json")), "utf8"));
    expect(manifest.schema.last).toMatch(/^\d{4}_/);
    expect(manifest.rows.users).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(backupDir, `${backup}.sha256`), "utf8")).toBe(`${manifest.sha256}  ${backup}\n`);

    const restored = path.join(work, "restored", "app.db");
    const restore = await script("db/restore.ts", [path.join(backupDir, backup), "--to", restored]);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toContain("Restored");
    const copy = new Database(restored, { readonly: true });
    const ids = copy
      .prepare("select id from audit_log where action = 'backup.test' and id <= ?")
      .all(ackedBefore)
      .map((r) => (r as { id: number }).id);
    const firstWrite = Math.min(...ids);
    // Every write acknowledged before the backup began, none missing in between.
    expect(ids.length).toBe(ackedBefore - firstWrite + 1);
    expect(ids.length).toBeGreaterThanOrEqual(20);
    expect(copy.pragma("integrity_check", { simple: true })).toBe("ok");
    copy.close();
    const rollups = await script("db/check-rollups.ts", [`--file=${restored}`]);
    expect(rollups.code, rollups.stdout).toBe(0);
    expect(rollups.stdout).toContain("No difference");
    // --to restores only to a new path.
    const again = await script("db/restore.ts", [path.join(backupDir, backup), "--to", restored]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already exists");
  }, 120_000);

  /** A copy of the backup and its manifest in a folder of their own, for damaging. */
  function copyOfBackup(name: string): string {
    const dir = path.join(work, name);
    fs.mkdirSync(dir);
    for (const file of [backup, backup.replace(".db.gz", ".json")])
      fs.copyFileSync(path.join(backupDir, file), path.join(dir, file));
    return path.join(dir, backup);
  }

  async function expectRefused(file: string, reason: RegExp) {
    const target = path.join(work, `target-${crypto.randomBytes(3).toString("hex")}`, "app.db");
    const result = await script("db/restore.ts", [file, "--to", target]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Restore refused/);
    expect(result.stderr).toMatch(reason);
    expect(result.stderr).toContain("Nothing was restored");
    // Nothing touched: no target, no temporary file left beside it.
    expect(fs.existsSync(target)).toBe(false);
    expect(fs.existsSync(path.dirname(target)) ? fs.readdirSync(path.dirname(target)) : []).toEqual([]);
  }

  it("refuses a damaged backup", async () => {
    const file = copyOfBackup("damaged");
    const bytes = fs.readFileSync(file);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
    fs.writeFileSync(file, bytes);
    await expectRefused(file, /checksum does not match/);
  }, 60_000);

  it("refuses a truncated backup, even when its manifest was made to match", async () => {
    const file = copyOfBackup("truncated");
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 2));
    await expectRefused(file, /truncated/);
    // The manifest rewritten for the truncated file: decompression still finds it cut short.
    const manifestFile = file.replace(".db.gz", ".json");
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
    const truncated = fs.readFileSync(file);
    manifest.bytes = truncated.length;
    manifest.sha256 = crypto.createHash("sha256").update(truncated).digest("hex");
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    await expectRefused(file, /does not decompress/);
  }, 60_000);

  it("refuses a backup without its manifest", async () => {
    const file = copyOfBackup("alone");
    fs.rmSync(file.replace(".db.gz", ".json"));
    await expectRefused(file, /manifest/);
  }, 60_000);

  it("does not replace the database a server is running on", async () => {
    const sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    fs.writeFileSync(serverPidFile(database), `${sleeper.pid}\n`);
    try {
      const before = fs.statSync(database).mtimeMs;
      const result = await script("db/restore.ts", [path.join(backupDir, backup)]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`a server (pid ${sleeper.pid}) is running`);
      expect(fs.statSync(database).mtimeMs).toBe(before);
    } finally {
      sleeper.kill();
      fs.rmSync(serverPidFile(database), { force: true });
    }
  }, 60_000);
});

describe("backup runs", () => {
  const dir = path.join(work, "runs");
  const settings = { databasePath: database, dir, policy: { daily: 1, weekly: 0, monthly: 0 } };

  it("apply the retention policy, and record each run", async () => {
    const first = await runBackup(settings, new Date("2026-11-30T19:30:00Z"));
    const second = await runBackup(settings, new Date("2026-12-01T19:30:00Z"));
    expect(first?.ok && second?.ok).toBe(true);
    expect(second?.removed).toEqual(["lms-20261130T193000Z.db.gz"]);
    expect(
      fs
        .readdirSync(dir)
        .filter((n) => n.startsWith("lms-"))
        .sort(),
    ).toEqual(["lms-20261201T193000Z.db.gz", "lms-20261201T193000Z.db.gz.sha256", "lms-20261201T193000Z.json"]);
    expect(backupStatus(dir).lastSuccess?.file).toBe("lms-20261201T193000Z.db.gz");
  }, 60_000);

  it("run one at a time per folder", async () => {
    const [a, b] = await Promise.all([runBackup(settings), runBackup(settings)]);
    expect([a, b].filter((run) => run === null)).toHaveLength(1);
  }, 60_000);

  it("copy off-site with the configured command, without a shell, and record its failure", async () => {
    const offsite = path.join(work, "offsite");
    fs.mkdirSync(offsite);
    const copied = await runBackup({ ...settings, uploadCommand: `cp {file} ${offsite}` });
    expect(copied?.upload).toEqual({ ok: true, error: null });
    expect(fs.readdirSync(offsite).sort()).toEqual([copied?.file, copied?.file?.replace(".db.gz", ".json")]);

    const marker = path.join(work, "injected");
    const injected = await runBackup({ ...settings, uploadCommand: `ls ; touch ${marker}` });
    expect(injected?.ok).toBe(true);
    expect(injected?.upload?.ok).toBe(false);
    expect(fs.existsSync(marker)).toBe(false);
    expect(backupStatus(dir).lastRun?.upload?.ok).toBe(false);
    expect(uploadArguments("rclone copy {file} remote:lms", "/b/x.db.gz")).toEqual([
      "rclone",
      ["copy", "/b/x.db.gz", "remote:lms"],
    ]);
    expect(uploadArguments("  ", "/b/x.db.gz")).toBeNull();
  }, 60_000);

  it("record a failed backup", async () => {
    const failed = await runBackup({ ...settings, databasePath: path.join(work, "no-such.db") });
    expect(failed?.ok).toBe(false);
    expect(failed?.error).toBeTruthy();
    expect(backupStatus(dir).lastRun?.ok).toBe(false);
    expect(backupStatus(dir).lastSuccess?.ok).toBe(true);
  }, 60_000);
});
