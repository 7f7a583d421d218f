/**
 * Issue 14, item 3, at 360 px without JavaScript: someone not on the list who scans the QR
 * code is told to ask the trainer (not "404"); the trainer adds them as a walk-in from the
 * phone; a check-in link opened a week early says when it opens, and after the event that
 * it is over.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "~/domain/indicator";
import { formatDate, todayInVietnam } from "~/i18n";
import { browserAvailable, fitsWidth, launchBrowser, newPage, PHONE, signIn } from "./browser";
import { insertEvent } from "./event-data";

describe.runIf(browserAvailable())("the check-in link on a phone (issue 14)", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("tells an uninvited person to ask the trainer, who adds them as a walk-in; then the link works for them", async () => {
    const eventId = insertEvent({
      title: "Tập huấn kỹ năng lắng nghe trẻ em",
      days: [{ inDays: 0, startsAt: "00:00", endsAt: "23:59" }],
      invited: ["ca.thi.mai"],
    });
    const learner = await newPage(browser, { ...PHONE, javaScriptEnabled: false });
    await signIn(learner, "learner");
    await learner.goto(`/events/${eventId}/check-in?code=ABCDEF`);
    await learner.getByRole("heading", { name: "Bạn chưa có trong danh sách" }).waitFor();
    expect(await learner.getByTestId("check-in-state").innerText()).toContain("Hãy báo giảng viên");
    expect(await learner.getByText("Lường Văn Tâm").count()).toBeGreaterThan(0);
    expect(await learner.getByText("Không tìm thấy trang").count()).toBe(0);
    expect(await fitsWidth(learner)).toBe(true);

    const trainer = await newPage(browser, { ...PHONE, javaScriptEnabled: false });
    await signIn(trainer, "trainer");
    await trainer.goto(`/events/${eventId}/days/1`);
    await trainer.locator("#walkin-search").fill("luong van tam");
    await trainer.getByRole("button", { name: "Tìm" }).click();
    await trainer.getByRole("button", { name: "Thêm và điểm danh" }).click();
    const row = trainer.getByTestId("attendee").filter({ hasText: "Lường Văn Tâm" });
    await row.waitFor();
    expect(await row.getByTestId("attendance-state").innerText()).toBe("Có mặt cả ngày");
    expect(await trainer.getByTestId("attendance-tally").innerText()).toContain("1/2 đã điểm danh");
    expect(await fitsWidth(trainer)).toBe(true);
    await trainer.context().close();

    await learner.reload();
    await learner.getByLabel("Mã trên màn hình").waitFor();
    await learner.context().close();
  });

  it("says when check-in opens, in Vietnamese date and time, and that it is over after the event", async () => {
    const early = insertEvent({
      title: "Tập huấn tuần sau",
      days: [{ inDays: 7, startsAt: "08:00", endsAt: "11:30" }],
      invited: ["learner"],
    });
    const over = insertEvent({
      title: "Tập huấn tuần trước",
      days: [{ inDays: -7, startsAt: "08:00", endsAt: "11:30" }],
      invited: ["learner"],
    });
    const page = await newPage(browser, { ...PHONE, javaScriptEnabled: false });
    await signIn(page, "learner");
    await page.goto(`/events/${early}/check-in?code=ABCDEF`);
    const opens = formatDate("vi", addDays(todayInVietnam(), 7));
    expect(await page.getByTestId("check-in-state").innerText()).toContain(`Điểm danh sẽ mở lúc 07:00 ngày ${opens}`);
    expect(await page.getByLabel("Mã trên màn hình").count()).toBe(0);
    expect(await fitsWidth(page)).toBe(true);
    await page.goto(`/events/${over}/check-in`);
    expect(await page.getByTestId("check-in-state").innerText()).toContain("Buổi tập huấn đã kết thúc");
    await page.context().close();
  });
});
