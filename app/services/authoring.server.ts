/**
 * Trainers write courses in the browser. A draft is a course folder kept in the database
 * (lessons by key, the other files by path, each with a revision); publishing checks it with
 * exactly the rules of `content/` imports and makes an immutable version. Decision 011.
 */
import crypto from "node:crypto";
import { type Actor, can, scopeRoots } from "~/domain/access";
import {
  bankQuestions,
  bankSource,
  checkQuestion,
  courseSlugFromTitle,
  courseSource,
  EMPTY_BANK_SOURCE,
  isValidLessonKey,
  lessonParts,
  lessonPath,
  lessonSource,
  newCourseFrontmatter,
  safeAssetName,
} from "~/domain/authoring";
import {
  type CourseFrontmatter,
  CourseFrontmatterSchema,
  splitFrontmatter,
  userYamlValue,
} from "~/domain/course-format";
import { type VersionChanges, versionChanges } from "~/domain/version-changes";
import type { MessageKey } from "~/i18n";
import { unitAudienceCount } from "~/models/assignments.server";
import { recordAudit } from "~/models/audit.server";
import {
  blobBytes,
  countActiveAssignments,
  type DraftLessonRow,
  deleteDraft,
  deleteDraftLesson,
  findCourseRow,
  findDraft,
  findDraftFile,
  findDraftLesson,
  findVersion,
  insertBlob,
  insertDraft,
  insertDraftLesson,
  listDraftFiles,
  listDraftLessons,
  listDrafts,
  listVersions,
  setDraftBase,
  updateDraftLesson,
  upsertDraftFile,
  userName,
  type VersionSummary,
  versionContent,
} from "~/models/authoring.server";
import { listCurrentCourses, publishCourseVersion } from "~/models/courses.server";
import { findUnitByCode, findUnitById, isTreeRootPath, listPositions, listTiers } from "~/models/units.server";
import {
  type ContentProblem,
  type CourseFiles,
  checkAsset,
  checkCourseFiles,
  compileCourse,
  missingAssets,
  versionInput,
} from "~/services/content-import.server";
import type { Viewer } from "~/utils/auth.server";
import { writeTransaction } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { renderLessonHtml } from "~/utils/lesson-html.server";
import { compileMdx } from "~/utils/mdx.server";

const COURSE_FILE = "course.md";
const BANK_FILE = "questions.yaml";

// ---- Who may write what ----

/** A national course (no owner) is written by trainers whose grant is at the top of the tree. */
export function mayAuthor(actor: Actor, ownerPath: string | null): boolean {
  if (ownerPath) return can(actor, "course.author", ownerPath);
  return scopeRoots(actor, "course.author").some((g) => isTreeRootPath(g.unitPath));
}

interface Authoring {
  slug: string;
  ownerUnitId: number | null;
  ownerPath: string | null;
  course: ReturnType<typeof findCourseRow>;
  draft: ReturnType<typeof findDraft>;
}

/** The course or draft by slug, when the viewer may write it; 404 otherwise (as if it did not exist). */
export function requireAuthoring(viewer: Viewer, slug: string): Authoring {
  const course = findCourseRow(slug);
  const draft = findDraft(slug);
  if (!course && !draft) throw notFound();
  const ownerUnitId = course ? course.ownerUnitId : (draft?.ownerUnitId ?? null);
  const ownerPath = course ? course.ownerPath : ownerUnitId ? (findUnitById(ownerUnitId)?.path ?? null) : null;
  if (!mayAuthor(viewer.actor, ownerPath)) throw notFound();
  return { slug, ownerUnitId, ownerPath, course, draft };
}

export interface AuthoringListEntry {
  slug: string;
  title: string;
  ownerUnitName: string | null;
  publishedVersion: number | null;
  hasDraft: boolean;
}

