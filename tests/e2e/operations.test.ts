/**
 * Issue 16 on the built server, two workers: /readyz reports the database and the last
 * backup's age; /metrics adds up the workers' counts, for allowed addresses only; the pid
 * mark that stops a restore over a running server comes and goes with the server.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type AppServer, startAppServer } from "../setup/app-server";
import { removeDatabase, TMP_DIR } from "../setup/temp-database";

const run = promisify(execFile);
fs.mkdirSync(TMP_DIR, { recursive: true });
const work = fs.mkdtempSync(path.join(TMP_DIR, "operations-"));
const database = path.join(work, "app.db");
const backupDir = path.join(work, "backups");
let app: AppServer;

beforeAll(async () => {
  const shared = new Database(inject("databasePath"));
  shared.prepare("VACUUM INTO ?").run(database);
  shared.close();
  app = await startAppServer(database, {
    WEB_CONCURRENCY: "2",
    BACKUP_DIR: backupDir,
    BACKUP_SCHEDULE: "02:30",
    TRUST_PROXY: "loopback",
    METRICS_ALLOW: "127.0.0.1,::1",
  });
});

afterAll(async () => {
  await app?.stop();
  removeDatabase(database);
  fs.rmSync(work, { recursive: true, force: true });
});

describe("operations", () => {
  it("/readyz is 503 until a backup is taken, then 200 with its age", async () => {
    const before = await fetch(`${app.url}/readyz`);
    expect(before.status).toBe(503);
    expect(await before.json()).toMatchObject({ database: { status: "ok" }, backup: { status: "missing" } });
    await run(process.execPath, ["--import", "tsx", "db/backup.ts"], {
      env: {
        ...process.env,
        DATABASE_PATH: database,
        BACKUP_DIR: backupDir,
        SESSION_SECRET: "test-server-secret-0123456789abcdef",
      },
    });
    const after = await fetch(`${app.url}/readyz`);
    const body = await after.json();
    expect(after.status, JSON.stringify(body)).toBe(200);
    expect(body.backup.status).toBe("ok");
    expect(body.backup.ageSeconds).toBeLessThan(120);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  }, 60_000);

  it("/metrics counts every worker's requests by route and status, for allowed addresses only", async () => {
    for (let i = 0; i < 6; i++)
      expect((await fetch(`${app.url}/login`, { headers: { Connection: "close" } })).status).toBe(200);
    await fetch(`${app.url}/verify/NO-SUCH-CODE`, { headers: { Connection: "close" } });
    const response = await fetch(`${app.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    const count = Number(
      /lms_http_requests_total\{method="GET",route="routes\/login",status="200"\} (\d+)/.exec(text)?.[1],
    );
    expect(count).toBeGreaterThanOrEqual(6);
    // Labelled by route, never by path: the code asked for does not appear.
    expect(text).toContain('route="routes/verify.$code"');
    expect(text).not.toContain("NO-SUCH-CODE");
    expect(text).toMatch(/lms_http_request_duration_seconds_bucket\{le="0\.5",method="GET",route="routes\/login"\}/);
    expect(text).toMatch(/lms_signed_in_users \d+/);
    expect(text).toMatch(/lms_backup_age_seconds \d/);
    expect(text).toMatch(/lms_sqlite_write_lock_wait_seconds_count \d+/);
    // Through the proxy, from another address: the same 404 as any unknown page.
    const outside = await fetch(`${app.url}/metrics`, { headers: { "X-Forwarded-For": "203.0.113.5" } });
    expect(outside.status).toBe(404);
    expect(await outside.text()).not.toContain("lms_http_requests_total");
  }, 60_000);

  it("marks the database as served while the server runs", () => {
    expect(Number(fs.readFileSync(`${database}.server-pid`, "utf8"))).toBe(app.process.pid);
  });
});
