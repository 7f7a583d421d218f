/**
 * Issue 14, items 14 and 17, at 360 px: the event form shows one day, "Thêm ngày" adds one
 * keeping what was typed (with and without JavaScript), its date and time fields fit; a
 * refused form keeps what was typed with the error beside the field. On the event page the
 * invited are cards, not a squeezed table, and "Bỏ khỏi danh sách" asks first.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, fitsWidth, launchBrowser, newPage, PHONE, signIn } from "./browser";
import { insertEvent } from "./event-data";

/** Every input of the days lies inside the viewport and shows its whole width. */
async function dayFieldsFit(page: Page): Promise<boolean> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement>('[data-testid="event-day"] input')].every((input) => {
      const box = input.getBoundingClientRect();
      return box.left >= 0 && box.right <= window.innerWidth && input.scrollWidth <= input.clientWidth + 1;
    }),
  );
}

describe.runIf(browserAvailable())("the event form and page on a phone (issue 14)", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const javaScriptEnabled of [true, false]) {
    it(`shows one day, adds one keeping what was typed, and keeps it when refused (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async () => {
      const page = await newPage(browser, { ...PHONE, javaScriptEnabled });
      await signIn(page, "trainer");
      await page.goto("/events/new");
      expect(await page.getByTestId("event-day").count()).toBe(1);
      expect(await dayFieldsFit(page)).toBe(true);
      expect(await fitsWidth(page)).toBe(true);
      await page.getByLabel("Tên buổi tập huấn").fill("Tập huấn kỹ năng tư vấn");
      await page.locator('input[name="days[0].date"]').fill("2099-03-10");
      await page.getByRole("button", { name: "Thêm ngày" }).click();
      await page.getByTestId("event-day").nth(1).waitFor();
      expect(await page.getByTestId("event-day").count()).toBe(2);
      expect(await page.getByLabel("Tên buổi tập huấn").inputValue()).toBe("Tập huấn kỹ năng tư vấn");
      expect(await page.locator('input[name="days[0].date"]').inputValue()).toBe("2099-03-10");
      expect(await dayFieldsFit(page)).toBe(true);
      expect(await fitsWidth(page)).toBe(true);

      // Sent without a place: the error is beside the place, the rest as typed.
      await page.locator('input[name="days[1].date"]').fill("2099-03-11");
      await page.getByRole("button", { name: "Tạo và gửi lời mời" }).click();
      const place = page.getByLabel("Địa điểm");
      await page.locator(`[id="${await place.getAttribute("aria-describedby")}"]`).waitFor();
      expect(await place.getAttribute("aria-invalid")).toBe("true");
      expect(await page.getByLabel("Tên buổi tập huấn").inputValue()).toBe("Tập huấn kỹ năng tư vấn");
      expect(await page.locator('input[name="days[1].date"]').inputValue()).toBe("2099-03-11");
      await page.context().close();
    });
  }

  it("lists the invited as cards and asks before removing one (no JavaScript)", async () => {
    const eventId = insertEvent({
      title: "Tập huấn danh sách mời",
      days: [{ inDays: 5, startsAt: "07:30", endsAt: "17:00" }],
      invited: ["learner", "ca.thi.mai"],
    });
    const page = await newPage(browser, { ...PHONE, javaScriptEnabled: false });
    await signIn(page, "trainer");
    await page.goto(`/events/${eventId}`);
    const row = page.getByTestId("invitee").filter({ hasText: "Cà Thị Mai" });
    const name = await row.locator("td").first().boundingBox();
    expect(name?.width ?? 0).toBeGreaterThan(250);
    expect(await fitsWidth(page)).toBe(true);
    await row.getByRole("link", { name: /Bỏ khỏi danh sách/ }).click();
    const confirm = page.getByTestId("confirm-remove");
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain("Bỏ Cà Thị Mai khỏi danh sách mời?");
    // Nothing removed yet; "Giữ lại" keeps her.
    expect(await page.getByTestId("invitee").filter({ hasText: "Cà Thị Mai" }).count()).toBe(1);
    await confirm.getByRole("link", { name: "Giữ lại" }).click();
    await page.getByTestId("confirm-remove").waitFor({ state: "detached" });
    await page
      .getByTestId("invitee")
      .filter({ hasText: "Cà Thị Mai" })
      .getByRole("link", { name: /Bỏ khỏi danh sách/ })
      .click();
    await page.getByTestId("confirm-remove").getByRole("button", { name: "Bỏ khỏi danh sách" }).click();
    await page.getByText("Đã lưu.").waitFor();
    expect(await page.getByTestId("invitee").filter({ hasText: "Cà Thị Mai" }).count()).toBe(0);
    expect(await page.getByTestId("invitee").count()).toBe(1);
    await page.context().close();
  });
});
