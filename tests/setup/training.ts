/**
 * Test factories for training records, written through the app's own services (the demo
 * seed's, so seed and tests build records the same way).
 */
import crypto from "node:crypto";
import { searchKey } from "~/domain/text";
import { findUserProfile } from "~/models/users.server";
import type { Viewer } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { placements, users } from "../../db/schema";
import { actorFor, recordPassedCourse } from "../../db/seed-training";

export { actorFor, recordPassedCourse as passCourse };

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

/** The signed-in person as services see them, for tests that call services directly. */
export function viewerFor(username: string): Viewer {
  const actor = actorFor(username);
  const user = findUserProfile(actor.userId);
  if (!user) throw new Error(`no profile for ${username}`);
  return {
    user,
    actor,
    session: { id: "test", userId: actor.userId, expiresAt: new Date(Date.now() + 3_600_000), fresh: false },
  };
}
