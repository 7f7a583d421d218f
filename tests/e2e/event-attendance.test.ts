/**
 * Issue 14, item 1: on the day's list at 360 px, people not yet marked are shown as such
 * (never as "Vắng"), a running "x/y đã điểm danh" count moves as the trainer marks, and
 * "Chưa điểm danh" lists only those left, also without JavaScript. The mark used here
 * (absent) completes no course, so other tests' figures do not move.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, fitsWidth, launchBrowser, newPage, PHONE, signIn } from "./browser";
import { insertEvent } from "./event-data";

const tally = async (page: Page) => (await page.getByTestId("attendance-tally").innerText()).replace(/\s+/g, " ");

describe.runIf(browserAvailable())("attendance on a phone: not yet marked, present, absent (issue 14)", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`shows who is not yet marked, counts the marked and filters those left (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const page = await newPage(browser, { ...PHONE, javaScriptEnabled });
      await signIn(page, "trainer");
      const eventId = insertEvent({
        title: `Tập huấn điểm danh ${javaScriptEnabled ? "A" : "B"}`,
        days: [{ inDays: 7, startsAt: "07:30", endsAt: "17:00" }],
        invited: ["learner", "ca.thi.mai", "vi.van.hung"],
      });
      await page.goto(`/events/${eventId}/days/1`);
      await page.getByTestId("attendance-tally").waitFor();
      const people = page.getByTestId("attendee");
      const total = await people.count();
      expect(total).toBe(3);
      const markedBefore = 0;
      expect(await tally(page)).toContain(`${markedBefore}/${total} đã điểm danh`);
      // Nobody unmarked reads as absent, and no "Vắng" button is pressed for them.
      const first = page.locator('[data-testid="attendee"][data-state="unmarked"]').first();
      const name = (await first.locator("p").first().innerText()).trim();
      expect(await first.getByTestId("attendance-state").innerText()).toBe("Chưa điểm danh");
      expect(await first.getByRole("button", { pressed: true }).count()).toBe(0);

      // Marked absent: looks different from "not yet", and the count moves.
      await first.getByRole("button", { name: "Vắng" }).click();
      const row = page.getByTestId("attendee").filter({ hasText: name });
      await row.and(page.locator('[data-state="absent"]')).waitFor();
      expect(await row.getByTestId("attendance-state").innerText()).toBe("Vắng");
      expect(await row.getByRole("button", { name: "Vắng", pressed: true }).count()).toBe(1);
      expect(await tally(page)).toContain(`${markedBefore + 1}/${total} đã điểm danh`);
      const border = (state: string) =>
        page
          .locator(`[data-testid="attendee"][data-state="${state}"]`)
          .first()
          .evaluate((el) => getComputedStyle(el).borderLeftColor + getComputedStyle(el).borderStyle);
      expect(await border("absent")).not.toBe(await border("unmarked"));

      // "Chưa điểm danh": only those left, and the person just marked is not among them.
      await page.getByRole("link", { name: /^Chưa điểm danh \(\d+\)$/ }).click();
      await page.waitForURL(/show=unmarked/);
      const left = await page.getByTestId("attendee").count();
      expect(left).toBe(total - markedBefore - 1);
      expect(await page.locator('[data-testid="attendee"]:not([data-state="unmarked"])').count()).toBe(0);
      expect(await page.getByTestId("attendee").filter({ hasText: name }).count()).toBe(0);
      expect(await fitsWidth(page)).toBe(true);

      // Back to not yet marked, so the test leaves the demo event as it found it.
      await page.getByRole("link", { name: /^Tất cả \(\d+\)$/ }).click();
      await page.getByTestId("attendee").filter({ hasText: name }).getByRole("button", { name: "Bỏ đánh dấu" }).click();
      await page
        .getByTestId("attendee")
        .filter({ hasText: name })
        .and(page.locator('[data-state="unmarked"]'))
        .waitFor();
      expect(await tally(page)).toContain(`${markedBefore}/${total} đã điểm danh`);
      await page.context().close();
    });
  }
});
