/**
 * `npm run bench:reports` — the manager's reports on the national data (`npm run
 * db:seed:national`, run first when the file is missing), against the production server:
 *
 * - dashboard latency for the nation (admin), a province (its manager) and a commune
 *   (manager.xa): p50/p95/max of sequential GETs, target p95 < 100 ms; a province manager
 *   gets 404 for another province;
 * - the national roster export (.xlsx, streamed): over HTTP, and in a child process of its
 *   own for its time and peak memory, targets < 10 s and < 300 MB; the file is opened with
 *   exceljs and its rows compared with the dashboard's count;
 * - one passing attempt, rollup maintenance included: learners read every lesson, start the
 *   quiz and submit the right answers (taken from the attempt's draw); the submit is timed,
 *   and `refreshLearners` alone is timed in-process; the dashboard's trained count must go up
 *   by the number of passes;
 * - finally `db:check-rollups`: the stored rollups must equal a recompute.
 *
 * BENCH_DB (default ./data/national.db), BENCH_RUNS (200), BENCH_PASSES (30).
 * Exit code 1 when a target is missed or a check fails.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import { type AppServer, signInCookie, startAppServer } from "../setup/app-server";

const DB = path.resolve(process.env.BENCH_DB ?? "./data/national.db");
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const FILTERED_RUNS = Math.max(10, Math.round(RUNS / 4));
const WARM_UP = 20;
const PASSES = Number(process.env.BENCH_PASSES ?? 30);
const PASSWORD = "demo1234";
const COMMUNE_COURSE = "can-bo-cap-xa";
const DASHBOARD_P95_MS = 100;
const EXPORT_MS = 10_000;
const EXPORT_MB = 300;

interface Row {
  what: string;
  value: string;
  target: string;
  ok: boolean | null;
}
const summary: Row[] = [];
function record(what: string, value: string, target = "", ok: boolean | null = null): void {
  summary.push({ what, value, target, ok });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}
function stats(samples: readonly number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? 0, n: sorted.length };
}
const ms = (value: number) => `${value.toFixed(1)} ms`;

/** Runs a command, echoing its output; resolves with its exit code and output. */
function run(command: string, args: string[], echo = true): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], env: process.env });
    let output = "";
    const take = (chunk: Buffer) => {
      output += chunk.toString();
      if (echo) process.stdout.write(chunk);
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}

// ---------------------------------------------------------------------------------------------
// The data

if (!fs.existsSync(DB)) {
  console.log(`${DB} is missing: seeding the national data first.`);
  const seeded = await run("npx", ["tsx", "db/seed-national.ts", `--file=${DB}`]);
  if (seeded.code !== 0) throw new Error("the national seed failed");
}

const reader = new Database(DB, { readonly: true, fileMustExist: true });
reader.pragma("busy_timeout = 5000");
const one = <T>(sql: string, ...params: unknown[]) => reader.prepare(sql).get(...params) as T;
const nation = one<{ id: number; name: string }>("select id, name from org_units where parent_id is null");
const managerOf = reader.prepare<[string], { unitId: number; path: string; name: string }>(
  `select u.id as unitId, u.path, u.name from role_grants g join users us on us.id = g.user_id
     join org_units u on u.id = g.org_unit_id where us.username = ? and g.role = 'manager'`,
);
// The province with the most units under it, and another one for the 404 check.
const provinces = reader
  .prepare<[number], { id: number; code: string; name: string; path: string }>(
    "select id, code, name, path from org_units where parent_id = ? order by id",
  )
  .all(nation.id);
