import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { CourseFrontmatter, QuestionBank } from "~/domain/course-format";
import { getDb, prepared, writeTransaction } from "~/utils/db.server";
import {
  compiledMdx,
  contentBlobs,
  courseAssets,
  courseLessons,
  courses,
  courseVersions,
  lessonReads,
  orgUnits,
  positions,
  questionBanks,
  tiers,
} from "../../db/schema";

export function listCatalogueCodes(): { tiers: Set<string>; positions: Set<string> } {
  const db = getDb();
  return {
    tiers: new Set(
      db
        .select({ code: tiers.code })
        .from(tiers)
        .all()
        .map((t) => t.code),
    ),
    positions: new Set(
      db
        .select({ code: positions.code })
        .from(positions)
        .all()
        .map((p) => p.code),
    ),
  };
}

export function sourceHashOfCurrent(slug: string): string | null {
  const row = getDb()
    .select({ hash: courseVersions.sourceHash })
    .from(courses)
    .innerJoin(courseVersions, eq(courseVersions.id, courses.currentVersionId))
    .where(eq(courses.slug, slug))
    .get();
  return row?.hash ?? null;
}

export function backfillCourseSource(slug: string, courseSource: string): void {
  const course = getDb().select().from(courses).where(eq(courses.slug, slug)).get();
  if (!course?.currentVersionId) return;
  getDb()
    .update(courseVersions)
    .set({ courseSource })
    .where(and(eq(courseVersions.id, course.currentVersionId), isNull(courseVersions.courseSource)))
    .run();
}

export function findCompiled(hash: string): string | null {
  return (
    getDb().select({ code: compiledMdx.code }).from(compiledMdx).where(eq(compiledMdx.hash, hash)).get()?.code ?? null
  );
}

export interface CourseVersionInput {
  slug: string;
  courseSource: string;
  frontmatter: CourseFrontmatter;
  introHash: string | null;
  lessons: { key: string; position: number; title: string; minutes: number; source: string; compiledHash: string }[];
  bank: { source: string; parsed: QuestionBank };
  assets: { kind: "media" | "file"; name: string; mime: string; bytes: Buffer; hash: string }[];
  sourceHash: string;
  newCompiled: Map<string, string>;
  publishedBy: string | null;
  /** For a course published for the first time: the unit that owns it (null = national). */
  ownerUnitId?: number | null;
}

/** Publishes an immutable version and makes it current, all in one transaction. */
export function publishCourseVersion(input: CourseVersionInput): number {
  return writeTransaction((tx) => {
    for (const [hash, code] of input.newCompiled) {
      tx.insert(compiledMdx).values({ hash, code }).onConflictDoNothing().run();
    }
    tx.insert(courses)
      .values({ slug: input.slug, ownerUnitId: input.ownerUnitId ?? null })
      .onConflictDoNothing()
      .run();
    const course = tx.select().from(courses).where(eq(courses.slug, input.slug)).get();
    if (!course) throw new Error(`course ${input.slug} missing after insert`);
    const last = tx
      .select({ number: sql<number>`coalesce(max(${courseVersions.number}), 0)` })
      .from(courseVersions)
      .where(eq(courseVersions.courseId, course.id))
      .get();
    const number = (last?.number ?? 0) + 1;
    const fm = input.frontmatter;
    const version = tx
      .insert(courseVersions)
      .values({
        courseId: course.id,
        number,
        declaredVersion: fm.version ?? null,
        title: fm.title,
        summary: fm.summary,
        introHash: input.introHash,
        audienceTiers: fm.audience.tiers,
        audiencePositions: fm.audience.positions,
        estimatedMinutes: fm.estimatedMinutes,
        certificateValidityMonths: fm.certificateValidityMonths,
        passMark: fm.passMark,
        quiz: fm.quiz,
        sourceHash: input.sourceHash,
        courseSource: input.courseSource,
        inPerson: fm.inPerson ?? null,
        publishedBy: input.publishedBy,
      })
      .returning({ id: courseVersions.id })
      .get();
    if (input.lessons.length > 0) {
      tx.insert(courseLessons)
        .values(
          input.lessons.map((l) => ({
            courseVersionId: version.id,
            lessonKey: l.key,
            position: l.position,
            title: l.title,
            minutes: l.minutes,
            source: l.source,
            compiledHash: l.compiledHash,
          })),
        )
        .run();
    }
    tx.insert(questionBanks)
      .values({ courseVersionId: version.id, source: input.bank.source, questions: input.bank.parsed })
      .run();
    for (const asset of input.assets) {
      tx.insert(contentBlobs)
        .values({ hash: asset.hash, bytes: asset.bytes, size: asset.bytes.length })
        .onConflictDoNothing()
        .run();
      tx.insert(courseAssets)
        .values({ courseVersionId: version.id, kind: asset.kind, name: asset.name, mime: asset.mime, hash: asset.hash })
        .run();
    }
    tx.update(courses).set({ currentVersionId: version.id }).where(eq(courses.id, course.id)).run();
    return number;
  });
}

