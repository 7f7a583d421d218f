import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addDays } from "~/domain/indicator";
import { todayInVietnam } from "~/i18n";
import { listCurrentCourses } from "~/models/courses.server";
import { createAssignment } from "~/services/assignments.server";
import { checkRollups, ensureRollupsCurrent } from "~/services/rollups.server";
import { addPlacement } from "~/services/users.server";
import { getDb } from "~/utils/db.server";
import { orgUnits, placements, positions } from "../../db/schema";
import { actorFor, addStaff, passCourse } from "../setup/training";

describe("monthly snapshots", () => {
  it("count a person with two placements in one commune once, and the month's snapshot does not move afterwards", () => {
    const actor = actorFor("admin");
    const db = getDb();
    const commune = db.select().from(orgUnits).where(eq(orgUnits.code, "09403")).get();
    const officer = db.select().from(positions).where(eq(positions.code, "commune_officer")).get();
    const member = db.select().from(positions).where(eq(positions.code, "standing_group_member")).get();
    if (!commune || !officer || !member) throw new Error("seed missing");
    const today = todayInVietnam();
    const userId = addStaff(commune.id, officer.id);
    addPlacement(actor, userId, { unitCode: "09403", positionId: member.id, startDate: today });
    const result = createAssignment(
      actor,
      {
        courseSlug: "can-bo-cap-xa",
        unitCode: "09403",
        includeSubunits: true,
        tiers: [],
        positions: [],
        usernames: [],
        dueOn: addDays(today, 3),
      },
      today,
    );
    expect(result.ok).toBe(true);
    const rollup = (unitId: number, positionId = 0) =>
      db.$client
        .prepare(
          "select assigned, trained, overdue from unit_rollups where org_unit_id = ? and course_id = 0 and tier_id = 0 and position_id = ?",
        )
        .get(unitId, positionId) as { assigned: number; trained: number; overdue: number } | undefined;
    expect(rollup(commune.id)?.assigned).toBe(1);
    expect(rollup(commune.id, officer.id)?.assigned).toBe(1);
    expect(rollup(commune.id, member.id)?.assigned).toBe(1);

    // The month ends with the person overdue; the snapshot keeps that even after they train.
    const nextMonth = `${addDays(`${today.slice(0, 7)}-28`, 10).slice(0, 7)}-02`;
    ensureRollupsCurrent(nextMonth);
    const snapshot = () =>
      db.$client
        .prepare(
          "select assigned, trained, overdue from indicator_snapshots where month = ? and org_unit_id = ? and course_id = 0",
        )
        .get(today.slice(0, 7), commune.id);
    expect(snapshot()).toEqual({ assigned: 1, trained: 0, overdue: 1 });
    const course = listCurrentCourses().find((c) => c.slug === "can-bo-cap-xa");
    if (!course) throw new Error("no course");
    passCourse(userId, course.courseId, course.versionId, Date.parse(`${nextMonth}T09:00:00+07:00`));
    expect(rollup(commune.id)).toMatchObject({ assigned: 1, trained: 1, overdue: 0 });
    expect(snapshot()).toEqual({ assigned: 1, trained: 0, overdue: 1 });
    expect(checkRollups(nextMonth).differences).toEqual([]);
    const open = db
      .select()
      .from(placements)
      .where(and(eq(placements.userId, userId), isNull(placements.endDate)))
      .all();
    expect(open).toHaveLength(2);
  });
});