/** The courses the viewer may write: published ones and drafts not yet published. */
export function authorableCourses(viewer: Viewer): AuthoringListEntry[] {
  const drafts = new Map(listDrafts().map((d) => [d.slug, d]));
  const entries: AuthoringListEntry[] = [];
  for (const course of listCurrentCourses()) {
    if (!mayAuthor(viewer.actor, course.ownerPath)) continue;
    entries.push({
      slug: course.slug,
      title: course.title,
      ownerUnitName: course.ownerUnitId ? (findUnitById(course.ownerUnitId)?.name ?? null) : null,
      publishedVersion: course.versionNumber,
      hasDraft: drafts.has(course.slug),
    });
    drafts.delete(course.slug);
  }
  for (const draft of drafts.values()) {
    if (!mayAuthor(viewer.actor, draft.ownerPath)) continue;
    const settings = readSettings(draft.slug);
    entries.push({
      slug: draft.slug,
      title: settings?.frontmatter.title ?? draft.slug,
      ownerUnitName: draft.ownerUnitId ? (findUnitById(draft.ownerUnitId)?.name ?? null) : null,
      publishedVersion: null,
      hasDraft: true,
    });
  }
  return entries;
}

/** Every course address in use (published courses and drafts): a new course needs another. */
export function takenCourseSlugs(): string[] {
  return [...new Set([...listCurrentCourses().map((c) => c.slug), ...listDrafts().map((d) => d.slug)])];
}

const slugTaken = (slug: string) => Boolean(findCourseRow(slug) || findDraft(slug));

/** The address proposed for a new course with this title: from its words, unique. */
export function suggestCourseSlug(title: string): string {
  return courseSlugFromTitle(title, slugTaken);
}

/** Units where the viewer may create a course (their trainer grants), and whether national is allowed. */
export function courseOwnerChoices(viewer: Viewer): { national: boolean; units: { code: string; name: string }[] } {
  const units = scopeRoots(viewer.actor, "course.author")
    .filter((g) => !isTreeRootPath(g.unitPath))
    .map((g) => findUnitById(g.unitId))
    .filter((u) => u !== undefined)
    .map((u) => ({ code: u.code, name: u.name }));
  return { national: mayAuthor(viewer.actor, null), units };
}

export type AuthoringResult<T = object> =
  | ({ ok: true } & T)
  | { ok: false; field: string; error: MessageKey; params?: Record<string, string> };

const fail = (field: string, error: MessageKey, params?: Record<string, string>) =>
  ({ ok: false, field, error, params }) as const;

// ---- Files of a draft and of a version ----

function draftCourseFiles(slug: string): CourseFiles {
  const files: CourseFiles = new Map();
  for (const file of listDraftFiles(slug)) {
    const bytes =
      file.text !== null ? Buffer.from(file.text, "utf8") : file.blobHash ? blobBytes(file.blobHash) : undefined;
    if (bytes) files.set(file.path, bytes);
  }
  for (const lesson of listDraftLessons(slug))
    files.set(lessonPath(lesson.position, lesson.lessonKey), Buffer.from(lesson.source, "utf8"));
  return files;
}

/** A published version as the files of its course folder, byte for byte as published. */
export function versionFiles(versionId: number): CourseFiles {
  const content = versionContent(versionId);
  if (!content) throw notFound();
  const { version } = content;
  const files: CourseFiles = new Map();
  const frontmatter: CourseFrontmatter = {
    slug: "",
    title: version.title,
    summary: version.summary,
    audience: { tiers: version.audienceTiers, positions: version.audiencePositions },
    estimatedMinutes: version.estimatedMinutes,
    certificateValidityMonths: version.certificateValidityMonths,
    passMark: version.passMark,
    ...(version.declaredVersion ? { version: version.declaredVersion } : {}),
    quiz: version.quiz,
  };
  const slug = findCourseSlug(version.courseId);
  // Versions published before course.md was kept are given one rebuilt from their settings.
  files.set(COURSE_FILE, Buffer.from(version.courseSource ?? courseSource({ ...frontmatter, slug }, ""), "utf8"));
  for (const lesson of content.lessons)
    files.set(lessonPath(lesson.position, lesson.key), Buffer.from(lesson.source, "utf8"));
  files.set(BANK_FILE, Buffer.from(content.bankSource, "utf8"));
  for (const asset of content.assets) {
    const bytes = blobBytes(asset.hash);
    if (bytes) files.set(`${asset.kind === "media" ? "media" : "files"}/${asset.name}`, bytes);
  }
  return files;
}

