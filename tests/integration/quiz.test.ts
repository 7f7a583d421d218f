import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { itemsOf } from "~/domain/quiz";
import { findUserByUsername, findUserProfile, grantsForActor } from "~/models/users.server";
import * as insightPage from "~/routes/courses.$slug.insight";
import * as quizPage from "~/routes/courses.$slug.quiz._index";
import * as attemptPage from "~/routes/courses.$slug.quiz.$attemptId";
import { openCourse } from "~/services/learning.server";
import { quizState, requireAttempt, saveAnswers, startAttempt, submitAttempt } from "~/services/quiz.server";
import type { Viewer } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import {
  certificates,
  courseCompletions,
  lessonReads,
  orgUnits,
  placements,
  positions,
  quizAttempts,
} from "../../db/schema";
import { rightAnswers as rightAnswersOf } from "../setup/quiz";
import { cookieFor, get, post, run } from "../setup/requests";

const SLUG = "can-bo-cap-xa";

function viewerOf(username: string): Viewer {
  const user = findUserProfile(findUserByUsername(username)?.id as string);
  if (!user) throw new Error(username);
  return {
    user,
    actor: { userId: user.id, grants: grantsForActor(user.id) },
    session: { id: "test", userId: user.id, expiresAt: new Date(), fresh: false },
  };
}

const rightAnswers = (viewer: Viewer, attemptId: number) => rightAnswersOf(viewer, SLUG, attemptId);

function readAllLessons(viewer: Viewer) {
  const { course, lessons } = openCourse(viewer, SLUG);
  const db = getDb();
  for (const lesson of lessons) {
    db.insert(lessonReads)
      .values({ userId: viewer.user.id, courseId: course.courseId, lessonKey: lesson.key })
      .onConflictDoNothing()
      .run();
  }
}

const attemptsOf = (userId: string) =>
  getDb().select({ n: count() }).from(quizAttempts).where(eq(quizAttempts.userId, userId)).get()?.n ?? 0;

describe("starting an attempt", () => {
  it("freezes the draw: a reload or a second start gives the same attempt, without answers in the page", async () => {
    const viewer = viewerOf("learner");
    const first = startAttempt(viewer, SLUG);
    const second = startAttempt(viewer, SLUG);
    expect(first).toEqual(second);
    if (!first.ok) throw new Error("refused");
    expect(attemptsOf(viewer.user.id)).toBe(1);

    const cookie = await cookieFor("learner");
    const params = { slug: SLUG, attemptId: String(first.attemptId) };
    const page1 = await (
      await run(attemptPage.loader, get(`/courses/${SLUG}/quiz/${first.attemptId}`, cookie), params)
    ).json();
    const page2 = await (
      await run(attemptPage.loader, get(`/courses/${SLUG}/quiz/${first.attemptId}`, cookie), params)
    ).json();
    expect(page1.questions).toEqual(page2.questions);
    expect(page1.questions).toHaveLength(10);
    const text = JSON.stringify(page1);
    expect(text).not.toContain('"correct"');
    expect(text).not.toContain('"explanation"');
    expect(text).not.toContain('"answer"');
  });

  it("is the learner's own: another learner gets 404 on it", async () => {
    const viewer = viewerOf("learner");
    const started = startAttempt(viewer, SLUG);
    if (!started.ok) throw new Error("refused");
    const other = await cookieFor("learner2");
    const response = await run(attemptPage.loader, get(`/courses/${SLUG}/quiz/${started.attemptId}`, other), {
      slug: SLUG,
      attemptId: String(started.attemptId),
    });
    expect(response.status).toBe(404);
  });
});

