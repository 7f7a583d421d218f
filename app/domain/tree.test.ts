import { describe, expect, it } from "vitest";
import {
  checkMerge,
  checkMove,
  checkRetire,
  childPath,
  depthOf,
  idsOnPath,
  isWithin,
  planPlacementTransfer,
  rebasePath,
  subtreeRange,
  successorAudience,
} from "./tree";

describe("paths", () => {
  it("builds child paths and depths", () => {
    expect(childPath(null, 1)).toBe("/1/");
    expect(childPath("/1/", 12)).toBe("/1/12/");
    expect(depthOf("/1/")).toBe(0);
    expect(depthOf("/1/12/305/")).toBe(2);
    expect(idsOnPath("/1/12/305/")).toEqual([1, 12, 305]);
  });

  it("does not confuse /1/12/ with /1/120/", () => {
    expect(isWithin("/1/120/", "/1/12/")).toBe(false);
    expect(isWithin("/1/12/7/", "/1/12/")).toBe(true);
    const { from, to } = subtreeRange("/1/12/");
    const inRange = (p: string) => p >= from && p < to;
    expect(inRange("/1/12/")).toBe(true);
    expect(inRange("/1/12/999/4/")).toBe(true);
    expect(inRange("/1/120/")).toBe(false);
    expect(inRange("/1/11/")).toBe(false);
    expect(inRange("/1/13/")).toBe(false);
  });

  it("rebases a descendant onto a new parent", () => {
    expect(rebasePath("/1/12/305/", "/1/12/", "/1/40/12/")).toBe("/1/40/12/305/");
    expect(() => rebasePath("/1/13/", "/1/12/", "/2/")).toThrow();
  });
});

describe("checkMove", () => {
  it("refuses a move into the unit's own subtree", () => {
    expect(checkMove({ path: "/1/12/" }, { path: "/1/12/305/", status: "active" })).toEqual({
      ok: false,
      reason: "into-own-subtree",
    });
    expect(checkMove({ path: "/1/12/" }, { path: "/1/13/", status: "active" })).toEqual({ ok: true });
    expect(checkMove({ path: "/1/12/" }, { path: "/1/13/", status: "retired" }).ok).toBe(false);
  });
});

describe("merge and retire", () => {
  const unit = (id: number, path: string, status = "active") => ({ id, parentId: 1, path, status });

  it("accepts sibling communes merging into a third", () => {
    expect(checkMerge([unit(2, "/1/2/"), unit(3, "/1/3/")], unit(4, "/1/4/"))).toEqual({ ok: true });
  });

  it("refuses nested, inactive or self merges", () => {
    expect(checkMerge([unit(2, "/1/2/")], unit(2, "/1/2/")).ok).toBe(false);
    expect(checkMerge([unit(2, "/1/2/")], unit(5, "/1/2/5/"))).toEqual({ ok: false, reason: "nested" });
    expect(checkMerge([unit(2, "/1/2/", "merged")], unit(4, "/1/4/")).ok).toBe(false);
    expect(checkMerge([], unit(4, "/1/4/")).ok).toBe(false);
  });

  it("refuses to retire the root or an inactive unit", () => {
    expect(checkRetire({ id: 1, parentId: null, path: "/1/", status: "active" }).ok).toBe(false);
    expect(checkRetire(unit(2, "/1/2/", "retired")).ok).toBe(false);
    expect(checkRetire(unit(2, "/1/2/")).ok).toBe(true);
  });
});

describe("planPlacementTransfer", () => {
  const placements = [
    { id: 1, userId: "a", orgUnitId: 10, positionId: 1, startDate: "2024-01-01", endDate: null },
    { id: 2, userId: "b", orgUnitId: 11, positionId: 1, startDate: "2024-01-01", endDate: null },
    { id: 3, userId: "c", orgUnitId: 10, positionId: 2, startDate: "2020-01-01", endDate: "2023-01-01" },
    { id: 4, userId: "d", orgUnitId: 12, positionId: 1, startDate: "2024-01-01", endDate: null },
    { id: 5, userId: "d", orgUnitId: 10, positionId: 1, startDate: "2024-01-01", endDate: null },
  ];

  it("ends open placements and continues them at the target, keeping history", () => {
    const plan = planPlacementTransfer(placements, [10, 11], 12, "2025-07-01");
    expect(plan.end.map((e) => e.id).sort()).toEqual([1, 2, 5]);
    expect(plan.end.every((e) => e.endDate === "2025-07-01")).toBe(true);
    expect(plan.start).toEqual([
      { userId: "a", orgUnitId: 12, positionId: 1, startDate: "2025-07-01" },
      { userId: "b", orgUnitId: 12, positionId: 1, startDate: "2025-07-01" },
    ]);
  });

  it("never touches closed placements, so past records keep their unit", () => {
    const plan = planPlacementTransfer(placements, [10], 12, "2025-07-01");
    expect(plan.end.some((e) => e.id === 3)).toBe(false);
  });

  it("does not place someone twice in the same position at the target", () => {
    const plan = planPlacementTransfer(placements, [10], 12, "2025-07-01");
    expect(plan.start.filter((s) => s.userId === "d")).toEqual([]);
  });
});

describe("successorAudience", () => {
  const staff = [
    { userId: "officer", positionCode: "district_officer" },
    { userId: "member", positionCode: "steering_committee_member" },
  ];
  it("gives a copy to each former sub-unit and names the unit's own staff, filtered as before", () => {
    const assignment = { id: 1, includeSubunits: true, tiers: [], positions: [] };
    expect(successorAudience(assignment, { tierCode: "district" }, [7, 8], staff)).toEqual({
      unitIds: [7, 8],
      userIds: ["officer", "member"],
    });
    expect(
      successorAudience({ ...assignment, positions: ["district_officer"] }, { tierCode: "district" }, [7], staff),
    ).toEqual({ unitIds: [7], userIds: ["officer"] });
  });

  it("names nobody when the assignment's tiers excluded the unit, and copies nothing when it was for the unit alone", () => {
    expect(
      successorAudience(
        { id: 1, includeSubunits: true, tiers: ["commune"], positions: [] },
        { tierCode: "district" },
        [7],
        staff,
      ),
    ).toEqual({ unitIds: [7], userIds: [] });
    expect(
      successorAudience(
        { id: 1, includeSubunits: false, tiers: [], positions: [] },
        { tierCode: "district" },
        [7],
        staff,
      ),
    ).toEqual({ unitIds: [], userIds: ["officer", "member"] });
  });
});