function findCourseSlug(courseId: number): string {
  return listCurrentCourses().find((c) => c.courseId === courseId)?.slug ?? "";
}

function filesHash(files: CourseFiles): string {
  const hash = crypto.createHash("sha256");
  for (const name of [...files.keys()].sort())
    hash
      .update(`${name}\0`)
      .update(files.get(name) as Buffer)
      .update("\0");
  return hash.digest("hex");
}

// ---- Drafts ----

/** The draft of a course, started from its current version the first time someone edits it. */
export function ensureDraft(viewer: Viewer, slug: string): Authoring {
  const authoring = requireAuthoring(viewer, slug);
  if (authoring.draft) return authoring;
  const versionId = authoring.course?.currentVersionId;
  if (!versionId) throw notFound();
  const files = versionFiles(versionId);
  writeTransaction((tx) => {
    if (findDraft(slug, tx)) return;
    const lessons: { key: string; position: number; source: string }[] = [];
    const others: { path: string; text: string | null; blobHash: string | null }[] = [];
    for (const [name, bytes] of files) {
      const lesson = /^lessons\/(\d+)-(.+)\.mdx$/.exec(name);
      if (lesson)
        lessons.push({ position: Number(lesson[1]), key: lesson[2] as string, source: bytes.toString("utf8") });
      else if (name === COURSE_FILE || name === BANK_FILE)
        others.push({ path: name, text: bytes.toString("utf8"), blobHash: null });
      else {
        const hash = sha256(bytes);
        insertBlob(tx, hash, bytes);
        others.push({ path: name, text: null, blobHash: hash });
      }
    }
    insertDraft(
      tx,
      { slug, ownerUnitId: authoring.ownerUnitId, baseVersionId: versionId, createdBy: viewer.user.id },
      lessons,
      others,
    );
  });
  return requireAuthoring(viewer, slug);
}

const sha256 = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex");

/** A new course, as a draft with one lesson, owned by a unit the trainer works for (or national). */
export function createCourse(
  viewer: Viewer,
  input: { slug: string; title: string; ownerUnitCode: string | null },
): AuthoringResult<{ slug: string }> {
  const owner = input.ownerUnitCode ? findUnitByCode(input.ownerUnitCode) : null;
  if (input.ownerUnitCode && !owner) return fail("ownerUnitCode", "units.error.unknownCode");
  if (!mayAuthor(viewer.actor, owner?.path ?? null)) return fail("ownerUnitCode", "authoring.error.outOfScope");
  if (slugTaken(input.slug)) return fail("slug", "authoring.error.slugTaken");
  const title = input.title.normalize("NFC").trim();
  writeTransaction((tx) => {
    insertDraft(
      tx,
      { slug: input.slug, ownerUnitId: owner?.id ?? null, baseVersionId: null, createdBy: viewer.user.id },
      [
        {
          key: "gioi-thieu",
          position: 1,
          source: lessonSource({ title: "Giới thiệu", minutes: 10 }, "## Giới thiệu\n\nNội dung bài học.\n"),
        },
      ],
      [
        { path: COURSE_FILE, text: courseSource(newCourseFrontmatter(input.slug, title), ""), blobHash: null },
        { path: BANK_FILE, text: EMPTY_BANK_SOURCE, blobHash: null },
      ],
    );
    recordAudit(tx, {
      actorUserId: viewer.user.id,
      action: "course.create",
      entityType: "course",
      entityId: input.slug,
      orgUnitId: owner?.id ?? null,
      after: { slug: input.slug, title, owner: owner?.code ?? null },
    });
  });
  return { ok: true, slug: input.slug };
}

