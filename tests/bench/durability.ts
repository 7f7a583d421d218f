/**
 * `npm run bench:durability` — what `synchronous = FULL` costs per write (decision 020).
 * The same writes as a learner's quiz — start an attempt, submit it (scoring, completion,
 * certificate, rollups) — through the services, alternating learner by learner between
 * `synchronous = NORMAL` and `FULL` on one database, in one run, so both see the same disk
 * and the same load. Prints the time per write transaction at p50/p95 for each.
 */
import path from "node:path";
import { startAttempt, submitAttempt } from "../../app/services/quiz.server";
import { getDb } from "../../app/utils/db.server";
import { hashPassword } from "../../app/utils/password.server";
import { viewerFor } from "../../db/seed-training";
import { addLearners } from "../setup/learners";
import { rightAnswers } from "../setup/quiz";
import { createTemplateDatabase, removeDatabase } from "../setup/temp-database";

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 200);
const SLUG = "can-bo-cap-xa";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const database = await createTemplateDatabase();
try {
  const usernames = addLearners(database, await hashPassword("bench-password-1"), LEARNERS);
  const db = getDb();
  const times: Record<"NORMAL" | "FULL", number[]> = { NORMAL: [], FULL: [] };
  usernames.forEach((username, i) => {
    const mode = i % 2 === 0 ? "NORMAL" : "FULL";
    db.$client.pragma(`synchronous = ${mode}`);
    const viewer = viewerFor(username);
    let t0 = performance.now();
    const started = startAttempt(viewer, SLUG);
    times[mode].push(performance.now() - t0);
    if (!started.ok) throw new Error(`could not start: ${JSON.stringify(started)}`);
    const answers = rightAnswers(viewer, SLUG, started.attemptId);
    t0 = performance.now();
    submitAttempt(viewer, SLUG, started.attemptId, answers);
    times[mode].push(performance.now() - t0);
  });
  console.log(
    `${LEARNERS} learners, each starting and passing a quiz (2 write transactions), on ${path.dirname(database)}`,
  );
  for (const mode of ["NORMAL", "FULL"] as const) {
    const sorted = [...times[mode]].sort((a, b) => a - b);
    const mean = sorted.reduce((s, t) => s + t, 0) / sorted.length;
    console.log(
      `  synchronous = ${mode.padEnd(6)} ${sorted.length} writes: mean ${mean.toFixed(2)} ms, p50 ${percentile(sorted, 50).toFixed(2)} ms, p95 ${percentile(sorted, 95).toFixed(2)} ms`,
    );
  }
  db.$client.close();
} finally {
  removeDatabase(database);
}
