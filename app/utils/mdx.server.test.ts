import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { componentSnippets } from "~/domain/authoring";
import {
  type CompileResult,
  checkMdx,
  compileMdx,
  MDX_TIME_LIMIT_MS,
  splitFrontmatter,
  warmMdxWorkers,
} from "./mdx.server";

// Starting the worker threads takes seconds on a busy machine (tests run side by side): it is
// not what these tests measure. What they assert is that a refusal comes before the time
// limit, and that a normal lesson does not wait for a pathological one to run out.
vi.setConfig({ testTimeout: 60_000 });
beforeAll(() => warmMdxWorkers(), 120_000);

const problemsOf = async (source: string) => (await checkMdx(source)).problems;

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
    it(`refuses ${what}`, async () => {
      const problems = await problemsOf(source);
      expect(problems.length, what).toBeGreaterThan(0);
      expect(problems.map((p) => p.message).join("\n")).toMatch(message);
    });
  }

  it("gives the line and column of the problem, counting the frontmatter", async () => {
    const source = "---\ntitle: Bài\nminutes: 5\n---\n\nĐoạn một.\n\nHai là {1+1}.\n";
    const { body, bodyLineOffset } = splitFrontmatter(source);
    expect((await checkMdx(body, bodyLineOffset)).problems).toEqual([
      { line: 8, column: 8, message: "Không được dùng biểu thức trong dấu { } — hãy viết chữ thường." },
    ]);
  });

  it("accepts Markdown and every allowed component, and lists the files it refers to", async () => {
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
    const check = await checkMdx(source);
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
  it("are each accepted by the allow-list as inserted", async () => {
    for (const snippet of componentSnippets()) {
      const check = await checkMdx(`${snippet.text}\n`);
      expect(check.problems, snippet.component).toEqual([]);
    }
  });
});

/** A lesson body that would write `marker` if any part of the pipeline evaluated its front matter. */
function frontmatterPayloads(marker: string): [string, string][] {
  const write = `require('fs').writeFileSync('${marker}', 'ran')`;
  return [
    ["---js", `---js\n${write}\n---\n\nXin chào.\n`],
    ["---javascript", `---javascript\n${write}\n---\n`],
    ["--- js (a space)", `--- js\n${write}\n---\n`],
    ["---JavaScript", `---JavaScript\n${write}\n---\n`],
    ["---coffee", `---coffee\nrequire('fs').writeFileSync '${marker}', 'ran'\n---\n`],
    ["---js without a closing fence", `---js\n${write}\n`],
    ["a BOM before ---js", `\uFEFF---js\n${write}\n---\n`],
    ["blank lines and spaces before ---js", `\n\n  ---js\n${write}\n---\n`],
    ["plain --- YAML", "---\ntitle: Bài khác\n---\n\nXin chào.\n"],
  ];
}

describe("front matter in a lesson body", () => {
  const marker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "mdx-fm-")), "ran");
  for (const [what, body] of frontmatterPayloads(marker)) {
    it(`refuses ${what} before any parser runs, and runs nothing`, async () => {
      const checked = await checkMdx(body);
      expect(checked.problems).toHaveLength(1);
      expect(checked.problems[0]?.message).toMatch(/không được mở đầu bằng "(---|\+\+\+)/);
      const compiled = await compileMdx(body, 4);
      expect(compiled.ok).toBe(false);
      if (!compiled.ok) expect(compiled.problems[0]?.line).toBe((checked.problems[0]?.line ?? 0) + 4);
      expect(fs.existsSync(marker)).toBe(false);
    });
  }
});

