import { and, desc, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DrawnQuestion, itemsOf } from "~/domain/quiz";
import { hashPassword } from "~/utils/password.server";
import { courseLessons, courses, lessonReads, quizAttempts, users } from "../../db/schema";
import { browserAvailable, launchBrowser, newPage, PHONE, signIn, withDatabase } from "./browser";

const SLUG = "can-bo-cap-xa";
const USERNAME = "ca.thi.mai";
const PASSWORD = "quiz-e2e-2026";

/** A seeded commune officer who has read every lesson and can sign in. */
async function prepareLearner() {
  const passwordHash = await hashPassword(PASSWORD);
  withDatabase((db) => {
    const user = db.select().from(users).where(eq(users.username, USERNAME)).get();
    const course = db.select().from(courses).where(eq(courses.slug, SLUG)).get();
    if (!user || !course?.currentVersionId) throw new Error("demo data missing");
    db.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, user.id)).run();
    const lessons = db
      .select()
      .from(courseLessons)
      .where(eq(courseLessons.courseVersionId, course.currentVersionId))
      .all();
    for (const lesson of lessons) {
      db.insert(lessonReads)
        .values({ userId: user.id, courseId: course.id, lessonKey: lesson.lessonKey })
        .onConflictDoNothing()
        .run();
    }
  });
}

function latestAttempt() {
  return withDatabase((db) => {
    const user = db.select().from(users).where(eq(users.username, USERNAME)).get();
    return db
      .select()
      .from(quizAttempts)
      .where(and(eq(quizAttempts.userId, user?.id ?? "")))
      .orderBy(desc(quizAttempts.id))
      .get();
  });
}

/** Ticks the right answers, read from the attempt's frozen draw in the database. */
async function answerRightly(page: Page) {
  const attempt = latestAttempt();
  for (const item of itemsOf(attempt?.draw as DrawnQuestion[])) {
    const values =
      item.type === "true-false"
        ? [String(item.answer)]
        : item.options.filter((o) => o.correct).map((o) => String(o.id));
    for (const value of values) await page.locator(`input[name="a:${item.id}"][value="${value}"]`).check();
  }
}

describe.runIf(browserAvailable())("a learner takes the quiz on a phone", () => {
  let browser: Browser;
  beforeAll(async () => {
    await prepareLearner();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("fails first (explanations, then a wait), passes later, gets the certificate, its PDF and a valid verification", async () => {
    const page = await newPage(browser, PHONE);
    await signIn(page, USERNAME, PASSWORD);
    await page.goto(`/courses/${SLUG}/quiz`);
    await page.getByRole("button", { name: "Bắt đầu làm bài" }).click();
    await page.getByRole("button", { name: "Nộp bài" }).waitFor();
    expect(await page.locator("fieldset").count()).toBeGreaterThanOrEqual(10);
    // The page carries no right answers before submission.
    expect(await page.content()).not.toContain('"correct"');

    await page.getByRole("button", { name: "Nộp bài" }).click();
    await page.getByText("Bạn chưa đạt. Cần ít nhất 80%.").waitFor();
    expect(await page.getByText("Giải thích:").count()).toBeGreaterThanOrEqual(10);
    expect(await page.getByText("Đáp án đúng:").count()).toBeGreaterThanOrEqual(10);

    await page.goto(`/courses/${SLUG}/quiz`);
    await page.getByText(/Bạn có thể làm lại từ/).waitFor();
    expect(await page.getByRole("button", { name: "Bắt đầu làm bài" }).count()).toBe(0);

    // An hour later (moved in the database: the test cannot wait an hour).
    withDatabase((db) => {
      const attempt = latestAttempt();
      db.update(quizAttempts)
        .set({ submittedAt: new Date(Date.now() - 2 * 3_600_000) })
        .where(eq(quizAttempts.id, attempt?.id ?? 0))
        .run();
    });
    await page.reload();
    await page.getByRole("button", { name: "Bắt đầu làm bài" }).click();
    await page.getByRole("button", { name: "Nộp bài" }).waitFor();
    await answerRightly(page);
    // Saved on its own a moment after the last change: a reload keeps every answer.
    await page.getByText("Đã lưu câu trả lời.").waitFor();
    await page.reload();
    await page.getByRole("button", { name: "Nộp bài" }).waitFor();
    const checked = await page.locator("input:checked").count();
    expect(checked).toBeGreaterThanOrEqual(10);
    await page.getByRole("button", { name: "Nộp bài" }).click();
    await page.getByText("Chúc mừng! Bạn đã đạt bài kiểm tra.").waitFor();
    const issued = await page.getByText(/Chứng nhận đã được cấp, mã/).innerText();
    const code = /([0-9A-Z]{5}-[0-9A-Z]{5}-[0-9A-Z*~$=])/.exec(issued)?.[1] as string;
    expect(code).toBeTruthy();

    await page.getByRole("link", { name: "Xem chứng nhận của tôi" }).click();
    const row = page.locator("li", { hasText: code });
    await row.waitFor();
    const pdfHref = (await row.getByRole("link", { name: "Tải bản PDF" }).getAttribute("href")) as string;
    const pdf = await page.request.get(pdfHref);
    expect(pdf.status()).toBe(200);
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");

    await row.getByRole("link", { name: "Trang xác minh" }).click();
    await page.getByText("Còn hiệu lực").first().waitFor();
    expect(await page.content()).toContain(code);
    await page.context().close();
  });
});
