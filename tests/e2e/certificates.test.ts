import crypto from "node:crypto";
import fs from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { certificateCodeFrom, formatCertificateCode } from "~/domain/certificate";
import { browserAvailable, fitsWidth, launchBrowser, newPage, PHONE, signIn } from "./browser";
import { issueCertificate } from "./fixtures";

/**
 * The demo learner holds a certificate issued straight into the server's database: this test
 * is about what a holder and a verifier see, not about passing a quiz. The course is one the
 * learner is not otherwise taking, so other browser tests' quiz journeys are unaffected.
 */
const issueCertificateToLearner = () =>
  issueCertificate({ username: "learner", slug: "cong-tac-vien-thon-ban", unitCode: "09401" });

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
