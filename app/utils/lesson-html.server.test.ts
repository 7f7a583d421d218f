import { beforeAll, describe, expect, it, vi } from "vitest";
import { renderLessonHtml } from "./lesson-html.server";
import { compileMdx, warmMdxWorkers } from "./mdx.server";

vi.setConfig({ testTimeout: 60_000 });
beforeAll(() => warmMdxWorkers(), 120_000);

/** Elements a <p> may hold (HTML's phrasing content, those a lesson can produce). */
const PHRASING = new Set([
  "a",
  "abbr",
  "b",
  "br",
  "button",
  "code",
  "dfn",
  "em",
  "i",
  "img",
  "span",
  "strong",
  "sub",
  "sup",
]);

/** The tags found inside each paragraph of the HTML. */
function tagsInParagraphs(html: string): string[][] {
  return [...html.matchAll(/<p(?:\s[^>]*)?>([\s\S]*?)<\/p>/g)].map((m) =>
    [...(m[1] ?? "").matchAll(/<([a-z][a-z0-9]*)/g)].map((t) => t[1] as string),
  );
}

async function render(source: string): Promise<string> {
  const compiled = await compileMdx(source);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems));
  return renderLessonHtml(compiled.hash, compiled.code, "khoa-hoc", "vi");
}

describe("a glossary term in a lesson", () => {
  it("stays inside its paragraph, with nothing but phrasing elements, the full stop right after it", async () => {
    const html = await render(
      'Một <Term definition="Người dưới 16 tuổi.">trẻ em</Term>. Và <Term definition="Nghị định 56">mẫu số 01</Term>, rồi tiếp.',
    );
    const paragraphs = tagsInParagraphs(html);
    expect(paragraphs).toHaveLength(1);
    for (const tag of paragraphs[0] ?? []) expect(PHRASING).toContain(tag);
    expect(html).not.toContain("<details");
    // No space or break between the term and the punctuation that follows it.
    expect(html).toMatch(/trẻ em<\/dfn><\/button><span[^>]*>Người dưới 16 tuổi\.<\/span><\/span>\. Và/);
  });

  it("ties each term to its own explanation", async () => {
    const html = await render('<Term definition="A">x</Term> và <Term definition="B">y</Term>.');
    const described = [...html.matchAll(/aria-describedby="([^"]+)"/g)].map((m) => m[1]);
    const tips = [...html.matchAll(/role="tooltip" id="([^"]+)"/g)].map((m) => m[1]);
    expect(described).toHaveLength(2);
    expect(new Set(described).size).toBe(2);
    expect(tips).toEqual(described);
  });
});
