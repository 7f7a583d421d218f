/**
 * `npm run screenshots` — the main screens of each role at 360 × 740, full page, into
 * ./screenshots/<role>-<screen>.png (not committed), so a reviewer can see every screen in
 * one place. Runs the production build on a fresh seeded database.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { chromium } from "playwright-core";
import { signInCookie, startAppServer } from "../setup/app-server";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../setup/chromium";
import { createTemplateDatabase, removeDatabase } from "../setup/temp-database";
import { corePages, ROLE_ACCOUNTS } from "./core-pages";

const OUT = path.resolve(process.argv.find((a) => a.startsWith("--out="))?.slice(6) ?? "screenshots");
fs.mkdirSync(OUT, { recursive: true });

const database = await createTemplateDatabase();
const server = await startAppServer(database, { COOKIE_SECURE: "never", LOG_LEVEL: "warn" });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
try {
  const db = new Database(database, { readonly: true });
  const pages = corePages(db);
  db.close();
  for (const [role, account] of Object.entries(ROLE_ACCOUNTS)) {
    const context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: "vi-VN",
    });
    if (account) {
      const [name, value] = (await signInCookie(server.url, account, "demo1234")).split("=");
      await context.addCookies([{ name: name as string, value: value as string, url: server.url }]);
    }
    const page = await context.newPage();
    for (const core of pages.filter((p) => p.role === role)) {
      await page.goto(core.path);
      const file = path.join(OUT, `${role}-${core.name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(`${path.relative(process.cwd(), file)}  ${core.path}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
  removeDatabase(database);
}
