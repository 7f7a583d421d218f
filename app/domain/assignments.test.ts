import { describe, expect, it } from "vitest";
import {
  type AssignmentAudience,
  assignedCourses,
  communeCoverage,
  courseStatus,
  isInAudience,
  type Person,
  percentTrained,
  summarisePerson,
  unitIndicator,
} from "./assignments";

// Province /1/2/, district /1/2/5/, communes /1/2/5/9/ and /1/2/5/10/, another province /1/3/.
const officer = (unitPath: string, positionCode = "commune_officer", tierCode = "commune") => ({
  unitPath,
  tierCode,
  positionCode,
});
const person = (userId: string, ...placements: ReturnType<typeof officer>[]): Person => ({ userId, placements });
const assignment = (over: Partial<AssignmentAudience> = {}): AssignmentAudience => ({
  courseId: 1,
  unitPath: "/1/2/",
  includeSubunits: true,
  tiers: [],
  positions: [],
  userIds: [],
  dueOn: "2026-12-31",
  ...over,
});

describe("isInAudience", () => {
  it("takes the unit with or without its sub-units, narrowed by tier and position", () => {
    const tam = person("tam", officer("/1/2/5/9/"));
    expect(isInAudience(assignment(), tam)).toBe(true);
    expect(isInAudience(assignment({ includeSubunits: false }), tam)).toBe(false);
    expect(isInAudience(assignment({ tiers: ["commune"], positions: ["commune_officer"] }), tam)).toBe(true);
    expect(isInAudience(assignment({ positions: ["village_collaborator"] }), tam)).toBe(false);
    expect(isInAudience(assignment({ unitPath: "/1/3/" }), tam)).toBe(false);
  });

  it("includes people named one by one, wherever they are", () => {
    expect(isInAudience(assignment({ unitPath: null, userIds: ["lan"] }), person("lan", officer("/1/3/7/")))).toBe(
      true,
    );
    expect(isInAudience(assignment({ unitPath: null, userIds: ["lan"] }), person("tam", officer("/1/2/5/9/")))).toBe(
      false,
    );
  });

  it("is live: someone who moved away is out, someone placed later is in", () => {
    const moved = person("hoa", officer("/1/3/7/"));
    expect(isInAudience(assignment(), moved)).toBe(false);
    expect(isInAudience(assignment({ unitPath: "/1/3/" }), moved)).toBe(true);
  });
});

describe("assignedCourses", () => {
  it("counts a course assigned twice once, due at the earlier date", () => {
    const tam = person("tam", officer("/1/2/5/9/"));
    const due = assignedCourses(
      [
        assignment({ dueOn: "2026-12-31" }),
        assignment({ unitPath: "/1/2/5/9/", dueOn: "2026-12-15" }),
        assignment({ courseId: 2 }),
      ],
      tam,
    );
    expect([...due.entries()]).toEqual([
      [1, "2026-12-15"],
      [2, "2026-12-31"],
    ]);
  });
});

describe("courseStatus", () => {
  const today = "2026-11-23";
  it("orders completed, expired, overdue, in progress, not started", () => {
    expect(courseStatus({ certificate: "valid", started: true, dueOn: "2026-01-01" }, today)).toBe("completed");
    expect(courseStatus({ certificate: "expiring", started: true, dueOn: "2026-01-01" }, today)).toBe("completed");
    expect(courseStatus({ certificate: "expired", started: true, dueOn: "2027-01-01" }, today)).toBe("expired");
    expect(courseStatus({ certificate: null, started: true, dueOn: "2026-11-22" }, today)).toBe("overdue");
    expect(courseStatus({ certificate: null, started: true, dueOn: "2026-11-23" }, today)).toBe("in_progress");
    expect(courseStatus({ certificate: null, started: false, dueOn: "2026-12-01" }, today)).toBe("not_started");
  });

  it("treats a revoked certificate as none", () => {
    expect(courseStatus({ certificate: "revoked", started: true, dueOn: "2026-12-01" }, today)).toBe("in_progress");
    expect(courseStatus({ certificate: "revoked", started: true, dueOn: "2026-11-01" }, today)).toBe("overdue");
  });
});

describe("summarisePerson", () => {
  it("is trained only when every assigned course is completed", () => {
    expect(summarisePerson([])).toEqual({ assigned: false, trained: false, overdue: false, expiringSoon: false });
    expect(
      summarisePerson([
        { status: "completed", certificate: "valid" },
        { status: "completed", certificate: "expiring" },
      ]),
    ).toEqual({ assigned: true, trained: true, overdue: false, expiringSoon: true });
    expect(
      summarisePerson([
        { status: "completed", certificate: "valid" },
        { status: "overdue", certificate: null },
      ]),
    ).toMatchObject({ trained: false, overdue: true });
    expect(summarisePerson([{ status: "expired", certificate: "expired" }])).toMatchObject({ trained: false });
  });
});

describe("unitIndicator", () => {
  const trained = { assigned: true, trained: true, overdue: false, expiringSoon: false };
  const late = { assigned: true, trained: false, overdue: true, expiringSoon: false };
  const people = [
    // Commune officer and standing-group member in the same commune: one person.
    { placements: [officer("/1/2/5/9/"), officer("/1/2/5/9/", "standing_group_member")], summary: trained },
    // Placed in two communes of the same district.
    { placements: [officer("/1/2/5/9/"), officer("/1/2/5/10/")], summary: late },
    { placements: [officer("/1/3/7/")], summary: trained },
    {
      placements: [officer("/1/2/5/10/")],
      summary: { assigned: false, trained: false, overdue: false, expiringSoon: false },
    },
  ];

  it("never counts a person twice in a unit, however many placements they hold there", () => {
    expect(unitIndicator("/1/2/", people)).toEqual({ assigned: 2, trained: 1, overdue: 1, expiringSoon: 0 });
    expect(unitIndicator("/1/2/5/9/", people)).toEqual({ assigned: 2, trained: 1, overdue: 1, expiringSoon: 0 });
    expect(unitIndicator("/1/2/5/10/", people)).toEqual({ assigned: 1, trained: 0, overdue: 1, expiringSoon: 0 });
    expect(unitIndicator("/1/", people)).toEqual({ assigned: 3, trained: 2, overdue: 1, expiringSoon: 0 });
  });

  it("leaves out people with nothing assigned", () => {
    expect(unitIndicator("/1/2/5/10/", people.slice(3))).toEqual({
      assigned: 0,
      trained: 0,
      overdue: 0,
      expiringSoon: 0,
    });
  });
});

describe("percentTrained", () => {
  it("rounds down to one decimal and has no value without assigned staff", () => {
    expect(percentTrained({ assigned: 3, trained: 2 })).toBe(66.6);
    expect(percentTrained({ assigned: 2501, trained: 2500 })).toBe(99.9);
    expect(percentTrained({ assigned: 4, trained: 4 })).toBe(100);
    expect(percentTrained({ assigned: 0, trained: 0 })).toBeNull();
  });
});

describe("communeCoverage", () => {
  it("counts communes with at least one trained commune officer", () => {
    const coverage = communeCoverage(
      ["/1/2/5/9/", "/1/2/5/10/", "/1/2/5/11/"],
      [{ placements: [officer("/1/2/5/9/")] }, { placements: [officer("/1/2/5/10/", "volunteer")] }],
    );
    expect(coverage).toEqual({ covered: 1, total: 3 });
  });
});
