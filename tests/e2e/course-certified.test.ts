import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expiryDate, formatCertificateCode } from "~/domain/certificate";
import { renewalOpensOn } from "~/domain/completion";
import { formatDate, todayInVietnam } from "~/i18n";
import { browserAvailable, fitsWidth, launchBrowser, newPage, PHONE, signIn } from "./browser";
import { givePassword, issueCertificate } from "./fixtures";

const USERNAME = "vi.van.hung";
const PASSWORD = "certified-2026";
const SLUG = "can-bo-cap-xa";

/** Once certified, the course page shows the certificate where "Làm bài kiểm tra" was. */
async function courseShowsCertificate(page: Page, code: string) {
  await signIn(page, USERNAME, PASSWORD);
  await page.goto(`/courses/${SLUG}`);
  const card = page.getByTestId("course-certificate");
  await card.waitFor();
  expect(await page.getByRole("link", { name: "Làm bài kiểm tra" }).count()).toBe(0);
  const expiresOn = expiryDate(todayInVietnam(), 24);
  const text = await card.innerText();
  expect(text).toContain("Bạn đã hoàn thành khóa học này");
  expect(text).toContain("Còn hiệu lực");
  expect(text).toContain(`Còn hiệu lực đến hết ngày ${formatDate("vi", expiresOn)}.`);
  expect(text).toContain(`Từ ngày ${formatDate("vi", renewalOpensOn(expiresOn))}, bạn có thể làm lại bài kiểm tra`);
  expect(text).toContain(formatCertificateCode(code));
  expect(await fitsWidth(page)).toBe(true);

  const pdfHref = (await card.getByRole("link", { name: "Tải bản PDF" }).getAttribute("href")) as string;
  const pdf = await page.request.get(pdfHref);
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await card.getByRole("link", { name: "Chi tiết" }).click();
  await page.waitForURL(/\/certificates\/\d+$/);
  await page.getByText(formatCertificateCode(code)).first().waitFor();

  // The quiz page says the same, with the certificate.
  await page.goto(`/courses/${SLUG}/quiz`);
  await page.getByTestId("course-certificate").waitFor();
  expect(await page.getByRole("button", { name: "Bắt đầu làm bài" }).count()).toBe(0);
}

describe.runIf(browserAvailable())("a certified learner's course page on a phone", () => {
  let browser: Browser;
  let code: string;
  beforeAll(async () => {
    await givePassword(USERNAME, PASSWORD);
    code = issueCertificate({ username: USERNAME, slug: SLUG, unitCode: "09901" }).code;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("with JavaScript: shows the certificate, its validity and renewal date instead of the quiz", async () => {
    const page = await newPage(browser, PHONE);
    await courseShowsCertificate(page, code);
    await page.context().close();
  });

  it("without JavaScript: the same", async () => {
    const page = await newPage(browser, { ...PHONE, javaScriptEnabled: false });
    await courseShowsCertificate(page, code);
    await page.context().close();
  });
});
