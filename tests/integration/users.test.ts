import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { findUnitByCode } from "~/models/units.server";
import { findUserByUsername } from "~/models/users.server";
import * as home from "~/routes/_index";
import * as healthz from "~/routes/healthz";
import * as unitPage from "~/routes/units.$unitId";
import * as userPage from "~/routes/users.$userId";
import * as newUser from "~/routes/users.new";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { hashPassword } from "~/utils/password.server";
import { migrateDatabase, openDatabase } from "../../db/client";
import { auditLog, orgUnits, placements, positions, roleGrants, users } from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { cookieFor, formErrorsOf, get, post, run } from "../setup/requests";
import { removeDatabase } from "../setup/temp-database";

const positionId = (code: string) => String(getDb().select().from(positions).where(eq(positions.code, code)).get()?.id);

describe("creating an account", () => {
  it("creates a placed learner with a generated password that must be changed", async () => {
    const cookie = await cookieFor("admin");
    const response = await run(
      newUser.action,
      post(
        "/users/new",
        {
          username: "Tong.Thi.Hoa",
          fullName: "Tòng Thị Hoa",
          phone: "0987 654 321",
          email: "",
          unitCode: "10203",
          positionId: positionId("commune_officer"),
          startDate: "2026-01-05",
        },
        { cookie },
      ),
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.created.password).toMatch(/^[a-z2-9]{10}$/);

    const person = findUserByUsername("tong.thi.hoa");
    expect(person).toMatchObject({
      fullName: "Tòng Thị Hoa",
      phone: "0987654321",
      email: null,
      mustChangePassword: true,
    });
    const newCookie = await cookieFor("tong.thi.hoa", body.created.password);
    const first = await run(home.loader, get("/", newCookie));
    expect(first.headers.get("Location")).toBe("/change-password");

    const audit = getDb().select().from(auditLog).where(eq(auditLog.action, "user.create")).all();
    expect(audit.at(-1)?.after).toMatchObject({ username: "tong.thi.hoa", unit: "10203" });
    expect(JSON.stringify(audit)).not.toContain(body.created.password);
  });

  it("explains every bad field and writes nothing", async () => {
    const cookie = await cookieFor("admin");
    const before = getDb().select({ n: count() }).from(users).get()?.n;
    const response = await run(
      newUser.action,
      post(
        "/users/new",
        { username: "có dấu", fullName: "", phone: "123", unitCode: "11", positionId: "x", startDate: "2025-13-01" },
        { cookie },
      ),
    );
    expect(response.status).toBe(400);
    const refused = await response.json();
    expect(formErrorsOf(refused)).toEqual({
      username: "form.invalidUsername",
      fullName: "form.required",
      phone: "form.invalidPhone",
      positionId: "form.invalid",
      startDate: "form.invalidDate",
    });
    // What was typed comes back, so a form sent without JavaScript is not returned empty.
    expect(refused.result.initialValue).toMatchObject({ username: "có dấu", phone: "123", unitCode: "11" });
    const taken = await run(
      newUser.action,
      post(
        "/users/new",
        {
          username: "learner",
          fullName: "Ai Đó",
          unitCode: "11",
          positionId: positionId("volunteer"),
          startDate: "2026-01-01",
        },
        { cookie },
      ),
    );
    expect(formErrorsOf(await taken.json())).toEqual({ username: "users.error.usernameTaken" });
    expect(getDb().select({ n: count() }).from(users).get()?.n).toBe(before);
  });
});

