/**
 * The course format of `content/` (see content/README.md): schemas for the course
 * frontmatter, lesson frontmatter and the question bank, the rules zod cannot say alone,
 * and the one way YAML written by people is parsed. Pure: the importer reads files and
 * maps paths back to lines and columns.
 */
import {
  Composer,
  type Document,
  type DocumentOptions,
  LineCounter,
  type ParseOptions,
  Parser,
  type SchemaOptions,
} from "yaml";
import { z } from "zod";

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "chỉ gồm chữ thường không dấu, số và dấu gạch ngang");
const text = (max: number) =>
  z
    .string({ required_error: "bắt buộc", invalid_type_error: "phải là chữ" })
    .transform((v) => v.normalize("NFC").trim())
    .pipe(z.string().min(1, "không được để trống").max(max, `dài quá ${max} ký tự`));

export const CourseFrontmatterSchema = z
  .object({
    slug,
    title: text(200),
    summary: text(1000),
    audience: z
      .object({
        tiers: z.array(slug).default([]),
        positions: z.array(z.string().regex(/^[a-z0-9_]+$/, "mã chức danh không hợp lệ")).default([]),
      })
      .strict()
      .default({}),
    estimatedMinutes: z.number().int().min(1).max(6000),
    certificateValidityMonths: z.number().int().min(1).max(120),
    passMark: z.number().int().min(1).max(100),
    /** In-person training completes the course: by attendance alone, or attendance and the quiz. */
    inPerson: z.enum(["attendance", "attendance-and-quiz"]).optional(),
    version: z.number().int().min(1).optional(),
    quiz: z
      .object({
        questionCount: z.number().int().min(1).max(200),
        maxAttempts: z.number().int().min(1).max(100),
        retryWaitMinutes: z
          .number()
          .int()
          .min(0)
          .max(60 * 24 * 30),
        timeLimitMinutes: z.number().int().min(1).max(600).optional(),
        /** Spread the drawn questions over the bank's topics. */
        perTopic: z.boolean().optional(),
      })
      .strict(),
  })
  .strict();

export type CourseFrontmatter = z.infer<typeof CourseFrontmatterSchema>;

export const LessonFrontmatterSchema = z
  .object({ title: text(200), minutes: z.number().int().min(1).max(600) })
  .strict();

export type LessonFrontmatter = z.infer<typeof LessonFrontmatterSchema>;

const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "mã câu hỏi chỉ gồm chữ thường không dấu, số và dấu gạch ngang");
const option = z
  .object({ text: z.union([text(500), z.number().transform(String)]), correct: z.boolean().default(false) })
  .strict();
const base = { id, topic: slug.optional(), text: text(2000), explanation: text(2000) };

const SingleQuestion = z
  .object({ ...base, type: z.literal("single"), options: z.array(option).min(2).max(10) })
  .strict();
const MultipleQuestion = z
  .object({
    ...base,
    type: z.literal("multiple"),
    scoring: z.enum(["all-or-nothing", "partial"]).default("all-or-nothing"),
    options: z.array(option).min(2).max(10),
  })
  .strict();
const TrueFalseQuestion = z.object({ ...base, type: z.literal("true-false"), answer: z.boolean() }).strict();
const SubQuestion = z.discriminatedUnion("type", [SingleQuestion, MultipleQuestion, TrueFalseQuestion]);
const ScenarioQuestion = z
  .object({ ...base, type: z.literal("scenario"), questions: z.array(SubQuestion).min(1).max(10) })
  .strict();

export const QuestionSchema = z.discriminatedUnion("type", [
  SingleQuestion,
  MultipleQuestion,
  TrueFalseQuestion,
  ScenarioQuestion,
]);
export const QuestionBankSchema = z.object({ questions: z.array(QuestionSchema).min(1) }).strict();

export type Question = z.infer<typeof QuestionSchema>;
export type SubQuestion = z.infer<typeof SubQuestion>;
export type QuestionBank = z.infer<typeof QuestionBankSchema>;

export interface FormatProblem {
  /** Where in the parsed document, e.g. ["questions", 3, "options"]. */
  path: (string | number)[];
  message: string;
}