export interface DraftSettings {
  frontmatter: CourseFrontmatter;
  intro: string;
  revision: number;
}

function readSettings(slug: string): DraftSettings | null {
  const file = findDraftFile(slug, COURSE_FILE);
  if (!file?.text) return null;
  const { frontmatter, body } = splitFrontmatter(file.text);
  const parsed = frontmatter ? CourseFrontmatterSchema.safeParse(userYamlValue(frontmatter)) : null;
  if (!parsed?.success) return null;
  return { frontmatter: parsed.data, intro: body.trim(), revision: file.revision };
}

export interface DraftOverview {
  slug: string;
  settings: DraftSettings | null;
  lessons: {
    key: string;
    position: number;
    title: string;
    minutes: number;
    /** Lines of the file above the text the editor shows (a problem's line minus this is the editor's). */
    bodyLineOffset: number;
    revision: number;
    updatedAt: Date;
    updatedByName: string | null;
  }[];
  questionCount: number;
  bankRevision: number;
  media: { path: string; name: string; altText: string | null }[];
  published: { number: number } | null;
  /** The draft differs from the published version. */
  unpublishedChanges: boolean;
}

export function draftOverview(viewer: Viewer, slug: string): DraftOverview {
  const authoring = ensureDraft(viewer, slug);
  const lessons = listDraftLessons(slug);
  const files = listDraftFiles(slug);
  const bank = files.find((f) => f.path === BANK_FILE);
  const current = authoring.course?.currentVersionId ?? null;
  const currentNumber = current
    ? (listVersions(authoring.course?.id as number).find((v) => v.id === current)?.number ?? null)
    : null;
  return {
    slug,
    settings: readSettings(slug),
    lessons: lessons.map((l) => {
      const parts = lessonParts(l.source);
      return {
        key: l.lessonKey,
        position: l.position,
        title: parts.title,
        minutes: parts.minutes,
        bodyLineOffset: parts.bodyLineOffset,
        revision: l.revision,
        updatedAt: l.updatedAt,
        updatedByName: userName(l.updatedBy),
      };
    }),
    questionCount: bankQuestions(bank?.text ?? "").length,
    bankRevision: bank?.revision ?? 0,
    media: files
      .filter((f) => f.path.startsWith("media/"))
      .map((f) => ({ path: f.path, name: f.path.slice("media/".length), altText: f.altText })),
    published: currentNumber ? { number: currentNumber } : null,
    unpublishedChanges: draftDiffers(slug, current),
  };
}

function draftDiffers(slug: string, currentVersionId: number | null): boolean {
  return currentVersionId === null || filesHash(draftCourseFiles(slug)) !== filesHash(versionFiles(currentVersionId));
}

/** Problems that would stop a publish, with file, line and column (no compiling). */
export async function draftProblems(viewer: Viewer, slug: string): Promise<ContentProblem[]> {
  requireAuthoring(viewer, slug);
  const { problems } = await checkCourseFiles(slug, draftCourseFiles(slug), slug);
  return problems;
}

export interface LessonDraft {
  key: string;
  position: number;
  title: string;
  minutes: number;
  body: string;
  bodyLineOffset: number;
  revision: number;
  updatedAt: Date;
  updatedByName: string | null;
}

function toLessonDraft(row: DraftLessonRow): LessonDraft {
  const parts = lessonParts(row.source);
  return {
    key: row.lessonKey,
    position: row.position,
    ...parts,
    revision: row.revision,
    updatedAt: row.updatedAt,
    updatedByName: userName(row.updatedBy),
  };
}

export function lessonDraft(viewer: Viewer, slug: string, key: string): LessonDraft {
  ensureDraft(viewer, slug);
  const row = findDraftLesson(slug, key);
  if (!row) throw notFound();
  return toLessonDraft(row);
}