describe("submitting", () => {
  it("scores once under concurrent submissions (double click, two tabs, a retry)", async () => {
    const viewer = viewerOf("ca.thi.mai");
    const started = startAttempt(viewer, SLUG);
    if (!started.ok) throw new Error("refused");
    const answers = rightAnswers(viewer, started.attemptId);
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        Promise.resolve().then(() => submitAttempt(viewer, SLUG, started.attemptId, answers)),
      ),
    );
    expect(results.filter((r) => r.scoredNow)).toHaveLength(1);
    const rows = getDb().select().from(quizAttempts).where(eq(quizAttempts.userId, viewer.user.id)).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "submitted", percent: 100, passed: true });
  });

  it("through the route, without JavaScript: unanswered questions are confirmed first; submit twice, one scored attempt, then the result with explanations and what comes next", async () => {
    const cookie = await cookieFor("learner2");
    const start = await run(quizPage.action, post(`/courses/${SLUG}/quiz`, {}, { cookie }), { slug: SLUG });
    expect(start.status).toBe(302);
    const url = start.headers.get("Location") as string;
    const attemptId = url.split("/").at(-1) as string;
    const params = { slug: SLUG, attemptId };
    const { attempt } = requireAttempt(viewerOf("learner2"), SLUG, Number(attemptId));
    const items = itemsOf(attempt.draw);
    const first = items[0];
    if (!first) throw new Error("empty draw");
    const firstValue = first.type === "true-false" ? "true" : String(first.options[0]?.id);

    // One answer given, the rest left blank: a confirmation naming each blank one, nothing spent.
    const asked = await run(
      attemptPage.action,
      post(url, { intent: "submit", [`a:${first.id}`]: firstValue }, { cookie }),
      params,
    );
    expect(asked.status).toBe(400);
    const { result: reply } = await asked.json();
    expect(Object.keys(reply.error).sort()).toEqual(
      items
        .slice(1)
        .map((i) => `a:${i.id}`)
        .sort(),
    );
    expect(Object.values(reply.error).flat()).toEqual(items.slice(1).map(() => "quiz.unanswered"));
    // What was ticked comes back into the form, and is saved.
    expect(reply.initialValue[`a:${first.id}`]).toBe(firstValue);
    const still = requireAttempt(viewerOf("learner2"), SLUG, Number(attemptId)).attempt;
    expect(still.status).toBe("in_progress");
    expect(Object.keys(still.answers ?? {})).toEqual([first.id]);

    for (let i = 0; i < 2; i++) {
      const response = await run(
        attemptPage.action,
        post(url, { intent: "confirm-submit", "a:bogus": "1" }, { cookie }),
        params,
      );
      expect(response.status).toBe(302);
    }
    // A late "submit" of an attempt already submitted lands on its result.
    const again = await run(attemptPage.action, post(url, { intent: "submit" }, { cookie }), params);
    expect(again.status).toBe(302);
    const result = await (await run(attemptPage.loader, get(url, cookie), params)).json();
    expect(result.status).toBe("submitted");
    expect(result.passed).toBe(false);
    expect(result.next).toMatchObject({ allowed: false, reason: "wait", attemptsLeft: 2 });
    expect(result.next.until).toBeGreaterThan(Date.now());
    expect(result.questions[0].items[0].explanation.length).toBeGreaterThan(0);
    const user = findUserByUsername("learner2")?.id as string;
    expect(attemptsOf(user)).toBe(1);
    const overview = await (await run(quizPage.loader, get(`/courses/${SLUG}/quiz`, cookie), { slug: SLUG })).json();
    expect(overview.gate).toMatchObject({ allowed: false, reason: "wait" });
  });

  it("refuses a malformed intent with 400", async () => {
    const cookie = await cookieFor("learner");
    const viewer = viewerOf("learner");
    const started = startAttempt(viewer, SLUG);
    if (!started.ok) throw new Error("refused");
    const url = `/courses/${SLUG}/quiz/${started.attemptId}`;
    const response = await run(attemptPage.action, post(url, { intent: "cheat" }, { cookie }), {
      slug: SLUG,
      attemptId: String(started.attemptId),
    });
    expect(response.status).toBe(400);
  });
});

