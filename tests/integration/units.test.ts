import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { listAudit } from "~/models/audit.server";
import { findUnitByCode, inSubtree, listChildren } from "~/models/units.server";
import { findUserByUsername, grantsForActor } from "~/models/users.server";
import * as unitPage from "~/routes/units.$unitId";
import { createUnit, mergeUnit, moveUnit, retireUnit } from "~/services/units.server";
import { getDb } from "~/utils/db.server";
import { orgUnits, placements, users } from "../../db/schema";
import { cookieFor, post, run } from "../setup/requests";

const admin = () => {
  const user = findUserByUsername("admin");
  if (!user) throw new Error("no admin");
  return { userId: user.id, grants: grantsForActor(user.id) };
};
const unit = (code: string) => {
  const found = findUnitByCode(code);
  if (!found) throw new Error(`no unit ${code}`);
  return found;
};
const placementsOf = (username: string) =>
  getDb()
    .select({ unitId: placements.orgUnitId, endDate: placements.endDate, endReason: placements.endReason })
    .from(placements)
    .innerJoin(users, eq(users.id, placements.userId))
    .where(eq(users.username, username))
    .all();

describe("subtree queries", () => {
  it("use the path index, not a scan or a recursive query", () => {
    const db = getDb();
    const query = db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(inSubtree(unit("11").path))
      .toSQL();
    const plan = db.$client.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.params) as { detail: string }[];
    const details = plan.map((p) => p.detail).join("\n");
    expect(details).toMatch(/SEARCH org_units USING (COVERING )?INDEX org_units_path_uq \(path>\? AND path<\?\)/);
    expect(details).not.toMatch(/SCAN org_units/);
  });

  it("returns exactly the unit and its descendants", () => {
    const ids = getDb()
      .select({ code: orgUnits.code })
      .from(orgUnits)
      .where(inSubtree(unit("099").path))
      .all();
    expect(ids.map((r) => r.code).sort()).toEqual(["099", "09901", "09902", "09903", "09904", "09905"]);
  });
});

describe("merge", () => {
  it("merges a commune into another: staff continue there, history and audit are kept", () => {
    const before = placementsOf("ca.thi.mai");
    expect(before).toEqual([{ unitId: unit("09402").id, endDate: null, endReason: null }]);

    const result = mergeUnit(admin(), unit("09402").id, { targetCode: "09401", date: "2025-07-01" });
    expect(result).toEqual({ ok: true, unitId: unit("09401").id });

    const merged = unit("09402");
    expect(merged.status).toBe("merged");
    expect(merged.mergedIntoId).toBe(unit("09401").id);
    expect(merged.validTo).toBe("2025-07-01");
    expect(placementsOf("ca.thi.mai")).toEqual([
      { unitId: unit("09402").id, endDate: "2025-07-01", endReason: "merge" },
      { unitId: unit("09401").id, endDate: null, endReason: null },
    ]);
    const entry = listAudit({ scopePaths: ["/"], includeUnscoped: true, limit: 1 })[0];
    expect(entry?.action).toBe("unit.merge");
    expect(entry?.before).toMatchObject({ code: "09402", status: "active" });
  });

  it("refuses to merge a unit into its own sub-unit or into a merged unit", () => {
    expect(mergeUnit(admin(), unit("099").id, { targetCode: "09901", date: "2025-07-01" })).toMatchObject({
      ok: false,
      error: "units.error.nested",
    });
    expect(mergeUnit(admin(), unit("09403").id, { targetCode: "09402", date: "2025-07-01" })).toMatchObject({
      ok: false,
      error: "units.error.inactive",
    });
  });
});

describe("retire", () => {
  it("retires a district: its communes move under the province and its staff are not lost", () => {
    const district = unit("094");
    const province = unit("11");
    const communes = listChildren(district.id).map((c) => c.code);

    expect(retireUnit(admin(), district.id, { date: "2025-07-01" })).toEqual({ ok: true, unitId: province.id });

    expect(unit("094").status).toBe("retired");
    expect(listChildren(district.id)).toEqual([]);
    for (const code of communes) {
      expect(unit(code).parentId).toBe(province.id);
      expect(unit(code).path.startsWith(province.path)).toBe(true);
      expect(unit(code).path).not.toContain(`/${district.id}/`);
    }
    // The district officer continues at the province; the district placement is history.
    expect(placementsOf("lu.thi.ngoc")).toEqual([
      { unitId: district.id, endDate: "2025-07-01", endReason: "retire" },
      { unitId: province.id, endDate: null, endReason: null },
    ]);
    // Everyone still reachable from the province subtree.
    const open = getDb()
      .select({ id: placements.id })
      .from(placements)
      .innerJoin(orgUnits, eq(orgUnits.id, placements.orgUnitId))
      .where(and(isNull(placements.endDate), inSubtree(province.path)))
      .all();
    expect(open.length).toBeGreaterThan(0);
  });
});

describe("create and move", () => {
  it("creates a village under a commune and moves a commune to another district with its subtree", () => {
    const actor = admin();
    const commune = unit("09901");
    const tierId = getDb()
      .query.tiers.findFirst({ where: (t, { eq }) => eq(t.code, "village") })
      .sync()?.id as number;
    const created = createUnit(actor, { parentId: commune.id, tierId, code: "0990101", name: "Bản Hới Nọ" });
    expect(created.ok).toBe(true);
    expect(unit("0990101").path).toBe(`${commune.path}${unit("0990101").id}/`);

    expect(moveUnit(actor, commune.id, { parentCode: "102" })).toEqual({ ok: true, unitId: commune.id });
    expect(unit("09901").path).toBe(`${unit("102").path}${commune.id}/`);
    expect(unit("0990101").path).toBe(`${unit("102").path}${commune.id}/${unit("0990101").id}/`);
    expect(unit("0990101").depth).toBe(unit("09901").depth + 1);

    expect(moveUnit(actor, unit("102").id, { parentCode: "0990101" })).toMatchObject({
      ok: false,
      error: "units.error.intoOwnSubtree",
    });
    expect(createUnit(actor, { parentId: commune.id, tierId, code: "0990101", name: "Trùng mã" })).toMatchObject({
      ok: false,
      error: "units.error.codeTaken",
    });
  });

  it("runs through the route: a form post renames a unit and redirects with a message", async () => {
    const cookie = await cookieFor("admin");
    const id = String(unit("2705").id);
    const response = await run(
      unitPage.action,
      post(
        `/units/${id}`,
        { intent: "rename", code: "2705", name: "  Phường   Bắc Giang ".normalize("NFD") },
        { cookie },
      ),
      { unitId: id },
    );
    expect(response.status).toBe(302);
    expect(unit("2705").name).toBe("Phường Bắc Giang");
    expect(unit("2705").name).toBe(unit("2705").name.normalize("NFC"));
  });
});
