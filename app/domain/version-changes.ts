/**
 * What changed between two versions of a course, in the trainer's terms: per lesson (by its
 * title, not its file), paragraphs added, changed and removed; settings by their names;
 * questions by their codes; pictures by name. Pure: the files come in as text (pictures as
 * their content hash), and the page says it in words ("Đã thêm 3 đoạn, sửa 1 đoạn").
 */
import { bankQuestions, lessonParts } from "./authoring";
import { FIELD_NAMES } from "./content-problems";
import { splitFrontmatter, userYamlValue } from "./course-format";
import { diffLines } from "./text-diff";

export interface ParagraphChange {
  change: "added" | "removed" | "changed";
  before?: string;
  after?: string;
}

export interface ChangeCounts {
  added: number;
  changed: number;
  removed: number;
}

export interface LessonChange {
  key: string;
  title: string;
  change: "added" | "removed" | "changed";
  /** The lesson's title before, when it was renamed. */
  formerTitle?: string;
  /** Its place in the course before and after, when it moved. */
  moved?: { from: number; to: number };
  minutes?: { from: number; to: number };
  counts: ChangeCounts;
  paragraphs: ParagraphChange[];
}

export interface SettingChange {
  field: string;
  before: string;
  after: string;
}

export interface QuestionRef {
  id: string;
  text: string;
}

export interface VersionChanges {
  lessons: LessonChange[];
  settings: SettingChange[];
  intro: { counts: ChangeCounts; paragraphs: ParagraphChange[] } | null;
  questions: { added: QuestionRef[]; changed: QuestionRef[]; removed: QuestionRef[] };
  pictures: { name: string; change: "added" | "removed" | "changed" }[];
}

const LESSON_FILE = /^lessons\/(\d+)-(.+)\.mdx$/;

