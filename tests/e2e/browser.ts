import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { inject } from "vitest";
import { openDatabase } from "../../db/client";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../setup/chromium";

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export function browserAvailable(): boolean {
  return inject("browserAvailable");
}

/** A cheap phone: 360 px wide, touch. */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: "vi-VN",
};

export function baseURL(): string {
  return inject("baseURL");
}

export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseURL(), locale: "vi-VN", ...options });
  return context.newPage();
}

/**
 * Signs in through the form. A person meeting the privacy notice for the first time (an
 * account a test made) confirms it, unless the test is about the notice itself.
 */
export async function signIn(
  page: Page,
  username: string,
  password = "demo1234",
  options: { acknowledgeNotice?: boolean } = {},
): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  // Client-side navigation changes the URL before React commits: wait for the signed-in shell.
  await page.getByTestId("viewer").waitFor();
  if ((options.acknowledgeNotice ?? true) && new URL(page.url()).pathname === "/privacy/acknowledge") {
    await acknowledgePrivacyNotice(page);
  }
}

export async function acknowledgePrivacyNotice(page: Page): Promise<void> {
  await page.getByRole("checkbox", { name: "Tôi đã đọc và hiểu thông báo này" }).check();
  await page.getByRole("button", { name: "Xác nhận và tiếp tục" }).click();
  await page.waitForURL((url) => url.pathname !== "/privacy/acknowledge");
}

/** True when the page fits the viewport without sideways scrolling. */
export async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

/** Direct access to the server's database, for what a browser test cannot do itself. */
export function withDatabase<T>(work: (db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase(inject("databasePath"));
  try {
    return work(db);
  } finally {
    db.$client.close();
  }
}

/**
 * A link of the main menu: the managing pages sit behind the "Quản lý" disclosure, which is
 * opened first when the page has one.
 */
export async function menuLink(page: Page, name: string) {
  const nav = page.getByRole("navigation", { name: "Trình đơn" });
  const manage = nav.getByTestId("manage-menu");
  if ((await manage.count()) > 0 && !(await manage.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await manage.locator("summary").click();
  }
  return nav.getByRole("link", { name, exact: true });
}

/**
 * Follows a link of the main menu. The "Quản lý" disclosure is remounted closed at each
 * navigation, and one may still be settling (a sign-in's redirect): open it and click again
 * until the click lands.
 */
export async function clickMenuLink(page: Page, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const link = await menuLink(page, name);
    try {
      await link.click({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
}

/**
 * Chooses a unit in a unit picker (with JavaScript): types its code into the picker's search
 * (names without diacritics work too) and ticks the unit found.
 */
export async function chooseUnit(page: Page, field: string, code: string): Promise<void> {
  const picker = page.locator(`fieldset[data-picker="${field}"]`);
  await picker.getByRole("searchbox").fill(code);
  await picker.locator(`input[name="${field}"][value="${code}"]`).check();
}