const ownerUnits = alias(orgUnits, "owner_units");

const currentColumns = {
  courseId: courses.id,
  slug: courses.slug,
  ownerUnitId: courses.ownerUnitId,
  ownerPath: ownerUnits.path,
  versionId: courseVersions.id,
  versionNumber: courseVersions.number,
  title: courseVersions.title,
  summary: courseVersions.summary,
  introHash: courseVersions.introHash,
  audienceTiers: courseVersions.audienceTiers,
  audiencePositions: courseVersions.audiencePositions,
  estimatedMinutes: courseVersions.estimatedMinutes,
  certificateValidityMonths: courseVersions.certificateValidityMonths,
  passMark: courseVersions.passMark,
  quiz: courseVersions.quiz,
  inPerson: courseVersions.inPerson,
  publishedAt: courseVersions.publishedAt,
};

export type CurrentCourse = {
  courseId: number;
  slug: string;
  ownerUnitId: number | null;
  /** Null for a national course. */
  ownerPath: string | null;
  versionId: number;
  versionNumber: number;
  title: string;
  summary: string;
  introHash: string | null;
  audienceTiers: string[];
  audiencePositions: string[];
  estimatedMinutes: number;
  certificateValidityMonths: number;
  passMark: number;
  quiz: {
    questionCount: number;
    maxAttempts: number;
    retryWaitMinutes: number;
    timeLimitMinutes?: number;
    perTopic?: boolean;
  };
  inPerson: "attendance" | "attendance-and-quiz" | null;
  publishedAt: Date;
};

export function listCurrentCourses(): CurrentCourse[] {
  return getDb()
    .select(currentColumns)
    .from(courses)
    .innerJoin(courseVersions, eq(courseVersions.id, courses.currentVersionId))
    .leftJoin(ownerUnits, eq(ownerUnits.id, courses.ownerUnitId))
    .orderBy(asc(courses.id))
    .all();
}

const currentCourseBySlug = prepared((db) =>
  db
    .select(currentColumns)
    .from(courses)
    .innerJoin(courseVersions, eq(courseVersions.id, courses.currentVersionId))
    .leftJoin(ownerUnits, eq(ownerUnits.id, courses.ownerUnitId))
    .where(eq(courses.slug, sql.placeholder("slug")))
    .prepare(),
);

export function findCurrentCourse(slug: string): CurrentCourse | undefined {
  return currentCourseBySlug().get({ slug });
}

const outlinesOfVersion = prepared((db) =>
  db
    .select({
      key: courseLessons.lessonKey,
      position: courseLessons.position,
      title: courseLessons.title,
      minutes: courseLessons.minutes,
    })
    .from(courseLessons)
    .where(eq(courseLessons.courseVersionId, sql.placeholder("versionId")))
    .orderBy(asc(courseLessons.position))
    .prepare(),
);

export function listLessonOutlinesOf(versionId: number): LessonOutline[] {
  return outlinesOfVersion().all({ versionId });
}

