import fs from "node:fs";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, chooseUnit, clickMenuLink, launchBrowser, newPage, signIn } from "./browser";

const COMMUNE = "10205"; // Xã Xuân Lao: nobody is placed there in the demo

/** Fills the downloaded template's first sheet below its header (the example is on a sheet of its own). */
async function fillTemplate(templatePath: string, rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(fs.readFileSync(templatePath) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error("template has no sheet");
  expect(sheet.actualRowCount).toBe(1);
  rows.forEach((row, index) => {
    sheet.getRow(index + 2).values = row;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function upload(page: Page, name: string, buffer: Buffer) {
  await page.goto("/roster");
  await page.getByLabel(/Tệp danh sách/).setInputFiles({
    name,
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer,
  });
  await page.getByRole("button", { name: "Tải lên và kiểm tra" }).click();
  await page.getByRole("heading", { level: 1, name: new RegExp(`Kết quả kiểm tra: ${name}`) }).waitFor();
}

describe.runIf(browserAvailable())("a manager imports the staff roster from a spreadsheet", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("downloads the template, sees two errors by row and column, fixes them, imports once, and the staff appear in the report", async () => {
    const page = await newPage(browser, { acceptDownloads: true, viewport: { width: 1024, height: 900 } });
    await signIn(page, "manager");

    // A course assigned to the commune first: whoever is placed there later has it (live membership).
    await page.goto("/assignments/new");
    await page
      .getByLabel("Khóa học", { exact: true })
      .selectOption({ label: "Bảo vệ trẻ em ở cấp xã: nhiệm vụ và quy trình hỗ trợ, can thiệp" });
    await chooseUnit(page, "unitCode", COMMUNE);
    await page.getByLabel("Hạn hoàn thành").fill("2099-03-31");
    await page.getByRole("button", { name: "Giao khóa học" }).click();
    await page.getByText("Đã giao khóa học.").waitFor();

    await clickMenuLink(page, "Nhập danh sách");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Tải tệp mẫu (.xlsx)" }).click(),
    ]);
    const template = await download.path();

    const people = [
      ["Sùng Thị Mỷ", "03/04/1992", "0976100201", "", COMMUNE, "Người làm công tác bảo vệ trẻ em cấp xã", ""],
      ["Giàng A Páo", "", "0976100202", "", COMMUNE, "Cộng tác viên thôn, bản", ""],
      ["Lầu Thị Dợ", "", "0976100203", "", COMMUNE, "Tình nguyện viên", ""],
    ];
    const withErrors = people.map((row) => [...row]);
    (withErrors[1] as string[])[2] = "097610"; // too short a phone number
    (withErrors[2] as string[])[4] = "99999"; // no such unit
    await upload(page, "danh-sach-xuan-lao.xlsx", await fillTemplate(template, withErrors));
    const problems = page.getByTestId("roster-problems");
    await problems.waitFor();
    const text = await problems.innerText();
    expect(text).toMatch(/3\s+Điện thoại\s+Số điện thoại "097610" không đúng/);
    expect(text).toMatch(/4\s+Mã đơn vị\s+Không có đơn vị mã "99999"/);
    expect(await page.getByRole("button", { name: /Xác nhận ghi/ }).count()).toBe(0);

    await upload(page, "danh-sach-xuan-lao-da-sua.xlsx", await fillTemplate(template, people));
    expect(await page.getByTestId("roster-problems").count()).toBe(0);
    await page.getByRole("button", { name: "Xác nhận ghi 3 thay đổi" }).click();
    await page.getByText("Đã tạo 3 tài khoản, cập nhật 0, chuyển 0 người.").waitFor();
    const [sheet] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: /Tải danh sách tài khoản mới/ }).click(),
    ]);
    expect(
      fs
        .readFileSync(await sheet.path())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    await page.reload();
    await page.getByText(/đã được tải về \(chỉ tải được một lần\)/).waitFor();

    // The new staff are counted in the commune's report, and listed by name.
    await page.goto("/units?q=xuan%20lao");
    await page.getByRole("link", { name: "Xã Xuân Lao" }).click();
    await page.waitForURL(/\/units\/\d+$/);
    const unitId = new URL(page.url()).pathname.split("/").at(-1);
    await page.goto(`/reports/${unitId}`);
    expect(await page.getByTestId("trained-count").innerText()).toBe("0/3 người");
    await page.getByRole("link", { name: "Danh sách người được giao" }).click();
    for (const [name] of people)
      await page
        .getByTestId("person")
        .filter({ hasText: name as string })
        .waitFor();
    await page.context().close();
  });
});
