/**
 * Queries of course authoring: drafts (their lessons and other files, each with a revision),
 * published versions as files, and their history.
 */
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Tx } from "~/utils/db.server";
import {
  assignments,
  contentBlobs,
  courseAssets,
  courseDraftFiles,
  courseDraftLessons,
  courseDrafts,
  courseLessons,
  courses,
  courseVersions,
  orgUnits,
  questionBanks,
  users,
} from "../../db/schema";

export type DraftRow = typeof courseDrafts.$inferSelect;
export type DraftLessonRow = typeof courseDraftLessons.$inferSelect;
export type DraftFileRow = typeof courseDraftFiles.$inferSelect;

export function findDraft(slug: string, db: Tx = getDb()): DraftRow | undefined {
  return db.select().from(courseDrafts).where(eq(courseDrafts.slug, slug)).get();
}

export function listDrafts(db: Tx = getDb()): (DraftRow & { ownerPath: string | null })[] {
  return db
    .select({ draft: courseDrafts, ownerPath: orgUnits.path })
    .from(courseDrafts)
    .leftJoin(orgUnits, eq(orgUnits.id, courseDrafts.ownerUnitId))
    .all()
    .map((r) => ({ ...r.draft, ownerPath: r.ownerPath }));
}

export function findCourseRow(slug: string, db: Tx = getDb()) {
  return db
    .select({
      id: courses.id,
      slug: courses.slug,
      currentVersionId: courses.currentVersionId,
      ownerUnitId: courses.ownerUnitId,
      ownerPath: orgUnits.path,
    })
    .from(courses)
    .leftJoin(orgUnits, eq(orgUnits.id, courses.ownerUnitId))
    .where(eq(courses.slug, slug))
    .get();
}

export function listDraftLessons(slug: string, db: Tx = getDb()): DraftLessonRow[] {
  return db
    .select()
    .from(courseDraftLessons)
    .where(eq(courseDraftLessons.slug, slug))
    .orderBy(asc(courseDraftLessons.position), asc(courseDraftLessons.lessonKey))
    .all();
}

export function findDraftLesson(slug: string, key: string, db: Tx = getDb()): DraftLessonRow | undefined {
  return db
    .select()
    .from(courseDraftLessons)
    .where(and(eq(courseDraftLessons.slug, slug), eq(courseDraftLessons.lessonKey, key)))
    .get();
}

export function listDraftFiles(slug: string, db: Tx = getDb()): DraftFileRow[] {
  return db
    .select()
    .from(courseDraftFiles)
    .where(eq(courseDraftFiles.slug, slug))
    .orderBy(asc(courseDraftFiles.path))
    .all();
}

export function findDraftFile(slug: string, path: string, db: Tx = getDb()): DraftFileRow | undefined {
  return db
    .select()
    .from(courseDraftFiles)
    .where(and(eq(courseDraftFiles.slug, slug), eq(courseDraftFiles.path, path)))
    .get();
}

export function blobBytes(hash: string, db: Tx = getDb()): Buffer | undefined {
  return db.select({ bytes: contentBlobs.bytes }).from(contentBlobs).where(eq(contentBlobs.hash, hash)).get()?.bytes;
}

/** Stores bytes once by their SHA-256: the same picture uploaded twice is one blob. */
export function insertBlob(tx: Tx, hash: string, bytes: Buffer): void {
  tx.insert(contentBlobs).values({ hash, bytes, size: bytes.length }).onConflictDoNothing().run();
}

export function insertDraft(
  tx: Tx,
  draft: { slug: string; ownerUnitId: number | null; baseVersionId: number | null; createdBy: string },
  lessons: { key: string; position: number; source: string }[],
  files: { path: string; text: string | null; blobHash: string | null }[],
): void {
  tx.insert(courseDrafts).values(draft).run();
  if (lessons.length > 0)
    tx.insert(courseDraftLessons)
      .values(
        lessons.map((l) => ({
          slug: draft.slug,
          lessonKey: l.key,
          position: l.position,
          source: l.source,
          updatedBy: draft.createdBy,
        })),
      )
      .run();
  if (files.length > 0)
    tx.insert(courseDraftFiles)
      .values(files.map((f) => ({ slug: draft.slug, ...f, updatedBy: draft.createdBy })))
      .run();
}

export function deleteDraft(tx: Tx, slug: string): void {
  tx.delete(courseDrafts).where(eq(courseDrafts.slug, slug)).run();
}

export function setDraftBase(tx: Tx, slug: string, baseVersionId: number): void {
  tx.update(courseDrafts).set({ baseVersionId }).where(eq(courseDrafts.slug, slug)).run();
}

/**
 * Saves a lesson only if nobody saved it since `expectedRevision` was read: a conditional
 * update, so two trainers saving at once cannot both win. Returns the new revision, or null.
 */