describe("saving answers", () => {
  it("the browser's autosave gets a JSON answer and the answers are kept for a reload", async () => {
    const cookie = await cookieFor("learner");
    const viewer = viewerOf("learner");
    const started = startAttempt(viewer, SLUG);
    if (!started.ok) throw new Error("refused");
    const { attempt } = requireAttempt(viewer, SLUG, started.attemptId);
    const first = itemsOf(attempt.draw)[0];
    if (!first) throw new Error("empty draw");
    const value = first.type === "true-false" ? "true" : String(first.options[0]?.id);
    const url = `/courses/${SLUG}/quiz/${started.attemptId}`;
    const params = { slug: SLUG, attemptId: String(started.attemptId) };
    const response = await run(
      attemptPage.action,
      post(url, { intent: "save", autosave: "1", [`a:${first.id}`]: value }, { cookie }),
      params,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ saved: true });
    const page = await (await run(attemptPage.loader, get(url, cookie), params)).json();
    expect(Object.keys(page.saved)).toEqual([first.id]);
  });
});

describe("the time limit", () => {
  it("scores a late submission on the answers saved in time, not on what arrives late", () => {
    const viewer = viewerOf("quang.van.duc");
    const t0 = Date.parse("2026-11-23T08:00:00Z");
    const started = startAttempt(viewer, SLUG, t0);
    if (!started.ok) throw new Error("refused");
    const right = rightAnswers(viewer, started.attemptId);
    const firstTwo = Object.fromEntries(Object.entries(right).slice(0, 2));
    expect(saveAnswers(viewer, SLUG, started.attemptId, firstTwo, t0 + 10 * 60_000)).toBe(true);
    // 30-minute limit + 2-minute grace: 40 minutes is late.
    expect(saveAnswers(viewer, SLUG, started.attemptId, right, t0 + 40 * 60_000)).toBe(false);
    const result = submitAttempt(viewer, SLUG, started.attemptId, right, t0 + 40 * 60_000);
    expect(result.attempt.late).toBe(true);
    expect(result.attempt.points).toBe(2);
    expect(result.attempt.passed).toBe(false);
  });

  it("accepts a submission within the grace", () => {
    const viewer = viewerOf("vi.van.hung");
    const t0 = Date.parse("2026-11-23T08:00:00Z");
    const started = startAttempt(viewer, SLUG, t0);
    if (!started.ok) throw new Error("refused");
    const result = submitAttempt(
      viewer,
      SLUG,
      started.attemptId,
      rightAnswers(viewer, started.attemptId),
      t0 + 31 * 60_000,
    );
    expect(result.attempt).toMatchObject({ late: false, passed: true });
  });
});

