/**
 * `npm run bench:quiz` — 200 learners at once each start and submit a quiz attempt over
 * HTTP against the production server. Prints errors, acknowledged submissions vs scored
 * attempts in the database (they must be equal), and latency percentiles.
 */
import Database from "better-sqlite3";
import { hashPassword } from "../../app/utils/password.server";
import { signInCookie, startAppServer } from "../setup/app-server";
import { addLearners } from "../setup/learners";
import { createTemplateDatabase, removeDatabase } from "../setup/temp-database";

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 200);
const SLUG = "can-bo-cap-xa";
const PASSWORD = "bench-password-1";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const database = await createTemplateDatabase();
const usernames = addLearners(database, await hashPassword(PASSWORD), LEARNERS);
const app = await startAppServer(database, { COOKIE_SECURE: "never" });
try {
  // Sign-ins are argon2-bound by design; do them first, a few at a time, outside the measurement.
  const cookies: string[] = [];
  for (let i = 0; i < usernames.length; i += 10) {
    cookies.push(...(await Promise.all(usernames.slice(i, i + 10).map((u) => signInCookie(app.url, u, PASSWORD)))));
  }
  const post = (path: string, cookie: string, body: URLSearchParams) =>
    fetch(`${app.url}${path}`, {
      method: "POST",
      headers: { Cookie: cookie, Origin: app.url, "Content-Type": "application/x-www-form-urlencoded" },
      body,
      redirect: "manual",
    });

  let errors = 0;
  let acknowledged = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    cookies.map(async (cookie) => {
      try {
        const t0 = performance.now();
        const start = await post(`/courses/${SLUG}/quiz`, cookie, new URLSearchParams());
        const location = start.headers.get("location");
        if (start.status !== 302 || !location) throw new Error(`start ${start.status}`);
        const page = await fetch(`${app.url}${location}`, { headers: { Cookie: cookie } });
        const html = await page.text();
        // Answer the first option of every question, as a hurried learner would.
        const form = new URLSearchParams({ intent: "submit" });
        const seen = new Set<string>();
        for (const match of html.matchAll(/<input[^>]*\bname="(a:[^"]+)"[^>]*\bvalue="([^"]+)"/g)) {
          if (seen.has(match[1] as string)) continue;
          seen.add(match[1] as string);
          form.append(match[1] as string, match[2] as string);
        }
        const submit = await post(location, cookie, form);
        if (submit.status !== 302) throw new Error(`submit ${submit.status}`);
        acknowledged += 1;
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors += 1;
        if (errors <= 3) console.error(String(error));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const db = new Database(database, { readonly: true });
  const scored = (
    db
      .prepare(
        "select count(*) as n from quiz_attempts where status = 'submitted' and user_id in (select id from users where username like 'bench%')",
      )
      .get() as { n: number }
  ).n;
  const total = (
    db
      .prepare(
        "select count(*) as n from quiz_attempts where user_id in (select id from users where username like 'bench%')",
      )
      .get() as { n: number }
  ).n;
  db.close();
  latencies.sort((a, b) => a - b);
  console.log(`${LEARNERS} learners at once: start + load + submit an attempt each, in ${seconds.toFixed(1)} s`);
  console.log(`  errors: ${errors}`);
  console.log(
    `  submissions acknowledged: ${acknowledged}; attempts scored in the database: ${scored} (attempts started: ${total})`,
  );
  console.log(
    `  ${acknowledged === scored && errors === 0 ? "OK: every acknowledged submission is scored once" : "MISMATCH"}`,
  );
  console.log(
    `  latency of start+load+submit: p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${percentile(latencies, 100).toFixed(0)} ms`,
  );
  process.exitCode = acknowledged === scored && errors === 0 ? 0 : 1;
} finally {
  await app.stop();
  removeDatabase(database);
}