describe("managing a person", () => {
  it("places, ends a placement, grants and revokes a role, all audited", async () => {
    const cookie = await cookieFor("admin");
    const learner = findUserByUsername("learner")?.id as string;
    const act = (fields: Record<string, string>) =>
      run(userPage.action, post(`/users/${learner}`, fields, { cookie }), { userId: learner });

    expect(
      (
        await act({
          intent: "place",
          unitCode: "09401",
          positionId: positionId("standing_group_member"),
          startDate: "2026-02-01",
        })
      ).status,
    ).toBe(302);
    const twice = await act({
      intent: "place",
      unitCode: "09401",
      positionId: positionId("standing_group_member"),
      startDate: "2026-02-01",
    });
    expect((await twice.json()).errors).toEqual({ positionId: "users.error.placementExists" });

    const open = getDb().select().from(placements).where(eq(placements.userId, learner)).all();
    expect(open).toHaveLength(2);
    const standing = open.find((p) => p.startDate === "2026-02-01");
    expect(
      (await act({ intent: "endPlacement", placementId: String(standing?.id), endDate: "2026-03-01" })).status,
    ).toBe(302);
    expect(
      getDb()
        .select()
        .from(placements)
        .where(eq(placements.id, standing?.id as number))
        .get()?.endDate,
    ).toBe("2026-03-01");

    expect((await act({ intent: "grant", role: "manager", unitCode: "09401" })).status).toBe(302);
    const managerCookie = await cookieFor("learner");
    const communePage = await run(unitPage.loader, get(`/units/${findUnitByCode("09401")?.id}`, managerCookie), {
      unitId: String(findUnitByCode("09401")?.id),
    });
    expect(communePage.status).toBe(200);
    const grant = getDb()
      .select()
      .from(roleGrants)
      .where(eq(roleGrants.role, "manager"))
      .all()
      .find((g) => g.userId === learner);
    expect((await act({ intent: "revoke", grantId: String(grant?.id) })).status).toBe(302);

    const actions = getDb()
      .select({ action: auditLog.action })
      .from(auditLog)
      .all()
      .map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["placement.start", "placement.end", "role.grant", "role.revoke"]));
  });

  it("edits personal details, normalising the phone number and keeping the name NFC", async () => {
    const cookie = await cookieFor("admin");
    const id = findUserByUsername("vi.van.hung")?.id as string;
    const response = await run(
      userPage.action,
      post(
        `/users/${id}`,
        { intent: "profile", fullName: "Vì  Văn Hùng".normalize("NFD"), phone: "+84 977 111 222", email: "" },
        { cookie },
      ),
      { userId: id },
    );
    expect(response.status).toBe(302);
    expect(findUserByUsername("vi.van.hung")).toMatchObject({
      fullName: "Vì Văn Hùng",
      phone: "0977111222",
      email: null,
    });
    const bad = await run(
      userPage.action,
      post(`/users/${id}`, { intent: "profile", fullName: "Vì Văn Hùng", email: "not-mail" }, { cookie }),
      {
        userId: id,
      },
    );
    expect((await bad.json()).errors).toEqual({ email: "form.invalidEmail" });
    expect(findUserByUsername("vi.van.hung")?.phone).toBe("0977111222");
  });

  it("resets a password: old sessions end and the new one must be changed", async () => {
    const cookie = await cookieFor("admin");
    const learnerCookie = await cookieFor("learner2");
    const id = findUserByUsername("learner2")?.id as string;
    const response = await run(userPage.action, post(`/users/${id}`, { intent: "resetPassword" }, { cookie }), {
      userId: id,
    });
    const { temporaryPassword } = await response.json();
    expect(temporaryPassword).toMatch(/^[a-z2-9]{10}$/);
    expect((await run(home.loader, get("/", learnerCookie))).status).toBe(302);
    await expect(cookieFor("learner2")).rejects.toThrow();
    const fresh = await cookieFor("learner2", temporaryPassword);
    expect((await run(home.loader, get("/", fresh))).headers.get("Location")).toBe("/change-password");
  });

  it("locks an account, which ends its sessions; an administrator cannot lock themself", async () => {
    const cookie = await cookieFor("admin");
    const trainerCookie = await cookieFor("trainer");
    const trainer = findUserByUsername("trainer")?.id as string;
    const admin = findUserByUsername("admin")?.id as string;
    await run(userPage.action, post(`/users/${trainer}`, { intent: "setActive", active: "false" }, { cookie }), {
      userId: trainer,
    });
    expect((await run(home.loader, get("/", trainerCookie))).status).toBe(302);
    await expect(cookieFor("trainer")).rejects.toThrow();
    const self = await run(
      userPage.action,
      post(`/users/${admin}`, { intent: "setActive", active: "false" }, { cookie }),
      {
        userId: admin,
      },
    );
    expect((await self.json()).errors).toEqual({ _form: "users.error.self" });
  });
});

describe("a second province's manager", () => {
  it("cannot read the first province's units or people by URL", async () => {
    const cookie = await cookieFor("admin");
    const lan = findUserByUsername("pham.thu.trang")?.id as string;
    await run(
      userPage.action,
      post(`/users/${lan}`, { intent: "grant", role: "manager", unitCode: "27" }, { cookie }),
      {
        userId: lan,
      },
    );
    // Seeded staff have unusable passwords; give this one a known password to sign in with.
    getDb()
      .update(users)
      .set({ passwordHash: await hashPassword("bac-ninh-2026"), mustChangePassword: false })
      .where(eq(users.id, lan))
      .run();
    const bacNinh = await cookieFor("pham.thu.trang", "bac-ninh-2026");
    for (const code of ["11", "094", "09401"]) {
      const id = String(findUnitByCode(code)?.id);
      expect((await run(unitPage.loader, get(`/units/${id}`, bacNinh), { unitId: id })).status, code).toBe(404);
    }
    const dienBienLearner = findUserByUsername("learner")?.id as string;
    expect(
      (await run(userPage.loader, get(`/users/${dienBienLearner}`, bacNinh), { userId: dienBienLearner })).status,
    ).toBe(404);
    const own = String(findUnitByCode("2701")?.id);
    expect((await run(unitPage.loader, get(`/units/${own}`, bacNinh), { unitId: own })).status).toBe(200);
  });
});

describe("set-up", () => {
  it("seeds the demo data once: a second run inserts nothing", async () => {
    const file = `${getEnv().DATABASE_PATH}.seed-twice.db`;
    const db = openDatabase(file);
    migrateDatabase(db);
    const first = await seedDemo(db);
    const units = db.select({ n: count() }).from(orgUnits).get()?.n;
    const second = await seedDemo(db);
    expect(first.created.users).toBeGreaterThan(4);
    expect(second.created).toEqual({ tiers: 0, positions: 0, units: 0, users: 0 });
    expect(db.select({ n: count() }).from(orgUnits).get()?.n).toBe(units);
    expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.$client.pragma("busy_timeout", { simple: true })).toBe(5000);
    db.$client.close();
    removeDatabase(file);
  });

  it("reports the database status on /healthz", async () => {
    const response = await run(healthz.loader, get("/healthz"));
    expect(await response.json()).toEqual({ status: "ok", database: { status: "ok", journalMode: "wal" } });
  });
});
