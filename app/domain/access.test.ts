import { describe, expect, it } from "vitest";
import { type Actor, can, canAnywhere, canReachPerson, navigationFor, scopeRoots } from "./access";

// nation /1/, Điện Biên /1/2/ with district /1/2/5/ and commune /1/2/5/9/, Bắc Ninh /1/3/
const nationalAdmin: Actor = { userId: "admin", grants: [{ role: "admin", unitId: 1, unitPath: "/1/" }] };
const dienBienManager: Actor = { userId: "m", grants: [{ role: "manager", unitId: 2, unitPath: "/1/2/" }] };
const learner: Actor = { userId: "l", grants: [{ role: "learner", unitId: 9, unitPath: "/1/2/5/9/" }] };
const trainer: Actor = { userId: "t", grants: [{ role: "trainer", unitId: 2, unitPath: "/1/2/" }] };

describe("can", () => {
  it("lets a province manager view its own units and everything below", () => {
    expect(can(dienBienManager, "unit.view", "/1/2/")).toBe(true);
    expect(can(dienBienManager, "unit.view", "/1/2/5/9/")).toBe(true);
  });

  it("refuses a province manager anything of another province or above", () => {
    expect(can(dienBienManager, "unit.view", "/1/3/")).toBe(false);
    expect(can(dienBienManager, "unit.view", "/1/")).toBe(false);
    expect(can(dienBienManager, "unit.view", "/1/20/")).toBe(false);
  });

  it("keeps editing for administrators", () => {
    expect(can(dienBienManager, "unit.edit", "/1/2/5/")).toBe(false);
    expect(can(nationalAdmin, "unit.edit", "/1/3/")).toBe(true);
  });

  it("lets only administrators revoke certificates, within their subtree", () => {
    expect(can(nationalAdmin, "certificate.revoke", "/1/2/5/9/")).toBe(true);
    for (const actor of [dienBienManager, learner, trainer]) {
      expect(can(actor, "certificate.revoke", "/1/2/5/9/")).toBe(false);
    }
    const dienBienAdmin: Actor = { userId: "a", grants: [{ role: "admin", unitId: 2, unitPath: "/1/2/" }] };
    expect(can(dienBienAdmin, "certificate.revoke", "/1/3/")).toBe(false);
  });

  it("gives learners and trainers no management rights", () => {
    for (const actor of [learner, trainer]) {
      expect(can(actor, "unit.view", "/1/2/5/9/")).toBe(false);
      expect(can(actor, "user.view", "/1/2/5/9/")).toBe(false);
    }
    expect(can(trainer, "course.author", "/1/2/5/")).toBe(true);
  });

  it("combines grants at several units", () => {
    const both: Actor = {
      userId: "x",
      grants: [
        { role: "manager", unitId: 9, unitPath: "/1/2/5/9/" },
        { role: "manager", unitId: 3, unitPath: "/1/3/" },
      ],
    };
    expect(can(both, "unit.view", "/1/3/44/")).toBe(true);
    expect(can(both, "unit.view", "/1/2/5/")).toBe(false);
  });
});

describe("scopeRoots", () => {
  it("drops grants already covered by a wider grant", () => {
    const actor: Actor = {
      userId: "x",
      grants: [
        { role: "manager", unitId: 5, unitPath: "/1/2/5/" },
        { role: "admin", unitId: 2, unitPath: "/1/2/" },
        { role: "manager", unitId: 3, unitPath: "/1/3/" },
      ],
    };
    expect(scopeRoots(actor, "unit.view").map((g) => g.unitPath)).toEqual(["/1/2/", "/1/3/"]);
    expect(scopeRoots(actor, "unit.edit").map((g) => g.unitPath)).toEqual(["/1/2/"]);
    expect(scopeRoots(learner, "unit.view")).toEqual([]);
  });
});

describe("canReachPerson", () => {
  const isRoot = (p: string) => p === "/1/";
  it("reaches people placed in the subtree only", () => {
    expect(canReachPerson(dienBienManager, "user.view", ["/1/2/5/9/"], isRoot)).toBe(true);
    expect(canReachPerson(dienBienManager, "user.view", ["/1/3/7/"], isRoot)).toBe(false);
  });
  it("leaves people attached nowhere to national administrators", () => {
    expect(canReachPerson(dienBienManager, "user.view", [], isRoot)).toBe(false);
    expect(canReachPerson(nationalAdmin, "user.view", [], isRoot)).toBe(true);
  });
});

describe("navigationFor", () => {
  it("shows each role its own menu", () => {
    expect(navigationFor(learner)).toEqual(["myTraining", "certificates"]);
    expect(navigationFor(dienBienManager)).toEqual([
      "myTraining",
      "certificates",
      "reports",
      "assignments",
      "roster",
      "events",
      "units",
      "users",
      "corrections",
    ]);
    expect(navigationFor(nationalAdmin)).toEqual([
      "myTraining",
      "certificates",
      "reports",
      "assignments",
      "roster",
      "events",
      "authoring",
      "units",
      "users",
      "corrections",
      "audit",
    ]);
    expect(navigationFor(trainer)).toEqual(["myTraining", "certificates", "events", "authoring"]);
    expect(canAnywhere(trainer, "unit.view")).toBe(false);
  });
});
