/**
 * Imports `content/` into the database as published course versions. A course folder is
 * read and checked whole; a course with any problem is not imported (its last good version
 * stays), and every problem names its file, line and column.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { sayIssue, sayProblem } from "~/domain/content-problems";
import {
  ASSET_NAME,
  type CourseFrontmatter,
  CourseFrontmatterSchema,
  checkQuestionBank,
  FILE_TYPES,
  LessonFrontmatterSchema,
  MAX_FILE_BYTES,
  MAX_MEDIA_BYTES,
  MEDIA_TYPES,
  orderLessons,
  parseLessonFilename,
  parseUserYaml,
  type QuestionBank,
  QuestionBankSchema,
} from "~/domain/course-format";
import { findFrontmatterFence, type MdxCheck, type MdxProblem } from "~/domain/mdx-allow-list";
import { cleanName } from "~/domain/text";
import {
  backfillCourseSource,
  type CourseVersionInput,
  findCompiled,
  listCatalogueCodes,
  publishCourseVersion,
  sourceHashOfCurrent,
} from "~/models/courses.server";
import { checkMdx, compiledHash, compileMdx, splitFrontmatter } from "~/utils/mdx.server";

export interface ContentProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

interface LoadedLesson {
  key: string;
  position: number;
  /** As shown in problems: "<folder>/lessons/<name>". */
  file: string;
  /** The file name inside lessons/. */
  name: string;
  title: string;
  minutes: number;
  source: string;
  body: string;
  bodyLineOffset: number;
}

export interface LoadedCourse {
  slug: string;
  courseSource: string;
  frontmatter: CourseFrontmatter;
  intro: { body: string; bodyLineOffset: number } | null;
  lessons: LoadedLesson[];
  bank: { source: string; parsed: QuestionBank };
  assets: { kind: "media" | "file"; name: string; mime: string; bytes: Buffer; hash: string }[];
  sourceHash: string;
}

type YamlCheck<T> = { ok: true; value: T } | { ok: false; problems: ContentProblem[] };

/** Parses YAML (the one safe way) and validates it with zod, mapping every problem back to a line and column. */
function parseYaml<S extends z.ZodTypeAny>(
  schema: S,
  source: string,
  file: string,
  lineOffset = 0,
): YamlCheck<z.infer<S>> & { locate?: (p: (string | number)[]) => { line: number; column: number } } {
  const parsed = parseUserYaml(source);
  if (!parsed.ok)
    return { ok: false, problems: parsed.problems.map((p) => ({ file, ...p, line: p.line + lineOffset })) };
  const locate = (p: (string | number)[]) => {
    const { line, column } = parsed.locate(p);
    return { line: line + lineOffset, column };
  };
  const result = schema.safeParse(parsed.value);
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => ({
        file,
        ...locate(issue.path),
        message: sayProblem(issue.path, sayIssue(issue), parsed.value),
      })),
    };
  }
  return { ok: true, value: result.data, locate };
}

/** A file that opens with `---js`, `--- yaml` or `+++` instead of a plain `---` line. */
function foreignFrontmatter(source: string, file: string): ContentProblem | null {
  const fence = findFrontmatterFence(source);
  if (fence?.line !== 1 || fence.fence === "---") return null;
  return {
    file,
    line: 1,
    column: fence.column,
    message: `phần thông tin đầu tệp phải viết bằng YAML giữa hai dòng --- (không được mở bằng "${fence.fence}")`,
  };
}

function listDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir).filter((name) => !name.startsWith("."));
  } catch {
    return [];
  }
}

const sha256 = (bytes: Buffer | string) => crypto.createHash("sha256").update(bytes).digest("hex");