const sizeOf = reader.prepare<[string, string], { n: number }>(
  "select count(*) as n from org_units where path >= ? and path < ?",
);
const subtreeSize = (p: string) => (sizeOf.get(p, `${p.slice(0, -1)}0`) as { n: number }).n;
const province = [...provinces].sort((a, b) => subtreeSize(b.path) - subtreeSize(a.path))[0];
const otherProvince = provinces.find((p) => p.id !== province?.id);
const commune = managerOf.get("manager.xa");
if (!province || !otherProvince || !commune) throw new Error("the national data lacks provinces or manager.xa");
const courseRow = one<{ id: number; versionId: number }>(
  "select id, current_version_id as versionId from courses where slug = ?",
  COMMUNE_COURSE,
);
const lessonKeys = (
  reader
    .prepare<[number], { key: string }>(
      "select lesson_key as key from course_lessons where course_version_id = ? order by position",
    )
    .all(courseRow.versionId) as { key: string }[]
).map((l) => l.key);
const counts = one<{ users: number; reads: number; attempts: number; certificates: number }>(
  `select (select count(*) from users) as users, (select count(*) from lesson_reads) as reads,
          (select count(*) from quiz_attempts) as attempts, (select count(*) from certificates) as certificates`,
);
console.log(
  `Database ${DB}: ${counts.users} users, ${counts.reads} lesson reads, ${counts.attempts} attempts, ${counts.certificates} certificates`,
);
console.log(
  `Levels: nation ${nation.id} (${nation.name}), province ${province.id} (${province.name}), commune ${commune.unitId} (${commune.name})`,
);

// ---------------------------------------------------------------------------------------------
// The server

