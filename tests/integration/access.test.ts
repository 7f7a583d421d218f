import { describe, expect, it } from "vitest";
import { findUnitByCode } from "~/models/units.server";
import { findUserByUsername } from "~/models/users.server";
import * as audit from "~/routes/audit";
import * as units from "~/routes/units._index";
import * as unitPage from "~/routes/units.$unitId";
import * as users from "~/routes/users._index";
import * as userPage from "~/routes/users.$userId";
import * as newUser from "~/routes/users.new";
import { cookieFor, get, type Handler, post, run } from "../setup/requests";

const unitId = (code: string) => String(findUnitByCode(code)?.id);
const userId = (username: string) => findUserByUsername(username)?.id as string;

describe("a province manager", () => {
  it("sees their own province and every unit below it", async () => {
    const cookie = await cookieFor("manager");
    const list = await run(units.loader, get("/units", cookie));
    expect((await list.json()).units.map((u: { code: string }) => u.code)).toEqual(["11"]);
    for (const code of ["11", "094", "09401"]) {
      const response = await run(unitPage.loader, get(`/units/${unitId(code)}`, cookie), { unitId: unitId(code) });
      expect(response.status, code).toBe(200);
    }
  });

  it("cannot read another province's units by URL: 404, never its data", async () => {
    const cookie = await cookieFor("manager");
    for (const code of ["27", "2701", "VN"]) {
      const response = await run(unitPage.loader, get(`/units/${unitId(code)}`, cookie), { unitId: unitId(code) });
      expect(response.status, code).toBe(404);
      expect(await response.text()).not.toContain("Bắc Ninh");
    }
  });

  it("does not find the other province by search", async () => {
    const cookie = await cookieFor("manager");
    const response = await run(units.loader, get("/units?q=bac%20ninh", cookie));
    expect((await response.json()).units).toEqual([]);
    const found = await run(units.loader, get("/units?q=muong%20ang", cookie));
    expect((await found.json()).units.map((u: { name: string }) => u.name)).toEqual([
      "Huyện Mường Ảng",
      "Thị trấn Mường Ảng",
    ]);
  });

  it("sees people of their province only", async () => {
    const cookie = await cookieFor("manager");
    const list = await (await run(users.loader, get("/users", cookie))).json();
    const usernames = list.people.map((p: { username: string }) => p.username);
    expect(usernames).toContain("learner");
    expect(usernames).not.toContain("learner2");
    expect(usernames).not.toContain("admin");
    const other = await run(userPage.loader, get(`/users/${userId("learner2")}`, cookie), {
      userId: userId("learner2"),
    });
    expect(other.status).toBe(404);
    const own = await run(userPage.loader, get(`/users/${userId("learner")}`, cookie), { userId: userId("learner") });
    expect(own.status).toBe(200);
    expect((await own.json()).canEdit).toBe(false);
  });

  it("cannot change units, people or read the audit log", async () => {
    const cookie = await cookieFor("manager");
    const rename = await run(
      unitPage.action,
      post(`/units/${unitId("094")}`, { intent: "rename", code: "094", name: "Đổi tên" }, { cookie }),
      { unitId: unitId("094") },
    );
    // A manager holds no editing role anywhere: 403, before any unit is looked up.
    expect(rename.status).toBe(403);
    const reset = await run(
      userPage.action,
      post(`/users/${userId("learner")}`, { intent: "resetPassword" }, { cookie }),
      { userId: userId("learner") },
    );
    expect(reset.status).toBe(403);
    expect((await run(newUser.loader, get("/users/new", cookie))).status).toBe(403);
    expect((await run(audit.loader, get("/audit", cookie))).status).toBe(403);
  });
});

describe("learners and trainers", () => {
  it("get 403 on management pages", async () => {
    for (const username of ["learner", "learner2", "trainer"]) {
      const cookie = await cookieFor(username);
      expect((await run(units.loader, get("/units", cookie))).status, username).toBe(403);
      expect((await run(users.loader, get("/users", cookie))).status, username).toBe(403);
      const response = await run(unitPage.loader, get(`/units/${unitId("09401")}`, cookie), {
        unitId: unitId("09401"),
      });
      expect(response.status, username).toBe(403);
    }
  });
});

describe("the national administrator", () => {
  it("sees both provinces and everyone", async () => {
    const cookie = await cookieFor("admin");
    const list = await (await run(units.loader, get("/units", cookie))).json();
    expect(list.units.map((u: { code: string }) => u.code)).toEqual(["VN"]);
    const people = await (await run(users.loader, get("/users?q=lan", cookie))).json();
    expect(people.people.map((p: { username: string }) => p.username)).toContain("learner2");
  });

  it("finds people without diacritics", async () => {
    const cookie = await cookieFor("admin");
    const people = await (await run(users.loader, get("/users?q=luong%20van%20tam", cookie))).json();
    expect(people.people.map((p: { fullName: string }) => p.fullName)).toEqual(["Lường Văn Tâm"]);
  });
});

describe("malformed input", () => {
  it("answers 404 for ids that are not ids, and 400 for unknown intents, never 500", async () => {
    const cookie = await cookieFor("admin");
    for (const bad of ["abc", "0", "-1", "1e3", "99999999999999999999", "999999"]) {
      const response = await run(unitPage.loader, get(`/units/${bad}`, cookie), { unitId: bad });
      expect(response.status, bad).toBe(404);
    }
    const intent = await run(unitPage.action, post(`/units/${unitId("11")}`, { intent: "explode" }, { cookie }), {
      unitId: unitId("11"),
    });
    expect(intent.status).toBe(400);
    const fields = await run(
      userPage.action,
      post(`/users/${userId("learner")}`, { intent: "grant", role: "emperor", unitCode: "💥" }, { cookie }),
      { userId: userId("learner") },
    );
    expect(fields.status).toBe(400);
    expect(await fields.json()).toMatchObject({ errors: { role: "form.invalidChoice", unitCode: "form.invalid" } });
    const nobody = await run(userPage.loader, get("/users/not-a-user", cookie), { userId: "not-a-user" });
    expect(nobody.status).toBe(404);
  });
});

describe("cross-site requests", () => {
  it("refuses every state-changing action posted from another origin", async () => {
    const cookie = await cookieFor("admin");
    const attempts: [Handler, string, Record<string, string>, Record<string, string>][] = [
      [
        unitPage.action,
        `/units/${unitId("11")}`,
        { intent: "rename", code: "11", name: "X" },
        { unitId: unitId("11") },
      ],
      [userPage.action, `/users/${userId("learner")}`, { intent: "resetPassword" }, { userId: userId("learner") }],
      [newUser.action, "/users/new", { username: "x" }, {}],
    ];
    for (const [action, path, fields, params] of attempts) {
      const response = await run(action, post(path, fields, { cookie, origin: "https://evil.example" }), params);
      expect(response.status, path).toBe(403);
    }
    expect(findUnitByCode("11")?.name).toBe("Tỉnh Điện Biên");
  });
});
