/**
 * Issue 12, defect 4: one standing completion and one valid certificate per person, course
 * and certification cycle, whatever completes the course and however often (decision 018).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { todayInVietnam } from "~/i18n";
import { findUnitByCode } from "~/models/units.server";
import { createAssignment } from "~/services/assignments.server";
import { revokeCertificate } from "~/services/certificates.server";
import { findCycleDuplicates } from "~/services/completion.server";
import { createEvent, recordAttendance } from "~/services/events.server";
import { markLessonRead, openCourse } from "~/services/learning.server";
import { quizState, startAttempt, submitAttempt } from "~/services/quiz.server";
import { checkRollups } from "~/services/rollups.server";
import type { Viewer } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { certificates, courseCompletions, learnerRollupStates, positions, users } from "../../db/schema";
import { rightAnswers } from "../setup/quiz";
import { actorFor, addStaff, viewerFor } from "../setup/training";

const SLUG = "can-bo-cap-xa";
const today = todayInVietnam();

/** A new commune officer in Điện Biên with the course assigned, so the indicator counts them. */
function newOfficer(name: string): Viewer {
  const officer = getDb().select().from(positions).where(eq(positions.code, "commune_officer")).get();
  const userId = addStaff(findUnitByCode("09401")?.id as number, officer?.id as number, name);
  const username = getDb().select().from(users).where(eq(users.id, userId)).get()?.username as string;
  const assigned = createAssignment(
    actorFor("admin"),
    { courseSlug: SLUG, includeSubunits: false, tiers: [], positions: [], usernames: [username], dueOn: "2099-12-31" },
    today,
  );
  if (!assigned.ok) throw new Error(JSON.stringify(assigned));
  return viewerFor(username);
}

function passAttempt(viewer: Viewer, now?: number) {
  const started = startAttempt(viewer, SLUG, now);
  if (!started.ok) throw new Error(`refused: ${JSON.stringify(started)}`);
  return submitAttempt(viewer, SLUG, started.attemptId, rightAnswers(viewer, SLUG, started.attemptId), now);
}

const standingCompletions = (viewer: Viewer) =>
  getDb()
    .select()
    .from(courseCompletions)
    .where(and(eq(courseCompletions.userId, viewer.user.id), isNull(courseCompletions.undoneAt)))
    .all();
const validCertificates = (viewer: Viewer) =>
  getDb()
    .select()
    .from(certificates)
    .where(and(eq(certificates.userId, viewer.user.id), isNull(certificates.revokedAt)))
    .all();
const rollupStatus = (viewer: Viewer) =>
  (
    getDb().select().from(learnerRollupStates).where(eq(learnerRollupStates.userId, viewer.user.id)).get()?.state as {
      courses: { status: string }[];
    }
  )?.courses.map((c) => c.status);

/** One completion, one valid certificate, cycle 1; the rollups and the cycle check agree. */
function expectOneCertificate(viewer: Viewer) {
  expect(standingCompletions(viewer).map((c) => c.cycle)).toEqual([1]);
  expect(validCertificates(viewer).map((c) => c.cycle)).toEqual([1]);
  expect(rollupStatus(viewer)).toEqual(["completed"]);
  expect(checkRollups(today).differences).toEqual([]);
  expect(findCycleDuplicates()).toEqual([]);
}

