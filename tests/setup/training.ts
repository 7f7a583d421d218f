/**
 * Test factories for training records, written through the app's own services (the demo
 * seed's, so seed and tests build records the same way).
 */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { searchKey } from "~/domain/text";
import { findUnitByCode } from "~/models/units.server";
import { getDb } from "~/utils/db.server";
import { courses, placements, users } from "../../db/schema";
import { actorFor, recordPassedCourse, viewerFor } from "../../db/seed-training";

export { actorFor, recordPassedCourse as passCourse, viewerFor };

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

/** Makes a course a unit's own (by the unit's code), or national again with null. */
export function setCourseOwner(slug: string, unitCode: string | null): void {
  const ownerUnitId = unitCode ? (findUnitByCode(unitCode)?.id ?? null) : null;
  if (unitCode && ownerUnitId === null) throw new Error(`no unit ${unitCode}`);
  getDb().update(courses).set({ ownerUnitId }).where(eq(courses.slug, slug)).run();
}
