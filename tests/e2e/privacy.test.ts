/**
 * Issue 17 at 360 px: a person's first sign-in shows the privacy notice; they confirm it,
 * download their data and ask for a correction, which their manager then sees.
 */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchKey } from "~/domain/text";
import { hashPassword } from "~/utils/password.server";
import { orgUnits, placements, positions, roleGrants, users } from "../../db/schema";
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

const USERNAME = "lo.van.binh";
const FULL_NAME = "Lò Văn Bình";
const PASSWORD = "privacy-e2e-2026";

/** A commune officer of Điện Biên made for this test only, who has never signed in. */
async function prepareNewcomer() {
  const passwordHash = await hashPassword(PASSWORD);
  withDatabase((db) => {
    const unit = db.select().from(orgUnits).where(eq(orgUnits.code, "10201")).get();
    const officer = db.select().from(positions).where(eq(positions.code, "commune_officer")).get();
    if (!unit || !officer) throw new Error("demo data missing");
    const id = crypto.randomUUID();
    db.insert(users)
      .values({ id, username: USERNAME, fullName: FULL_NAME, fullNameSearch: searchKey(FULL_NAME), passwordHash })
      .run();
    db.insert(placements)
      .values({ userId: id, orgUnitId: unit.id, positionId: officer.id, startDate: "2025-07-01" })
      .run();
    db.insert(roleGrants).values({ userId: id, role: "learner", orgUnitId: unit.id }).run();
  });
}

describe.runIf(browserAvailable())("personal data, as the person and their manager see it", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    await prepareNewcomer();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the notice at first sign-in, My data and its download, a correction the manager sees", async () => {
    for (const javaScriptEnabled of [false, true]) {
      const page = await newPage(browser, { ...PHONE, javaScriptEnabled });
      if (javaScriptEnabled) {
        await signIn(page, USERNAME, PASSWORD);
        await page.goto("/my-data");
      } else {
        await signIn(page, USERNAME, PASSWORD, { acknowledgeNotice: false });
        // No menu until the notice is confirmed, and every address leads back to it.
        expect(new URL(page.url()).pathname).toBe("/privacy/acknowledge");
        await page.getByRole("heading", { name: "Trước khi tiếp tục: thông báo về dữ liệu cá nhân" }).waitFor();
        expect(await page.getByRole("navigation", { name: "Trình đơn" }).locator("a").count()).toBe(0);
        await page.goto("/certificates");
        expect(new URL(page.url()).pathname).toBe("/privacy/acknowledge");
        expect(await fitsWidth(page)).toBe(true);
        // Confirming without ticking is refused beside the box.
        await page.getByRole("button", { name: "Xác nhận và tiếp tục" }).click();
        await page.getByText("Hãy đánh dấu rằng bạn đã đọc thông báo.").waitFor();
        await page.getByRole("checkbox", { name: "Tôi đã đọc và hiểu thông báo này" }).check();
        await page.getByRole("checkbox", { name: /Tôi đồng ý nhận nhắc nhở/ }).check();
        await page.getByRole("button", { name: "Xác nhận và tiếp tục" }).click();
        await page.waitForURL((url) => url.pathname === "/certificates");
        await page.getByRole("link", { name: "Dữ liệu của tôi" }).click();
      }
      await page.getByRole("heading", { name: "Dữ liệu của tôi", level: 1 }).waitFor();
      expect(await fitsWidth(page)).toBe(true);
      if (!javaScriptEnabled) {
        expect(await page.getByTestId("contact-consent").innerText()).toContain("Bạn đang đồng ý nhận nhắc nhở");
        await page.getByRole("button", { name: "Rút lại đồng ý" }).click();
        await page.getByText("Bạn chưa đồng ý nhận nhắc nhở").waitFor();
        continue;
      }
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "Tải toàn bộ dữ liệu (JSON)" }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^du-lieu-cua-toi-\d{4}-\d{2}-\d{2}\.json$/);
      const held = JSON.parse(await streamText(await download.createReadStream()));
      expect(held.tables.users[0].username).toBe(USERNAME);
      expect(held.tables.contact_consents.map((c: { granted: boolean }) => c.granted)).toEqual([true, false]);

      await page.getByLabel("Nội dung cần chỉnh sửa").fill("Tôi đã chuyển sang làm ở xã Mường Phăng từ tháng 10.");
      await page.getByRole("button", { name: "Gửi đề nghị" }).click();
      await page.getByText("Đã gửi đề nghị chỉnh sửa.").waitFor();
      expect(await page.getByTestId("my-corrections").innerText()).toContain("Đang chờ xử lý");
      await page.context().close();
    }

    const manager = await newPage(browser, PHONE);
    await signIn(manager, "manager");
    await clickMenuLink(manager, "Đề nghị sửa dữ liệu");
    const request = manager.getByTestId("corrections").locator("li", { hasText: FULL_NAME });
    await request.getByText("xã Mường Phăng").waitFor();
    await request.getByLabel("Cách đã xử lý").fill("Đã cập nhật nơi công tác.");
    await request.getByRole("button", { name: "Đã chỉnh sửa" }).click();
    await manager.getByText("Đã ghi lại cách xử lý đề nghị.").waitFor();
    await manager.context().close();
  });
});

async function streamText(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}
