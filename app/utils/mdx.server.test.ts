import { describe, expect, it } from "vitest";
import { componentSnippets } from "~/domain/authoring";
import { checkMdx, compileMdx, splitFrontmatter } from "./mdx.server";

const problemsOf = (source: string) => checkMdx(source).problems;

describe("the MDX allow-list refuses code and unknown elements at compile time", () => {
  const refused: [string, string, RegExp][] = [
    ["import", "import fs from 'node:fs'\n\nHello", /import hoặc export/],
    ["export", "export const x = 1\n\nHello", /import hoặc export/],
    ["a flow expression", "{process.exit(1)}", /dấu \{ \}/],
    ["an inline expression", "Hai cộng hai là {2 + 2}.", /dấu \{ \}/],
    ["a script element", "<script>alert(1)</script>", /<script> không nằm trong danh sách/],
    ["an iframe", '<iframe src="https://example.com"></iframe>', /<iframe>/],
    ["a plain div", "<div>text</div>", /<div>/],
    ["a fragment", "<>text</>", /<>…<\/>/],
    ["an unknown component", '<Video src="a.mp4" />', /<Video>/],
    ["an expression attribute", "<Callout type={danger}>x</Callout>", /ngoặc kép/],
    ["a spread attribute", "<Callout {...props}>x</Callout>", /dạng \{ … \}/],
    ["an event handler attribute", '<KeyPoint onClick="alert(1)">x</KeyPoint>', /không có thuộc tính "onClick"/],
    ["a javascript: link", "[bấm](javascript:alert(1))", /không được phép/],
    ["a data: link", "[x](data:text/html,hi)", /không được phép/],
    ["a markdown image", "![](a.png)", /<Figure/],
    ["a figure without alt", '<Figure src="a.svg" />', /thiếu thuộc tính bắt buộc "alt"/],
    ["a figure with empty alt", '<Figure src="a.svg" alt="" />', /"alt" của <Figure> không được để trống/],
    ["a callout of unknown type", '<Callout type="danger">x</Callout>', /phải là một trong: note, warning, law/],
    ["a step outside steps", '<Step title="a">x</Step>', /chỉ được đặt bên trong <Steps>/],
    ["text directly in a case study", '<CaseStudy title="t">\nLoose text\n</CaseStudy>', /chỉ được có <Situation>/],
    ["a bare less-than", "Trẻ <3 tuổi", /Dấu "<" dùng sai/],
  ];
  for (const [what, source, message] of refused) {
    it(`refuses ${what}`, () => {
      const problems = problemsOf(source);
      expect(problems.length, what).toBeGreaterThan(0);
      expect(problems.map((p) => p.message).join("\n")).toMatch(message);
    });
  }

  it("gives the line and column of the problem, counting the frontmatter", () => {
    const source = "---\ntitle: Bài\nminutes: 5\n---\n\nĐoạn một.\n\nHai là {1+1}.\n";
    const { body, bodyLineOffset } = splitFrontmatter(source);
    expect(checkMdx(body, bodyLineOffset).problems).toEqual([
      { line: 8, column: 8, message: "Không được dùng biểu thức trong dấu { } — hãy viết chữ thường." },
    ]);
  });

  it("accepts Markdown and every allowed component, and lists the files it refers to", () => {
    const source = [
      "## Tiêu đề",
      "",
      "| a | b |",
      "|---|---|",
      "| 1 | 2 |",
      "",
      '<Callout type="law" title="Điều 47">Ba cấp độ.</Callout>',
      "",
      "<KeyPoint>Nhớ.</KeyPoint>",
      "",
      '<Steps>\n<Step title="Một">a</Step>\n<Step title="Hai">b</Step>\n</Steps>',
      "",
      'Một <Term definition="người dưới 16 tuổi">trẻ em</Term>.',
      "",
      '<CaseStudy title="Em H.">\n<Situation>a</Situation>\n<Questions>b</Questions>\n<Discussion>c</Discussion>\n</CaseStudy>',
      "",
      '<Figure src="hinh.svg" alt="Sơ đồ" caption="Chú thích" />',
      "",
      '<Download file="mau.txt" title="Mẫu" />',
      "",
      "[Cổng](https://example.gov.vn) và [mục](#a) và [gọi](tel:111)",
    ].join("\n");
    const check = checkMdx(source);
    expect(check.problems).toEqual([]);
    expect(check.assets.map((a) => `${a.kind}:${a.name}`)).toEqual(["media:hinh.svg", "file:mau.txt"]);
  });
});

describe("compileMdx", () => {
  it("compiles allowed MDX to code that needs no imports", async () => {
    const result = await compileMdx("# Xin chào\n\n<KeyPoint>Ghi nhớ **điều này**.</KeyPoint>\n");
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.code).toContain("KeyPoint");
      expect(result.code).not.toMatch(/require\(["'](?!react)/);
      expect(result.hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("refuses before compiling", async () => {
    const result = await compileMdx("import x from 'y'\n");
    expect(result).toMatchObject({ ok: false, problems: [{ line: 1, column: 1 }] });
  });
});

describe("the editor's snippets", () => {
  it("are each accepted by the allow-list as inserted", () => {
    for (const snippet of componentSnippets()) {
      const check = checkMdx(`${snippet.text}\n`);
      expect(check.problems, snippet.component).toEqual([]);
    }
  });
});
