import { and, desc, eq } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DrawnQuestion, itemsOf } from "~/domain/quiz";
import { hashPassword } from "~/utils/password.server";
import { courseLessons, courses, lessonReads, quizAttempts, users } from "../../db/schema";
import { browserAvailable, fitsWidth, launchBrowser, newPage, PHONE, signIn, withDatabase } from "./browser";
import { givePassword } from "./fixtures";

const SLUG = "can-bo-cap-xa";
const USERNAME = "ca.thi.mai";
const PASSWORD = "quiz-e2e-2026";
const OTHER = "quang.van.duc";

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
  return attemptOf(USERNAME);
}

function attemptOf(username: string) {
  return withDatabase((db) => {
    const user = db.select().from(users).where(eq(users.username, username)).get();
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

    // A blank quiz is not submitted with one tap: the learner confirms, seeing what is unanswered.
    await page.getByRole("button", { name: "Nộp bài" }).click();
    const confirm = page.getByTestId("confirm-submit");
    await confirm.waitFor();
    expect(await confirm.getByRole("link", { name: /^Câu \d+$/ }).count()).toBeGreaterThanOrEqual(10);
    expect(latestAttempt()?.status).toBe("in_progress");
    await confirm.getByRole("button", { name: "Nộp bài" }).click();
    await page.getByText("Bạn chưa đạt. Cần ít nhất 80%.").waitFor();
    // How many attempts remain, and from when the next may start.
    await page.getByText(/Bạn còn 2 lần làm bài\. Lần tiếp theo được làm từ .*\d{2}:\d{2}/).waitFor();
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

describe.runIf(browserAvailable())("submitting with questions left unanswered", () => {
  let browser: Browser;
  beforeAll(async () => {
    await givePassword(OTHER, PASSWORD);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`${javaScriptEnabled ? "with" : "without"} JavaScript: asks first, keeps the answers, spends nothing until confirmed`, async () => {
      const page = await newPage(browser, { ...PHONE, javaScriptEnabled });
      await signIn(page, OTHER, PASSWORD);
      await page.goto(`/courses/${SLUG}/quiz`);
      const resume = page.getByRole("link", { name: "Tiếp tục bài đang làm" });
      if (await resume.count()) await resume.click();
      else await page.getByRole("button", { name: "Bắt đầu làm bài" }).click();
      await page.getByRole("button", { name: "Nộp bài" }).waitFor();
      // Answer the first question only.
      const first = page.locator("fieldset").first();
      await first.locator("input").first().check();
      await page.getByRole("button", { name: "Nộp bài" }).click();
      const confirm = page.getByTestId("confirm-submit");
      await confirm.waitFor();
      const fieldsets = await page.locator("fieldset").count();
      expect(await confirm.getByRole("link", { name: /^Câu \d+$/ }).count()).toBe(fieldsets - 1);
      expect(await page.getByText("Câu này chưa được trả lời.").count()).toBe(fieldsets - 1);
      expect(await first.locator("input").first().isChecked()).toBe(true);
      expect(await fitsWidth(page)).toBe(true);
      expect(attemptOf(OTHER)?.status).toBe("in_progress");

      // Going back keeps everything; answering all then submits without a question.
      await confirm.getByRole("link", { name: "Quay lại làm tiếp" }).click();
      for (const fieldset of await page.locator("fieldset").all()) await fieldset.locator("input").first().check();
      await page.getByRole("button", { name: "Nộp bài" }).last().click();
      await page
        .getByText(/Kết quả lần/)
        .first()
        .waitFor();
      expect(attemptOf(OTHER)?.status).toBe("submitted");
      // Ready for the other run: a new attempt may start.
      withDatabase((db) =>
        db
          .delete(quizAttempts)
          .where(eq(quizAttempts.id, attemptOf(OTHER)?.id ?? 0))
          .run(),
      );
      await page.context().close();
    });
  }
});
