import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, fitsWidth, launchBrowser, newPage, PHONE, signIn } from "./browser";

/** Publishes the draft from the course page: the confirmation says who will see it, with a count. */
async function publish(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Xuất bản phiên bản mới" }).click();
  const confirm = page.getByTestId("publish-confirm");
  await confirm.getByText(/Hiện có \d+ người thuộc đối tượng này/).waitFor();
  expect(await confirm.innerText()).toContain("Đơn vị: toàn quốc");
  expect(await fitsWidth(page)).toBe(true);
  await confirm.getByRole("button", { name: "Xác nhận xuất bản" }).click();
  await page.getByText("Đã xuất bản phiên bản mới; người học thấy ngay.").waitFor();
}

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

  it("edits a lesson with Vietnamese buttons and reads what changed between versions per lesson, in words", async () => {
    const slug = "can-bo-cap-tinh-huyen";
    const lesson = "ban-chi-dao-sau-2025";
    const page = await newPage(browser, PHONE);
    await signIn(page, "admin");
    await page.goto(`/author/${slug}/lessons/${lesson}`);
    await page.locator(".cm-editor").waitFor();
    await page.getByRole("button", { name: "Khung lưu ý" }).waitFor();
    await page.getByRole("button", { name: "Các bước" }).waitFor();
    expect(await page.getByRole("button", { name: "Callout" }).count()).toBe(0);
    expect(await page.locator("body").innerText()).not.toContain("MDX");
    await page.context().close();

    // Without JavaScript: the text area, saved, then published (confirming), then compared.
    const plain = await newPage(browser, { ...PHONE, javaScriptEnabled: false });
    await signIn(plain, "admin");
    await plain.goto(`/author/${slug}/lessons/${lesson}`);
    const body = plain.getByLabel("Nội dung bài");
    await body.fill(`${await body.inputValue()}\n\nĐoạn mới thêm để thử so sánh phiên bản trên điện thoại.\n`);
    await plain.getByRole("button", { name: "Lưu", exact: true }).click();
    await plain.goto(`/author/${slug}`);
    await publish(plain);
    await plain.goto(`/author/${slug}/versions`);
    await plain.getByRole("link", { name: "So sánh với phiên bản trước" }).first().click();
    const changed = plain.getByTestId("diff-lesson");
    expect(await changed.count()).toBe(1);
    const text = await changed.innerText();
    expect(text).toMatch(/^Bài: /);
    expect(text).toContain("Đã thêm 1 đoạn.");
    expect(text).not.toContain("lessons/");
    expect(await plain.locator("body").innerText()).not.toContain("@@");
    expect(await fitsWidth(plain)).toBe(true);
    await plain.context().close();
  }, 240_000);
});
