import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  browserAvailable,
  clickMenuLink,
  fitsWidth,
  launchBrowser,
  newPage,
  PHONE,
  signIn,
  withDatabase,
} from "./browser";

function userId(username: string): string {
  return withDatabase((db) => {
    const row = db.$client.prepare("select id from users where username = ?").get(username) as { id: string };
    return row.id;
  });
}

/** How many rows the items of the main menu take, and the height of the whole header. */
async function headerRows(page: Page): Promise<{ rows: number; height: number }> {
  return page.evaluate(() => {
    const nav = document.querySelector('nav[aria-label="Trình đơn"]') as HTMLElement;
    const tops = new Set(
      [...nav.querySelectorAll(":scope > ul > li")].map((li) => Math.round(li.getBoundingClientRect().top)),
    );
    return {
      rows: tops.size,
      height: Math.round((document.querySelector("header") as HTMLElement).getBoundingClientRect().height),
    };
  });
}

describe.runIf(browserAvailable())("administration at 360 px", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const username of ["manager", "admin"]) {
    it(`${username}: the menu takes at most two rows, the managing pages behind "Quản lý"`, async () => {
      const page = await newPage(browser, PHONE);
      await signIn(page, username);
      const { rows, height } = await headerRows(page);
      // Before, the menu alone wrapped to 3–5 rows.
      expect(rows).toBeLessThanOrEqual(2);
      expect(height).toBeGreaterThan(0);
      expect(await fitsWidth(page)).toBe(true);
      await clickMenuLink(page, "Đơn vị");
      await page.getByRole("heading", { level: 1, name: "Đơn vị" }).waitFor();
      // The menu closes on the new page, and "Quản lý" shows where the person is.
      expect(await page.getByTestId("manage-menu").evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
      await page.context().close();
    });
  }

  it("the Quản lý menu opens without JavaScript", async () => {
    const page = await newPage(browser, { ...PHONE, javaScriptEnabled: false });
    await signIn(page, "admin");
    await clickMenuLink(page, "Nhật ký thay đổi");
    await page.getByRole("heading", { level: 1, name: "Nhật ký thay đổi" }).waitFor();
    await page.context().close();
  });

  it("a success message is shown once: a client-side navigation leaves it behind", async () => {
    const page = await newPage(browser, PHONE);
    await signIn(page, "admin");
    await page.goto(`/users/${userId("pham.thu.trang")}`);
    await page.getByText("Sửa thông tin cá nhân").click();
    await page.getByRole("button", { name: "Lưu thông tin" }).click();
    await page.getByRole("status").filter({ hasText: "Đã lưu thay đổi." }).waitFor();
    await clickMenuLink(page, "Người dùng");
    await page.getByRole("heading", { level: 1, name: "Người dùng" }).waitFor();
    expect(await page.getByText("Đã lưu thay đổi.").count()).toBe(0);
    await page.goBack();
    await page.getByRole("heading", { level: 1, name: "Phạm Thu Trang" }).waitFor();
    expect(await page.getByText("Đã lưu thay đổi.").count()).toBe(0);
    await page.reload();
    expect(await page.getByText("Đã lưu thay đổi.").count()).toBe(0);
    await page.context().close();
  });

  it("another person's page names them above their certificates, not 'của tôi'", async () => {
    const page = await newPage(browser, PHONE);
    await signIn(page, "admin");
    await page.goto(`/users/${userId("learner")}`);
    await page.getByRole("heading", { level: 2, name: "Chứng nhận của Lường Văn Tâm" }).waitFor();
    expect(await page.getByRole("heading", { name: /của tôi/ }).count()).toBe(0);
    await page.context().close();
  });

  it("audit log: filters through a GET form without JavaScript, names bad filters, shows a change before/after", async () => {
    const page = await newPage(browser, { ...PHONE, javaScriptEnabled: false });
    await signIn(page, "admin");
    // An entry of each kind the filter must tell apart.
    await page.goto(`/users/${userId("do.minh.tuan")}`);
    await page.getByText("Sửa thông tin cá nhân").click();
    await page.getByLabel("Số điện thoại").fill("0977 111 222");
    await page.getByRole("button", { name: "Lưu thông tin" }).click();
    await page.getByText("Đã lưu thay đổi.").waitFor();

    await page.goto("/audit");
    await page.getByText("Lọc nhật ký").click();
    await page.getByLabel("Người (thực hiện hoặc được nhắc đến)").fill("do minh tuan");
    await page.getByLabel("Loại thao tác").selectOption({ label: "Tài khoản" });
    await page.getByRole("button", { name: "Lọc", exact: true }).click();
    await page.waitForURL(/kind=account/);
    const entries = page.getByTestId("audit-entry");
    await entries.first().waitFor();
    for (const text of await entries.allInnerTexts()) expect(text).toContain("Đỗ Minh Tuấn");
    const edit = entries.filter({ hasText: "đã sửa thông tin cá nhân của Đỗ Minh Tuấn" }).first();
    await edit.getByText("Xem thay đổi").click();
    await edit.getByRole("rowheader", { name: "Số điện thoại" }).waitFor();
    expect(await page.content()).not.toContain("0977111222");
    // What was chosen stays chosen.
    expect(await page.getByLabel("Loại thao tác").inputValue()).toBe("account");
    expect(await fitsWidth(page)).toBe(true);

    const bad = await page.goto("/audit?from=2026-02-31&kind=nope");
    expect(bad?.status()).toBe(200);
    await page
      .getByRole("alert")
      .filter({ hasText: "Đã bỏ qua bộ lọc không hợp lệ: Loại thao tác, Từ ngày." })
      .waitFor();
    await page.context().close();
  });

  it("wide tables stack as labelled cards on a phone instead of scrolling sideways", async () => {
    const page = await newPage(browser, PHONE);
    await signIn(page, "manager");
    await clickMenuLink(page, "Báo cáo");
    const table = page.getByTestId("unit-table");
    await table.waitFor();
    const layout = await table.evaluate((t) => {
      const cell = t.querySelector("tbody td") as HTMLElement;
      const region = t.parentElement as HTMLElement;
      return {
        row: getComputedStyle(t.querySelector("tbody tr") as HTMLElement).display,
        label: getComputedStyle(cell, "::before").content,
        scrolls: region.scrollWidth > region.clientWidth,
      };
    });
    expect(layout).toEqual({ row: "block", label: '"Tỷ lệ"', scrolls: false });
    expect(await fitsWidth(page)).toBe(true);
    await page.context().close();
  });
});