export type SaveLessonResult =
  | { ok: true; revision: number }
  | { ok: false; conflict: LessonDraft | null }
  | { ok: false; field: string; error: MessageKey };

/**
 * Saves a lesson if nobody else saved it since the trainer loaded `revision`; otherwise
 * returns the other version (who, when, what) and keeps the trainer's text with them.
 */
export function saveLesson(
  viewer: Viewer,
  slug: string,
  key: string,
  input: { title: string; minutes: number; body: string; revision: number },
): SaveLessonResult {
  ensureDraft(viewer, slug);
  const source = lessonSource({ title: input.title, minutes: input.minutes }, input.body);
  const revision = writeTransaction((tx) =>
    updateDraftLesson(tx, slug, key, { source }, input.revision, viewer.user.id),
  );
  if (revision !== null) return { ok: true, revision };
  const current = findDraftLesson(slug, key);
  return { ok: false, conflict: current ? toLessonDraft(current) : null };
}

export function addLesson(
  viewer: Viewer,
  slug: string,
  input: { key: string; title: string },
): AuthoringResult<{ key: string }> {
  ensureDraft(viewer, slug);
  if (!isValidLessonKey(input.key)) return fail("key", "authoring.error.lessonKey");
  const lessons = listDraftLessons(slug);
  if (lessons.some((l) => l.lessonKey === input.key)) return fail("key", "authoring.error.lessonKeyTaken");
  const position = Math.max(0, ...lessons.map((l) => l.position)) + 1;
  writeTransaction((tx) =>
    insertDraftLesson(
      tx,
      slug,
      { key: input.key, position, source: lessonSource({ title: input.title, minutes: 10 }, "") },
      viewer.user.id,
    ),
  );
  return { ok: true, key: input.key };
}

/** Moves a lesson one place up or down; the numbers are rewritten 1, 2, 3… (the keys stay). */
export function moveLesson(viewer: Viewer, slug: string, key: string, direction: "up" | "down"): void {
  ensureDraft(viewer, slug);
  writeTransaction((tx) => {
    const lessons = listDraftLessons(slug, tx);
    const from = lessons.findIndex((l) => l.lessonKey === key);
    const to = direction === "up" ? from - 1 : from + 1;
    if (from < 0 || to < 0 || to >= lessons.length) return;
    const order = [...lessons];
    [order[from], order[to]] = [order[to] as DraftLessonRow, order[from] as DraftLessonRow];
    order.forEach((lesson, index) => {
      if (lesson.position !== index + 1)
        updateDraftLesson(tx, slug, lesson.lessonKey, { position: index + 1 }, null, viewer.user.id);
    });
  });
}

export function deleteLesson(viewer: Viewer, slug: string, key: string): void {
  const authoring = ensureDraft(viewer, slug);
  writeTransaction((tx) => {
    const lesson = findDraftLesson(slug, key, tx);
    if (!lesson || !deleteDraftLesson(tx, slug, key)) return;
    recordAudit(tx, {
      actorUserId: viewer.user.id,
      action: "lesson.delete",
      entityType: "course",
      entityId: slug,
      orgUnitId: authoring.ownerUnitId,
      before: { lesson: key, source: lesson.source },
    });
  });
}

export function courseSettings(viewer: Viewer, slug: string): DraftSettings {
  ensureDraft(viewer, slug);
  const settings = readSettings(slug);
  if (settings) return settings;
  const file = findDraftFile(slug, COURSE_FILE);
  return { frontmatter: newCourseFrontmatter(slug, slug), intro: "", revision: file?.revision ?? 0 };
}

