import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInVietnam } from "~/i18n";
import { browserAvailable, fitsWidth, launchBrowser, newPage, PHONE, signIn } from "./browser";

describe.runIf(browserAvailable())("a trainer organising an event chooses units and people by name", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("without JavaScript on a phone: finds the audience unit and people by name, counts the invited, keeps what was typed", async () => {
    const trainer = await newPage(browser, { ...PHONE, javaScriptEnabled: false });
    await signIn(trainer, "trainer");
    await trainer.goto("/events/new");
    await trainer.getByLabel("Tên buổi tập huấn").fill("Tập huấn cán bộ xã Tuần Giáo");
    await trainer.getByLabel("Địa điểm").fill("Hội trường UBND huyện Tuần Giáo");
    // The organiser's own province is chosen from the start, by name.
    expect(await trainer.getByRole("radio", { name: /^Tỉnh Điện Biên/ }).isChecked()).toBe(true);
    const audience = trainer.locator('fieldset[data-picker="audienceCode"]');
    await audience.getByRole("searchbox").fill("tuan giao");
    await audience.getByRole("button", { name: "Tìm" }).click();
    await trainer.getByRole("radio", { name: /^Huyện Tuần Giáo/ }).check();
    // Another province is out of reach: not found by name.
    const people = trainer.locator('fieldset[data-picker="usernames"]');
    await people.getByRole("searchbox").fill("pham thu trang");
    await people.getByRole("button", { name: "Tìm" }).click();
    await trainer.getByText("Không tìm thấy.", { exact: false }).first().waitFor();
    expect(await trainer.getByLabel("Tên buổi tập huấn").inputValue()).toBe("Tập huấn cán bộ xã Tuần Giáo");
    expect(await trainer.getByRole("radio", { name: /^Huyện Tuần Giáo/ }).isChecked()).toBe(true);
    await people.getByRole("searchbox").fill("quang van duc");
    await people.getByRole("button", { name: "Tìm" }).click();
    await trainer.getByRole("checkbox", { name: /^Quàng Văn Đức/ }).check();
    await trainer.getByRole("button", { name: "Xem số người" }).click();
    const text = (await trainer.getByTestId("audience-count").textContent()) ?? "";
    const invited = Number(text.match(/^(\d+) người sẽ được mời/)?.[1]);
    expect(invited).toBeGreaterThan(1);
    expect(await trainer.getByRole("checkbox", { name: /^Quàng Văn Đức/ }).isChecked()).toBe(true);
    expect(await trainer.getByLabel("Địa điểm").inputValue()).toBe("Hội trường UBND huyện Tuần Giáo");
    expect(await fitsWidth(trainer)).toBe(true);

    await trainer.getByLabel("Bảo vệ trẻ em ở cấp xã: nhiệm vụ và quy trình hỗ trợ, can thiệp").check();
    await trainer.locator('input[name="days[0].date"]').fill(todayInVietnam());
    await trainer.getByRole("button", { name: "Tạo và gửi lời mời" }).click();
    await trainer.getByText("Đã tạo buổi tập huấn và gửi lời mời.").waitFor();
    expect(await trainer.getByTestId("event-counts").innerText()).toMatch(new RegExp(`Được mời\\s+${invited}\\b`));
    await trainer.context().close();
  });

  it("with JavaScript: the typeahead offers only the trainer's province, and a unit's communes on request", async () => {
    const trainer = await newPage(browser, PHONE);
    await signIn(trainer, "trainer");
    await trainer.goto("/events/new");
    const audience = trainer.locator('fieldset[data-picker="audienceCode"]');
    await audience.getByRole("searchbox").fill("bac ninh");
    await audience.getByText("Không tìm thấy.", { exact: false }).waitFor();
    await audience.getByRole("searchbox").fill("tuan giao");
    await audience.getByRole("radio", { name: /^Huyện Tuần Giáo/ }).waitFor();
    await audience
      .getByRole("button", { name: /đơn vị trực thuộc/ })
      .first()
      .click();
    await audience.getByText("Các đơn vị trực thuộc Huyện Tuần Giáo").waitFor();
    await audience.getByRole("radio", { name: /^Xã Quài Cang/ }).check();
    await trainer.getByTestId("audience-count").getByText("người sẽ được mời").waitFor();
    expect(await fitsWidth(trainer)).toBe(true);
    await trainer.context().close();
  });
});
