/**
 * Imports `content/` into the database as published course versions. A course folder is
 * read and checked whole; a course with any problem is not imported (its last good version
 * stays), and every problem names its file, line and column.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
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
  type QuestionBank,
  QuestionBankSchema,
} from "~/domain/course-format";
import { cleanName } from "~/domain/text";
import {
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
  file: string;
  title: string;
  minutes: number;
  source: string;
  body: string;
  bodyLineOffset: number;
}

export interface LoadedCourse {
  slug: string;
  frontmatter: CourseFrontmatter;
  intro: { body: string; bodyLineOffset: number } | null;
  lessons: LoadedLesson[];
  bank: { source: string; parsed: QuestionBank };
  assets: { kind: "media" | "file"; name: string; mime: string; bytes: Buffer; hash: string }[];
  sourceHash: string;
}

type YamlCheck<T> = { ok: true; value: T } | { ok: false; problems: ContentProblem[] };

/** Parses YAML and validates it with zod, mapping every problem back to a line and column. */
function parseYaml<S extends z.ZodTypeAny>(
  schema: S,
  source: string,
  file: string,
  lineOffset = 0,
): YamlCheck<z.infer<S>> & { locate?: (p: (string | number)[]) => { line: number; column: number } } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const position = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + lineOffset, column: col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        file,
        ...position(e.pos[0]),
        message: `YAML không hợp lệ: ${e.message.split("\n")[0]}`,
      })),
    };
  }
  const locate = (p: (string | number)[]) => {
    for (let n = p.length; n >= 0; n--) {
      const node = doc.getIn(p.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === "object" && node.range) return position(node.range[0]);
      if (n === 0) break;
    }
    return { line: 1 + lineOffset, column: 1 };
  };
  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => ({
        file,
        ...locate(issue.path),
        message: `${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}`,
      })),
    };
  }
  return { ok: true, value: result.data, locate };
}

