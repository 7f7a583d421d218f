import crypto from "node:crypto";
import fs from "node:fs";
import { desc, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DrawnQuestion, itemsOf } from "~/domain/quiz";
import { searchKey } from "~/domain/text";
import { hashPassword } from "~/utils/password.server";
import { orgUnits, placements, positions, quizAttempts, roleGrants, users } from "../../db/schema";
import {
  browserAvailable,
  chooseUnit,
  clickMenuLink,
  fitsWidth,
  launchBrowser,
  newPage,
  PHONE,
  signIn,
  withDatabase,
} from "./browser";

const SLUG = "can-bo-cap-xa";
const COMMUNE = "09405"; // Xã Thanh Minh: nobody else is placed there in the demo
const LEARNER = { username: "hoang.thi.thu", fullName: "Hoàng Thị Thu", password: "bao-cao-e2e-2026" };
const OTHER_MANAGER = { username: "manager.bacninh", fullName: "Ngô Văn Bình", password: "bao-cao-e2e-2026" };

/** A new commune officer of Xã Thanh Minh, and a manager of Bắc Ninh, who can both sign in. */
async function prepareAccounts() {
  const passwordHash = await hashPassword(LEARNER.password);
  withDatabase((db) => {
    const unit = (code: string) => db.select().from(orgUnits).where(eq(orgUnits.code, code)).get();
    const officer = db.select().from(positions).where(eq(positions.code, "commune_officer")).get();
    const province = db.select().from(positions).where(eq(positions.code, "province_officer")).get();
    const commune = unit(COMMUNE);
    const bacNinh = unit("27");
    if (!officer || !province || !commune || !bacNinh) throw new Error("demo data missing");
    const add = (account: typeof LEARNER, unitId: number, positionId: number, roles: ("learner" | "manager")[]) => {
      const id = crypto.randomUUID();
      db.insert(users)
        .values({
          id,
          username: account.username,
          fullName: account.fullName,
          fullNameSearch: searchKey(account.fullName),
          passwordHash,
        })
        .run();
      db.insert(placements).values({ userId: id, orgUnitId: unitId, positionId, startDate: "2025-07-01" }).run();
      for (const role of roles) db.insert(roleGrants).values({ userId: id, role, orgUnitId: unitId }).run();
    };
    add(LEARNER, commune.id, officer.id, ["learner"]);
    add(OTHER_MANAGER, bacNinh.id, province.id, ["manager", "learner"]);
  });
}

/** Ticks the right answers, read from the attempt's frozen draw in the database. */
async function answerRightly(page: Page) {
  const attempt = withDatabase((db) => {
    const user = db.select().from(users).where(eq(users.username, LEARNER.username)).get();
    return db
      .select()
      .from(quizAttempts)
      .where(eq(quizAttempts.userId, user?.id ?? ""))
      .orderBy(desc(quizAttempts.id))
      .get();
  });
  for (const item of itemsOf(attempt?.draw as DrawnQuestion[])) {
    const values =
      item.type === "true-false"
        ? [String(item.answer)]
        : item.options.filter((o) => o.correct).map((o) => String(o.id));
    for (const value of values) await page.locator(`input[name="a:${item.id}"][value="${value}"]`).check();
  }
}

async function openCommuneReport(page: Page) {
  await clickMenuLink(page, "Báo cáo");
  await page.getByRole("heading", { level: 1, name: "Tỉnh Điện Biên" }).waitFor();
  await page.getByTestId("unit-table").getByRole("link", { name: "Thành phố Điện Biên Phủ" }).click();
  await page.getByRole("heading", { level: 1, name: "Thành phố Điện Biên Phủ" }).waitFor();
  await page.getByTestId("unit-table").getByRole("link", { name: "Xã Thanh Minh" }).click();
  await page.getByRole("heading", { level: 1, name: "Xã Thanh Minh" }).waitFor();
}

