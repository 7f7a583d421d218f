import { eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addDays, type LearnerState } from "~/domain/indicator";
import { todayInVietnam } from "~/i18n";
import { listCurrentCourses } from "~/models/courses.server";
import { createAssignment } from "~/services/assignments.server";
import { revokeCertificate } from "~/services/certificates.server";
import { checkRollups, ensureRollupsCurrent, rebuildRollups } from "~/services/rollups.server";
import { mergeUnit, moveUnit, retireUnit } from "~/services/units.server";
import { addPlacement, endPlacement } from "~/services/users.server";
import { getDb } from "~/utils/db.server";
import { certificates, learnerRollupStates, orgUnits, placements, positions, tiers } from "../../db/schema";
import { actorFor, addStaff, passCourse } from "../setup/training";

/** A small deterministic PRNG, so a failure can be replayed. */
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function activeUnits() {
  return getDb()
    .select({ id: orgUnits.id, code: orgUnits.code, path: orgUnits.path, tier: tiers.code })
    .from(orgUnits)
    .innerJoin(tiers, eq(tiers.id, orgUnits.tierId))
    .where(eq(orgUnits.status, "active"))
    .all();
}

/** Person × assigned course, as the rollups last counted them. */
function assignedPairs(): { userId: string; courseId: number; status: string }[] {
  return getDb()
    .select()
    .from(learnerRollupStates)
    .all()
    .flatMap((row) =>
      (row.state as LearnerState).courses.map((c) => ({ userId: row.userId, courseId: c.courseId, status: c.status })),
    );
}

function staffIds(): string[] {
  return getDb()
    .selectDistinct({ id: placements.userId })
    .from(placements)
    .where(isNull(placements.endDate))
    .all()
    .map((r) => r.id);
}

describe("indicator rollups", () => {
  it("equal a recompute from the base tables after random assignments, completions, revocations, moves, merges and the calendar", () => {
    const random = prng(20261125);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const actor = actorFor("admin");
    const courses = listCurrentCourses();
    const positionRows = getDb().select().from(positions).all();
    let today = todayInVietnam();
    // More staff, several with two placements, so "counted once" is exercised.
    for (let i = 0; i < 30; i++) {
      const unit = pick(activeUnits().filter((u) => u.tier === "commune"));
      const userId = addStaff(unit.id, pick(positionRows).id);
      if (random() < 0.3)
        addPlacement(actor, userId, {
          unitCode: pick(activeUnits()).code,
          positionId: pick(positionRows).id,
          startDate: today,
        });
    }
    // Built from scratch, as a migrated database would be, then maintained by every write.
    rebuildRollups(today);
    expect(checkRollups(today).differences).toEqual([]);

    for (let step = 0; step < 60; step++) {
      const roll = random();
      const units = activeUnits();
      if (roll < 0.2) {
        const unit = pick(units.filter((u) => u.tier !== "village"));
        const result = createAssignment(
          actor,
          {
            courseSlug: pick(courses).slug,
            unitCode: unit.code,
            includeSubunits: random() < 0.8,
            tiers: random() < 0.3 ? ["commune"] : [],
            positions: random() < 0.3 ? [pick(positionRows).code] : [],
            usernames: random() < 0.2 ? ["learner2"] : [],
            dueOn: addDays(today, Math.floor(random() * 20)),
          },
          today,
        );
        expect(result.ok).toBe(true);
      } else if (roll < 0.45) {
        // Mostly someone who has the course assigned (that moves the indicator), sometimes anyone.
        const assigned = assignedPairs().filter((p) => p.status !== "completed");
        const pair =
          assigned.length > 0 && random() < 0.8
            ? pick(assigned)
            : { userId: pick(staffIds()), courseId: pick(courses).courseId };
        const course = courses.find((c) => c.courseId === pair.courseId);
        if (course) passCourse(pair.userId, course.courseId, course.versionId, Date.parse(`${today}T10:00:00+07:00`));
      } else if (roll < 0.55) {
        const counted = new Set(assignedPairs().map((p) => `${p.userId}:${p.courseId}`));
        const valid = getDb()
          .select()
          .from(certificates)
          .where(isNull(certificates.revokedAt))
          .all()
          .filter((c) => counted.has(`${c.userId}:${c.courseId}`) || random() < 0.2);
        if (valid.length > 0)
          expect(revokeCertificate(actor, pick(valid).id, "Kiểm tra", Date.parse(`${today}T11:00:00+07:00`)).ok).toBe(
            true,
          );
      } else if (roll < 0.7) {
        const userId = pick(staffIds());
        addPlacement(actor, userId, {
          unitCode: pick(units).code,
          positionId: pick(positionRows).id,
          startDate: today,
        });
      } else if (roll < 0.8) {
        const open = getDb().select().from(placements).where(isNull(placements.endDate)).all();
        const placement = pick(open);
        endPlacement(actor, placement.userId, { placementId: placement.id, endDate: today });
      } else if (roll < 0.87) {
        const communes = units.filter((u) => u.tier === "commune");
        const source = pick(communes);
        const target = pick(communes.filter((c) => c.id !== source.id));
        if (random() < 0.5) mergeUnit(actor, source.id, { targetCode: target.code, date: today });
        else moveUnit(actor, source.id, { parentCode: pick(units.filter((u) => u.tier === "province")).code });
      } else if (roll < 0.9) {
        const districts = units.filter((u) => u.tier === "district");
        if (districts.length > 0) retireUnit(actor, pick(districts).id, { date: today });
      } else {
        // Days pass: due dates go by and certificates near their end, with no write at all.
        today = addDays(today, 1 + Math.floor(random() * 200));
        ensureRollupsCurrent(today);
      }
      const check = checkRollups(today);
      expect(check.differences, `after step ${step} (roll ${roll.toFixed(2)})`).toEqual([]);
    }
    const revoked = getDb()
      .select()
      .from(certificates)
      .all()
      .filter((c) => c.revokedAt !== null);
    expect(revoked.length).toBeGreaterThan(2);
    const final = checkRollups(today);
    expect(final.rows).toBeGreaterThan(50);
    expect(final.people).toBeGreaterThan(30);
  });
});
