import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { searchKey } from "~/domain/text";
import { todayInVietnam } from "~/i18n";
import { hashPassword } from "~/utils/password.server";
import { openDatabase } from "../../db/client";
import { orgUnits, placements, positions, roleGrants, users } from "../../db/schema";
import {
  browserAvailable,
  chooseUnit,
  clickMenuLink,
  fitsWidth,
  launchBrowser,
  newPage,
  PHONE,
  signIn,
} from "./browser";

const LEARNER = { username: "lo.thi.bua", fullName: "Lò Thị Bua", password: "tap-huan-e2e-2026" };
const DISTRICT = "102"; // Huyện Mường Ảng
const TRAINER_NAME = "lo van thang"; // Lò Văn Thắng, the demo trainer, found without diacritics
const COMMUNE = "10203"; // Xã Ẳng Cang

/** A commune officer of Ẳng Cang who can sign in (the UI has no way to set a password directly). */
async function prepareLearner() {
  const passwordHash = await hashPassword(LEARNER.password);
  const db = openDatabase(inject("databasePath"));
  try {
    const unit = db.select().from(orgUnits).where(eq(orgUnits.code, COMMUNE)).get();
    const officer = db.select().from(positions).where(eq(positions.code, "commune_officer")).get();
    if (!unit || !officer) throw new Error("demo data missing");
    const id = crypto.randomUUID();
    db.insert(users)
      .values({
        id,
        username: LEARNER.username,
        fullName: LEARNER.fullName,
        fullNameSearch: searchKey(LEARNER.fullName),
        passwordHash,
      })
      .run();
    db.insert(placements)
      .values({ userId: id, orgUnitId: unit.id, positionId: officer.id, startDate: "2025-07-01" })
      .run();
    db.insert(roleGrants).values({ userId: id, role: "learner", orgUnitId: unit.id }).run();
  } finally {
    db.$client.close();
  }
}

describe.runIf(browserAvailable())("an in-person training counts toward the indicator", () => {
  let browser: Browser;
  beforeAll(async () => {
    await prepareLearner();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the organiser invites a district's commune officers, the learner confirms, the trainer ticks attendance on a phone; the certificate appears and the indicator rises", async () => {
    const manager = await newPage(browser, { viewport: { width: 1024, height: 900 } });
    await signIn(manager, "manager");
    // The course is assigned to the district's commune officers, so they count in its indicator.
    await manager.goto("/assignments/new");
    await manager
      .getByLabel("Khóa học", { exact: true })
      .selectOption({ label: "Bảo vệ trẻ em ở cấp xã: nhiệm vụ và quy trình hỗ trợ, can thiệp" });
    await manager.getByLabel("Tìm đơn vị theo tên").fill("muong ang");
    await manager.getByRole("radio", { name: /^Huyện Mường Ảng/ }).check();
    await manager.getByLabel("Người làm công tác bảo vệ trẻ em cấp xã").check();
    await manager.getByLabel("Hạn hoàn thành").fill("2099-06-30");
    await manager.getByRole("button", { name: "Giao khóa học" }).click();
    await manager.getByText("Đã giao khóa học.").waitFor();

    await manager.goto("/units?q=muong%20ang");
    await manager.getByRole("link", { name: "Huyện Mường Ảng" }).click();
    await manager.waitForURL(/\/units\/\d+$/);
    const districtReport = `/reports/${new URL(manager.url()).pathname.split("/").at(-1)}`;
    await manager.goto(districtReport);
    const before = await manager.getByTestId("trained-count").innerText();
    expect(before).toMatch(/^0\/\d+ người$/);

    await clickMenuLink(manager, "Tập huấn trực tiếp");
    await manager.getByRole("link", { name: "Tạo buổi tập huấn" }).click();
    await manager.getByLabel("Tên buổi tập huấn").fill("Hội nghị tập huấn bảo vệ trẻ em huyện Mường Ảng");
    await manager.getByLabel("Địa điểm").fill("Hội trường UBND huyện Mường Ảng");
    await manager.getByLabel("Bảo vệ trẻ em ở cấp xã: nhiệm vụ và quy trình hỗ trợ, can thiệp").check();
    await manager.locator('input[name="days[0].date"]').fill(todayInVietnam());
    await manager.locator('input[name="days[0].startsAt"]').fill("00:00");
    await manager.locator('input[name="days[0].endsAt"]').fill("23:59");
    await chooseUnit(manager, "audienceCode", DISTRICT);
    await manager.locator('fieldset:has-text("Chỉ các chức danh") input[value="commune_officer"]').check();
    // Before creating it, the organiser sees how many people will be invited.
    await manager.getByTestId("audience-count").getByText("2 người sẽ được mời").waitFor();
    const trainers = manager.locator('fieldset[data-picker="trainerUsernames"]');
    await trainers.getByRole("searchbox").fill(TRAINER_NAME);
    await trainers.locator('input[name="trainerUsernames"][value="trainer"]').first().check();
    await manager.getByRole("button", { name: "Tạo và gửi lời mời" }).click();
    await manager.getByText("Đã tạo buổi tập huấn và gửi lời mời.").waitFor();
    const eventPath = new URL(manager.url()).pathname;
    expect(await manager.getByTestId("event-counts").innerText()).toMatch(/Được mời\s+2/);

    const learner = await newPage(browser, PHONE);
    await signIn(learner, LEARNER.username, LEARNER.password);
    const invitation = learner.getByTestId("invitations");
    await invitation.getByText("Hội nghị tập huấn bảo vệ trẻ em huyện Mường Ảng").waitFor();
    await invitation.getByRole("button", { name: "Tôi sẽ dự" }).click();
    await learner.getByText("Bạn đã xác nhận dự.").waitFor();

    // The trainer ticks attendance on a 360-px phone, finding her by name typed without diacritics.
    const trainer = await newPage(browser, PHONE);
    await signIn(trainer, "trainer");
    await trainer.goto(`${eventPath}/days/1`);
    await trainer.locator("#attendance-search").fill("lo thi bua");
    const row = trainer.getByTestId("attendee").filter({ hasText: LEARNER.fullName });
    await row.getByRole("button", { name: "Cả ngày" }).click();
    await trainer
      .getByTestId("attendee")
      .filter({ hasText: LEARNER.fullName })
      .getByRole("button", { name: "Cả ngày", pressed: true })
      .waitFor();
    expect(await fitsWidth(trainer)).toBe(true);
    const box = await row.getByRole("button", { name: "Vắng" }).boundingBox();
    expect(box?.height ?? 0).toBeGreaterThanOrEqual(44);
    await trainer.context().close();

    await learner.goto("/certificates");
    await learner.getByText("Bảo vệ trẻ em ở cấp xã: nhiệm vụ và quy trình hỗ trợ, can thiệp").first().waitFor();
    expect(await learner.getByText("Còn hiệu lực", { exact: true }).count()).toBeGreaterThan(0);
    await learner.context().close();

    await manager.goto(districtReport);
    const after = await manager.getByTestId("trained-count").innerText();
    expect(Number(after.split("/")[0])).toBe(Number(before.split("/")[0]) + 1);
    expect(await manager.getByTestId("trained-how").innerText()).toMatch(/Đạt qua tập huấn trực tiếp: 1/);
    await manager.context().close();
  });
});