describe("one lesson's work is bounded", () => {
  const timed = async <T>(work: () => Promise<T>) => {
    const started = performance.now();
    const result = await work();
    return { result, ms: performance.now() - started };
  };

  it("refuses 5,000 nested block quotes at once, saying how deep is too deep", async () => {
    const { result, ms } = await timed(() => compileMdx(`${">".repeat(5000)} a\n`));
    expect(result).toMatchObject({ ok: false, problems: [{ line: 1, column: 25 }] });
    if (!result.ok) expect(result.problems[0]?.message).toMatch(/lồng nhau quá sâu/);
    expect(ms).toBeLessThan(MDX_TIME_LIMIT_MS);
  });

  it("refuses a 200 KB body by its size, before parsing it", async () => {
    const { result, ms } = await timed(() => compileMdx("*a **b *c ".repeat(20_000)));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.message).toMatch(/^Bài học quá dài \(196 KB, tối đa 100 KB\)/);
    expect(ms).toBeLessThan(MDX_TIME_LIMIT_MS);
  });

  it("refuses lists nested by indentation and nested components, by the tree's depth", async () => {
    const list = Array.from({ length: 30 }, (_, i) => `${"  ".repeat(i)}- mục`).join("\n");
    const components = `${"<KeyPoint>\n\n".repeat(30)}a\n\n${"</KeyPoint>\n\n".repeat(30)}`;
    for (const body of [list, components, `${"- ".repeat(5000)}a`, `${"<KeyPoint>".repeat(3000)}a`]) {
      const { result, ms } = await timed(() => checkMdx(body));
      expect(result.problems[0]?.message, body.slice(0, 40)).toMatch(/lồng nhau quá sâu/);
      expect(ms).toBeLessThan(MDX_TIME_LIMIT_MS);
    }
  });

  it("gives up on a lesson that takes too long (an emphasis-heavy body), and the next lesson is served", async () => {
    const pathological = `${"*_".repeat(25_000)}a${"_*".repeat(25_000)}`;
    const { result, ms } = await timed(() => compileMdx(pathological, 3));
    expect(result).toMatchObject({ ok: false, problems: [{ line: 4, column: 1 }] });
    if (!result.ok) expect(result.problems[0]?.message).toMatch(/quá phức tạp, mất quá nhiều thời gian để kiểm tra/);
    expect(ms).toBeGreaterThanOrEqual(MDX_TIME_LIMIT_MS - 50);
    expect(ms).toBeLessThan(MDX_TIME_LIMIT_MS + 5_000);
    expect((await compileMdx("## Sau đó\n\nMột bài bình thường.\n")).ok).toBe(true);
  });

  it("answers a normal lesson quickly while a pathological one holds a worker", async () => {
    await warmMdxWorkers();
    const pathological = timed(() => compileMdx(`${"_*".repeat(20_000)}b${"*_".repeat(20_000)}`));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const normal = await timed(() => compileMdx("## Xem trước\n\n<KeyPoint>Ghi nhớ.</KeyPoint>\n"));
    expect(normal.result.ok).toBe(true);
    expect(normal.ms).toBeLessThan(MDX_TIME_LIMIT_MS);
    const slow = await pathological;
    expect(slow.result.ok).toBe(false);
    expect(slow.ms).toBeGreaterThan(normal.ms);
  });
});

describe("one author among many", () => {
  it("holds at most one place in the queue, and others' lessons go before their next one", async () => {
    await warmMdxWorkers();
    const slow = (n: number) => `${"_*".repeat(20_000)}${n}${"*_".repeat(20_000)}`;
    const order: string[] = [];
    const track = (name: string, work: Promise<CompileResult>) =>
      work.then((result) => {
        order.push(name);
        return result;
      });
    // Two run at once (both workers were idle), the third waits…
    const running = [track("a1", compileMdx(slow(1), 0, "author-a")), track("a2", compileMdx(slow(2), 0, "author-a"))];
    const third = track("a3", compileMdx(slow(3), 0, "author-a"));
    // …until the same author sends a fourth, which takes its place.
    const fourth = track("a4", compileMdx(slow(4), 0, "author-a"));
    const replaced = await third;
    expect(replaced.ok).toBe(false);
    if (!replaced.ok) expect(replaced.problems[0]?.message).toMatch(/bản mới hơn/);
    // Another author, arriving last, is served before the first author's waiting lesson.
    const other = track("b1", compileMdx("## Bài của người khác\n", 0, "author-b"));
    expect((await other).ok).toBe(true);
    await Promise.all([...running, fourth]);
    expect(order.indexOf("b1")).toBeLessThan(order.indexOf("a4"));
  });
});

describe("the files a lesson refers to", () => {
  it("come from the parsed tree, whatever the quotes", async () => {
    const check = await checkMdx(`<Figure src='so-do.png' alt="Sơ đồ" />\n\n<Download file='mau.pdf' title='Mẫu' />\n`);
    expect(check.problems).toEqual([]);
    expect(check.assets).toEqual([
      { kind: "media", name: "so-do.png", line: 1, column: 9 },
      { kind: "file", name: "mau.pdf", line: 3, column: 11 },
    ]);
  });
});