/** A text's paragraphs: blocks separated by blank lines, each with its lines joined by "\n". */
export function paragraphs(text: string): string[] {
  return text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n+/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

/**
 * Paragraph by paragraph: a run of removed paragraphs followed by added ones is read as
 * paragraphs changed (pairwise), the rest as added or removed.
 */
export function paragraphChanges(
  before: string,
  after: string,
): { counts: ChangeCounts; paragraphs: ParagraphChange[] } {
  // One line per paragraph (its own newlines escaped), so the line diff compares paragraphs.
  const encode = (list: string[]) => list.map((p) => p.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")).join("\n");
  const decode = (line: string) => line.replace(/\\(\\|n)/g, (_, c: string) => (c === "n" ? "\n" : "\\"));
  const lines = diffLines(encode(paragraphs(before)), encode(paragraphs(after)));
  const out: ParagraphChange[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    const pairs = Math.min(removed.length, added.length);
    for (let i = 0; i < pairs; i++) out.push({ change: "changed", before: removed[i], after: added[i] });
    for (const p of removed.slice(pairs)) out.push({ change: "removed", before: p });
    for (const p of added.slice(pairs)) out.push({ change: "added", after: p });
    removed = [];
    added = [];
  };
  for (const line of lines) {
    if (line.kind === "same") flush();
    else if (line.kind === "removed") removed.push(decode(line.text));
    else added.push(decode(line.text));
  }
  flush();
  const counts = { added: 0, changed: 0, removed: 0 };
  for (const p of out) counts[p.change]++;
  return { counts, paragraphs: out };
}

interface LessonFile {
  key: string;
  position: number;
  title: string;
  minutes: number;
  body: string;
}

function lessonsOf(files: ReadonlyMap<string, string>): Map<string, LessonFile> {
  const lessons = new Map<string, LessonFile>();
  const ordered = [...files.keys()].filter((p) => LESSON_FILE.test(p)).sort();
  ordered.forEach((path, index) => {
    const [, , key] = LESSON_FILE.exec(path) as RegExpExecArray;
    const parts = lessonParts(files.get(path) ?? "");
    lessons.set(key as string, {
      key: key as string,
      position: index + 1,
      title: parts.title || (key as string),
      minutes: parts.minutes,
      body: parts.body,
    });
  });
  return lessons;
}

function lessonChanges(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): LessonChange[] {
  const old = lessonsOf(before);
  const now = lessonsOf(after);
  const out: LessonChange[] = [];
  for (const lesson of now.values()) {
    const was = old.get(lesson.key);
    const diff = paragraphChanges(was?.body ?? "", lesson.body);
    if (!was) {
      out.push({ key: lesson.key, title: lesson.title, change: "added", ...diff });
      continue;
    }
    const change: LessonChange = { key: lesson.key, title: lesson.title, change: "changed", ...diff };
    if (was.title !== lesson.title) change.formerTitle = was.title;
    if (was.position !== lesson.position) change.moved = { from: was.position, to: lesson.position };
    if (was.minutes !== lesson.minutes) change.minutes = { from: was.minutes, to: lesson.minutes };
    if (diff.paragraphs.length > 0 || change.formerTitle !== undefined || change.moved || change.minutes)
      out.push(change);
  }
  for (const lesson of old.values()) {
    if (now.has(lesson.key)) continue;
    out.push({ key: lesson.key, title: lesson.title, change: "removed", ...paragraphChanges(lesson.body, "") });
  }
  return out;
}

/** Setting values as a trainer reads them: lists joined, yes/no, numbers as they are. */
function sayValue(value: unknown): string {
  if (value === undefined || value === null) return "—";
  if (Array.isArray(value)) return value.length === 0 ? "—" : value.map(String).join(", ");
  if (typeof value === "boolean") return value ? "có" : "không";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function flatSettings(source: string | undefined): { fields: Map<string, unknown>; intro: string } {
  const { frontmatter, body } = splitFrontmatter(source ?? "");
  const parsed = frontmatter ? userYamlValue(frontmatter) : null;
  const fields = new Map<string, unknown>();
  const walk = (node: unknown) => {
    if (!node || typeof node !== "object" || Array.isArray(node)) return;
    for (const [name, value] of Object.entries(node)) {
      if (name === "slug") continue;
      if (value && typeof value === "object" && !Array.isArray(value)) walk(value);
      else fields.set(name, value);
    }
  };
  walk(parsed);
  return { fields, intro: body };
}

function settingChanges(before: string | undefined, after: string | undefined) {
  const old = flatSettings(before);
  const now = flatSettings(after);
  const settings: SettingChange[] = [];
  for (const name of new Set([...old.fields.keys(), ...now.fields.keys()])) {
    const a = sayValue(old.fields.get(name));
    const b = sayValue(now.fields.get(name));
    if (a !== b) settings.push({ field: FIELD_NAMES[name] ?? name, before: a, after: b });
  }
  const intro = paragraphChanges(old.intro, now.intro);
  return { settings, intro: intro.paragraphs.length > 0 ? intro : null };
}

function questionsOf(source: string | undefined): Map<string, { text: string; json: string }> {
  const out = new Map<string, { text: string; json: string }>();
  for (const q of bankQuestions(source ?? "")) {
    if (!q || typeof q !== "object") continue;
    const { id, text } = q as { id?: unknown; text?: unknown };
    out.set(String(id ?? ""), { text: typeof text === "string" ? text : "", json: JSON.stringify(q) });
  }
  return out;
}

function questionChanges(before: string | undefined, after: string | undefined): VersionChanges["questions"] {
  const old = questionsOf(before);
  const now = questionsOf(after);
  const result: VersionChanges["questions"] = { added: [], changed: [], removed: [] };
  for (const [id, q] of now) {
    const was = old.get(id);
    if (!was) result.added.push({ id, text: q.text });
    else if (was.json !== q.json) result.changed.push({ id, text: q.text });
  }
  for (const [id, q] of old) if (!now.has(id)) result.removed.push({ id, text: q.text });
  return result;
}

/**
 * What changed from `before` to `after` (path → text; pictures and files as "sha256:…"):
 * lessons by key in the new order, then removed ones; settings; questions; pictures.
 */
export function versionChanges(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): VersionChanges {
  const pictures: VersionChanges["pictures"] = [];
  for (const path of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    if (!path.startsWith("media/") && !path.startsWith("files/")) continue;
    const a = before.get(path);
    const b = after.get(path);
    const name = path.slice(path.indexOf("/") + 1);
    if (a === undefined) pictures.push({ name, change: "added" });
    else if (b === undefined) pictures.push({ name, change: "removed" });
    else if (a !== b) pictures.push({ name, change: "changed" });
  }
  return {
    lessons: lessonChanges(before, after),
    ...settingChanges(before.get("course.md"), after.get("course.md")),
    questions: questionChanges(before.get("questions.yaml"), after.get("questions.yaml")),
    pictures,
  };
}
