import { describe, expect, it } from "vitest";
import * as assignmentForm from "~/routes/assignments.new";
import * as audienceRoute from "~/routes/pickers.audience";
import * as peopleRoute from "~/routes/pickers.people";
import * as unitsRoute from "~/routes/pickers.units";
import { cookieFor, formErrorsOf, get, ORIGIN, run } from "../setup/requests";

const units = async (cookie: string, query: string) => run(unitsRoute.loader, get(`/pickers/units?${query}`, cookie));
const people = async (cookie: string, query: string) =>
  run(peopleRoute.loader, get(`/pickers/people?${query}`, cookie));
const codes = async (response: Response) => ((await response.json()).units as { code: string }[]).map((u) => u.code);

describe("the unit picker's typeahead", () => {
  it("finds units without diacritics, within the viewer's province only", async () => {
    const manager = await cookieFor("manager");
    const found = await units(manager, "purpose=assignment&q=muong%20ang");
    expect(found.status).toBe(200);
    const body = await found.json();
    expect(body.units.map((u: { name: string }) => u.name)).toContain("Huyện Mường Ảng");
    // Bắc Ninh (27) is another province: a search by name or by code finds nothing there.
    for (const q of ["bac%20ninh", "27", "2701"]) {
      expect(await codes(await units(manager, `purpose=assignment&q=${q}`)), q).toEqual([]);
    }
    expect(await codes(await units(manager, "purpose=assignment&under=27"))).toEqual([]);
  });

  it("opens with the top of the viewer's area and lists sub-units on request", async () => {
    const manager = await cookieFor("manager");
    const top = await codes(await units(manager, "purpose=assignment"));
    expect(top[0]).toBe("11");
    expect(top).toContain("094");
    expect(top).not.toContain("27");
    const below = await (await units(manager, "purpose=assignment&under=094")).json();
    expect(below.under.code).toBe("094");
    expect(below.units.map((u: { code: string }) => u.code)).toContain("09401");
  });

  it("lets a trainer pick units of their own province to organise an event, and not for assigning", async () => {
    const trainer = await cookieFor("trainer");
    expect(await codes(await units(trainer, "purpose=event&q=dien%20bien"))).toContain("11");
    expect(await codes(await units(trainer, "purpose=event&q=bac%20ninh"))).toEqual([]);
    expect((await units(trainer, "purpose=assignment&q=dien")).status).toBe(403);
    expect((await units(trainer, "purpose=reform&q=dien")).status).toBe(403);
  });

  it("refuses a learner and a bad question", async () => {
    const learner = await cookieFor("learner");
    expect((await units(learner, "purpose=event&q=dien")).status).toBe(403);
    const manager = await cookieFor("manager");
    expect((await units(manager, "purpose=everything")).status).toBe(400);
    expect((await units(manager, `purpose=event&q=${"a".repeat(101)}`)).status).toBe(400);
    expect((await run(unitsRoute.loader, get("/pickers/units?purpose=event"))).status).toBe(302);
  });
});

describe("the people picker's typeahead", () => {
  it("finds people by name without diacritics with their unit and position, never their phone", async () => {
    const manager = await cookieFor("manager");
    const response = await people(manager, "purpose=assignment&q=ca%20thi%20mai");
    const body = await response.json();
    expect(body.people).toEqual([
      expect.objectContaining({ username: "ca.thi.mai", fullName: "Cà Thị Mai", unitName: expect.any(String) }),
    ]);
    expect(body.people[0].positionNameVi).toBeTruthy();
    expect(JSON.stringify(body)).not.toMatch(/phone|0\d{9}/);
  });

  it("gives a manager of one province nobody of another", async () => {
    const manager = await cookieFor("manager");
    for (const q of ["do%20minh%20tuan", "pham%20thu", "learner2"]) {
      expect((await (await people(manager, `purpose=assignment&q=${q}`)).json()).people, q).toEqual([]);
    }
    const other = await (await people(await cookieFor("admin"), "purpose=assignment&q=do%20minh%20tuan")).json();
    expect(other.people.map((p: { username: string }) => p.username)).toEqual(["do.minh.tuan"]);
  });

  it("does not search by phone or by fewer than two letters, and returns a bounded list", async () => {
    const admin = await cookieFor("admin");
    expect((await (await people(admin, "purpose=event&q=09")).json()).people).toEqual([]);
    expect((await (await people(admin, "purpose=event&q=a")).json()).people).toEqual([]);
    const many = (await (await people(admin, "purpose=event&q=th")).json()).people;
    expect(many.length).toBeLessThanOrEqual(30);
    expect((await people(await cookieFor("learner"), "purpose=event&q=ca%20thi")).status).toBe(403);
  });
});

