import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, fitsWidth, launchBrowser, newPage, PHONE, signIn } from "./browser";

/** Issue 14, items 6–9: a trainer writes courses on a phone, in their own words. */
describe.runIf(browserAvailable())("a trainer on a 360 px phone", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("sees the course address made from the title as they type, and may change it", async () => {
    const page = await newPage(browser, PHONE);
    await signIn(page, "trainer");
    await page.goto("/author");
    await page.getByLabel("Tên khóa học").fill("Đánh giá nguy cơ cho trẻ em");
    expect(await page.getByLabel("Địa chỉ khóa học").inputValue()).toBe("danh-gia-nguy-co-cho-tre-em");
    await page.getByLabel("Địa chỉ khóa học").fill("danh-gia-nguy-co");
    await page.getByLabel("Tên khóa học").fill("Đánh giá nguy cơ cho trẻ em (sửa)");
    expect(await page.getByLabel("Địa chỉ khóa học").inputValue()).toBe("danh-gia-nguy-co");
    expect(await fitsWidth(page)).toBe(true);
    await page.getByRole("button", { name: "Tạo khóa học" }).click();
    await page.waitForURL(/\/author\/danh-gia-nguy-co$/);
    await page.context().close();
  });

  it("without JavaScript, is shown the proposed address before the course is created", async () => {
    const page = await newPage(browser, { ...PHONE, javaScriptEnabled: false });
    await signIn(page, "trainer");
    await page.goto("/author");
    await page.getByLabel("Tên khóa học").fill("Cán bộ cấp xã");
    await page.getByRole("button", { name: "Tạo khóa học" }).click();
    await page.getByText("Địa chỉ đề xuất: can-bo-cap-xa-2.").waitFor();
    expect(await page.getByLabel("Tên khóa học").inputValue()).toBe("Cán bộ cấp xã");
    expect(await page.getByLabel("Địa chỉ khóa học").inputValue()).toBe("can-bo-cap-xa-2");
    await page.getByRole("button", { name: "Tạo khóa học" }).click();
    await page.waitForURL(/\/author\/can-bo-cap-xa-2$/);
    await page.context().close();
  });
});
