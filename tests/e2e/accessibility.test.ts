/**
 * axe-core on the main screens of each role, at 360 px: any violation of WCAG 2.1 A/AA fails
 * the suite (colour contrast of chart text included), with the rule, the element and the page.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, launchBrowser, newPage, PHONE, signIn, withDatabase } from "./browser";
import { corePages, ROLE_ACCOUNTS, type Role } from "./core-pages";

describe.runIf(browserAvailable())("accessibility of the main screens", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const pages = withDatabase((db) => corePages(db.$client));
  const roles = [...new Set(pages.map((p) => p.role))] as Role[];

  for (const role of roles) {
    it(`${role}: no axe violation on any of its pages`, async () => {
      const page: Page = await newPage(browser, PHONE);
      const account = ROLE_ACCOUNTS[role];
      if (account) await signIn(page, account);
      const found: string[] = [];
      for (const core of pages.filter((p) => p.role === role)) {
        const response = await page.goto(core.path);
        expect(response?.status(), core.path).toBeLessThan(400);
        const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
        for (const violation of result.violations) {
          for (const node of violation.nodes) {
            found.push(`${core.path} — ${violation.id}: ${violation.help} — ${node.target.join(" ")}`);
          }
        }
      }
      expect(found).toEqual([]);
      await page.context().close();
      // A role visits up to a dozen pages, each analysed in full: more than one test's default time.
    }, 240_000);
  }
});
