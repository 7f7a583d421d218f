/**
 * The course format of `content/` (see content/README.md): schemas for the course
 * frontmatter, lesson frontmatter and the question bank, and the rules zod cannot say
 * alone. Pure: the importer reads files and maps paths back to lines and columns.
 */
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
