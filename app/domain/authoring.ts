/**
 * Rules of writing courses in the browser. Pure: drafts are course folders in the database,
 * and these functions build and read their files the way a trainer would write them by hand.
 */
import { stringify as toYaml } from "yaml";
import { sayIssue, sayProblem } from "./content-problems";
import {
  type CourseFrontmatter,
  checkQuestionBank,
  type Question,
  QuestionSchema,
  RESERVED_LESSON_KEYS,
  splitFrontmatter,
  userYamlValue,
} from "./course-format";
import { MDX_COMPONENTS } from "./mdx-allow-list";
import { searchKey } from "./text";

/** "lessons/03-quy-trinh.mdx": the number orders lessons, the key is their identity. */
export function lessonPath(position: number, key: string): string {
  return `lessons/${String(position).padStart(2, "0")}-${key}.mdx`;
}

export const LESSON_KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isValidLessonKey(key: string): boolean {
  return LESSON_KEY.test(key) && key.length <= 60 && !RESERVED_LESSON_KEYS.has(key);
}

/** A lesson file: its title and minutes in the frontmatter, then the MDX body. */
export function lessonSource(meta: { title: string; minutes: number }, body: string): string {
  const front = toYaml({ title: meta.title.normalize("NFC").trim(), minutes: meta.minutes }, { lineWidth: 0 });
  const text = body.normalize("NFC").replace(/\r\n?/g, "\n").replace(/^\n+/, "");
  return `---\n${front}---\n\n${text.endsWith("\n") || text === "" ? text : `${text}\n`}`;
}

export interface LessonParts {
  title: string;
  minutes: number;
  body: string;
  /** Lines above the body in the file: editor line N is file line N + offset. */
  bodyLineOffset: number;
}

/** Reads a lesson file back into its parts (lenient: a broken frontmatter leaves defaults). */
export function lessonParts(source: string): LessonParts {
  const { frontmatter, body, bodyLineOffset } = splitFrontmatter(source);
  const parsed = frontmatter ? userYamlValue(frontmatter) : null;
  const meta = (parsed && typeof parsed === "object" ? parsed : {}) as { title?: unknown; minutes?: unknown };
  const trimmed = body.replace(/^\n+/, "");
  return {
    title: typeof meta.title === "string" ? meta.title : "",
    minutes: typeof meta.minutes === "number" ? meta.minutes : 10,
    body: trimmed,
    // Only newlines were trimmed: each one is a line of the file above the body.
    bodyLineOffset: bodyLineOffset + (body.length - trimmed.length),
  };
}

/** course.md: the settings as YAML frontmatter, then the optional introduction. */
export function courseSource(frontmatter: CourseFrontmatter, intro: string): string {
  const front = toYaml(frontmatter, { lineWidth: 0 });
  const text = intro.normalize("NFC").replace(/\r\n?/g, "\n").trim();
  return `---\n${front}---\n${text ? `\n${text}\n` : ""}`;
}

/** The settings of a new course: a trainer changes them on the course page. */
export function newCourseFrontmatter(slug: string, title: string): CourseFrontmatter {
  return {
    slug,
    title,
    summary: title,
    audience: { tiers: [], positions: [] },
    estimatedMinutes: 30,
    certificateValidityMonths: 24,
    passMark: 80,
    quiz: { questionCount: 5, maxAttempts: 3, retryWaitMinutes: 60 },
  };
}

export const EMPTY_BANK_SOURCE = "questions: []\n";

/** The question bank's questions, or none when the file is not a bank yet. */
export function bankQuestions(source: string): unknown[] {
  const parsed = userYamlValue(source) as { questions?: unknown } | null;
  return Array.isArray(parsed?.questions) ? parsed.questions : [];
}

export function bankSource(questions: readonly unknown[]): string {
  return toYaml({ questions }, { lineWidth: 0 });
}

export type QuestionCheck =
  | { ok: true; question: Question }
  | { ok: false; problems: { path: string; message: string }[] };

/**
 * A question as a trainer saves it from the form: the bank's own schema and rules (an id,
 * text, an explanation, at least one correct option, no option twice, one correct answer
 * for a single choice), and an id not used by another question of the bank.
 */