describe("completion and certificates", () => {
  it("issues the certificate in the same transaction as the passing attempt when every lesson is read", () => {
    const viewer = viewerOf("lo.thi.xuan");
    readAllLessons(viewer);
    const started = startAttempt(viewer, SLUG);
    if (!started.ok) throw new Error("refused");
    const result = submitAttempt(viewer, SLUG, started.attemptId, rightAnswers(viewer, started.attemptId));
    expect(result.certificate).toMatchObject({ holderName: "Lò Thị Xuân", unitName: "Xã Quài Cang" });
    expect(result.certificate?.code).toMatch(/^[0-9A-Z*~$=]{11}$/);
    const completions = getDb()
      .select()
      .from(courseCompletions)
      .where(eq(courseCompletions.userId, viewer.user.id))
      .all();
    expect(completions).toHaveLength(1);
    // Submitting again changes nothing.
    expect(submitAttempt(viewer, SLUG, started.attemptId, {}).scoredNow).toBe(false);
    expect(getDb().select().from(certificates).where(eq(certificates.userId, viewer.user.id)).all()).toHaveLength(1);
  });

  it("completes when the last lesson is read after the quiz was passed", async () => {
    const viewer = viewerOf("do.minh.tuan");
    const started = startAttempt(viewer, SLUG);
    if (!started.ok) throw new Error("refused");
    const result = submitAttempt(viewer, SLUG, started.attemptId, rightAnswers(viewer, started.attemptId));
    expect(result.certificate).toBeNull();
    const { lessons } = openCourse(viewer, SLUG);
    const { markLessonRead } = await import("~/services/learning.server");
    for (const lesson of lessons) markLessonRead(viewer, SLUG, lesson.key);
    const certs = getDb().select().from(certificates).where(eq(certificates.userId, viewer.user.id)).all();
    expect(certs).toHaveLength(1);
    markLessonRead(viewer, SLUG, lessons[0]?.key as string);
    expect(getDb().select().from(certificates).where(eq(certificates.userId, viewer.user.id)).all()).toHaveLength(1);
  });

  it("recertifies: no retake while valid, a new certificate once it is about to expire, the old one kept", () => {
    const viewer = viewerOf("pham.thu.trang");
    // She is a volunteer; make her a commune officer too so the course is meant for her.
    const db = getDb();
    const ward = db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, "2701")).get();
    const officer = db.select({ id: positions.id }).from(positions).where(eq(positions.code, "commune_officer")).get();
    db.insert(placements)
      .values({
        userId: viewer.user.id,
        orgUnitId: ward?.id as number,
        positionId: officer?.id as number,
        startDate: "2026-01-01",
      })
      .run();
    readAllLessons(viewer);
    const t0 = Date.parse("2026-11-23T03:00:00Z");
    const first = startAttempt(viewer, SLUG, t0);
    if (!first.ok) throw new Error("refused");
    const issued = submitAttempt(
      viewer,
      SLUG,
      first.attemptId,
      rightAnswers(viewer, first.attemptId),
      t0 + 60_000,
    ).certificate;
    expect(issued?.expiresOn).toBe("2028-11-23");
    expect(startAttempt(viewer, SLUG, t0 + 86_400_000)).toMatchObject({
      ok: false,
      gate: { reason: "already-certified" },
    });

    const nearExpiry = Date.parse("2028-11-01T03:00:00Z");
    const again = startAttempt(viewer, SLUG, nearExpiry);
    if (!again.ok) throw new Error(`refused: ${JSON.stringify(again)}`);
    const renewed = submitAttempt(
      viewer,
      SLUG,
      again.attemptId,
      rightAnswers(viewer, again.attemptId),
      nearExpiry + 60_000,
    ).certificate;
    expect(renewed?.issuedOn).toBe("2028-11-01");
    expect(renewed?.expiresOn).toBe("2030-11-01");
    const all = db
      .select()
      .from(certificates)
      .where(and(eq(certificates.userId, viewer.user.id)))
      .all();
    expect(all.map((c) => c.issuedOn).sort()).toEqual(["2026-11-23", "2028-11-01"]);
    // The renewal opened the second certification cycle; the first certificate still stands, superseded.
    expect(all.map((c) => [c.issuedOn, c.cycle, c.revokedAt]).sort()).toEqual([
      ["2026-11-23", 1, null],
      ["2028-11-01", 2, null],
    ]);
    expect(quizState(viewer, SLUG, nearExpiry + 120_000).gate).toMatchObject({
      allowed: false,
      reason: "already-certified",
    });
  });
});

describe("trainer insight", () => {
  it("shows the province trainer the attempts of learners in the province, and no learner the page", async () => {
    const learner = viewerOf("learner");
    const started = startAttempt(learner, SLUG);
    if (!started.ok) throw new Error("refused");
    submitAttempt(learner, SLUG, started.attemptId, {});
    const trainer = await cookieFor("trainer");
    const page = await run(insightPage.loader, get(`/courses/${SLUG}/insight`, trainer), { slug: SLUG });
    expect(page.status).toBe(200);
    const { insight } = await page.json();
    expect(insight.attempts).toBeGreaterThan(0);
    expect(insight.questions[0]).toHaveProperty("correctShare");
    const asLearner = await run(insightPage.loader, get(`/courses/${SLUG}/insight`, await cookieFor("learner")), {
      slug: SLUG,
    });
    expect(asLearner.status).toBe(403);
  });
});
