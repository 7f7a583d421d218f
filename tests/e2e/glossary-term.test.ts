import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserAvailable, fitsWidth, launchBrowser, newPage, PHONE, signIn } from "./browser";

const LESSON_TITLE = "Vai trò và nhiệm vụ bảo vệ trẻ em ở cấp xã";

/** Where the text just before and just after the term sits, against the term's own line boxes. */
function placement(page: Page) {
  return page
    .locator(".prose-lesson p .term")
    .first()
    .evaluate((term) => {
      const word = term.querySelector(".term-word") as HTMLElement;
      const rects = word.getClientRects();
      const first = rects[0] as DOMRect;
      const last = rects[rects.length - 1] as DOMRect;
      const charRect = (node: Node | null, fromEnd: boolean) => {
        if (!node || node.nodeType !== Node.TEXT_NODE || !node.textContent) return null;
        const range = document.createRange();
        const at = fromEnd ? node.textContent.length - 1 : 0;
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        return range.getBoundingClientRect();
      };
      const before = charRect(term.previousSibling, true);
      const after = charRect(term.nextSibling, false);
      const paragraph = term.closest("p") as HTMLElement;
      const next = paragraph.nextElementSibling as HTMLElement | null;
      // Measured from the paragraph's top: a tap may scroll the page.
      const top = paragraph.getBoundingClientRect().top;
      const tip = (term.querySelector(".term-tip") as HTMLElement).getBoundingClientRect();
      return {
        parentTag: term.parentElement?.tagName,
        beforeSameLine: before ? Math.abs(before.top - first.top) < 6 : null,
        afterSameLine: after ? Math.abs(after.top - last.top) < 6 : null,
        paragraphHeight: paragraph.getBoundingClientRect().height,
        nextTop: (next?.getBoundingClientRect().top ?? 0) - top,
        wordBottom: last.bottom - top,
        tip: { top: tip.top - top, left: tip.left, right: tip.right },
      };
    });
}

async function termFlowsAndOpensInPlace(page: Page, username: string) {
  await signIn(page, username);
  await page.goto("/courses/can-bo-cap-xa");
  await page.getByRole("link", { name: LESSON_TITLE }).click();
  await page.getByRole("heading", { level: 1, name: LESSON_TITLE }).waitFor();

  // The term sits in its paragraph, on the same line as the words around it.
  const closed = await placement(page);
  expect(closed.parentTag).toBe("P");
  expect(closed.beforeSameLine).toBe(true);
  expect(closed.afterSameLine).toBe(true);

  const term = page.locator(".prose-lesson p .term").first();
  const tip = term.locator(".term-tip");
  expect(await tip.isVisible()).toBe(false);
  await term.locator(".term-word").tap();
  await tip.waitFor({ state: "visible" });
  expect(await tip.innerText()).toContain("dưới 16 tuổi");

  // Opening it moved nothing: the paragraph and what follows keep their place.
  const open = await placement(page);
  expect(open.paragraphHeight).toBe(closed.paragraphHeight);
  expect(open.nextTop).toBe(closed.nextTop);
  expect(open.tip.top).toBeGreaterThanOrEqual(open.wordBottom - 1);
  expect(open.tip.left).toBeGreaterThanOrEqual(0);
  expect(open.tip.right).toBeLessThanOrEqual(360);
  expect(await fitsWidth(page)).toBe(true);

  // Tapping elsewhere closes it.
  await page.getByRole("heading", { level: 1, name: LESSON_TITLE }).tap();
  await tip.waitFor({ state: "hidden" });
}

describe.runIf(browserAvailable())("a glossary term in a lesson on a phone", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("with JavaScript: flows in its sentence and opens its explanation without moving the text", async () => {
    const page = await newPage(browser, PHONE);
    await termFlowsAndOpensInPlace(page, "learner");
    await page.context().close();
  });

  it("without JavaScript: the same", async () => {
    const page = await newPage(browser, { ...PHONE, javaScriptEnabled: false });
    await termFlowsAndOpensInPlace(page, "learner2");
    await page.context().close();
  });
});