export function checkQuestion(candidate: unknown, otherIds: readonly string[]): QuestionCheck {
  const parsed = QuestionSchema.safeParse(candidate);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        path: issue.path.join("."),
        message: sayProblem(issue.path, sayIssue(issue), candidate),
      })),
    };
  }
  const problems = checkQuestionBank({ questions: [parsed.data] }).map((p) => ({
    path: p.path.slice(2).join("."),
    message: sayProblem(p.path.slice(2, 3), p.message, parsed.data),
  }));
  if (otherIds.includes(parsed.data.id))
    problems.push({ path: "id", message: sayProblem(["id"], `mã "${parsed.data.id}" đã có trong ngân hàng`, null) });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, question: parsed.data };
}

/**
 * Optimistic concurrency: a save carries the revision it was made from. It wins only if the
 * stored revision is still that one; otherwise someone else saved in between, and the saver
 * is told who and when, keeping their own text to merge by hand.
 */
export type RevisionCheck = { ok: true } | { ok: false; reason: "changed-by-other" | "deleted" };

export function checkRevision(expected: number, stored: { revision: number } | undefined): RevisionCheck {
  if (!stored) return { ok: false, reason: "deleted" };
  return stored.revision === expected ? { ok: true } : { ok: false, reason: "changed-by-other" };
}

export interface Snippet {
  component: string;
  /** What is inserted, with the required attributes filled with placeholders. */
  text: string;
}

const PLACEHOLDER: Record<string, string> = {
  type: "note",
  title: "Tiêu đề",
  definition: "Định nghĩa",
  src: "ten-hinh.png",
  alt: "Hình cho thấy …",
  file: "ten-tep.pdf",
};

/** One snippet per top-level allow-listed component, with its required parts: generated, so it never drifts. */
export function componentSnippets(): Snippet[] {
  const attributes = (name: string) =>
    Object.entries(MDX_COMPONENTS[name]?.attributes ?? {})
      .filter(([, rule]) => rule.required)
      .map(([attr]) => ` ${attr}="${PLACEHOLDER[attr] ?? ""}"`)
      .join("");
  const render = (name: string, indent = ""): string => {
    const rule = MDX_COMPONENTS[name];
    if (!rule) return "";
    if (rule.selfClosing) return `${indent}<${name}${attributes(name)} />`;
    const inner = rule.children ? rule.children.map((child) => render(child, indent)).join("\n") : `${indent}Nội dung`;
    return `${indent}<${name}${attributes(name)}>\n${inner}\n${indent}</${name}>`;
  };
  return Object.entries(MDX_COMPONENTS)
    .filter(([, rule]) => !rule.parent)
    .map(([component]) => ({ component, text: render(component) }));
}

/**
 * "Kỹ năng Tư vấn (2025)" → "ky-nang-tu-van-2025": lower case without diacritics (đ → d), words
 * joined by hyphens, at most `maxLength` characters, cut at a hyphen rather than inside a word
 * when it can be. Empty when the text has no letter or digit.
 */
export function slugify(text: string, maxLength: number): string {
  const full = searchKey(text)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (full.length <= maxLength) return full;
  const cut = full.slice(0, maxLength);
  const lastHyphen = cut.lastIndexOf("-");
  return (full[maxLength] === "-" ? cut : lastHyphen > 0 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, "");
}

/** The longest course address (it is a path segment and a folder name under content/). */
export const MAX_COURSE_SLUG = 60;

/**
 * The address a new course gets from its Vietnamese title: "Bảo vệ trẻ em cấp xã" →
 * "bao-ve-tre-em-cap-xa"; when taken, "-2", "-3"… is added (within the length limit).
 * A title without letters or digits gives "khoa-hoc".
 */
export function courseSlugFromTitle(title: string, isTaken: (slug: string) => boolean): string {
  const base = slugify(title, MAX_COURSE_SLUG) || "khoa-hoc";
  if (!isTaken(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${slugify(base, MAX_COURSE_SLUG - suffix.length) || "khoa-hoc"}${suffix}`;
    if (!isTaken(candidate)) return candidate;
  }
}

/** "Sơ đồ Quy trình (1).PNG" → "so-do-quy-trinh-1.png": the file names the course format accepts. */
export function safeAssetName(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  const extension =
    dot > 0
      ? fileName
          .slice(dot + 1)
          .toLowerCase()
          .replace(/[^a-z0-9]/g, "")
      : "";
  const slug = slugify(stem, 80);
  return `${slug || "hinh"}${extension ? `.${extension}` : ""}`;
}