describe.runIf(browserAvailable())("the manager's dashboard follows a learner's training", () => {
  let browser: Browser;
  beforeAll(async () => {
    await prepareAccounts();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("assign on a phone, the learner completes, the dashboard and the export show it; another province's manager sees none of it", async () => {
    const manager = await newPage(browser, { ...PHONE, acceptDownloads: true });
    await signIn(manager, "manager");
    await manager.goto("/assignments/new");
    await manager
      .getByLabel("Khóa học", { exact: true })
      .selectOption({ label: "Bảo vệ trẻ em ở cấp xã: nhiệm vụ và quy trình hỗ trợ, can thiệp" });
    await chooseUnit(manager, "unitCode", COMMUNE);
    await manager.getByLabel("Hạn hoàn thành").fill("2099-06-30");
    await manager.getByRole("button", { name: "Giao khóa học" }).click();
    await manager.getByText("Đã giao khóa học.").waitFor();

    await openCommuneReport(manager);
    expect(await manager.getByTestId("percent-trained").innerText()).toBe("0%");
    expect(await manager.getByTestId("trained-count").innerText()).toBe("0/1 người");
    expect(await fitsWidth(manager)).toBe(true);
    const communeReport = manager.url();

    // The learner reads every lesson and passes the quiz, on a phone.
    const learner = await newPage(browser, PHONE);
    await signIn(learner, LEARNER.username, LEARNER.password);
    await learner.getByText("Hạn hoàn thành: 30/06/2099").waitFor();
    await learner.goto(`/courses/${SLUG}`);
    const lessons = await learner
      .locator("main ol li a")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href") as string));
    expect(lessons.length).toBeGreaterThan(2);
    for (const href of lessons) {
      await learner.goto(href);
      // Lesson pages carry no JavaScript: the button posts the form and the next page loads.
      await Promise.all([
        learner.waitForURL((url) => url.pathname !== href),
        learner.getByRole("button", { name: /^Đã đọc xong/ }).click(),
      ]);
    }
    await learner.goto(`/courses/${SLUG}`);
    await learner.getByText(`Đã đọc ${lessons.length}/${lessons.length}`).waitFor();
    await learner.goto(`/courses/${SLUG}/quiz`);
    await learner.getByRole("button", { name: "Bắt đầu làm bài" }).click();
    await learner.getByRole("button", { name: "Nộp bài" }).waitFor();
    await answerRightly(learner);
    await learner.getByRole("button", { name: "Nộp bài" }).click();
    await learner.getByText("Chúc mừng! Bạn đã đạt bài kiểm tra.").waitFor();
    await learner.context().close();

    // The manager's figures moved with the submission: no nightly job.
    await manager.goto(communeReport);
    expect(await manager.getByTestId("percent-trained").innerText()).toBe("100%");
    expect(await manager.getByTestId("trained-count").innerText()).toBe("1/1 người");
    await manager.getByRole("link", { name: "Danh sách người được giao" }).click();
    const person = manager.getByTestId("person").filter({ hasText: LEARNER.fullName });
    await person.getByText("Đã hoàn thành").first().waitFor();

    const [download] = await Promise.all([
      manager.waitForEvent("download"),
      manager.getByRole("link", { name: ".xlsx" }).first().click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync(await download.path()) as unknown as ExcelJS.Buffer);
    const rows: string[] = [];
    workbook.worksheets[0]?.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1).join("|"));
    });
    expect(rows[0]).toContain("Xã Thanh Minh");
    expect(rows.find((row) => row.includes(LEARNER.fullName))).toContain("Đã hoàn thành");
    await manager.context().close();

    // A manager of Bắc Ninh sees neither the commune's report nor its export, nor the person.
    const other = await newPage(browser, PHONE);
    await signIn(other, OTHER_MANAGER.username, OTHER_MANAGER.password);
    await clickMenuLink(other, "Báo cáo");
    await other.getByRole("heading", { level: 1, name: "Tỉnh Bắc Ninh" }).waitFor();
    expect(await other.getByText(LEARNER.fullName).count()).toBe(0);
    const communePath = new URL(communeReport).pathname;
    expect((await other.goto(communeReport))?.status()).toBe(404);
    expect((await other.request.get(`${communePath}/export/xlsx?view=people`)).status()).toBe(404);
    expect((await other.request.get(`${communePath}/people`)).status()).toBe(404);
    await other.context().close();
  });
});
