import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, fitsWidth, launchBrowser, menuLink, newPage, PHONE, signIn } from "./browser";

const COURSE = "Bảo vệ trẻ em ở cấp xã: nhiệm vụ và quy trình hỗ trợ, can thiệp";

/** The number in "142 người sẽ được giao". */
async function countShown(page: Page): Promise<number> {
  const text = (await page.getByTestId("audience-count").textContent()) ?? "";
  const match = text.match(/^([\d.]+) người sẽ được giao/);
  if (!match) throw new Error(`no count in "${text}"`);
  return Number(match[1]?.replace(/\./g, ""));
}

describe.runIf(browserAvailable())("a manager assigns a course", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("to the commune officers of the province, choosing the unit by name on a phone, with the count before assigning; a learner there sees it with the due date, one elsewhere does not", async () => {
    const manager = await newPage(browser, PHONE);
    await signIn(manager, "manager");
    expect(await (await menuLink(manager, "Giao khóa học")).count()).toBe(1);
    await manager.goto("/assignments/new");
    await manager.getByLabel("Khóa học", { exact: true }).selectOption({ label: COURSE });
    // No code to type: "dien bien" without diacritics finds the province.
    await manager.getByLabel("Tìm đơn vị theo tên").fill("dien bien");
    await manager.getByRole("radio", { name: /^Tỉnh Điện Biên/ }).check();
    await manager.getByTestId("audience-count").getByText("người sẽ được giao").waitFor();
    const everyone = await countShown(manager);
    await manager.getByLabel("Người làm công tác bảo vệ trẻ em cấp xã").check();
    await expect.poll(() => countShown(manager)).toBeLessThan(everyone);
    const officers = await countShown(manager);
    expect(officers).toBeGreaterThan(0);
    // A person of another province is not found by name.
    await manager.getByLabel("Tìm người theo họ tên").fill("do minh tuan");
    await manager.getByText("Không tìm thấy.", { exact: false }).waitFor();
    await manager.getByLabel("Hạn hoàn thành").fill("2099-12-31");
    expect(await fitsWidth(manager)).toBe(true);
    await manager.getByRole("button", { name: "Giao khóa học", exact: true }).click();
    await manager.getByText("Đã giao khóa học.").waitFor();
    await manager.getByText("Hạn hoàn thành: 31/12/2099").waitFor();
    await manager.context().close();

    const learner = await newPage(browser, PHONE);
    await signIn(learner, "learner");
    await learner.getByText("Hạn hoàn thành: 31/12/2099").waitFor();
    await learner.context().close();

    const elsewhere = await newPage(browser, PHONE);
    await signIn(elsewhere, "learner2");
    expect(await elsewhere.getByText("Hạn hoàn thành: 31/12/2099").count()).toBe(0);
    expect((await elsewhere.goto("/assignments"))?.status()).toBe(403);
    await elsewhere.context().close();
  });

  it("without JavaScript: searches units and people by name, browses a district's communes, counts, and keeps what was typed", async () => {
    const manager = await newPage(browser, { ...PHONE, javaScriptEnabled: false });
    await signIn(manager, "manager");
    await manager.goto("/assignments/new");
    await manager.getByLabel("Khóa học", { exact: true }).selectOption({ label: COURSE });
    await manager.getByLabel("Hạn hoàn thành").fill("2099-11-30");
    await manager.getByLabel("Tìm đơn vị theo tên").fill("muong ang");
    await manager.locator('button[value="find:unitCode"]').click();
    await manager.getByRole("radio", { name: /^Huyện Mường Ảng/ }).check();
    // The date typed before the search is still there.
    expect(await manager.getByLabel("Hạn hoàn thành").inputValue()).toBe("2099-11-30");
    await manager.getByRole("button", { name: "Xem số người" }).click();
    const district = await countShown(manager);
    expect(district).toBeGreaterThan(0);
    expect(await manager.getByRole("radio", { name: /^Huyện Mường Ảng/ }).isChecked()).toBe(true);
    // A person by name, shown with position and unit.
    await manager.getByLabel("Tìm người theo họ tên").fill("vi van hung");
    await manager.locator('button[value="find:usernames"]').click();
    const person = manager.getByRole("checkbox", { name: /^Vì Văn Hùng/ });
    expect(await person.textContent().catch(() => "")).not.toMatch(/0\d{9}/);
    await person.check();
    await manager.getByRole("button", { name: "Xem số người" }).click();
    expect(await countShown(manager)).toBe(district + 1);
    expect(await manager.getByRole("checkbox", { name: /^Vì Văn Hùng/ }).isChecked()).toBe(true);
    // The tree: the district's communes on request.
    await manager
      .getByRole("button", { name: /đơn vị trực thuộc/ })
      .first()
      .click();
    await manager.getByText(/Các đơn vị trực thuộc/).waitFor();
    expect(await fitsWidth(manager)).toBe(true);
    await manager.getByRole("button", { name: "Giao khóa học", exact: true }).click();
    await manager.getByText("Đã giao khóa học.").waitFor();
    await manager.context().close();
  });

  it("without JavaScript: a unit out of reach is refused beside its field, naming it and the reason", async () => {
    const manager = await newPage(browser, { ...PHONE, javaScriptEnabled: false });
    await signIn(manager, "manager");
    await manager.goto("/assignments/new");
    // A stale or edited value: the picker's radio carries Bắc Ninh's code.
    await manager.evaluate(() => {
      const radio = document.querySelector<HTMLInputElement>('input[name="unitCode"][value=""]');
      if (radio) {
        radio.value = "27";
        radio.checked = true;
      }
    });
    await manager.getByLabel("Hạn hoàn thành").fill("2099-11-30");
    await manager.getByRole("button", { name: "Giao khóa học", exact: true }).click();
    await manager
      .getByText("Giao cho đơn vị: đơn vị mã 27 nằm ngoài phạm vi bạn được làm việc", { exact: false })
      .waitFor();
    expect(await manager.getByText("Dữ liệu gửi lên không hợp lệ").count()).toBe(0);
    expect(await manager.getByLabel("Hạn hoàn thành").inputValue()).toBe("2099-11-30");
    await manager.context().close();
  });
});
