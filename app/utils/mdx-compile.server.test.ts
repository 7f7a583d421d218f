import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as esbuild from "esbuild";
import matter from "gray-matter";
import { describe, expect, it } from "vitest";
import {
  type CheckedMdx,
  checkLesson,
  compileChecked,
  compileLesson,
  GRAY_MATTER_OPTIONS,
  refuseImports,
} from "./mdx-compile.server";

// In-process tests of what the MDX worker runs; mdx.server.test.ts tests it through the worker.

describe("only a checked tree is compiled", () => {
  it("issues a checked tree only when the lesson has no problem", () => {
    expect(checkLesson("## Bài\n\nXin chào.\n").checked).not.toBeNull();
    expect(checkLesson("<div>x</div>\n").checked).toBeNull();
    expect(checkLesson("---js\n1\n---\n").checked).toBeNull();
  });

  it("refuses a tree that did not come from the check, even one cast to the type", async () => {
    const { checked } = checkLesson("Xin chào.\n");
    const forged = { tree: checked?.tree } as unknown as CheckedMdx;
    await expect(compileChecked(forged)).rejects.toThrow(/only what checkLesson returned/);
  });

  it("compiles what was checked: the compiled lesson is the checked one", async () => {
    const result = await compileLesson("## Quy trinh\n\n<KeyPoint>Ghi **nho**.</KeyPoint>\n");
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.code).toContain('children:"Quy trinh"');
      expect(result.code).not.toMatch(/frontmatter/);
    }
  });
});

describe("gray-matter, if it ever saw a lesson's text", () => {
  const marker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "gray-matter-")), "ran");
  const write = `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran')`;

  it("would run a ---js block with its default options (why the text never reaches it)", () => {
    const probe = `${marker}-default`;
    matter(`---js\nrequire('fs').writeFileSync(${JSON.stringify(probe)}, 'ran')\n---\n`, {});
    expect(fs.existsSync(probe)).toBe(true);
  });

  it("parses nothing with our options: every engine throws, and nothing runs", () => {
    for (const language of ["js", "javascript", "JavaScript", "coffee", "yaml", "yml", "json", "toml", "constructor"]) {
      expect(() => matter(`---${language}\n${write}\n---\nx`, GRAY_MATTER_OPTIONS), language).toThrow();
    }
    expect(() => matter(`---\ntitle: x\n---\nx`, GRAY_MATTER_OPTIONS)).toThrow();
    expect(fs.existsSync(marker)).toBe(false);
  });
});

describe("esbuild, compiling a lesson", () => {
  it("resolves no import from disk", async () => {
    const built = esbuild.build({
      stdin: {
        contents: 'import fs from "node:fs"; import secret from "../../.session-secret"; console.log(fs, secret)',
      },
      bundle: true,
      write: false,
      logLevel: "silent",
      plugins: [refuseImports],
    });
    await expect(built).rejects.toThrow(/import "node:fs" is not allowed[\s\S]*import "..\/..\/.session-secret"/);
  });
});
