/**
 * Demo training records, so a manager's dashboard has something to show after `npm start`:
 * assignments in both demo provinces (one already past its due date) and a few staff who
 * completed. Everything goes through the app's services, so certificates and the indicator
 * rollups are exactly what real use would produce. Runs once: skipped when any assignment
 * exists.
 */
import { eq } from "drizzle-orm";
import type { Actor } from "../app/domain/access";
import { addDays } from "../app/domain/indicator";
import { todayInVietnam } from "../app/i18n";
import { listCurrentCourses, listLessonOutlinesOf } from "../app/models/courses.server";
import { findUserByUsername, findUserProfile, grantsForActor } from "../app/models/users.server";
import { createAssignment } from "../app/services/assignments.server";
import { completeIfDue } from "../app/services/completion.server";
import { createEvent } from "../app/services/events.server";
import type { Viewer } from "../app/utils/auth.server";
import { getDb, writeTransaction } from "../app/utils/db.server";
import { assignments, lessonReads, quizAttempts } from "./schema";

export function actorFor(username: string): Actor {
  const user = findUserByUsername(username);
  if (!user) throw new Error(`no user ${username}`);
  return { userId: user.id, grants: grantsForActor(user.id) };
}

/** The signed-in person as services see them, for seeding and tests that call services directly. */
export function viewerFor(username: string): Viewer {
  const actor = actorFor(username);
  const user = findUserProfile(actor.userId);
  if (!user) throw new Error(`no profile for ${username}`);
  return {
    user,
    actor,
    session: { id: "seed", userId: actor.userId, expiresAt: new Date(Date.now() + 3_600_000), fresh: false },
  };
}

/**
 * Every lesson read and a passed attempt, then the real completion path (completion,
 * certificate, rollups) in one transaction: what a learner who passed leaves behind.
 */
export function recordPassedCourse(userId: string, courseId: number, versionId: number, now: number): void {
  writeTransaction((tx) => {
    for (const lesson of listLessonOutlinesOf(versionId)) {
      tx.insert(lessonReads)
        .values({ userId, courseId, lessonKey: lesson.key, firstReadAt: new Date(now), lastReadAt: new Date(now) })
        .onConflictDoNothing()
        .run();
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
        startedAt: new Date(now - 20 * 60_000),
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

export function seedDemoTraining(today = todayInVietnam()): { assignments: number; completions: number } {
  if (getDb().select({ id: assignments.id }).from(assignments).limit(1).get())
    return { assignments: 0, completions: 0 };
  const admin = actorFor("admin");
  const communeCourse = listCurrentCourses().find((c) => c.slug === "can-bo-cap-xa");
  if (!communeCourse) return { assignments: 0, completions: 0 };
  const commune = { tiers: [], positions: ["commune_officer", "standing_group_member"], usernames: [] };
  // Điện Biên: due in a month. Bắc Ninh: given six weeks ago and due ten days ago, so the
  // overdue list has people in it.
  const plans = [
    { unitCode: "11", dueOn: addDays(today, 30), givenOn: today },
    { unitCode: "27", dueOn: addDays(today, -10), givenOn: addDays(today, -42) },
  ];
  for (const { givenOn, ...plan } of plans) {
    const result = createAssignment(
      admin,
      { courseSlug: communeCourse.slug, includeSubunits: true, ...commune, ...plan },
      givenOn,
    );
    if (!result.ok) throw new Error(`demo assignment refused: ${result.error}`);
  }
  // A training conference next week for the commune officers of Thành phố Điện Biên Phủ.
  const event = createEvent(viewerFor("trainer"), {
    title: "Hội nghị tập huấn công tác bảo vệ trẻ em cấp xã năm 2026",
    place: "Hội trường UBND thành phố Điện Biên Phủ",
    capacity: 60,
    organiserCode: "11",
    courseSlugs: [communeCourse.slug],
    days: [{ date: addDays(today, 7), startsAt: "07:30", endsAt: "17:00" }],
    audience: {
      unitCode: "094",
      includeSubunits: true,
      tiers: [],
      positions: ["commune_officer", "standing_group_member"],
    },
    usernames: [],
    trainerUsernames: ["trainer"],
  });
  if (!event.ok) throw new Error(`demo event refused: ${event.error}`);
  let completions = 0;
  for (const username of ["vi.van.hung", "do.minh.tuan"]) {
    const user = findUserByUsername(username);
    if (!user) continue;
    recordPassedCourse(user.id, communeCourse.courseId, communeCourse.versionId, Date.now() - 3 * 86_400_000);
    completions += 1;
  }
  return { assignments: plans.length, completions };
}
