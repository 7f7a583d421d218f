import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, fitsWidth, launchBrowser, newPage, PHONE, signIn } from "./browser";

/** Reads the first two lessons, leaves, and checks that "My training" offers the third. */
async function readTwoLessonsAndComeBack(page: Page, username: string) {
  await signIn(page, username);
  await page.getByRole("link", { name: /Bảo vệ trẻ em ở cấp xã/ }).click();
  await page.getByRole("heading", { name: "Các bài học" }).waitFor();
  const titles = await page.locator("main ol li a").allTextContents();
  expect(titles.length).toBeGreaterThanOrEqual(4);

  await page.getByRole("link", { name: "Bắt đầu học" }).click();
  await page.getByRole("heading", { level: 1, name: titles[0] }).waitFor();
  expect(await fitsWidth(page)).toBe(true);
  await page.getByRole("button", { name: "Đã đọc xong, sang bài sau" }).click();
  await page.getByRole("heading", { level: 1, name: titles[1] }).waitFor();
  expect(await page.getByText("Bài 2/").count()).toBeGreaterThan(0);
  await page.getByRole("button", { name: "Đã đọc xong, sang bài sau" }).click();
  await page.getByRole("heading", { level: 1, name: titles[2] }).waitFor();

  // Leave: sign out, sign in again, and be offered the third lesson.
  await page.getByRole("button", { name: "Đăng xuất" }).click();
  await page.getByRole("heading", { name: "Đăng nhập" }).waitFor();
  await signIn(page, username);
  await page.getByText("Đã đọc 2/").waitFor();
  const resume = page.getByRole("link", { name: `Học tiếp: ${titles[2]}` });
  await resume.click();
  await page.getByRole("heading", { level: 1, name: titles[2] }).waitFor();
}

describe.runIf(browserAvailable())("a learner reads a course on a phone", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("with JavaScript: reads two lessons, leaves, and resumes at the third", async () => {
    const page = await newPage(browser, PHONE);
    await readTwoLessonsAndComeBack(page, "learner");
    await page.context().close();
  });

  it("without JavaScript: the same journey works with plain links and forms", async () => {
    const page = await newPage(browser, { ...PHONE, javaScriptEnabled: false });
    await readTwoLessonsAndComeBack(page, "learner2");
    await page.context().close();
  });

  it("opens a case study's discussion and shows the figure, and cannot open another tier's course", async () => {
    const page = await newPage(browser, PHONE);
    await signIn(page, "learner");
    await page.goto("/courses/can-bo-cap-xa");
    const lessonLinks = await page
      .locator("main ol li a")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    let found = false;
    for (const href of lessonLinks) {
      await page.goto(href as string);
      const discussion = page.locator("details summary", { hasText: "Xem gợi ý thảo luận" }).first();
      if ((await discussion.count()) === 0) continue;
      await discussion.click();
      expect(await page.locator("details[open]").count()).toBeGreaterThan(0);
      found = true;
      break;
    }
    expect(found).toBe(true);
    let figures = 0;
    for (const href of lessonLinks) {
      await page.goto(href as string);
      for (const img of await page.locator("figure img").all()) {
        expect(await img.getAttribute("alt")).toBeTruthy();
        expect(
          await img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0),
        ).toBe(true);
        figures += 1;
      }
    }
    expect(figures).toBeGreaterThan(0);
    const forbidden = await page.goto("/courses/can-bo-cap-tinh-huyen");
    expect(forbidden?.status()).toBe(404);
    await page.context().close();
  });
});
