/**
 * Test factories for training records, written through the app's own services where one
 * exists: a completion goes through `completeIfDue`, so certificates and rollups follow.
 */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import type { Actor } from "~/domain/access";
import { searchKey } from "~/domain/text";
import { listLessonOutlinesOf } from "~/models/courses.server";
import { findUserByUsername, grantsForActor } from "~/models/users.server";
import { completeIfDue } from "~/services/completion.server";
import { getDb, writeTransaction } from "~/utils/db.server";
import { lessonReads, placements, quizAttempts, users } from "../../db/schema";

export function actorFor(username: string): Actor {
  const user = findUserByUsername(username);
  if (!user) throw new Error(`no user ${username}`);
  return { userId: user.id, grants: grantsForActor(user.id) };
}

/** Every lesson read and a passed attempt, then the real completion path (certificate + rollups). */
export function passCourse(userId: string, courseId: number, versionId: number, now: number): void {
  writeTransaction((tx) => {
    for (const lesson of listLessonOutlinesOf(versionId)) {
      tx.insert(lessonReads).values({ userId, courseId, lessonKey: lesson.key }).onConflictDoNothing().run();
    }
    const number = tx.select().from(quizAttempts).where(eq(quizAttempts.userId, userId)).all().length + 1;
    tx.insert(quizAttempts)
      .values({
        userId,
        courseId,
        courseVersionId: versionId,
        number,
        status: "submitted",
        draw: [],
        passMark: 80,
        startedAt: new Date(now - 60_000),
        submittedAt: new Date(now),
        points: 10,
        maxPoints: 10,
        percent: 100,
        passed: true,
      })
      .run();
    completeIfDue(tx, userId, courseId, now);
  });
}

/** A staff member placed in a unit (no sign-in: the password hash is not a hash). */
export function addStaff(unitId: number, positionId: number, fullName = "Người Thử"): string {
  const id = crypto.randomUUID();
  getDb()
    .insert(users)
    .values({
      id,
      username: `t${id.slice(0, 8)}`,
      fullName,
      fullNameSearch: searchKey(fullName),
      passwordHash: "!",
    })
    .run();
  getDb().insert(placements).values({ userId: id, orgUnitId: unitId, positionId, startDate: "2026-01-01" }).run();
  return id;
}