export function saveSettings(
  viewer: Viewer,
  slug: string,
  input: { frontmatter: Omit<CourseFrontmatter, "slug">; intro: string; revision: number },
): AuthoringResult {
  ensureDraft(viewer, slug);
  // The declared version number is written by hand in course.md; the form keeps it as it was.
  const declared = readSettings(slug)?.frontmatter.version;
  const checked = CourseFrontmatterSchema.safeParse({
    ...input.frontmatter,
    ...(declared ? { version: declared } : {}),
    slug,
  });
  if (!checked.success) return fail("_form", "form.invalid");
  const frontmatter = checked.data;
  const revision = writeTransaction((tx) =>
    upsertDraftFile(
      tx,
      slug,
      COURSE_FILE,
      { text: courseSource(frontmatter, input.intro), blobHash: null },
      input.revision,
      viewer.user.id,
    ),
  );
  return revision === null ? fail("_form", "authoring.error.conflict") : { ok: true };
}

// ---- Questions ----

export function draftQuestions(viewer: Viewer, slug: string): { questions: unknown[]; revision: number } {
  ensureDraft(viewer, slug);
  const file = findDraftFile(slug, BANK_FILE);
  return { questions: bankQuestions(file?.text ?? ""), revision: file?.revision ?? 0 };
}

export type QuestionSaveResult =
  | { ok: true }
  | { ok: false; problems: { path: string; message: string }[] }
  | { ok: false; conflict: true };

/** Adds or replaces (by its original id) one question, validated; the bank file is rewritten. */
export function saveQuestion(
  viewer: Viewer,
  slug: string,
  input: { question: unknown; originalId: string | null; revision: number },
): QuestionSaveResult {
  const { questions, revision } = draftQuestions(viewer, slug);
  if (revision !== input.revision) return { ok: false, conflict: true };
  const idOf = (q: unknown) => (q && typeof q === "object" && "id" in q ? String((q as { id: unknown }).id) : "");
  const others = questions.filter((q) => idOf(q) !== input.originalId);
  const check = checkQuestion(input.question, others.map(idOf));
  if (!check.ok) return { ok: false, problems: check.problems };
  const index = questions.findIndex((q) => idOf(q) === input.originalId);
  const next = [...questions];
  if (index >= 0) next[index] = check.question;
  else next.push(check.question);
  const saved = writeTransaction((tx) =>
    upsertDraftFile(tx, slug, BANK_FILE, { text: bankSource(next), blobHash: null }, input.revision, viewer.user.id),
  );
  return saved === null ? { ok: false, conflict: true } : { ok: true };
}

export function deleteQuestion(viewer: Viewer, slug: string, id: string, expectedRevision: number): boolean {
  const authoring = ensureDraft(viewer, slug);
  const { questions, revision } = draftQuestions(viewer, slug);
  if (revision !== expectedRevision) return false;
  const removed = questions.find((q) => (q as { id?: unknown })?.id === id);
  if (!removed) return true;
  return writeTransaction((tx) => {
    const saved = upsertDraftFile(
      tx,
      slug,
      BANK_FILE,
      { text: bankSource(questions.filter((q) => q !== removed)), blobHash: null },
      expectedRevision,
      viewer.user.id,
    );
    if (saved === null) return false;
    recordAudit(tx, {
      actorUserId: viewer.user.id,
      action: "question.delete",
      entityType: "course",
      entityId: slug,
      orgUnitId: authoring.ownerUnitId,
      before: { question: removed },
    });
    return true;
  });
}

// ---- Pictures ----

export function uploadMedia(
  viewer: Viewer,
  slug: string,
  input: { fileName: string; bytes: Buffer; altText: string },
): AuthoringResult<{ name: string }> {
  ensureDraft(viewer, slug);
  const name = safeAssetName(input.fileName);
  const check = checkAsset("media", name, input.bytes);
  if (!check.ok) return fail("file", "authoring.error.media", { reason: check.message });
  const hash = sha256(input.bytes);
  writeTransaction((tx) => {
    insertBlob(tx, hash, input.bytes);
    upsertDraftFile(
      tx,
      slug,
      `media/${name}`,
      { text: null, blobHash: hash, altText: input.altText.normalize("NFC").trim() },
      null,
      viewer.user.id,
    );
  });
  return { ok: true, name };
}

