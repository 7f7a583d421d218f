/**
 * The one place MDX is parsed and compiled. Compilation happens when content is imported
 * or published, never on a learner's request; output is cached in SQLite by source hash.
 */
import crypto from "node:crypto";
import { bundleMDX } from "mdx-bundler";
import remarkGfm from "remark-gfm";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { checkMdxTree, type MdxCheck, type MdxProblem } from "~/domain/mdx-allow-list";

/** Bump when the compiler or its options change, so cached output is rebuilt. */
const COMPILER_VERSION = "mdx-bundler-10.1/gfm-4/1";

export function compiledHash(body: string): string {
  return crypto.createHash("sha256").update(COMPILER_VERSION).update("\0").update(body).digest("hex");
}

const parser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm);

interface ParseError {
  line?: number;
  column?: number;
  place?: { line?: number; column?: number; start?: { line: number; column: number } };
  reason?: string;
  message?: string;
}

/**
 * Parses MDX and checks it against the allow-list. `lineOffset` maps body lines back to the
 * file when a frontmatter block was cut off above.
 */
export function checkMdx(body: string, lineOffset = 0): MdxCheck {
  let tree: unknown;
  try {
    tree = parser.parse(body);
  } catch (error) {
    const e = error as ParseError;
    const line = e.line ?? e.place?.start?.line ?? e.place?.line ?? 1;
    const column = e.column ?? e.place?.start?.column ?? e.place?.column ?? 1;
    return {
      problems: [
        { line: line + lineOffset, column, message: explainSyntaxError(e.reason ?? e.message ?? String(error)) },
      ],
      assets: [],
    };
  }
  const check = checkMdxTree(tree as Parameters<typeof checkMdxTree>[0]);
  const shift = <T extends { line: number }>(items: T[]) => items.map((p) => ({ ...p, line: p.line + lineOffset }));
  return { problems: shift(check.problems), assets: shift(check.assets) };
}

/** The parser's English reasons, said plainly in Vietnamese for trainers. */
function explainSyntaxError(reason: string): string {
  if (/before name|after name|Unexpected character/i.test(reason)) {
    return `Dấu "<" dùng sai: nếu là chữ, hãy viết "nhỏ hơn" hoặc "dưới". (${reason})`;
  }
  if (/expected a closing tag|Expected a closing tag/i.test(reason)) return `Thiếu thẻ đóng. (${reason})`;
  if (/Unexpected end of file/i.test(reason)) return `Tệp kết thúc khi một thẻ hoặc biểu thức chưa đóng. (${reason})`;
  if (/acorn|expression/i.test(reason)) return `Không được dùng dấu { } trong bài học. (${reason})`;
  return `Lỗi cú pháp: ${reason}`;
}

let queue: Promise<unknown> = Promise.resolve();

/** esbuild is memory-hungry: compile one lesson at a time. */
function serially<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

export type CompileResult = { ok: true; code: string; hash: string } | { ok: false; problems: MdxProblem[] };

// The live preview and the publish that follows compile the same text again and again;
// esbuild takes tens of milliseconds, a lookup none. Least recently used entries go first.
const recent = new Map<string, CompileResult>();
const RECENT_LIMIT = 64;

/** Checks then compiles; refuses anything the allow-list refuses, before esbuild sees it. */
export async function compileMdx(body: string, lineOffset = 0): Promise<CompileResult> {
  const key = `${compiledHash(body)}:${lineOffset}`;
  const cached = recent.get(key);
  if (cached) {
    recent.delete(key);
    recent.set(key, cached);
    return cached;
  }
  const result = await compileUncached(body, lineOffset);
  recent.set(key, result);
  if (recent.size > RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
  return result;
}

async function compileUncached(body: string, lineOffset: number): Promise<CompileResult> {
  const check = checkMdx(body, lineOffset);
  if (check.problems.length > 0) return { ok: false, problems: check.problems };
  const hash = compiledHash(body);
  try {
    const { code } = await serially(() =>
      bundleMDX({
        source: body,
        mdxOptions(options) {
          options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm];
          return options;
        },
      }),
    );
    return { ok: true, code, hash };
  } catch (error) {
    const e = error as { errors?: { text: string; location?: { line: number; column: number } }[] };
    const first = e.errors?.[0];
    return {
      ok: false,
      problems: [
        {
          line: (first?.location?.line ?? 1) + lineOffset,
          column: (first?.location?.column ?? 0) + 1,
          message: `Không biên dịch được: ${first?.text ?? String(error)}`,
        },
      ],
    };
  }
}

export { splitFrontmatter } from "~/domain/course-format";