describe("one certificate per certification cycle", () => {
  it("passing the quiz three times before the last lesson, then reading it (and again), leaves one completion and one certificate", () => {
    const viewer = newOfficer("Lò Văn Ba Lần");
    const { lessons } = openCourse(viewer, SLUG);
    const last = lessons.at(-1)?.key as string;
    for (const lesson of lessons.slice(0, -1)) markLessonRead(viewer, SLUG, lesson.key);
    for (let i = 0; i < 3; i++) expect(passAttempt(viewer).certificate).toBeNull();
    expect(validCertificates(viewer)).toHaveLength(0);

    markLessonRead(viewer, SLUG, last);
    // A lesson page opened again, the last one or any other, records the read again.
    markLessonRead(viewer, SLUG, last);
    markLessonRead(viewer, SLUG, last);
    markLessonRead(viewer, SLUG, lessons[0]?.key as string);
    expectOneCertificate(viewer);
    expect(quizState(viewer, SLUG).gate).toMatchObject({ allowed: false, reason: "already-certified" });
  });

  it("an attempt started before the certificate and passed after it issues no second one", () => {
    const viewer = newOfficer("Quàng Thị Hai Tab");
    const { lessons } = openCourse(viewer, SLUG);
    for (const lesson of lessons.slice(0, -1)) markLessonRead(viewer, SLUG, lesson.key);
    passAttempt(viewer);
    const open = startAttempt(viewer, SLUG);
    if (!open.ok) throw new Error("refused");
    markLessonRead(viewer, SLUG, lessons.at(-1)?.key as string);
    expect(validCertificates(viewer)).toHaveLength(1);
    const late = submitAttempt(viewer, SLUG, open.attemptId, rightAnswers(viewer, SLUG, open.attemptId));
    expect(late.attempt.passed).toBe(true);
    expect(late.certificate).toBeNull();
    expectOneCertificate(viewer);
  });

  it("a second training attended in full in the same cycle issues no second certificate", () => {
    const viewer = newOfficer("Lường Văn Hai Buổi");
    const trainer = viewerFor("trainer");
    const event = () => {
      const created = createEvent(trainer, {
        title: "Hội nghị tập huấn công tác bảo vệ trẻ em",
        place: "Hội trường UBND phường Him Lam",
        capacity: null,
        organiserCode: "11",
        courseSlugs: [SLUG],
        days: [{ date: today, startsAt: "07:30", endsAt: "17:00" }],
        audience: null,
        usernames: [viewer.user.username],
        trainerUsernames: ["trainer"],
      });
      if (!created.ok) throw new Error(JSON.stringify(created));
      return created.eventId;
    };
    const mark = { userId: viewer.user.id, dayIndex: 1, portion: "full" as const, method: "list" as const };
    const first = event();
    expect(recordAttendance(trainer, first, mark)).toEqual({ ok: true });
    expect(recordAttendance(trainer, first, mark)).toEqual({ ok: true });
    expect(recordAttendance(trainer, event(), mark)).toEqual({ ok: true });
    expectOneCertificate(viewer);
    expect(standingCompletions(viewer)[0]).toMatchObject({ via: "in_person", eventId: first });
  });

  it("after a revocation only a new pass completes again, as the next cycle", () => {
    const viewer = newOfficer("Cà Thị Thu Hồi");
    const { lessons } = openCourse(viewer, SLUG);
    for (const lesson of lessons.slice(0, -1)) markLessonRead(viewer, SLUG, lesson.key);
    passAttempt(viewer);
    passAttempt(viewer);
    markLessonRead(viewer, SLUG, lessons.at(-1)?.key as string);
    const [issued] = validCertificates(viewer);
    expect(revokeCertificate(actorFor("admin"), issued?.id as number, "Bài kiểm tra do người khác làm thay").ok).toBe(
      true,
    );
    // The attempt passed before the revocation is not evidence for the next cycle.
    markLessonRead(viewer, SLUG, lessons[0]?.key as string);
    expect(validCertificates(viewer)).toHaveLength(0);
    expect(quizState(viewer, SLUG).gate).toMatchObject({ allowed: true, attemptsLeft: 3 });
    expect(passAttempt(viewer).certificate).toMatchObject({ cycle: 2 });
    expect(validCertificates(viewer).map((c) => c.cycle)).toEqual([2]);
    expect(checkRollups(today).differences).toEqual([]);
    expect(findCycleDuplicates()).toEqual([]);
  });

  it("two server processes completing at the same moment issue one certificate", async () => {
    const viewer = newOfficer("Điêu Văn Song Song");
    const { lessons } = openCourse(viewer, SLUG);
    const last = lessons.at(-1)?.key as string;
    for (const lesson of lessons.slice(0, -1)) markLessonRead(viewer, SLUG, lesson.key);
    passAttempt(viewer);
    const open = startAttempt(viewer, SLUG);
    if (!open.ok) throw new Error("refused");
    const answers = JSON.stringify(rightAnswers(viewer, SLUG, open.attemptId));
    // One process scores the passing submission while two others record the last lesson.
    const workers = [
      ["submit", String(open.attemptId), answers],
      ["read", last],
      ["read", last],
    ].map((args) => worker([viewer.user.username, SLUG, ...args]));
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.go();
    await Promise.all(workers.map((w) => w.done));
    expectOneCertificate(viewer);
  }, 60_000);

  it("db:check-rollups reports a duplicate made behind the services' back, and exits 1", async () => {
    const viewer = newOfficer("Hoàng Văn Kiểm Tra");
    const { lessons } = openCourse(viewer, SLUG);
    for (const lesson of lessons) markLessonRead(viewer, SLUG, lesson.key);
    const issued = passAttempt(viewer).certificate;
    if (!issued) throw new Error("not certified");
    const sqlite = getDb().$client;
    const copy = (cycle: number, code: string) => {
      const completion = sqlite
        .prepare(
          `insert into course_completions (user_id, course_id, course_version_id, completed_at, cycle)
           select user_id, course_id, course_version_id, completed_at, ? from course_completions where id = ?`,
        )
        .run(cycle, issued.completionId).lastInsertRowid;
      sqlite
        .prepare(
          `insert into certificates (code, user_id, course_id, course_version_id, completion_id, course_title,
             course_version_number, holder_name, issued_on, expires_on, cycle)
           select ?, user_id, course_id, course_version_id, ?, course_title, course_version_number, holder_name,
                  issued_on, expires_on, ? from certificates where id = ?`,
        )
        .run(code, completion, cycle, issued.id);
    };
    // Numbered as a second cycle, but issued while the first runs.
    copy(2, "DUPLICATE0A");
    expect(findCycleDuplicates()).toEqual([
      `person ${viewer.user.id}, course ${issued.courseId}: certificate ${issued.id + 1} issued ${issued.issuedOn} while cycle 1 ran`,
    ]);
    // The same cycle twice, as before migration 0008 (its indexes dropped for the test).
    sqlite.exec("drop index certificates_cycle_uq; drop index course_completions_cycle_uq");
    copy(1, "DUPLICATE0B");
    const found = findCycleDuplicates();
    expect(found).toContain(
      `person ${viewer.user.id}, course ${issued.courseId}: completions ${issued.completionId}, ${issued.completionId + 2} share cycle 1`,
    );
    expect(found).toContain(
      `person ${viewer.user.id}, course ${issued.courseId}: certificates ${issued.id}, ${issued.id + 2} share cycle 1`,
    );

    const run = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(path.resolve("node_modules/.bin/tsx"), ["db/check-rollups.ts"], { env: process.env });
      let output = "";
      child.stdout.on("data", (chunk) => {
        output += chunk;
      });
      child.on("exit", (code) => resolve({ code, output }));
    });
    expect(run.code).toBe(1);
    expect(run.output).toContain("Duplicates within a certification cycle");
    expect(run.output).toContain(`certificates ${issued.id}, ${issued.id + 2} share cycle 1`);
  }, 60_000);
});

/** A write in another process (tests/setup/write-worker.ts), started when told to go. */
function worker(args: string[]) {
  const child = spawn(path.resolve("node_modules/.bin/tsx"), ["tests/setup/write-worker.ts", ...args], {
    env: process.env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let output = "";
  let errors = "";
  const seen = (word: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => output.split("\n").includes(word) && resolve();
      child.stdout.on("data", (chunk) => {
        output += chunk;
        check();
      });
      child.on("exit", (code) => (code === 0 ? check() : reject(new Error(`worker ${args[2]} failed: ${errors}`))));
    });
  child.stderr.on("data", (chunk) => {
    errors += chunk;
  });
  return { ready: seen("ready"), done: seen("done"), go: () => child.stdin.write("go\n") };
}