export function draftMedia(viewer: Viewer, slug: string, name: string): { bytes: Buffer; mime: string; hash: string } {
  requireAuthoring(viewer, slug);
  const file = findDraftFile(slug, `media/${name}`);
  const bytes = file?.blobHash ? blobBytes(file.blobHash) : undefined;
  if (!file?.blobHash || !bytes) throw notFound();
  const check = checkAsset("media", name, bytes);
  if (!check.ok) throw notFound();
  return { bytes, mime: check.mime, hash: file.blobHash };
}

// ---- Preview ----

export type PreviewResult =
  | { ok: true; html: string }
  | { ok: false; problems: { line: number; column: number; message: string }[] };

/**
 * Checks and compiles a lesson body as the trainer types (debounced by the page), off the
 * request thread and within the MDX time limit, and renders it with the real allow-listed
 * components; problems carry the line and column of the editor. The pictures it needs are
 * the allow-list's own list (the same one publishing checks), found in the draft's library.
 */
export async function previewLesson(viewer: Viewer, slug: string, body: string): Promise<PreviewResult> {
  requireAuthoring(viewer, slug);
  const result = await compileMdx(body.normalize("NFC"), 0, viewer.user.id);
  if (!result.ok) return { ok: false, problems: result.problems };
  const missing = missingAssets(result.assets, new Set(listDraftFiles(slug).map((f) => f.path)));
  if (missing.length > 0) return { ok: false, problems: missing };
  return {
    ok: true,
    html: renderLessonHtml(
      result.hash,
      result.code,
      slug,
      viewer.user.locale,
      `/author/${encodeURIComponent(slug)}/draft`,
    ),
  };
}

// ---- Publishing, history, rollback ----

export type PublishResult = { ok: true; version: number } | { ok: false; problems: ContentProblem[] };

async function publishFiles(
  viewer: Viewer,
  authoring: Authoring,
  files: CourseFiles,
  audit: { action: "course.publish" | "course.rollback"; after: Record<string, unknown> },
): Promise<PublishResult> {
  const { course, problems } = await checkCourseFiles(authoring.slug, files, authoring.slug);
  if (!course) return { ok: false, problems };
  const compiled = await compileCourse(course, `${authoring.slug}/course.md`);
  if (compiled.problems.length > 0) return { ok: false, problems: compiled.problems };
  const version = writeTransaction((tx) => {
    const number = publishCourseVersion({
      ...versionInput(course, compiled.compiled, viewer.user.id),
      ownerUnitId: authoring.ownerUnitId,
    });
    const published = findCourseRow(authoring.slug, tx);
    if (published?.currentVersionId) setDraftBase(tx, authoring.slug, published.currentVersionId);
    recordAudit(tx, {
      actorUserId: viewer.user.id,
      action: audit.action,
      entityType: "course",
      entityId: authoring.slug,
      orgUnitId: authoring.ownerUnitId,
      after: { version: number, sourceHash: course.sourceHash, ...audit.after },
    });
    return number;
  });
  return { ok: true, version };
}

export interface PublishAudience {
  /** The owning unit's name; null for a national course. */
  ownerUnitName: string | null;
  tiers: string[];
  positions: string[];
  /** People placed now in the owner's area, in the tiers and positions the course is for. */
  people: number;
  /** Assignments of the course in force (they reach their people whatever the settings say). */
  assignments: number;
}

