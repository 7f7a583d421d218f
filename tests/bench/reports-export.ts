/**
 * Child process of `npm run bench:reports`: streams the roster of a unit (the national one by
 * default) as .xlsx to a file with the app's own code (`peopleSheet` → `xlsxStream`), in a
 * process of its own so that its peak memory is the export's. Prints one JSON line:
 * `{ "ms", "maxRssKb", "bytes", "headerRow" }`.
 *
 *   tsx tests/bench/reports-export.ts --file=./data/national.db --out=/tmp/roster.xlsx [--username=admin] [--unit=1]
 */
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

const file = option("file");
const out = option("out");
if (!file || !out) throw new Error("usage: reports-export.ts --file=<database> --out=<file.xlsx> [--username=admin]");
process.env.DATABASE_PATH = file;
process.env.SESSION_SECRET ??= "bench-reports-session-secret-0123456789";

const { peopleSheet } = await import("../../app/services/reports.server");
const { xlsxStream } = await import("../../app/services/spreadsheet.server");
const { findUserByUsername, grantsForActor } = await import("../../app/models/users.server");
const { ReportQuerySchema } = await import("../../app/validation/reports");
const { todayInVietnam } = await import("../../app/i18n");
const { getDb } = await import("../../app/utils/db.server");
type Viewer = import("../../app/utils/auth.server").Viewer;

const username = option("username") ?? "admin";
const profile = findUserByUsername(username);
if (!profile) throw new Error(`no user ${username}`);
const grants = grantsForActor(profile.id);
const unitId = Number(option("unit") ?? grants.find((g) => g.role === "admin" || g.role === "manager")?.unitId);
const viewer: Viewer = {
  user: profile,
  actor: { userId: profile.id, grants },
  session: { id: "bench-export", userId: profile.id, expiresAt: new Date(Date.now() + 3_600_000), fresh: false },
};

const started = performance.now();
const sheet = peopleSheet(viewer, unitId, ReportQuerySchema.parse({}), "vi", todayInVietnam());
const headerRow = sheet.title.length > 0 ? sheet.title.length + 2 : 1;
await pipeline(
  Readable.fromWeb(xlsxStream(sheet) as unknown as NodeReadableStream<Uint8Array>),
  fs.createWriteStream(out),
);
const ms = performance.now() - started;
getDb().$client.close();
console.log(
  JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, bytes: fs.statSync(out).size, headerRow, unitId }),
);