export function updateDraftLesson(
  tx: Tx,
  slug: string,
  key: string,
  change: { source?: string; position?: number },
  expectedRevision: number | null,
  userId: string,
): number | null {
  const conditions = [eq(courseDraftLessons.slug, slug), eq(courseDraftLessons.lessonKey, key)];
  if (expectedRevision !== null) conditions.push(eq(courseDraftLessons.revision, expectedRevision));
  const row = tx
    .update(courseDraftLessons)
    .set({ ...change, revision: sql`${courseDraftLessons.revision} + 1`, updatedBy: userId, updatedAt: new Date() })
    .where(and(...conditions))
    .returning({ revision: courseDraftLessons.revision })
    .get();
  return row?.revision ?? null;
}

export function insertDraftLesson(
  tx: Tx,
  slug: string,
  lesson: { key: string; position: number; source: string },
  userId: string,
): void {
  tx.insert(courseDraftLessons)
    .values({ slug, lessonKey: lesson.key, position: lesson.position, source: lesson.source, updatedBy: userId })
    .run();
}

export function deleteDraftLesson(tx: Tx, slug: string, key: string): boolean {
  return (
    tx
      .delete(courseDraftLessons)
      .where(and(eq(courseDraftLessons.slug, slug), eq(courseDraftLessons.lessonKey, key)))
      .run().changes === 1
  );
}

/** Writes a draft file (conditionally on its revision when one is given). Returns the new revision, or null. */
export function upsertDraftFile(
  tx: Tx,
  slug: string,
  path: string,
  content: { text: string | null; blobHash: string | null; altText?: string | null },
  expectedRevision: number | null,
  userId: string,
): number | null {
  const existing = findDraftFile(slug, path, tx);
  if (!existing) {
    if (expectedRevision !== null && expectedRevision !== 0) return null;
    tx.insert(courseDraftFiles)
      .values({ slug, path, ...content, updatedBy: userId })
      .run();
    return 1;
  }
  const conditions = [eq(courseDraftFiles.slug, slug), eq(courseDraftFiles.path, path)];
  if (expectedRevision !== null) conditions.push(eq(courseDraftFiles.revision, expectedRevision));
  const row = tx
    .update(courseDraftFiles)
    .set({ ...content, revision: sql`${courseDraftFiles.revision} + 1`, updatedBy: userId, updatedAt: new Date() })
    .where(and(...conditions))
    .returning({ revision: courseDraftFiles.revision })
    .get();
  return row?.revision ?? null;
}

export function userName(userId: string | null): string | null {
  if (!userId) return null;
  return getDb().select({ name: users.fullName }).from(users).where(eq(users.id, userId)).get()?.name ?? null;
}

export interface VersionSummary {
  id: number;
  number: number;
  title: string;
  publishedAt: Date;
  publishedBy: string | null;
  publisherName: string | null;
  sourceHash: string;
}

export function listVersions(courseId: number): VersionSummary[] {
  return getDb()
    .select({
      id: courseVersions.id,
      number: courseVersions.number,
      title: courseVersions.title,
      publishedAt: courseVersions.publishedAt,
      publishedBy: courseVersions.publishedBy,
      publisherName: users.fullName,
      sourceHash: courseVersions.sourceHash,
    })
    .from(courseVersions)
    .leftJoin(users, eq(users.id, courseVersions.publishedBy))
    .where(eq(courseVersions.courseId, courseId))
    .orderBy(desc(courseVersions.number))
    .all();
}

export function findVersion(courseId: number, number: number) {
  return getDb()
    .select()
    .from(courseVersions)
    .where(and(eq(courseVersions.courseId, courseId), eq(courseVersions.number, number)))
    .get();
}

/** A published version's files as stored: course.md, lessons, the question bank, media and files. */
export function versionContent(versionId: number) {
  const db = getDb();
  const version = db.select().from(courseVersions).where(eq(courseVersions.id, versionId)).get();
  if (!version) return undefined;
  const lessons = db
    .select({ key: courseLessons.lessonKey, position: courseLessons.position, source: courseLessons.source })
    .from(courseLessons)
    .where(eq(courseLessons.courseVersionId, versionId))
    .orderBy(asc(courseLessons.position))
    .all();
  const bank = db
    .select({ source: questionBanks.source })
    .from(questionBanks)
    .where(eq(questionBanks.courseVersionId, versionId))
    .get();
  const assets = db
    .select({ kind: courseAssets.kind, name: courseAssets.name, hash: courseAssets.hash })
    .from(courseAssets)
    .where(eq(courseAssets.courseVersionId, versionId))
    .all();
  return { version, lessons, bankSource: bank?.source ?? "", assets };
}

/** How many assignments of a course are in force (not cancelled). */
export function countActiveAssignments(courseId: number): number {
  return (
    getDb()
      .select({ n: sql<number>`count(*)` })
      .from(assignments)
      .where(and(eq(assignments.courseId, courseId), isNull(assignments.cancelledAt)))
      .get()?.n ?? 0
  );
}
