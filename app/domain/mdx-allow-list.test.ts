import { describe, expect, it } from "vitest";
import { checkLessonText, checkMdxTree, findFrontmatterFence, LESSON_LIMITS } from "./mdx-allow-list";

type Node = { type: string; children?: Node[]; value?: string; position?: { start: { line: number; column: number } } };

/** A chain of `depth` nested block quotes, built without recursion. */
function nested(depth: number): Node {
  const root: Node = { type: "root", children: [] };
  let parent = root;
  for (let i = 0; i < depth; i++) {
    const child: Node = { type: "blockquote", children: [], position: { start: { line: 1, column: i + 1 } } };
    parent.children?.push(child);
    parent = child;
  }
  return root;
}

describe("the tree check is bounded", () => {
  it("walks a tree far deeper than the call stack without recursion, and stops at the depth limit", () => {
    const check = checkMdxTree(nested(200_000));
    expect(check.problems).toHaveLength(1);
    expect(check.problems[0]).toMatchObject({ line: 1, column: LESSON_LIMITS.maxDepth + 1 });
    expect(check.problems[0]?.message).toMatch(/lồng nhau quá sâu/);
  });

  it("accepts a tree at the depth limit", () => {
    expect(checkMdxTree(nested(LESSON_LIMITS.maxDepth)).problems).toEqual([]);
  });

  it("stops at the node limit", () => {
    const wide: Node = {
      type: "root",
      children: Array.from({ length: 30_000 }, () => ({ type: "text", value: "a" })),
    };
    const check = checkMdxTree(wide);
    expect(check.problems).toHaveLength(1);
    expect(check.problems[0]?.message).toMatch(/quá phức tạp \(quá 20\.000 phần tử\)/);
  });
});

describe("the text check, before any parser", () => {
  const first = (text: string) => checkLessonText(text)[0];

  it("refuses a lesson over 100 KB, counted in UTF-8 bytes", () => {
    expect(first("a".repeat(100 * 1024))).toBeUndefined();
    expect(first("a".repeat(100 * 1024 + 1))?.message).toMatch(/^Bài học quá dài \(101 KB, tối đa 100 KB\)/);
    // 93,000 characters of Vietnamese are 129 KB once encoded.
    expect(first("Bảo vệ trẻ em khỏi bị xâm hại. ".repeat(3000))?.message).toMatch(/quá dài \(129 KB/);
  });

  it("refuses any front-matter fence on the first line with text, with its line and column", () => {
    const cases: [string, number, number, string][] = [
      ["---js\nrequire('fs')\n---\n", 1, 1, "---js"],
      ["---javascript\n1\n---\n", 1, 1, "---javascript"],
      ["--- js\n1\n---\n", 1, 1, "--- js"],
      ["---coffee\n1\n---\n", 1, 1, "---coffee"],
      ["---\ntitle: x\n---\n", 1, 1, "---"],
      ["+++\ntitle = 'x'\n+++\n", 1, 1, "+++"],
      ["\uFEFF---js\n1\n---\n", 1, 2, "---js"],
      ["\n\n   ---js\n1\n---\n", 3, 4, "---js"],
    ];
    for (const [text, line, column, fence] of cases) {
      expect(findFrontmatterFence(text), JSON.stringify(text)).toMatchObject({ line, column, fence });
      const problem = first(text);
      expect(problem, JSON.stringify(text)).toMatchObject({ line, column });
      expect(problem?.message).toContain(`"${fence}"`);
    }
  });

  it("accepts a rule or a heading underline after text", () => {
    expect(checkLessonText("Đoạn mở đầu.\n\n---\n\nĐoạn sau.\n")).toEqual([]);
    expect(checkLessonText("Tiêu đề\n---\n")).toEqual([]);
  });

  it("refuses block quotes and lists nested deeper than the limit on one line, at the first one too many", () => {
    expect(first(`${">".repeat(5000)} a`)).toMatchObject({ line: 1, column: 25 });
    expect(first(`${"- ".repeat(5000)}a`)).toMatchObject({ line: 1, column: 49 });
    expect(first(`Đoạn.\n\n${"> 1. ".repeat(13)}a`)?.message).toMatch(/lồng nhau quá sâu/);
    expect(checkLessonText(`${"> ".repeat(24)}a`)).toEqual([]);
  });

  it("refuses components nested deeper than the limit, but not code that shows tags", () => {
    expect(first(`${"<KeyPoint>".repeat(3000)}a${"</KeyPoint>".repeat(3000)}`)).toMatchObject({ line: 1, column: 241 });
    expect(first(`${"<KeyPoint>\n".repeat(30)}a\n${"</KeyPoint>\n".repeat(30)}`)?.line).toBe(25);
    expect(checkLessonText(`${'<Figure src="a.png" alt="a" />\n'.repeat(100)}`)).toEqual([]);
    expect(checkLessonText(`\`\`\`html\n${"<div>".repeat(50)}\n\`\`\`\n\n\`${"<b>".repeat(30)}\`\n`)).toEqual([]);
  });
});