const app: AppServer = await startAppServer(DB, { COOKIE_SECURE: "never" });
let exitCode = 0;
try {
  const adminCookie = await signInCookie(app.url, "admin", PASSWORD);
  const provinceCookie = await signInCookie(app.url, `manager.${province.code}`, PASSWORD);
  const communeCookie = await signInCookie(app.url, "manager.xa", PASSWORD);

  const get = (pathname: string, cookie: string) => fetch(`${app.url}${pathname}`, { headers: { Cookie: cookie } });
  async function timedGets(pathname: string, cookie: string, n: number): Promise<number[]> {
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const response = await get(pathname, cookie);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET ${pathname}: ${response.status}`);
      samples.push(performance.now() - t0);
    }
    return samples;
  }
  async function loaderData<T>(pathname: string, route: string, cookie: string): Promise<T> {
    const separator = pathname.includes("?") ? "&" : "?";
    const response = await get(`${pathname}${separator}_data=${encodeURIComponent(route)}`, cookie);
    if (response.status !== 200) throw new Error(`GET ${pathname} (data): ${response.status}`);
    return (await response.json()) as T;
  }
  type DashboardData = { total: { counts: { assigned: number; trained: number } } };
  const dashboardData = (unitId: number, search = "") =>
    loaderData<DashboardData>(`/reports/${unitId}${search}`, "routes/reports.$unitId._index", adminCookie);

  // ---- Dashboards ----
  console.log(
    `\nDashboards: ${WARM_UP} warm-up GETs, then ${RUNS} sequential GETs (+${FILTERED_RUNS} filtered) per level`,
  );
  const levels = [
    { level: "nation", unitId: nation.id, cookie: adminCookie, who: "admin" },
    { level: "province", unitId: province.id, cookie: provinceCookie, who: `manager.${province.code}` },
    { level: "commune", unitId: commune.unitId, cookie: communeCookie, who: "manager.xa" },
  ];
  for (const { level, unitId, cookie, who } of levels) {
    await timedGets(`/reports/${unitId}`, cookie, WARM_UP);
    const plain = stats(await timedGets(`/reports/${unitId}`, cookie, RUNS));
    const filtered = stats(await timedGets(`/reports/${unitId}?course=${COMMUNE_COURSE}`, cookie, FILTERED_RUNS));
    const narrowed = stats(
      await timedGets(`/reports/${unitId}?tier=commune&position=commune_officer`, cookie, FILTERED_RUNS),
    );
    for (const [label, s] of [
      ["", plain],
      [` ?course=${COMMUNE_COURSE}`, filtered],
      [" ?tier&position", narrowed],
    ] as const) {
      const ok = s.p95 < DASHBOARD_P95_MS;
      console.log(
        `  ${`${level}${label}`.padEnd(34)} as ${who.padEnd(12)} n=${String(s.n).padStart(3)}  p50 ${ms(s.p50).padStart(9)}  p95 ${ms(s.p95).padStart(9)}  max ${ms(s.max).padStart(9)}  ${ok ? "PASS" : "FAIL"}`,
      );
      record(`dashboard ${level}${label} p95`, `${ms(s.p95)} (p50 ${ms(s.p50)})`, `< ${DASHBOARD_P95_MS} ms`, ok);
    }
  }

  // ---- Reach: a province manager sees nothing of another province ----
  const outside = [
    [`/reports/${otherProvince.id}`, provinceCookie],
    [`/reports/${otherProvince.id}/people`, provinceCookie],
    [`/reports/${otherProvince.id}/export/xlsx?view=people`, provinceCookie],
    [`/reports/${otherProvince.id}/export/csv`, provinceCookie],
    [`/reports/${nation.id}`, communeCookie],
  ] as const;
  const statuses: string[] = [];
  for (const [pathname, cookie] of outside) {
    const response = await get(pathname, cookie);
    await response.arrayBuffer();
    statuses.push(`${pathname} → ${response.status}`);
  }
  const all404 = statuses.every((s) => s.endsWith("→ 404"));
  console.log(`\nOutside their reach (manager.${province.code}, manager.xa):`);
  for (const line of statuses) console.log(`  ${line}`);
  record(
    "404 outside the manager's subtree",
    `${statuses.filter((s) => s.endsWith("→ 404")).length}/${statuses.length}`,
    "all 404",
    all404,
  );

  // ---- The national roster export ----
  console.log("\nNational roster export (.xlsx, view=people):");
  const workers = workerPids(app);
  const before = workers.map(memoryOf);
  const beforePeak = Math.max(...before.map((m) => m.hwmKb)) / 1024;
  const t0 = performance.now();
  const response = await get(`/reports/${nation.id}/export/xlsx?view=people`, adminCookie);
  if (response.status !== 200 || !response.body) throw new Error(`export: ${response.status}`);
  const firstByte = performance.now() - t0;
  let httpBytes = 0;
  const body = response.body.getReader();
  for (;;) {
    const { done, value } = await body.read();
    if (done) break;
    httpBytes += value.byteLength;
  }
  const httpMs = performance.now() - t0;
  const after = workers.map(memoryOf);
  const workerPeak = Math.max(...after.map((m) => m.hwmKb)) / 1024;

  console.log(
    `  over HTTP as admin: first byte ${ms(firstByte)}, last byte ${(httpMs / 1000).toFixed(2)} s, ${(httpBytes / 1024 / 1024).toFixed(1)} MB; server workers' peak RSS ${beforePeak.toFixed(0)} MB before (after the dashboards), ${workerPeak.toFixed(0)} MB after`,
  );
  record(
    "export over HTTP, time to last byte",
    `${(httpMs / 1000).toFixed(2)} s`,
    `< ${EXPORT_MS / 1000} s`,
    httpMs < EXPORT_MS,
  );
  record("server worker peak RSS before/after export", `${beforePeak.toFixed(0)} / ${workerPeak.toFixed(0)} MB`);

  const out = path.join(os.tmpdir(), `bench-national-roster-${process.pid}.xlsx`);
  const child = await run(
    "npx",
    ["tsx", "tests/bench/reports-export.ts", `--file=${DB}`, `--out=${out}`, "--username=admin", `--unit=${nation.id}`],
    false,
  );
  const line = child.output
    .trim()
    .split("\n")
    .reverse()
    .find((l) => l.startsWith("{"));
  if (child.code !== 0 || !line) throw new Error(`the export child failed:\n${child.output}`);
  const exported = JSON.parse(line) as { ms: number; maxRssKb: number; bytes: number; headerRow: number };
  const rssMb = exported.maxRssKb / 1024;
  console.log(
    `  in a process of its own: ${(exported.ms / 1000).toFixed(2)} s, peak RSS ${rssMb.toFixed(0)} MB, ${(exported.bytes / 1024 / 1024).toFixed(1)} MB written  ${exported.ms < EXPORT_MS ? "PASS" : "FAIL"} (< 10 s), ${rssMb < EXPORT_MB ? "PASS" : "FAIL"} (< 300 MB)`,
  );
  record(
    "export in its own process, time",
    `${(exported.ms / 1000).toFixed(2)} s`,
    `< ${EXPORT_MS / 1000} s`,
    exported.ms < EXPORT_MS,
  );
  record("export in its own process, peak RSS", `${rssMb.toFixed(0)} MB`, `< ${EXPORT_MB} MB`, rssMb < EXPORT_MB);

  const dataRows = await countDataRows(out, exported.headerRow);
  fs.rmSync(out, { force: true });
  const national = await dashboardData(nation.id);
  const peopleList = await loaderData<{ total: number; expected: number }>(
    `/reports/${nation.id}/people`,
    "routes/reports.$unitId.people",
    adminCookie,
  );
  const rowsMatch = dataRows === national.total.counts.assigned && dataRows === peopleList.total;
  console.log(
    `  the file opens with exceljs: ${dataRows} data rows; dashboard "assigned" ${national.total.counts.assigned}; people list ${peopleList.total} (expected ${peopleList.expected})  ${rowsMatch ? "MATCH" : "MISMATCH"}`,
  );
  record(
    "export rows = dashboard assigned = people list",
    `${dataRows} / ${national.total.counts.assigned} / ${peopleList.total}`,
    "equal",
    rowsMatch,
  );

  // The list of people behind the numbers (information: it reads the subtree's people).
  console.log("\nPeople lists (/reports/:id/people, first page; for information):");
  for (const { level, unitId, cookie } of levels) {
    const runs = level === "nation" ? 5 : 20;
    await timedGets(`/reports/${unitId}/people`, cookie, 2);
    const s = stats(await timedGets(`/reports/${unitId}/people`, cookie, runs));
    console.log(
      `  ${level.padEnd(10)} n=${String(s.n).padStart(3)}  p50 ${ms(s.p50).padStart(9)}  max ${ms(s.max).padStart(9)}`,
    );
    record(`people list ${level} p50`, ms(s.p50));
  }
  const afterPeople = Math.max(...workerPids(app).map((pid) => memoryOf(pid).hwmKb)) / 1024;
  console.log(`  server workers' peak RSS after the people lists: ${afterPeople.toFixed(0)} MB`);
  record("server worker peak RSS after people lists", `${afterPeople.toFixed(0)} MB`);

  // ---- Passing attempts, rollup maintenance included ----
  const learners = reader
    .prepare<[number, number, number], { id: string; username: string }>(
      `select us.id, us.username from users us
        where us.username not like 'manager.%'
          and exists (select 1 from placements p join positions pos on pos.id = p.position_id
                       where p.user_id = us.id and p.end_date is null
                         and pos.code in ('commune_officer', 'standing_group_member'))
          and not exists (select 1 from certificates c where c.user_id = us.id and c.course_id = ? and c.revoked_at is null)
          and not exists (select 1 from quiz_attempts a where a.user_id = us.id and a.course_id = ?)
          and exists (select 1 from learner_rollup_states s, json_each(s.state, '$.courses') c
                       where s.user_id = us.id and json_extract(c.value, '$.courseId') = ?)
        order by us.id limit ${PASSES}`,
    )
    .all(courseRow.id, courseRow.id, courseRow.id);
  console.log(
    `\nPassing attempts: ${learners.length} learners with ${COMMUNE_COURSE} assigned and not completed read its ${lessonKeys.length} lessons, start the quiz and submit the right answers`,
  );
  const trainedBefore = (await dashboardData(nation.id, `?course=${COMMUNE_COURSE}`)).total.counts.trained;
  const allBefore = national.total.counts.trained;
  const post = (pathname: string, cookie: string, body: URLSearchParams) =>
    fetch(`${app.url}${pathname}`, {
      method: "POST",
      headers: { Cookie: cookie, Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
      body,
      redirect: "manual",
    });
  const drawOf = reader.prepare<[number], { draw: string }>("select draw from quiz_attempts where id = ?");
  const submitTimes: number[] = [];
  const readTimes: number[] = [];
  let passes = 0;
  for (const learner of learners) {
    const cookie = await signInCookie(app.url, learner.username, PASSWORD);
    for (const key of lessonKeys) {
      const t = performance.now();
      const read = await post(`/courses/${COMMUNE_COURSE}/${key}`, cookie, new URLSearchParams());
      readTimes.push(performance.now() - t);
      if (read.status !== 302) throw new Error(`lesson ${key} for ${learner.username}: ${read.status}`);
    }
    const start = await post(`/courses/${COMMUNE_COURSE}/quiz`, cookie, new URLSearchParams());
    const location = start.headers.get("location");
    if (start.status !== 302 || !location) throw new Error(`quiz start for ${learner.username}: ${start.status}`);
    const attemptId = Number(location.split("/").at(-1));
    const draw = JSON.parse((drawOf.get(attemptId) as { draw: string }).draw) as DrawnQuestion[];
    const form = new URLSearchParams({ intent: "submit" });
    for (const item of draw.flatMap((q) => (q.type === "scenario" ? (q.items ?? []) : [q]))) {
      if (item.type === "true-false") form.append(`a:${item.id}`, String(item.answer));
      else for (const option of item.options ?? []) if (option.correct) form.append(`a:${item.id}`, String(option.id));
    }
    const t = performance.now();
    const submit = await post(location, cookie, form);
    submitTimes.push(performance.now() - t);
    if (submit.status !== 302) throw new Error(`submit for ${learner.username}: ${submit.status}`);
    const scored = one<{ passed: number | null; certificate: number }>(
      `select a.passed, (select count(*) from course_completions cc join certificates c on c.completion_id = cc.id
                          where cc.attempt_id = a.id) as certificate
         from quiz_attempts a where a.id = ?`,
      attemptId,
    );
    if (scored.passed === 1 && scored.certificate === 1) passes++;
  }
  const submit = stats(submitTimes);
  const read = stats(readTimes);
  console.log(
    `  lesson read (POST, completion check + rollup refresh): p50 ${ms(read.p50)}, p95 ${ms(read.p95)} (n=${read.n})`,
  );
  console.log(
    `  passing submit (score + completion + certificate + rollups, one transaction): p50 ${ms(submit.p50)}, p95 ${ms(submit.p95)}, max ${ms(submit.max)} (n=${submit.n}); ${passes} passed with a certificate`,
  );
  record("passing submit over HTTP", `p50 ${ms(submit.p50)}, p95 ${ms(submit.p95)}`);

  // The rollup maintenance alone, in-process, for one person (no data change).
  process.env.DATABASE_PATH = DB;
  process.env.SESSION_SECRET ??= "bench-reports-session-secret-0123456789";
  const { refreshLearners } = await import("../../app/services/rollups.server");
  const { getDb, writeTransaction } = await import("../../app/utils/db.server");
  const someone = learners[0]?.id ?? one<{ id: string }>("select user_id as id from learner_rollup_states limit 1").id;
  const refreshTimes: number[] = [];
  for (let i = 0; i < 110; i++) {
    const t = performance.now();
    writeTransaction(() => refreshLearners([someone]));
    if (i >= 10) refreshTimes.push(performance.now() - t);
  }
  getDb().$client.close();
  const refresh = stats(refreshTimes);
  console.log(
    `  refreshLearners([one person]) in a write transaction, in-process: p50 ${ms(refresh.p50)}, p95 ${ms(refresh.p95)} (n=${refresh.n})`,
  );
  record("refreshLearners, one person, in-process", `p50 ${ms(refresh.p50)}, p95 ${ms(refresh.p95)}`);

  const trainedAfter = (await dashboardData(nation.id, `?course=${COMMUNE_COURSE}`)).total.counts.trained;
  const allAfter = (await dashboardData(nation.id)).total.counts.trained;
  const counted = trainedAfter - trainedBefore === passes && passes === learners.length && learners.length > 0;
  console.log(
    `  national dashboard, ${COMMUNE_COURSE}: trained ${trainedBefore} → ${trainedAfter} (+${trainedAfter - trainedBefore}) for ${passes} passes  ${counted ? "OK" : "MISMATCH"}; all courses: ${allBefore} → ${allAfter} (+${allAfter - allBefore}: people with nothing else left to complete)`,
  );
  record("national trained count + passes", `+${trainedAfter - trainedBefore} for ${passes} passes`, "equal", counted);
} catch (error) {
  console.error(error);
  console.error(`\nServer output (tail):\n${app.output().slice(-3000)}`);
  exitCode = 1;
} finally {
  reader.close();
  await app.stop();
}

// ---- The rollups against a recompute ----
console.log("\nnpm run db:check-rollups:");
const check = await run("npx", ["tsx", "db/check-rollups.ts", `--file=${DB}`]);
const consistent = check.code === 0 && /No difference/.test(check.output);
record("db:check-rollups after the bench", consistent ? "no difference" : "DIFFERENCES", "no difference", consistent);

// ---- Summary ----
console.log("\nSummary");
const width = Math.max(...summary.map((r) => r.what.length));
const valueWidth = Math.max(...summary.map((r) => r.value.length));
for (const row of summary) {
  const verdict = row.ok === null ? "" : row.ok ? "PASS" : "FAIL";
  console.log(`  ${row.what.padEnd(width)}  ${row.value.padEnd(valueWidth)}  ${row.target.padEnd(14)} ${verdict}`);
}
const failed = summary.filter((r) => r.ok === false);
if (failed.length > 0 || exitCode !== 0) {
  console.log(
    `\n${failed.length} target(s) or check(s) failed${exitCode !== 0 ? " (and the bench stopped on an error)" : ""}.`,
  );
  process.exitCode = 1;
} else console.log("\nEvery target met.");

// ---------------------------------------------------------------------------------------------

interface DrawnItem {
  id: string;
  type: string;
  answer?: boolean;
  options?: { id: number; correct: boolean }[];
  items?: DrawnItem[];
}
type DrawnQuestion = DrawnItem;

/** The cluster's workers: the primary's children. */
function workerPids(server: AppServer): number[] {
  const primary = server.process.pid;
  if (!primary) return [];
  const children: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = fs.readFileSync(`/proc/${entry}/status`, "utf8");
      if (new RegExp(`^PPid:\\s+${primary}$`, "m").test(status)) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children.length > 0 ? children : [primary];
}

function memoryOf(pid: number): { rssKb: number; hwmKb: number } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB$`, "m").exec(status)?.[1] ?? 0);
    return { rssKb: kb("VmRSS"), hwmKb: kb("VmHWM") };
  } catch {
    return { rssKb: 0, hwmKb: 0 };
  }
}

/** Rows below the header row of the first sheet, read with exceljs's streaming reader. */
async function countDataRows(file: string, headerRow: number): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "ignore",
    hyperlinks: "ignore",
  });
  let rows = 0;
  let sheets = 0;
  for await (const worksheet of workbook) {
    sheets++;
    for await (const row of worksheet as AsyncIterable<ExcelJS.Row>)
      if (sheets === 1 && row.number > headerRow && row.hasValues) rows++;
  }
  return rows;
}
