import crypto from "node:crypto";
import fs from "node:fs";
import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { certificateCodeFrom, expiryDate, formatCertificateCode } from "~/domain/certificate";
import { todayInVietnam } from "~/i18n";
import { openDatabase } from "../../db/client";
import { certificates, courseCompletions, courses, courseVersions, orgUnits, users } from "../../db/schema";
import { browserAvailable, fitsWidth, launchBrowser, newPage, PHONE, signIn } from "./browser";

/**
 * Issues a certificate to the demo learner straight into the server's database: this test
 * is about what a holder and a verifier see, not about passing a quiz. The course is one
 * the learner is not otherwise taking, so other browser tests' quiz journeys are unaffected.
 */
function issueCertificateToLearner(): { code: string; courseTitle: string } {
  const db = openDatabase(inject("databasePath"));
  try {
    const learner = db.select().from(users).where(eq(users.username, "learner")).get();
    const course = db.select().from(courses).where(eq(courses.slug, "cong-tac-vien-thon-ban")).get();
    const version = course?.currentVersionId
      ? db.select().from(courseVersions).where(eq(courseVersions.id, course.currentVersionId)).get()
      : undefined;
    const unit = db.select().from(orgUnits).where(eq(orgUnits.code, "09401")).get();
    if (!learner || !course || !version || !unit) throw new Error("demo data missing");
    const issuedOn = todayInVietnam();
    return db.transaction((tx) => {
      const completion = tx
        .insert(courseCompletions)
        .values({ userId: learner.id, courseId: course.id, courseVersionId: version.id, completedAt: new Date() })
        .returning()
        .get();
      const certificate = tx
        .insert(certificates)
        .values({
          code: certificateCodeFrom(crypto.randomBytes(8)),
          userId: learner.id,
          courseId: course.id,
          courseVersionId: version.id,
          completionId: completion.id,
          courseTitle: version.title,
          courseVersionNumber: version.number,
          holderName: learner.fullName,
          positionName: "Công chức phụ trách bảo vệ trẻ em cấp xã",
          unitName: unit.name,
          unitId: unit.id,
          issuedOn,
          expiresOn: expiryDate(issuedOn, 24),
        })
        .returning()
        .get();
      return { code: certificate.code, courseTitle: certificate.courseTitle };
    });
  } finally {
    db.$client.close();
  }
}

describe.runIf(browserAvailable())("a learner's certificate, and its verification by anyone", () => {
  let browser: Browser;
  let issued: { code: string; courseTitle: string };
  beforeAll(async () => {
    issued = issueCertificateToLearner();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the holder finds it under Certificates, downloads the PDF and opens its verification page", async () => {
    const page = await newPage(browser, { ...PHONE, acceptDownloads: true });
    await signIn(page, "learner");
    await page.getByRole("link", { name: "Chứng nhận", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Chứng nhận của tôi" }).waitFor();
    const code = formatCertificateCode(issued.code);
    const card = page.getByTestId("certificate").filter({ hasText: code });
    await card.waitFor();
    expect(await page.getByRole("heading", { level: 2, name: issued.courseTitle }).count()).toBe(1);
    expect(await card.getByText("Còn hiệu lực", { exact: true }).count()).toBe(1);
    expect(await fitsWidth(page)).toBe(true);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      card.getByRole("link", { name: "Tải bản PDF" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`chung-nhan-${code.replace(/[^0-9A-Z-]/g, "x")}.pdf`);
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // The embedded Vietnamese font subsets make a real certificate tens of kilobytes.
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(bytes.length).toBeLessThan(500_000);

    await card.getByRole("link", { name: "Trang xác minh" }).click();
    await page.getByRole("heading", { level: 1, name: "Xác minh chứng nhận" }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/verify/${encodeURIComponent(issued.code)}`);
    expect(await page.getByText("Còn hiệu lực", { exact: true }).count()).toBe(1);
    expect(await page.locator("main").getByText("Lường Văn Tâm", { exact: true }).count()).toBe(1);
    expect(await fitsWidth(page)).toBe(true);
    await page.context().close();
  });

  it("a visitor without JavaScript types the code at /verify, and is told when it is mistyped", async () => {
    const page = await newPage(browser, { ...PHONE, javaScriptEnabled: false });
    await page.goto("/verify");
    const wrong = issued.code[0] === "7" ? "8" : "7";
    await page.getByLabel("Mã chứng nhận").fill(`${wrong}${issued.code.slice(1)}`);
    await page.getByRole("button", { name: "Xác minh" }).click();
    await page.getByText("Mã chứng nhận không đúng.", { exact: false }).waitFor();

    await page.getByLabel("Mã chứng nhận").fill(formatCertificateCode(issued.code).toLowerCase());
    await page.getByRole("button", { name: "Xác minh" }).click();
    await page.getByText("Còn hiệu lực", { exact: true }).waitFor();
    expect(await page.getByText(issued.courseTitle).count()).toBe(1);
    expect(await page.content()).not.toContain("0912000004");
    expect(await fitsWidth(page)).toBe(true);

    const unknown = await page.goto(`/verify/${encodeURIComponent(certificateCodeFrom(crypto.randomBytes(8)))}`);
    expect(unknown?.status()).toBe(404);
    await page.getByRole("heading", { level: 1, name: "Không tìm thấy chứng nhận" }).waitFor();
    await page.context().close();
  });
});