/** What zod cannot say: unique ids, the right number of correct options, no repeated options. */
export function checkQuestionBank(bank: QuestionBank): FormatProblem[] {
  const problems: FormatProblem[] = [];
  const seen = new Set<string>();
  const checkOne = (q: Question | SubQuestion, path: (string | number)[]) => {
    if (seen.has(q.id)) problems.push({ path: [...path, "id"], message: `mã câu hỏi "${q.id}" bị trùng` });
    seen.add(q.id);
    if (q.type === "single" || q.type === "multiple") {
      const correct = q.options.filter((o) => o.correct).length;
      if (q.type === "single" && correct !== 1) {
        problems.push({
          path: [...path, "options"],
          message: `câu một lựa chọn phải có đúng 1 đáp án đúng (đang có ${correct})`,
        });
      }
      if (q.type === "multiple" && correct < 1) {
        problems.push({ path: [...path, "options"], message: "câu nhiều lựa chọn phải có ít nhất 1 đáp án đúng" });
      }
      const texts = q.options.map((o) => o.text.toLocaleLowerCase("vi"));
      texts.forEach((t, i) => {
        if (texts.indexOf(t) !== i)
          problems.push({ path: [...path, "options", i], message: `lựa chọn "${q.options[i]?.text}" bị lặp` });
      });
    }
  };
  bank.questions.forEach((q, i) => {
    checkOne(q, ["questions", i]);
    if (q.type === "scenario") {
      q.questions.forEach((sub, j) => {
        checkOne(sub, ["questions", i, "questions", j]);
      });
    }
  });
  return problems;
}

/** "03-quy-trinh.mdx" → position 3, key "quy-trinh"; null when the name does not follow the rule. */
export function parseLessonFilename(filename: string): { position: number; key: string } | null {
  const match = /^(\d{1,3})-([a-z0-9]+(?:-[a-z0-9]+)*)\.mdx$/.exec(filename);
  if (!match) return null;
  const key = match[2] as string;
  if (RESERVED_LESSON_KEYS.has(key)) return null;
  return { position: Number(match[1]), key };
}

/** Lesson keys share the URL space of a course with its asset routes. */
export const RESERVED_LESSON_KEYS = new Set(["media", "files", "quiz", "insight", "certificate"]);

/** Orders lessons by their number; two lessons with one number or one key are an error. */
export function orderLessons<T extends { position: number; key: string; file: string }>(
  lessons: readonly T[],
): { ordered: T[]; problems: { file: string; message: string }[] } {
  const problems: { file: string; message: string }[] = [];
  const ordered = [...lessons].sort((a, b) => a.position - b.position || a.key.localeCompare(b.key));
  for (let i = 1; i < ordered.length; i++) {
    const prev = ordered[i - 1] as T;
    const cur = ordered[i] as T;
    if (prev.position === cur.position)
      problems.push({ file: cur.file, message: `trùng số thứ tự ${cur.position} với ${prev.file}` });
  }
  const keys = new Map<string, string>();
  for (const lesson of ordered) {
    const other = keys.get(lesson.key);
    if (other) problems.push({ file: lesson.file, message: `trùng mã bài "${lesson.key}" với ${other}` });
    keys.set(lesson.key, lesson.file);
  }
  return { ordered, problems };
}

export const MEDIA_TYPES: Record<string, string> = {
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
};
export const FILE_TYPES: Record<string, string> = {
  ".pdf": "application/pdf",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
};
export const MAX_MEDIA_BYTES = 2 * 1024 * 1024;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const ASSET_NAME = /^[a-z0-9]+(?:[-_][a-z0-9]+)*\.[a-z0-9]+$/;

/** Splits a `---` YAML frontmatter block off the top of a file, keeping line numbers. */
export function splitFrontmatter(source: string): { frontmatter: string | null; body: string; bodyLineOffset: number } {
  const normalised = source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const match = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(normalised);
  if (!match) return { frontmatter: null, body: normalised, bodyLineOffset: 0 };
  const bodyLineOffset = match[0].split("\n").length - 1;
  return { frontmatter: match[1] as string, body: normalised.slice(match[0].length), bodyLineOffset };
}

// ---- YAML written by people ----

/**
 * course.md, lesson frontmatter and questions.yaml. 256 KB holds a bank of several hundred
 * questions (the largest in content/ is 22 KB) and parses in well under a second.
 */
export const YAML_LIMITS = { maxBytes: 256 * 1024, maxDepth: 16, maxAliases: 16 } as const;

/**
 * The only options YAML from people is parsed with: YAML 1.2 core schema (strings,
 * numbers, booleans, null, lists, maps), no custom tags, no `<<` merge keys, few aliases
 * (an alias bomb expands exponentially), string keys only, a repeated key is an error.
 */
const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: "1.2",
  schema: "core",
  customTags: [],
  merge: false,
  stringKeys: true,
  uniqueKeys: true,
  strict: true,
  intAsBigInt: false,
  prettyErrors: false,
};

export interface YamlProblem {
  line: number;
  column: number;
  message: string;
}

export type UserYaml =
  | { ok: true; value: unknown; locate: (path: readonly (string | number)[]) => { line: number; column: number } }
  | { ok: false; problems: YamlProblem[] };

