import { describe, expect, it } from "vitest";
import type { AssignmentAudience } from "./assignments";
import {
  ALL,
  accumulate,
  type Counts,
  contributions,
  countForStatus,
  EMPTY_STATE,
  keyOf,
  type LearnerFacts,
  type LearnerState,
  lastDayOfMonth,
  learnerState,
  matchesStatus,
  monthsToClose,
  nextChangeOn,
  overallStatus,
  personInView,
  rollupDelta,
  STATUS_FILTERS,
  ZERO_COUNTS,
} from "./indicator";

// Nation 1, province 2, district 5, communes 9 and 10; tiers: commune 4; positions 1 (officer), 2 (member).
const COMMUNE = 4;
const OFFICER = 1;
const MEMBER = 2;
const place = (unitPath: string, positionId = OFFICER) => ({
  unitPath,
  tierId: COMMUNE,
  positionId,
  tierCode: "commune",
  positionCode: positionId === OFFICER ? "commune_officer" : "standing_group_member",
});
const facts = (over: Partial<LearnerFacts> = {}): LearnerFacts => ({
  userId: "u1",
  placements: [place("/1/2/5/9/")],
  certificateExpiry: new Map(),
  inPerson: new Set(),
  started: new Set(),
  ...over,
});
const assignment = (over: Partial<AssignmentAudience> = {}): AssignmentAudience => ({
  courseId: 7,
  unitPath: "/1/2/",
  includeSubunits: true,
  tiers: [],
  positions: [],
  userIds: [],
  dueOn: "2026-12-31",
  ...over,
});
const TODAY = "2026-11-25";

function totals(states: LearnerState[]): Map<string, Counts> {
  const rows = new Map<string, Counts>();
  for (const state of states) accumulate(rows, contributions(state));
  return rows;
}
const row = (rows: Map<string, Counts>, unitId: number, courseId = ALL, tierId = ALL, positionId = ALL) =>
  rows.get(keyOf({ unitId, courseId, tierId, positionId })) ?? ZERO_COUNTS;

describe("learnerState", () => {
  it("gives one status per assigned course, from certificates, progress and the due date", () => {
    const state = learnerState(
      facts({ certificateExpiry: new Map([[8, "2027-06-01"]]), started: new Set([9]) }),
      [assignment(), assignment({ courseId: 8 }), assignment({ courseId: 9, dueOn: "2026-11-01" })],
      TODAY,
    );
    expect(state.courses.map((c) => [c.courseId, c.status])).toEqual([
      [7, "not_started"],
      [8, "completed"],
      [9, "overdue"],
    ]);
  });

  it("flags a certificate in its last 30 days as expiring but still trained", () => {
    const state = learnerState(facts({ certificateExpiry: new Map([[7, "2026-12-10"]]) }), [assignment()], TODAY);
    expect(state.courses[0]).toMatchObject({ status: "completed", expiringSoon: true });
  });

  it("is empty for someone nothing is assigned to", () => {
    expect(learnerState(facts(), [assignment({ unitPath: "/1/3/" })], TODAY).courses).toEqual([]);
  });
});

describe("overallStatus", () => {
  it("is completed only when every course is, overdue before expired before in progress", () => {
    expect(overallStatus([{ status: "completed" }, { status: "completed" }])).toBe("completed");
    expect(overallStatus([{ status: "completed" }, { status: "not_started" }])).toBe("in_progress");
    expect(overallStatus([{ status: "expired" }, { status: "overdue" }])).toBe("overdue");
    expect(overallStatus([{ status: "expired" }, { status: "in_progress" }])).toBe("expired");
    expect(overallStatus([{ status: "not_started" }])).toBe("not_started");
  });
});

describe("contributions", () => {
  const trained = learnerState(facts({ certificateExpiry: new Map([[7, "2027-06-01"]]) }), [assignment()], TODAY);

  it("counts a person at every unit above their placement, per course and for all courses", () => {
    const rows = totals([trained]);
    for (const unitId of [1, 2, 5, 9]) {
      expect(row(rows, unitId)).toMatchObject({ assigned: 1, trained: 1 });
      expect(row(rows, unitId, 7)).toMatchObject({ assigned: 1, trained: 1 });
    }
    expect(row(rows, 10).assigned).toBe(0);
    expect(row(rows, 9, ALL, COMMUNE, OFFICER)).toMatchObject({ assigned: 1, trained: 1 });
    expect(row(rows, 9, ALL, ALL, MEMBER).assigned).toBe(0);
  });

  it("counts someone with two placements in one commune once, and once under each position", () => {
    const state = learnerState(
      facts({ placements: [place("/1/2/5/9/"), place("/1/2/5/9/", MEMBER)] }),
      [assignment()],
      TODAY,
    );
    const rows = totals([state]);
    expect(row(rows, 9).assigned).toBe(1);
    expect(row(rows, 2).assigned).toBe(1);
    expect(row(rows, 9, ALL, COMMUNE).assigned).toBe(1);
    expect(row(rows, 9, ALL, ALL, OFFICER).assigned).toBe(1);
    expect(row(rows, 9, ALL, ALL, MEMBER).assigned).toBe(1);
  });

  it("counts someone placed in two sibling communes in each, and once in their district", () => {
    const state = learnerState(facts({ placements: [place("/1/2/5/9/"), place("/1/2/5/10/")] }), [assignment()], TODAY);
    const rows = totals([state]);
    expect(row(rows, 9).assigned).toBe(1);
    expect(row(rows, 10).assigned).toBe(1);
    expect(row(rows, 5).assigned).toBe(1);
  });

  it("adds nothing for someone with nothing assigned or placed nowhere", () => {
    expect(contributions(EMPTY_STATE).size).toBe(0);
    expect(contributions({ placements: [], courses: trained.courses }).size).toBe(0);
  });
});