/** SVG is served to browsers: refuse anything that could run or fetch. */
export function unsafeSvgReason(svg: string): string | null {
  if (/<script[\s>]/i.test(svg)) return "có thẻ <script>";
  if (/<foreignObject[\s>]/i.test(svg)) return "có thẻ <foreignObject>";
  if (/\son[a-z]+\s*=/i.test(svg)) return "có thuộc tính sự kiện (on…)";
  if (/(?:href|src)\s*=\s*["']\s*(?:javascript:|data:|https?:|\/\/)/i.test(svg)) return "tham chiếu ra ngoài tệp";
  if (/@import|url\(\s*["']?\s*(?:https?:|\/\/|javascript:)/i.test(svg)) return "tải tài nguyên bên ngoài";
  return null;
}

/** A course folder's files, by path inside the folder ("lessons/01-gioi-thieu.mdx"). */
export type CourseFiles = Map<string, Buffer>;

const COURSE_FOLDERS = ["lessons", "media", "files"] as const;

/** Reads a course folder into memory: course.md, questions.yaml and the three sub-folders. */
export function readCourseFolder(dir: string): CourseFiles {
  const files: CourseFiles = new Map();
  for (const name of listDir(dir)) {
    const file = path.join(dir, name);
    if (fs.statSync(file).isFile()) files.set(name, fs.readFileSync(file));
  }
  for (const folder of COURSE_FOLDERS) {
    for (const name of listDir(path.join(dir, folder))) {
      const file = path.join(dir, folder, name);
      if (fs.statSync(file).isFile()) files.set(`${folder}/${name}`, fs.readFileSync(file));
    }
  }
  return files;
}

/** Writes a course's files as a folder (the export), replacing what was there. */
export function writeCourseFolder(dir: string, files: CourseFiles): void {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [name, bytes] of files) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
  }
}

const textOf = (bytes: Buffer) => bytes.toString("utf8").normalize("NFC");

/** Reads and checks one course folder; nothing is written. */
export async function loadCourseFolder(
  dir: string,
  root: string,
): Promise<{ course: LoadedCourse | null; problems: ContentProblem[] }> {
  return checkCourseFiles(path.basename(dir), readCourseFolder(dir), path.relative(root, dir) || dir);
}

/**
 * Checks a course's files, from a folder or from a draft written in the browser, with the
 * same rules; every problem names `<shownAs>/<path>`, line and column.
 */
export async function checkCourseFiles(
  folderSlug: string,
  files: CourseFiles,
  shownAs: string,
): Promise<{ course: LoadedCourse | null; problems: ContentProblem[] }> {
  const problems: ContentProblem[] = [];
  const rel = (name: string) => `${shownAs}/${name}`;
  const namesIn = (folder: string) =>
    [...files.keys()]
      .filter((name) => name.startsWith(`${folder}/`))
      .map((name) => name.slice(folder.length + 1))
      .sort();

  const courseBytes = files.get("course.md");
  if (!courseBytes) {
    return { course: null, problems: [{ file: rel("course.md"), line: 1, column: 1, message: "thiếu tệp course.md" }] };
  }
  const courseSource = textOf(courseBytes);
  const courseParts = splitFrontmatter(courseSource);
  let frontmatter: CourseFrontmatter | null = null;
  const courseFence = courseParts.frontmatter === null ? foreignFrontmatter(courseSource, rel("course.md")) : null;
  if (courseFence) problems.push(courseFence);
  else if (courseParts.frontmatter === null) {
    problems.push({
      file: rel("course.md"),
      line: 1,
      column: 1,
      message: "thiếu phần thông tin khóa học giữa hai dòng ---",
    });
  } else {
    const parsed = parseYaml(CourseFrontmatterSchema, courseParts.frontmatter, rel("course.md"), 1);
    if (parsed.ok) {
      frontmatter = parsed.value;
      if (frontmatter.slug !== folderSlug) {
        problems.push({
          file: rel("course.md"),
          ...(parsed.locate?.(["slug"]) ?? { line: 2, column: 1 }),
          message: `slug "${frontmatter.slug}" phải trùng tên thư mục "${folderSlug}"`,
        });
      }
    } else problems.push(...parsed.problems);
  }
  const intro = courseParts.body.trim() ? { body: courseParts.body, bodyLineOffset: courseParts.bodyLineOffset } : null;

  const found: LoadedLesson[] = [];
  for (const name of namesIn("lessons")) {
    const file = rel(`lessons/${name}`);
    const parsedName = parseLessonFilename(name);
    if (!parsedName) {
      problems.push({
        file,
        line: 1,
        column: 1,
        message: "tên tệp bài học phải có dạng 01-ten-bai.mdx (chữ thường không dấu)",
      });
      continue;
    }
    const source = textOf(files.get(`lessons/${name}`) as Buffer);
    const parts = splitFrontmatter(source);
    if (parts.frontmatter === null) {
      problems.push(
        foreignFrontmatter(source, file) ?? {
          file,
          line: 1,
          column: 1,
          message: "thiếu phần thông tin bài học (title, minutes) giữa hai dòng ---",
        },
      );
      continue;
    }
    const meta = parseYaml(LessonFrontmatterSchema, parts.frontmatter, file, 1);
    if (!meta.ok) {
      problems.push(...meta.problems);
      continue;
    }
    found.push({
      ...parsedName,
      file,
      name,
      title: cleanName(meta.value.title),
      minutes: meta.value.minutes,
      source,
      body: parts.body,
      bodyLineOffset: parts.bodyLineOffset,
    });
  }
  const { ordered: lessons, problems: orderProblems } = orderLessons(found);
  problems.push(...orderProblems.map((p) => ({ file: p.file, line: 1, column: 1, message: p.message })));
  if (found.length === 0 && !problems.some((p) => p.file.includes("lessons"))) {
    problems.push({
      file: rel("lessons"),
      line: 1,
      column: 1,
      message: "khóa học cần ít nhất một bài học trong thư mục lessons/",
    });
  }

  const bankBytes = files.get("questions.yaml");
  let bank: LoadedCourse["bank"] | null = null;
  if (!bankBytes) {
    problems.push({
      file: rel("questions.yaml"),
      line: 1,
      column: 1,
      message: "thiếu ngân hàng câu hỏi questions.yaml",
    });
  } else {
    const bankSource = textOf(bankBytes);
    const parsed = parseYaml(QuestionBankSchema, bankSource, rel("questions.yaml"));
    if (parsed.ok) {
      const ruleProblems = checkQuestionBank(parsed.value);
      problems.push(
        ...ruleProblems.map((p) => ({
          file: rel("questions.yaml"),
          ...(parsed.locate?.(p.path) ?? { line: 1, column: 1 }),
          message: sayProblem(p.path.slice(0, -1), p.message, parsed.value),
        })),
      );
      if (frontmatter && parsed.value.questions.length < frontmatter.quiz.questionCount) {
        problems.push({
          file: rel("questions.yaml"),
          line: 1,
          column: 1,
          message: `ngân hàng có ${parsed.value.questions.length} câu, ít hơn số câu mỗi bài kiểm tra (${frontmatter.quiz.questionCount})`,
        });
      }
      bank = { source: bankSource, parsed: parsed.value };
    } else problems.push(...parsed.problems);
  }

  const assets: LoadedCourse["assets"] = [];
  for (const [kind, folder] of [
    ["media", "media"],
    ["file", "files"],
  ] as const) {
    for (const name of namesIn(folder)) {
      const file = rel(`${folder}/${name}`);
      const check = checkAsset(kind, name, files.get(`${folder}/${name}`) as Buffer);
      if (!check.ok) {
        problems.push({ file, line: 1, column: 1, message: check.message });
        continue;
      }
      assets.push({ kind, name, mime: check.mime, bytes: check.bytes, hash: sha256(check.bytes) });
    }
  }

  // Check every lesson (and the introduction) against the allow-list, and their file references.
  const documents = [
    ...(intro ? [{ file: rel("course.md"), body: intro.body, offset: intro.bodyLineOffset }] : []),
    ...lessons.map((l) => ({ file: l.file, body: l.body, offset: l.bodyLineOffset })),
  ];
  const present = new Set(assets.map(assetPath));
  // One at a time: each waits its turn in the MDX workers, without filling their queue.
  for (const doc of documents) {
    const check = await checkMdx(doc.body, doc.offset);
    problems.push(...check.problems.map((p) => ({ file: doc.file, ...p })));
    problems.push(...missingAssets(check.assets, present).map((p) => ({ file: doc.file, ...p })));
  }

  if (problems.length > 0 || !frontmatter || !bank) return { course: null, problems };

  // The course's identity is the content of all its files, in a stable order. Lesson paths
  // are hashed as "content/<slug>/lessons/<name>" wherever the folder lies, so a course
  // exported anywhere, or written in the browser, hashes the same as in content/.
  const hash = crypto.createHash("sha256");
  hash.update(courseSource);
  for (const l of lessons) hash.update(`\0content/${folderSlug}/lessons/${l.name}\0${l.source}`);
  hash.update(`\0questions\0${bank.source}`);
  for (const a of [...assets].sort((x, y) => `${x.kind}/${x.name}`.localeCompare(`${y.kind}/${y.name}`))) {
    hash.update(`\0${a.kind}/${a.name}\0${a.hash}`);
  }
  return {
    course: {
      slug: folderSlug,
      courseSource,
      frontmatter,
      intro,
      lessons,
      bank,
      assets,
      sourceHash: hash.digest("hex"),
    },
    problems: [],
  };
}

/** "media/so-do.png", "files/mau.pdf": where a referenced file lies in a course folder. */
export function assetPath(asset: { kind: "media" | "file"; name: string }): string {
  return `${asset.kind === "media" ? "media" : "files"}/${asset.name}`;
}

/**
 * The files a lesson refers to (the allow-list's list, from its parsed tree) that the course
 * does not have: the one check of references, for publishing, importing and the preview.
 */
export function missingAssets(refs: MdxCheck["assets"], present: ReadonlySet<string>): MdxProblem[] {
  return refs
    .filter((ref) => !present.has(assetPath(ref)))
    .map((ref) => ({
      line: ref.line,
      column: ref.column,
      message: `không có tệp "${ref.name}" trong thư mục ${ref.kind === "media" ? "media" : "files"}/`,
    }));
}

export type AssetCheck = { ok: true; mime: string; bytes: Buffer } | { ok: false; message: string };

/** The rules for a picture or a downloadable file: name, type, size, and safe SVG. */
export function checkAsset(kind: "media" | "file", name: string, bytes: Buffer): AssetCheck {
  const types = kind === "media" ? MEDIA_TYPES : FILE_TYPES;
  const max = kind === "media" ? MAX_MEDIA_BYTES : MAX_FILE_BYTES;
  const mime = types[path.extname(name).toLowerCase()];
  if (!ASSET_NAME.test(name) || !mime) {
    return {
      ok: false,
      message: `tên hoặc loại tệp không được phép (cho phép: ${Object.keys(types).join(", ")}; tên chữ thường không dấu)`,
    };
  }
  if (bytes.length > max) return { ok: false, message: `tệp quá lớn (tối đa ${Math.round(max / 1024 / 1024)} MB)` };
  if (!matchesSignature(mime, bytes)) return { ok: false, message: "nội dung tệp không đúng với loại tệp" };
  if (mime === "image/svg+xml") {
    const reason = unsafeSvgReason(bytes.toString("utf8"));
    if (reason) return { ok: false, message: `hình SVG không an toàn: ${reason}` };
  }
  return { ok: true, mime, bytes };
}

/** The first bytes of a picture say what it really is, whatever its name says. */
function matchesSignature(mime: string, bytes: Buffer): boolean {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  switch (mime) {
    case "image/png":
      return starts(0x89, 0x50, 0x4e, 0x47);
    case "image/jpeg":
      return starts(0xff, 0xd8, 0xff);
    case "image/webp":
      return starts(0x52, 0x49, 0x46, 0x46) && bytes.subarray(8, 12).toString("latin1") === "WEBP";
    case "image/svg+xml":
      return /<svg[\s>]/i.test(bytes.subarray(0, 4096).toString("utf8"));
    case "application/pdf":
      return starts(0x25, 0x50, 0x44, 0x46);
    default:
      return true;
  }
}

export type CourseImportOutcome =
  | { slug: string; status: "unchanged" }
  | { slug: string; status: "published"; version: number; compiled: number; reused: number }
  | { slug: string; status: "invalid"; problems: ContentProblem[] };

/**
 * Imports every course folder under `root`. Unchanged courses are skipped; changed ones are
 * compiled (reusing cached output by source hash) and published in one transaction each.
 */
export async function importContent(
  root: string,
  options: { dryRun?: boolean; publishedBy?: string | null } = {},
): Promise<CourseImportOutcome[]> {
  const outcomes: CourseImportOutcome[] = [];
  const catalogue = listCatalogueCodes();
  const folders = listDir(root).filter((name) => fs.statSync(path.join(root, name)).isDirectory());
  for (const folder of folders.sort()) {
    const { course, problems } = await loadCourseFolder(path.join(root, folder), path.dirname(root));
    if (course) {
      const courseFile = path.relative(path.dirname(root), path.join(root, folder, "course.md"));
      for (const tier of course.frontmatter.audience.tiers) {
        if (!catalogue.tiers.has(tier))
          problems.push({ file: courseFile, line: 1, column: 1, message: `không có cấp "${tier}"` });
      }
      for (const position of course.frontmatter.audience.positions) {
        if (!catalogue.positions.has(position))
          problems.push({ file: courseFile, line: 1, column: 1, message: `không có chức danh "${position}"` });
      }
    }
    if (!course || problems.length > 0) {
      outcomes.push({ slug: folder, status: "invalid", problems });
      continue;
    }
    if (sourceHashOfCurrent(course.slug) === course.sourceHash) {
      // Versions published before course.md was kept get its text now: same hash, same bytes.
      if (!options.dryRun) backfillCourseSource(course.slug, course.courseSource);
      outcomes.push({ slug: course.slug, status: "unchanged" });
      continue;
    }
    if (options.dryRun) {
      outcomes.push({ slug: course.slug, status: "published", version: 0, compiled: 0, reused: 0 });
      continue;
    }
    const { compiled, reused, problems: compileProblems } = await compileCourse(course, `${folder}/course.md`);
    if (compileProblems.length > 0) {
      outcomes.push({ slug: course.slug, status: "invalid", problems: compileProblems });
      continue;
    }
    const version = publishCourseVersion(versionInput(course, compiled, options.publishedBy ?? null));
    outcomes.push({ slug: course.slug, status: "published", version, compiled: compiled.size, reused });
  }
  return outcomes;
}

/**
 * Compiles the course's introduction and lessons that are not compiled yet (the cache is by
 * source hash, so an unchanged lesson is never compiled twice).
 */
export async function compileCourse(
  course: LoadedCourse,
  courseFile: string,
): Promise<{ compiled: Map<string, string>; reused: number; problems: ContentProblem[] }> {
  const compiled = new Map<string, string>();
  let reused = 0;
  const problems: ContentProblem[] = [];
  const documents = [
    ...(course.intro ? [{ ...course.intro, file: courseFile }] : []),
    ...course.lessons.map((l) => ({ body: l.body, bodyLineOffset: l.bodyLineOffset, file: l.file })),
  ];
  for (const doc of documents) {
    const hash = compiledHash(doc.body);
    if (compiled.has(hash) || findCompiled(hash)) {
      reused += 1;
      continue;
    }
    const result = await compileMdx(doc.body, doc.bodyLineOffset);
    if (result.ok) compiled.set(result.hash, result.code);
    else problems.push(...result.problems.map((p) => ({ file: doc.file, ...p })));
  }
  return { compiled, reused, problems };
}

/** What publishing a checked course stores; `compiled` holds the newly compiled lessons. */
export function versionInput(
  course: LoadedCourse,
  compiled: Map<string, string>,
  publishedBy: string | null,
): CourseVersionInput {
  return {
    slug: course.slug,
    courseSource: course.courseSource,
    frontmatter: course.frontmatter,
    introHash: course.intro ? compiledHash(course.intro.body) : null,
    lessons: course.lessons.map((l) => ({
      key: l.key,
      position: l.position,
      title: l.title,
      minutes: l.minutes,
      source: l.source,
      compiledHash: compiledHash(l.body),
    })),
    bank: course.bank,
    assets: course.assets,
    sourceHash: course.sourceHash,
    newCompiled: compiled,
    publishedBy,
  };
}

export function describeOutcome(outcome: CourseImportOutcome): string {
  switch (outcome.status) {
    case "unchanged":
      return `${outcome.slug}: không đổi (unchanged)`;
    case "published":
      return outcome.version === 0
        ? `${outcome.slug}: hợp lệ, sẽ xuất bản phiên bản mới (valid, would publish)`
        : `${outcome.slug}: đã xuất bản phiên bản ${outcome.version} (published v${outcome.version}; compiled ${outcome.compiled}, reused ${outcome.reused})`;
    case "invalid":
      return [
        `${outcome.slug}: KHÔNG nhập vì có lỗi (not imported):`,
        ...outcome.problems.map((p) => `  ${p.file}:${p.line}:${p.column} ${p.message}`),
      ].join("\n");
  }
}