const YAML_NESTING = new Set(["block-map", "block-seq", "flow-collection"]);

/**
 * Parses YAML written by a person, refusing before the document is built anything a
 * parser could be made to spend itself on or to interpret: more than one document,
 * directives (`%TAG` maps tags), explicit tags (`!!js/function`, `!foo`, even `!!str`:
 * nobody needs one to write a course), nesting deeper than 16 (the document builder
 * recurses, and a few thousand `[` overflow it), and too many bytes. Lines and columns
 * are 1-based, in `source`.
 */
export function parseUserYaml(source: string): UserYaml {
  const refuse = (line: number, column: number, message: string): UserYaml => ({
    ok: false,
    problems: [{ line, column, message: `YAML không hợp lệ: ${message}` }],
  });
  if (source.length > YAML_LIMITS.maxBytes || new TextEncoder().encode(source).byteLength > YAML_LIMITS.maxBytes)
    return refuse(1, 1, `tệp quá dài (tối đa ${YAML_LIMITS.maxBytes / 1024} KB)`);
  const lineCounter = new LineCounter();
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  // Nesting the text shows plainly (brackets, or `- - -` opening lists on one line) is
  // refused on the bare text: even the (iterative) token parser takes seconds over a
  // quarter megabyte of `[`.
  const tooDeep = (offset: number) => {
    const line = source.slice(0, offset).split("\n").length;
    return refuse(
      line,
      offset - source.lastIndexOf("\n", offset - 1),
      `lồng nhau quá sâu (tối đa ${YAML_LIMITS.maxDepth} tầng)`,
    );
  };
  let brackets = 0;
  let lineIndicators = 0;
  let linePrefix = true;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\n") {
      lineIndicators = 0;
      linePrefix = true;
      continue;
    }
    if (linePrefix) {
      if (c === " " || c === "\t") continue;
      if ((c === "-" || c === "?" || c === ":") && (source[i + 1] === " " || source[i + 1] === "\t")) {
        if (++lineIndicators > YAML_LIMITS.maxDepth) return tooDeep(i);
        continue;
      }
      linePrefix = false;
    }
    if (c === "[" || c === "{") {
      if (++brackets > YAML_LIMITS.maxDepth) return tooDeep(i);
    } else if ((c === "]" || c === "}") && brackets > 0) brackets--;
  }
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(source));
  // The token tree is walked with an explicit stack: it may be as deep as the text is long.
  const stack: { value: unknown; depth: number }[] = tokens.map((value) => ({ value, depth: 0 }));
  while (stack.length > 0) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, depth });
      continue;
    }
    if (!value || typeof value !== "object") continue;
    const token = value as { type?: string; offset?: number; source?: string };
    const here = () => at(token.offset ?? 0);
    if (token.type === "tag") return refuse(here().line, here().column, `không được dùng thẻ ${token.source ?? ""}`);
    if (token.type === "directive" || token.type === "directive-line")
      return refuse(here().line, here().column, `không được dùng chỉ thị ${(token.source ?? "").trim()}`);
    const inner = YAML_NESTING.has(token.type ?? "") ? depth + 1 : depth;
    if (inner > YAML_LIMITS.maxDepth) return tooDeep(token.offset ?? 0);
    for (const child of Object.values(token))
      if (child && typeof child === "object") stack.push({ value: child, depth: inner });
  }
  const documents = Array.from(new Composer(YAML_OPTIONS).compose(tokens, true, source.length));
  const doc = documents[0] as Document.Parsed | undefined;
  if (!doc) return { ok: true, value: null, locate: () => ({ line: 1, column: 1 }) };
  if (documents.length > 1) {
    const { line, column } = at((documents[1] as Document.Parsed).range[0]);
    return refuse(line, column, "chỉ được có một tài liệu (một khối ---)");
  }
  const issues = [...doc.errors, ...doc.warnings];
  if (issues.length > 0) {
    return {
      ok: false,
      problems: issues.map((e) => ({ ...at(e.pos[0]), message: `YAML không hợp lệ: ${e.message.split("\n")[0]}` })),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliases });
  } catch {
    return refuse(1, 1, `dùng quá nhiều bí danh (*), tối đa ${YAML_LIMITS.maxAliases}`);
  }
  const locate = (path: readonly (string | number)[]) => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === "object" && node.range) return at(node.range[0]);
    }
    return { line: 1, column: 1 };
  };
  return { ok: true, value, locate };
}

/** The value of YAML written by a person, or null when it is refused (for lenient readers). */
export function userYamlValue(source: string): unknown {
  const parsed = parseUserYaml(source);
  return parsed.ok ? parsed.value : null;
}