/** Who will see the new version once published: asked before publishing, with the count as of now. */
export function publishAudience(viewer: Viewer, slug: string): PublishAudience {
  const authoring = ensureDraft(viewer, slug);
  const settings = readSettings(slug);
  const tiers = settings?.frontmatter.audience.tiers ?? [];
  const positions = settings?.frontmatter.audience.positions ?? [];
  const english = viewer.user.locale === "en";
  const named = (rows: { code: string; nameVi: string; nameEn: string }[], codes: string[]) =>
    codes.map((code) => {
      const row = rows.find((r) => r.code === code);
      return row ? (english ? row.nameEn : row.nameVi) : code;
    });
  return {
    ownerUnitName: authoring.ownerUnitId ? (findUnitById(authoring.ownerUnitId)?.name ?? null) : null,
    tiers: named(listTiers(), tiers),
    positions: named(listPositions(), positions),
    people: unitAudienceCount({
      unitPath: authoring.ownerPath ?? "/",
      includeSubunits: true,
      tiers,
      positions,
    }),
    assignments: authoring.course ? countActiveAssignments(authoring.course.id) : 0,
  };
}

/** Publishes the draft as a new immutable version (learners keep their progress by lesson key). */
export async function publishDraft(viewer: Viewer, slug: string): Promise<PublishResult> {
  const authoring = ensureDraft(viewer, slug);
  return publishFiles(viewer, authoring, draftCourseFiles(slug), { action: "course.publish", after: {} });
}

export interface History {
  versions: VersionSummary[];
  currentVersionId: number | null;
}

export function courseHistory(viewer: Viewer, slug: string): History {
  const authoring = requireAuthoring(viewer, slug);
  if (!authoring.course) return { versions: [], currentVersionId: null };
  return { versions: listVersions(authoring.course.id), currentVersionId: authoring.course.currentVersionId };
}

/** What changed from version `from` to version `to`: per lesson by paragraph, settings, questions, pictures. */
export function compareVersions(viewer: Viewer, slug: string, from: number, to: number): VersionChanges {
  const authoring = requireAuthoring(viewer, slug);
  const courseId = authoring.course?.id;
  const a = courseId ? findVersion(courseId, from) : undefined;
  const b = courseId ? findVersion(courseId, to) : undefined;
  if (!a || !b) throw notFound();
  const asText = (files: CourseFiles) =>
    new Map(
      [...files].map(([name, bytes]) => [
        name,
        isBinaryPath(name) ? `sha256:${sha256(bytes)}` : bytes.toString("utf8"),
      ]),
    );
  return versionChanges(asText(versionFiles(a.id)), asText(versionFiles(b.id)));
}

function isBinaryPath(name: string): boolean {
  return name.startsWith("media/") || name.startsWith("files/");
}

export type RollbackResult = PublishResult | { ok: false; draftAhead: true };

/**
 * Makes an old version current again, as a new version (history is never rewritten); the
 * draft becomes that version too, so the next edit starts from what learners see. A draft
 * with unpublished work is thrown away only when the author says so.
 */
export async function rollbackTo(
  viewer: Viewer,
  slug: string,
  number: number,
  options: { discardDraft: boolean } = { discardDraft: false },
): Promise<RollbackResult> {
  const authoring = requireAuthoring(viewer, slug);
  const target = authoring.course ? findVersion(authoring.course.id, number) : undefined;
  if (!target) throw notFound();
  if (!options.discardDraft && authoring.draft && draftDiffers(slug, authoring.course?.currentVersionId ?? null))
    return { ok: false, draftAhead: true };
  const files = versionFiles(target.id);
  const result = await publishFiles(viewer, authoring, files, { action: "course.rollback", after: { from: number } });
  if (result.ok) resetDraftTo(viewer, slug);
  return result;
}

function resetDraftTo(viewer: Viewer, slug: string): void {
  // Lessons and files go with the draft (on delete cascade); a new one starts from the current version.
  writeTransaction((tx) => deleteDraft(tx, slug));
  ensureDraft(viewer, slug);
}

// ---- Export ----

/** Every course's current version as course folders: what `npm run content:export` writes. */
export function publishedCourseFolders(): { slug: string; files: CourseFiles }[] {
  return listCurrentCourses().map((course) => ({ slug: course.slug, files: versionFiles(course.versionId) }));
}