export type LessonOutline = { key: string; position: number; title: string; minutes: number };

export function listLessonOutlines(versionIds: readonly number[]): Map<number, LessonOutline[]> {
  const byVersion = new Map<number, LessonOutline[]>(versionIds.map((id) => [id, []]));
  if (versionIds.length === 0) return byVersion;
  const rows = getDb()
    .select({
      versionId: courseLessons.courseVersionId,
      key: courseLessons.lessonKey,
      position: courseLessons.position,
      title: courseLessons.title,
      minutes: courseLessons.minutes,
    })
    .from(courseLessons)
    .where(inArray(courseLessons.courseVersionId, [...versionIds]))
    .orderBy(asc(courseLessons.position))
    .all();
  for (const { versionId, ...lesson } of rows) byVersion.get(versionId)?.push(lesson);
  return byVersion;
}

/** The compiled lesson; its MDX source never goes to the learner's page. */
const lessonCode = prepared((db) =>
  db
    .select({
      title: courseLessons.title,
      minutes: courseLessons.minutes,
      compiledHash: courseLessons.compiledHash,
      code: compiledMdx.code,
    })
    .from(courseLessons)
    .innerJoin(compiledMdx, eq(compiledMdx.hash, courseLessons.compiledHash))
    .where(
      and(
        eq(courseLessons.courseVersionId, sql.placeholder("versionId")),
        eq(courseLessons.lessonKey, sql.placeholder("key")),
      ),
    )
    .prepare(),
);

export function findLessonCode(versionId: number, key: string) {
  return lessonCode().get({ versionId, key });
}

export function findAsset(versionId: number, kind: "media" | "file", name: string) {
  return getDb()
    .select({ mime: courseAssets.mime, hash: courseAssets.hash, bytes: contentBlobs.bytes })
    .from(courseAssets)
    .innerJoin(contentBlobs, eq(contentBlobs.hash, courseAssets.hash))
    .where(and(eq(courseAssets.courseVersionId, versionId), eq(courseAssets.kind, kind), eq(courseAssets.name, name)))
    .get();
}

export type LessonRead = { lessonKey: string; lastReadAt: Date };

export function listLessonReads(userId: string, courseIds: readonly number[]): Map<number, LessonRead[]> {
  const byCourse = new Map<number, LessonRead[]>(courseIds.map((id) => [id, []]));
  if (courseIds.length === 0) return byCourse;
  const rows = getDb()
    .select({ courseId: lessonReads.courseId, lessonKey: lessonReads.lessonKey, lastReadAt: lessonReads.lastReadAt })
    .from(lessonReads)
    .where(and(eq(lessonReads.userId, userId), inArray(lessonReads.courseId, [...courseIds])))
    .orderBy(desc(lessonReads.lastReadAt))
    .all();
  for (const { courseId, ...read } of rows) byCourse.get(courseId)?.push(read);
  return byCourse;
}

const readsOfCourse = prepared((db) =>
  db
    .select({ lessonKey: lessonReads.lessonKey, lastReadAt: lessonReads.lastReadAt })
    .from(lessonReads)
    .where(
      and(eq(lessonReads.userId, sql.placeholder("userId")), eq(lessonReads.courseId, sql.placeholder("courseId"))),
    )
    .orderBy(desc(lessonReads.lastReadAt))
    .prepare(),
);

export function listLessonReadsOf(userId: string, courseId: number): LessonRead[] {
  return readsOfCourse().all({ userId, courseId });
}

/** Idempotent: reading a lesson twice keeps the first time and moves the last. */
export function recordLessonRead(userId: string, courseId: number, lessonKey: string, at: Date = new Date()): void {
  getDb()
    .insert(lessonReads)
    .values({ userId, courseId, lessonKey, firstReadAt: at, lastReadAt: at })
    .onConflictDoUpdate({
      target: [lessonReads.userId, lessonReads.courseId, lessonReads.lessonKey],
      set: { lastReadAt: at },
    })
    .run();
}