function readText(file: string): string {
  return fs.readFileSync(file, "utf8").normalize("NFC");
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

/** Reads and checks one course folder; nothing is written. */
export async function loadCourseFolder(
  dir: string,
  root: string,
): Promise<{ course: LoadedCourse | null; problems: ContentProblem[] }> {
  const problems: ContentProblem[] = [];
  const rel = (file: string) => path.relative(root, file) || file;
  const folderSlug = path.basename(dir);

  const courseFile = path.join(dir, "course.md");
  if (!fs.existsSync(courseFile)) {
    return { course: null, problems: [{ file: rel(courseFile), line: 1, column: 1, message: "thiếu tệp course.md" }] };
  }
  const courseSource = readText(courseFile);
  const courseParts = splitFrontmatter(courseSource);
  let frontmatter: CourseFrontmatter | null = null;
  if (courseParts.frontmatter === null) {
    problems.push({
      file: rel(courseFile),
      line: 1,
      column: 1,
      message: "thiếu phần thông tin khoá học giữa hai dòng ---",
    });
  } else {
    const parsed = parseYaml(CourseFrontmatterSchema, courseParts.frontmatter, rel(courseFile), 1);
    if (parsed.ok) {
      frontmatter = parsed.value;
      if (frontmatter.slug !== folderSlug) {
        problems.push({
          file: rel(courseFile),
          ...(parsed.locate?.(["slug"]) ?? { line: 2, column: 1 }),
          message: `slug "${frontmatter.slug}" phải trùng tên thư mục "${folderSlug}"`,
        });
      }
    } else problems.push(...parsed.problems);
  }
  const intro = courseParts.body.trim() ? { body: courseParts.body, bodyLineOffset: courseParts.bodyLineOffset } : null;

  const lessonsDir = path.join(dir, "lessons");
  const found: LoadedLesson[] = [];
  for (const name of listDir(lessonsDir)) {
    const file = path.join(lessonsDir, name);
    const parsedName = parseLessonFilename(name);
    if (!parsedName) {
      problems.push({
        file: rel(file),
        line: 1,
        column: 1,
        message: "tên tệp bài học phải có dạng 01-ten-bai.mdx (chữ thường không dấu)",
      });
      continue;
    }
    const source = readText(file);
    const parts = splitFrontmatter(source);
    if (parts.frontmatter === null) {
      problems.push({
        file: rel(file),
        line: 1,
        column: 1,
        message: "thiếu phần thông tin bài học (title, minutes) giữa hai dòng ---",
      });
      continue;
    }
    const meta = parseYaml(LessonFrontmatterSchema, parts.frontmatter, rel(file), 1);
    if (!meta.ok) {
      problems.push(...meta.problems);
      continue;
    }
    found.push({
      ...parsedName,
      file: rel(file),
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
      file: rel(lessonsDir),
      line: 1,
      column: 1,
      message: "khoá học cần ít nhất một bài học trong thư mục lessons/",
    });
  }

  const bankFile = path.join(dir, "questions.yaml");
  let bank: LoadedCourse["bank"] | null = null;
  if (!fs.existsSync(bankFile)) {
    problems.push({ file: rel(bankFile), line: 1, column: 1, message: "thiếu ngân hàng câu hỏi questions.yaml" });
  } else {
    const bankSource = readText(bankFile);
    const parsed = parseYaml(QuestionBankSchema, bankSource, rel(bankFile));
    if (parsed.ok) {
      const ruleProblems = checkQuestionBank(parsed.value);
      problems.push(
        ...ruleProblems.map((p) => ({
          file: rel(bankFile),
          ...(parsed.locate?.(p.path) ?? { line: 1, column: 1 }),
          message: p.message,
        })),
      );
      if (frontmatter && parsed.value.questions.length < frontmatter.quiz.questionCount) {
        problems.push({
          file: rel(bankFile),
          line: 1,
          column: 1,
          message: `ngân hàng có ${parsed.value.questions.length} câu, ít hơn số câu mỗi bài kiểm tra (${frontmatter.quiz.questionCount})`,
        });
      }
      bank = { source: bankSource, parsed: parsed.value };
    } else problems.push(...parsed.problems);
  }

  const assets: LoadedCourse["assets"] = [];
  for (const [kind, folder, types, max] of [
    ["media", "media", MEDIA_TYPES, MAX_MEDIA_BYTES],
    ["file", "files", FILE_TYPES, MAX_FILE_BYTES],
  ] as const) {
    for (const name of listDir(path.join(dir, folder))) {
      const file = path.join(dir, folder, name);
      const mime = types[path.extname(name).toLowerCase()];
      if (!ASSET_NAME.test(name) || !mime) {
        problems.push({
          file: rel(file),
          line: 1,
          column: 1,
          message: `tên hoặc loại tệp không được phép (cho phép: ${Object.keys(types).join(", ")}; tên chữ thường không dấu)`,
        });
        continue;
      }
      const bytes = fs.readFileSync(file);
      if (bytes.length > max) {
        problems.push({
          file: rel(file),
          line: 1,
          column: 1,
          message: `tệp quá lớn (tối đa ${Math.round(max / 1024 / 1024)} MB)`,
        });
        continue;
      }
      if (mime === "image/svg+xml") {
        const reason = unsafeSvgReason(bytes.toString("utf8"));
        if (reason) {
          problems.push({ file: rel(file), line: 1, column: 1, message: `hình SVG không an toàn: ${reason}` });
          continue;
        }
      }
      assets.push({ kind, name, mime, bytes, hash: sha256(bytes) });
    }
  }

  // Check every lesson (and the introduction) against the allow-list, and their file references.
  const documents = [
    ...(intro ? [{ file: rel(courseFile), body: intro.body, offset: intro.bodyLineOffset }] : []),
    ...lessons.map((l) => ({ file: l.file, body: l.body, offset: l.bodyLineOffset })),
  ];
  for (const doc of documents) {
    const check = checkMdx(doc.body, doc.offset);
    problems.push(...check.problems.map((p) => ({ file: doc.file, ...p })));
    for (const ref of check.assets) {
      if (!assets.some((a) => a.kind === ref.kind && a.name === ref.name)) {
        const folder = ref.kind === "media" ? "media" : "files";
        problems.push({
          file: doc.file,
          line: ref.line,
          column: ref.column,
          message: `không có tệp "${ref.name}" trong thư mục ${folder}/`,
        });
      }
    }
  }

  if (problems.length > 0 || !frontmatter || !bank) return { course: null, problems };

  // The course's identity is the content of all its files, in a stable order.
  const hash = crypto.createHash("sha256");
  hash.update(courseSource);
  for (const l of lessons) hash.update(`\0${l.file}\0${l.source}`);
  hash.update(`\0questions\0${bank.source}`);
  for (const a of [...assets].sort((x, y) => `${x.kind}/${x.name}`.localeCompare(`${y.kind}/${y.name}`))) {
    hash.update(`\0${a.kind}/${a.name}\0${a.hash}`);
  }
  return {
    course: { slug: folderSlug, frontmatter, intro, lessons, bank, assets, sourceHash: hash.digest("hex") },
    problems: [],
  };
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
      outcomes.push({ slug: course.slug, status: "unchanged" });
      continue;
    }
    if (options.dryRun) {
      outcomes.push({ slug: course.slug, status: "published", version: 0, compiled: 0, reused: 0 });
      continue;
    }
    const compiled = new Map<string, string>();
    let reused = 0;
    const bodies = [...(course.intro ? [course.intro] : []), ...course.lessons];
    const compileProblems: ContentProblem[] = [];
    for (const [i, doc] of bodies.entries()) {
      const hash = compiledHash(doc.body);
      if (compiled.has(hash) || findCompiled(hash)) {
        reused += 1;
        continue;
      }
      const result = await compileMdx(doc.body, doc.bodyLineOffset);
      const file =
        course.intro && i === 0 ? `${folder}/course.md` : (course.lessons[i - (course.intro ? 1 : 0)]?.file ?? folder);
      if (result.ok) compiled.set(result.hash, result.code);
      else compileProblems.push(...result.problems.map((p) => ({ file, ...p })));
    }
    if (compileProblems.length > 0) {
      outcomes.push({ slug: course.slug, status: "invalid", problems: compileProblems });
      continue;
    }
    const input: CourseVersionInput = {
      slug: course.slug,
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
      publishedBy: options.publishedBy ?? null,
    };
    const version = publishCourseVersion(input);
    outcomes.push({ slug: course.slug, status: "published", version, compiled: compiled.size, reused });
  }
  return outcomes;
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
