/**
 * Checking and compiling one lesson: runs only inside the MDX worker thread
 * (app/utils/mdx-worker.mjs), which app/utils/mdx.server.ts bounds in time. Decision 015.
 *
 * The lesson text is parsed once, here, by the parser the allow-list was written for. What
 * is compiled is that checked tree, handed to mdx-bundler in place of its own parser:
 * gray-matter, MDX's parser and esbuild never see a lesson's text, so nothing the check did
 * not see can be compiled, and no front-matter engine can run.
 */
import type { MessagePort } from "node:worker_threads";
import type { Plugin } from "esbuild";
import type { Root } from "mdast";
import { bundleMDX } from "mdx-bundler";
import remarkGfm from "remark-gfm";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { type Processor, unified } from "unified";
import { checkLessonText, checkMdxTree, type MdxCheck, type MdxProblem } from "~/domain/mdx-allow-list";

const parser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm);

declare const checkedBrand: unique symbol;
/** A tree that passed the allow-list; only `checkLesson` makes one, only `compileChecked` takes one. */
export type CheckedMdx = { readonly tree: Root; readonly [checkedBrand]: true };
const issued = new WeakSet<object>();

export type LessonCheck = MdxCheck & { checked: CheckedMdx | null };

/** A page of errors is enough to act on; the rest would only weigh on the page. */
const MAX_PROBLEMS = 100;

interface ParseError {
  line?: number;
  column?: number;
  place?: { line?: number; column?: number; start?: { line: number; column: number } };
  reason?: string;
  message?: string;
}

/**
 * The text's limits, then the parse, then the tree's limits and the allow-list. `lineOffset`
 * maps body lines back to the file when a frontmatter block was cut off above.
 */
export function checkLesson(text: string, lineOffset = 0): LessonCheck {
  const shift = <T extends { line: number }>(items: T[]) => items.map((p) => ({ ...p, line: p.line + lineOffset }));
  const early = checkLessonText(text);
  if (early.length > 0) return { problems: shift(early), assets: [], checked: null };
  let tree: Root;
  try {
    tree = parser.parse(text);
  } catch (error) {
    const e = error as ParseError;
    const line = e.line ?? e.place?.start?.line ?? e.place?.line ?? 1;
    const column = e.column ?? e.place?.start?.column ?? e.place?.column ?? 1;
    const message = explainSyntaxError(e.reason ?? e.message ?? String(error));
    return { problems: shift([{ line, column, message }]), assets: [], checked: null };
  }
  const check = checkMdxTree(tree as Parameters<typeof checkMdxTree>[0]);
  const result = { problems: shift(check.problems.slice(0, MAX_PROBLEMS)), assets: shift(check.assets) };
  if (result.problems.length > 0) return { ...result, checked: null };
  const checked = { tree } as CheckedMdx;
  issued.add(checked);
  return { ...result, checked };
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

/**
 * gray-matter parses the source's front matter with an engine named after the opening
 * fence (`---js` evaluates JavaScript). The source given to it is empty, so it never
 * looks; should that ever change, every engine it knows, and every name its engine lookup
 * could find on a plain object, throws instead of parsing.
 */
const refuseFrontmatter = () => {
  throw new Error("front matter is never parsed in a lesson");
};
const ENGINE_NAMES = ["yaml", "yml", "json", "javascript", "js", "coffee", "coffeescript", "cson", "toml"];
export const GRAY_MATTER_OPTIONS = {
  language: "yaml",
  engines: Object.fromEntries(
    [...ENGINE_NAMES, ...Object.getOwnPropertyNames(Object.prototype).filter((name) => name !== "__proto__")].map(
      (name) => [name, { parse: refuseFrontmatter, stringify: refuseFrontmatter }],
    ),
  ),
};

/** The modules compiled MDX may import: mdx-bundler maps them to globals given at render. */
const GLOBAL_MODULES = new Set(["react", "react/jsx-runtime", "react-dom"]);

/** Nothing a compile resolves may come from disk: only the entry (in memory) and the globals. */
export const refuseImports: Plugin = {
  name: "refuse-imports",
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind === "entry-point" || GLOBAL_MODULES.has(args.path)) return undefined;
      return { errors: [{ text: `import "${args.path}" is not allowed in a lesson` }] };
    });
  },
};

/** Makes the compiler's "parse" return the checked tree: its own parser never runs. */
function parseAsChecked(this: Processor, tree: Root) {
  this.parser = () => tree;
}

/** Compiles a checked lesson to the function body `getMDXComponent` runs. */
export async function compileChecked(checked: CheckedMdx): Promise<string> {
  if (!issued.has(checked)) throw new Error("compileChecked takes only what checkLesson returned");
  const { code } = await bundleMDX({
    source: "",
    grayMatterOptions: () => GRAY_MATTER_OPTIONS,
    // Exactly these plugins: mdx-bundler's defaults add remark-frontmatter and a YAML
    // parser, which would read a `---` block the allow-list saw as a rule and a heading.
    mdxOptions: (options) => ({
      jsxImportSource: options.jsxImportSource,
      remarkPlugins: [[parseAsChecked, checked.tree]],
      rehypePlugins: [],
      recmaPlugins: [],
    }),
    esbuildOptions: (options) => ({
      ...options,
      plugins: [refuseImports, ...(options.plugins ?? []).filter((plugin) => plugin.name !== "node-resolve")],
      logLevel: "silent",
    }),
  });
  return code;
}

export type CompileAnswer =
  | { ok: true; code: string; assets: MdxCheck["assets"] }
  | { ok: false; problems: MdxProblem[] };

export async function compileLesson(text: string, lineOffset = 0): Promise<CompileAnswer> {
  const check = checkLesson(text, lineOffset);
  if (!check.checked) return { ok: false, problems: check.problems };
  try {
    return { ok: true, code: await compileChecked(check.checked), assets: check.assets };
  } catch (error) {
    const e = error as { errors?: { text: string }[] };
    const reason = e.errors?.[0]?.text ?? String(error);
    return { ok: false, problems: [{ line: 1 + lineOffset, column: 1, message: `Không biên dịch được: ${reason}` }] };
  }
}

export type MdxJob = { id: number; kind: "check" | "compile"; text: string; lineOffset: number };
export type MdxJobAnswer =
  | { id: number; kind: "check"; answer: MdxCheck }
  | { id: number; kind: "compile"; answer: CompileAnswer }
  | { id: number; error: string };

/**
 * The worker's loop. A first compile loads MDX's modules and starts esbuild's service
 * before "ready", so the time limit of a job never pays for the worker's start.
 */
export async function serveMdxJobs(port: MessagePort): Promise<void> {
  await compileLesson("# …\n");
  port.on("message", async (job: MdxJob) => {
    try {
      if (job.kind === "check") {
        const { problems, assets } = checkLesson(job.text, job.lineOffset);
        port.postMessage({ id: job.id, kind: "check", answer: { problems, assets } } satisfies MdxJobAnswer);
      } else {
        const answer = await compileLesson(job.text, job.lineOffset);
        port.postMessage({ id: job.id, kind: "compile", answer } satisfies MdxJobAnswer);
      }
    } catch (error) {
      port.postMessage({ id: job.id, error: String(error) } satisfies MdxJobAnswer);
    }
  });
  port.postMessage({ ready: true });
}