describe("the audience count", () => {
  const count = async (cookie: string, query: string) =>
    (await run(audienceRoute.loader, get(`/pickers/audience?${query}`, cookie))).json();

  it("counts the people a unit and named people reach, each once", async () => {
    const manager = await cookieFor("manager");
    const unitOnly = await count(manager, "purpose=assignment&unit=094&includeSubunits=on");
    expect(unitOnly.count).toBeGreaterThan(0);
    const withNamed = await count(manager, "purpose=assignment&unit=094&includeSubunits=on&people=vi.van.hung");
    expect(withNamed.count).toBe(unitOnly.count + 1);
    const named = await count(manager, "purpose=assignment&people=ca.thi.mai");
    expect(named.count).toBe(1);
  });

  it("names the reason when a unit or person is out of reach, without counting them", async () => {
    const manager = await cookieFor("manager");
    expect(await count(manager, "purpose=assignment&unit=27&includeSubunits=on")).toEqual({
      count: null,
      field: "unit",
      error: "pickers.error.unitOutOfReach",
      params: { code: "27" },
    });
    expect((await count(manager, "purpose=event&people=do.minh.tuan")).error).toBe("pickers.error.peopleOutOfReach");
    expect((await count(manager, "purpose=event&unit=NOPE")).error).toBe("pickers.error.unknownUnit");
  });
});

describe("the assignment form without JavaScript", () => {
  const send = async (cookie: string, fields: [string, string][]) => {
    const body = new URLSearchParams(fields);
    const response = await run(
      assignmentForm.action,
      new Request(`${ORIGIN}/assignments/new`, {
        method: "POST",
        headers: { Origin: ORIGIN, Host: new URL(ORIGIN).host, Cookie: cookie },
        body,
      }),
    );
    return { status: response.status, body: await response.json() };
  };

  it("searches a picker and hands back everything typed, with the choices", async () => {
    const manager = await cookieFor("manager");
    const { status, body } = await send(manager, [
      ["courseSlug", "can-bo-cap-xa"],
      ["dueOn", "2099-01-01"],
      ["usernames", "ca.thi.mai"],
      ["find_unitCode", "muong ang"],
      ["intent", "find:unitCode"],
    ]);
    expect(status).toBe(200);
    expect(body.result.initialValue).toMatchObject({ courseSlug: "can-bo-cap-xa", dueOn: "2099-01-01" });
    expect(body.result.error ?? {}).toEqual({});
    expect(body.pickers.found.field).toBe("unitCode");
    expect(body.pickers.found.units.units.map((u: { name: string }) => u.name)).toContain("Huyện Mường Ảng");
    expect(body.pickers.labels.people).toEqual([expect.objectContaining({ fullName: "Cà Thị Mai" })]);
    const people = await send(manager, [
      ["find_usernames", "do minh"],
      ["intent", "find:usernames"],
    ]);
    expect(people.body.pickers.found.people).toEqual([]);
    const tree = await send(manager, [["intent", "open:unitCode:094"]]);
    expect(tree.body.pickers.found.units.under.code).toBe("094");
  });

  it("counts the audience with the same rule that assigns, and names the field of a wrong unit", async () => {
    const manager = await cookieFor("manager");
    const counted = await send(manager, [
      ["unitCode", "094"],
      ["includeSubunits", "on"],
      ["intent", "count"],
    ]);
    const direct = await (
      await run(audienceRoute.loader, get("/pickers/audience?purpose=assignment&unit=094&includeSubunits=on", manager))
    ).json();
    expect(counted.body.count).toBe(direct.count);
    expect(counted.body.count).toBeGreaterThan(0);
    const wrong = await send(manager, [
      ["unitCode", "27"],
      ["intent", "count"],
    ]);
    expect(wrong.status).toBe(400);
    expect(formErrorsOf(wrong.body)).toEqual({ unitCode: "pickers.error.unitOutOfReach" });
    expect(wrong.body.params).toEqual({ code: "27" });
  });
});