describe("rollupDelta", () => {
  it("moves a person from not started to trained without touching the assigned count", () => {
    const before = learnerState(facts(), [assignment()], TODAY);
    const after = learnerState(facts({ certificateExpiry: new Map([[7, "2027-06-01"]]) }), [assignment()], TODAY);
    const delta = rollupDelta(contributions(before), contributions(after));
    expect(delta.get(keyOf({ unitId: 2, courseId: ALL, tierId: ALL, positionId: ALL }))).toEqual({
      ...ZERO_COUNTS,
      notStarted: -1,
      trained: 1,
    });
  });

  it("moves a person between units when they change placement, and is empty when nothing changed", () => {
    const before = learnerState(facts(), [assignment()], TODAY);
    const after = learnerState(facts({ placements: [place("/1/2/5/10/")] }), [assignment()], TODAY);
    const delta = rollupDelta(contributions(before), contributions(after));
    expect(delta.get(keyOf({ unitId: 9, courseId: ALL, tierId: ALL, positionId: ALL }))?.assigned).toBe(-1);
    expect(delta.get(keyOf({ unitId: 10, courseId: ALL, tierId: ALL, positionId: ALL }))?.assigned).toBe(1);
    expect(delta.has(keyOf({ unitId: 5, courseId: ALL, tierId: ALL, positionId: ALL }))).toBe(false);
    expect(rollupDelta(contributions(before), contributions(before)).size).toBe(0);
  });

  it("sums to the recompute after any sequence of changes", () => {
    const variants: LearnerFacts[] = [
      facts(),
      facts({ started: new Set([7]) }),
      facts({ certificateExpiry: new Map([[7, "2027-06-01"]]) }),
      facts({ placements: [place("/1/2/5/10/", MEMBER)] }),
      facts({ placements: [place("/1/2/5/9/"), place("/1/2/5/10/")] }),
      facts({ placements: [] }),
    ];
    const rows = new Map<string, Counts>();
    let previous = EMPTY_STATE;
    for (let i = 0; i < 40; i++) {
      const next = learnerState(variants[(i * 7) % variants.length] as LearnerFacts, [assignment()], TODAY);
      rollupDelta(contributions(previous), contributions(next), rows);
      previous = next;
    }
    expect(rows).toEqual(totals([previous]));
  });
});

describe("nextChangeOn", () => {
  it("is the day after the due date, the first day of renewal, or the day after expiry, whichever comes first", () => {
    const pending = learnerState(facts(), [assignment({ dueOn: "2026-12-01" })], TODAY);
    expect(nextChangeOn(pending, TODAY)).toBe("2026-12-02");
    const certified = learnerState(facts({ certificateExpiry: new Map([[7, "2027-06-30"]]) }), [assignment()], TODAY);
    expect(nextChangeOn(certified, TODAY)).toBe("2027-01-01");
    expect(nextChangeOn(certified, "2027-01-01")).toBe("2027-06-01");
    expect(nextChangeOn(certified, "2027-06-01")).toBe("2027-07-01");
    expect(nextChangeOn(certified, "2027-07-01")).toBe(null);
  });

  it("matches the day the status really changes", () => {
    const certified = (today: string) =>
      learnerState(facts({ certificateExpiry: new Map([[7, "2027-06-30"]]) }), [assignment()], today).courses[0];
    expect(certified("2027-05-31")?.expiringSoon).toBe(false);
    expect(certified("2027-06-01")?.expiringSoon).toBe(true);
    expect(certified("2027-06-30")?.status).toBe("completed");
    expect(certified("2027-07-01")?.status).toBe("expired");
  });
});

describe("months", () => {
  it("closes each month that ended since the rollups were current", () => {
    expect(monthsToClose("2026-10-15", "2026-10-31")).toEqual([]);
    expect(monthsToClose("2026-10-15", "2026-11-01")).toEqual(["2026-10"]);
    expect(monthsToClose("2026-11-20", "2027-01-03")).toEqual(["2026-11", "2026-12"]);
    expect(lastDayOfMonth("2028-02")).toBe("2028-02-29");
  });
});

describe("personInView", () => {
  it("lists exactly the people the rollup row counts, for every filter and status", () => {
    const states = [
      learnerState(facts(), [assignment()], TODAY),
      learnerState(facts({ userId: "u2", started: new Set([7]) }), [assignment()], TODAY),
      learnerState(
        facts({ userId: "u3", placements: [place("/1/2/5/9/"), place("/1/2/5/10/", MEMBER)] }),
        [assignment({ dueOn: "2026-11-01" }), assignment({ courseId: 8 })],
        TODAY,
      ),
      learnerState(
        facts({
          userId: "u4",
          placements: [place("/1/2/5/10/", MEMBER)],
          certificateExpiry: new Map([[7, "2026-12-01"]]),
        }),
        [assignment()],
        TODAY,
      ),
    ];
    const rows = totals(states);
    for (const unit of [
      { id: 2, path: "/1/2/" },
      { id: 9, path: "/1/2/5/9/" },
      { id: 10, path: "/1/2/5/10/" },
    ])
      for (const courseId of [ALL, 7, 8])
        for (const tierId of [ALL, COMMUNE])
          for (const positionId of [ALL, OFFICER, MEMBER]) {
            const counts = row(rows, unit.id, courseId, tierId, positionId);
            for (const status of STATUS_FILTERS) {
              const listed = states
                .map((s) => personInView(s, { unitPath: unit.path, courseId, tierId, positionId }))
                .filter((p) => p !== null && matchesStatus(p, status)).length;
              expect(listed, `${unit.path} ${courseId} ${tierId} ${positionId} ${status}`).toBe(
                countForStatus(counts, status),
              );
            }
          }
  });
});
