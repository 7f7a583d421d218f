import { json } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { backupHealth, parseSchedule } from "~/domain/backups";
import { backupStatus } from "~/services/backups.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

/**
 * For monitoring (not the proxy's health check, which is /healthz): is the database
 * answering, and is the last backup recent and copied off-site? 503 when not. States only:
 * the details (files, errors) are on /admin/backups, for administrators.
 */
export async function loader() {
  let database: "ok" | "unreachable" = "ok";
  try {
    if (getDb().get<{ ok: number }>(sql`select 1 as ok`)?.ok !== 1) database = "unreachable";
  } catch {
    database = "unreachable";
  }
  const env = getEnv();
  const schedule = parseSchedule(env.BACKUP_SCHEDULE) ?? { kind: "off" as const };
  const { lastSuccess, lastRun } = backupStatus(env.BACKUP_DIR);
  const lastAt = lastSuccess ? new Date(lastSuccess.finishedAt) : null;
  const backup = backupHealth(
    schedule,
    lastAt,
    lastRun ? { ok: lastRun.ok, uploadOk: lastRun.upload?.ok ?? null } : null,
    new Date(),
  );
  const ready = database === "ok" && (backup === "ok" || backup === "off");
  return json(
    {
      status: ready ? "ok" : "error",
      database: { status: database },
      backup: {
        status: backup,
        lastAt: lastAt?.toISOString() ?? null,
        ageSeconds: lastAt ? Math.round((Date.now() - lastAt.getTime()) / 1000) : null,
      },
    },
    { status: ready ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
