import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { todayInVietnam } from "~/i18n";
import { listCurrentCourses } from "~/models/courses.server";
import { findUnitByCode } from "~/models/units.server";
import { findUserByUsername, listPlacements } from "~/models/users.server";
import { action as reformAction } from "~/routes/units.reforms";
import { assignedCoursesOf, createAssignment } from "~/services/assignments.server";
import { checkRollups } from "~/services/rollups.server";
import { mergeUnits, retireTier } from "~/services/units.server";
import { getDb } from "~/utils/db.server";
import { certificates, orgUnits } from "../../db/schema";
import { cookieFor, post, run } from "../setup/requests";
import { actorFor, passCourse } from "../setup/training";

const userId = (username: string) => findUserByUsername(username)?.id as string;
const course = () => listCurrentCourses().find((c) => c.slug === "can-bo-cap-xa") ?? (null as never);

describe("administrative reforms", () => {
  it("abolishes the districts of a province: a preview writes nothing; applied, communes move up, assignments keep exactly their people, rollups stay exact", () => {
    const admin = actorFor("admin");
    const today = todayInVietnam();
    const give = (includeSubunits: boolean) =>
      createAssignment(
        admin,
        {
          courseSlug: "can-bo-cap-xa",
          unitCode: "094",
          includeSubunits,
          tiers: [],
          positions: [],
          usernames: [],
          dueOn: "2099-01-31",
        },
        today,
      );
    expect(give(true).ok).toBe(true);
    expect(give(false).ok).toBe(true);
    passCourse(userId("learner"), course().courseId, course().versionId, Date.now());
    const certificateBefore = getDb()
      .select()
      .from(certificates)
      .where(eq(certificates.userId, userId("learner")))
      .get();
    expect(certificateBefore?.unitName).toBe("Phường Him Lam");
    expect(assignedCoursesOf(userId("lu.thi.ngoc")).get(course().courseId)).toBe("2099-01-31");
    expect(assignedCoursesOf(userId("manager")).has(course().courseId)).toBe(false);

    const preview = retireTier(admin, { tierCode: "district", withinCode: "11", date: today }, false);
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.summary.units.map((u) => u.code).sort()).toEqual(["094", "099", "102"]);
    expect(preview.summary.movedChildren).toBe(15);
    expect(preview.summary.assignments).toEqual([
      expect.objectContaining({ unitCode: "094", copies: 5, named: 1 }),
      expect.objectContaining({ unitCode: "094", copies: 0, named: 1 }),
    ]);
    expect(findUnitByCode("094")?.status).toBe("active");
    expect(findUnitByCode("09401")?.parentId).toBe(findUnitByCode("094")?.id);

    const applied = retireTier(admin, { tierCode: "district", withinCode: "11", date: today }, true);
    expect(applied.ok).toBe(true);
    expect(findUnitByCode("094")?.status).toBe("retired");
    expect(findUnitByCode("09401")?.parentId).toBe(findUnitByCode("11")?.id);
    // The district officer now works at the province, still assigned; the province's own
    // staff did not become assigned by the reform; the commune officer keeps the course.
    expect(listPlacements(userId("lu.thi.ngoc")).find((p) => p.endDate === null)?.unitCode).toBe("11");
    expect(assignedCoursesOf(userId("lu.thi.ngoc")).get(course().courseId)).toBe("2099-01-31");
    expect(assignedCoursesOf(userId("manager")).has(course().courseId)).toBe(false);
    expect(assignedCoursesOf(userId("learner")).get(course().courseId)).toBe("2099-01-31");
    // A certificate keeps the unit name it was issued under.
    const certificateAfter = getDb()
      .select()
      .from(certificates)
      .where(eq(certificates.id, certificateBefore?.id ?? 0))
      .get();
    expect(certificateAfter?.unitName).toBe("Phường Him Lam");
    expect(checkRollups(today).differences).toEqual([]);
  });

  it("merges three communes into a new one: staff continue there, and nobody is counted twice", () => {
    const admin = actorFor("admin");
    const today = todayInVietnam();
    const input = {
      sourceCodes: ["09402", "09403", "09404"],
      newUnit: { code: "09499", name: "Phường Điện Biên Phủ", parentCode: "11" },
      date: today,
    };
    const preview = mergeUnits(admin, input, false);
    expect(preview.ok).toBe(true);
    expect(findUnitByCode("09499")).toBeUndefined();
    const applied = mergeUnits(admin, input, true);
    expect(applied.ok).toBe(true);
    if (!applied.ok) return;
    const merged = findUnitByCode("09499");
    expect(merged?.name).toBe("Phường Điện Biên Phủ");
    expect(applied.summary.units.filter((u) => u.outcome === "merged")).toHaveLength(3);
    expect(listPlacements(userId("ca.thi.mai")).find((p) => p.endDate === null)?.unitCode).toBe("09499");
    const statuses = getDb()
      .select({ code: orgUnits.code, status: orgUnits.status, mergedIntoId: orgUnits.mergedIntoId })
      .from(orgUnits)
      .all()
      .filter((u) => input.sourceCodes.includes(u.code));
    expect(statuses.every((u) => u.status === "merged" && u.mergedIntoId === merged?.id)).toBe(true);
    expect(checkRollups(today).differences).toEqual([]);
  });

  it("refuses a province's manager, units outside the actor's area, and a merge into its own sub-unit", () => {
    const manager = actorFor("manager");
    expect(
      retireTier(manager, { tierCode: "district", withinCode: "11", date: todayInVietnam() }, false),
    ).toMatchObject({
      ok: false,
      error: "units.error.outOfScope",
    });
    const admin = actorFor("admin");
    expect(
      mergeUnits(admin, { sourceCodes: ["11"], targetCode: "09401", date: todayInVietnam() }, false),
    ).toMatchObject({ ok: false, error: "units.error.nested" });
  });
  it("through the page, applies only what was previewed: no token or a stale one writes nothing", async () => {
    const cookie = await cookieFor("admin");
    const fields = {
      kind: "merge",
      sourceCodes: "09405",
      into: "existing",
      targetCode: "09401",
      date: todayInVietnam(),
    };
    const send = async (extra: Record<string, string>) => {
      const response = await run(reformAction, post("/units/reforms", { ...fields, ...extra }, { cookie }));
      return {
        status: response.status,
        body: (await response.json()) as { token: string | null; applied: boolean; errors: Record<string, string> },
      };
    };
    const blind = await send({ apply: "1" });
    expect(blind.status).toBe(400);
    expect(blind.body.errors._form).toBe("units.reforms.error.stale");
    expect(findUnitByCode("09405")?.status).toBe("active");

    const preview = await send({ apply: "0" });
    expect(preview.body.token).toMatch(/^[0-9a-f]{64}$/);
    expect(findUnitByCode("09405")?.status).toBe("active");
    const edited = await send({ apply: "1", token: preview.body.token as string, targetCode: "09901" });
    expect(edited.body.errors._form).toBe("units.reforms.error.stale");
    expect(findUnitByCode("09405")?.status).toBe("active");

    const applied = await send({ apply: "1", token: preview.body.token as string });
    expect(applied.status).toBe(200);
    expect(applied.body.applied).toBe(true);
    expect(findUnitByCode("09405")?.status).toBe("merged");
  });
});
