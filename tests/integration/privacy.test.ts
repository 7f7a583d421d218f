import { eq, is, sql } from "drizzle-orm";
import { getTableConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { isMessageKey } from "~/i18n";
import { findUserByUsername } from "~/models/users.server";
import * as home from "~/routes/_index";
import * as corrections from "~/routes/corrections";
import * as myData from "~/routes/my-data._index";
import * as myDataJson from "~/routes/my-data[.]json";
import * as privacy from "~/routes/privacy._index";
import * as acknowledge from "~/routes/privacy.acknowledge";
import * as editNotice from "~/routes/privacy.notice";
import { NOT_EXPORTED, personalTables } from "~/services/personal-data.server";
import { mayContact } from "~/services/privacy.server";
import { getDb } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import * as schema from "../../db/schema";
import { auditLog, contactConsents, correctionRequests, privacyAcknowledgements, users } from "../../db/schema";
import { cookieFor, formErrorsOf, get, post, run } from "../setup/requests";

/** A seeded staff member who can sign in (the seed gives them no known password). */
async function staffCookie(username: string): Promise<string> {
  const passwordHash = await hashPassword("staff-password-1");
  getDb().update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.username, username)).run();
  return cookieFor(username, "staff-password-1", { acknowledgeNotice: false });
}

function userId(username: string): string {
  return findUserByUsername(username)?.id as string;
}

async function acknowledgeAs(cookie: string, fields: Record<string, string> = {}) {
  const version = String(getDb().get<{ v: number }>(sql`select max(version) as v from privacy_notices`)?.v ?? 0);
  return run(
    acknowledge.action,
    post("/privacy/acknowledge", { version, read: "yes", redirectTo: "/", ...fields }, { cookie }),
  );
}

describe("the privacy notice", () => {
  it("is public at /privacy, without signing in", async () => {
    const response = await run(privacy.loader, get("/privacy"));
    const body = await response.json();
    expect(body.notice.version).toBe(1);
    expect(body.notice.body).toContain("Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15");
  });

  it("comes before any other page at first sign-in, and is recorded with the consent given", async () => {
    const cookie = await staffCookie("ca.thi.mai");
    const first = await run(home.loader, get("/courses?x=1", cookie));
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe(`/privacy/acknowledge?redirectTo=${encodeURIComponent("/courses?x=1")}`);
    // A form posted before acknowledging is sent to the notice too, and does nothing.
    const posted = await run(myData.action, post("/my-data", { intent: "consent", granted: "yes" }, { cookie }));
    expect(posted.headers.get("Location")).toBe("/privacy/acknowledge");
    expect(mayContact(userId("ca.thi.mai"))).toBe(false);

    const unticked = await run(
      acknowledge.action,
      post("/privacy/acknowledge", { version: "1", redirectTo: "/" }, { cookie }),
    );
    expect(unticked.status).toBe(400);
    expect(formErrorsOf(await unticked.json())).toEqual({ read: "privacy.ack.mustRead" });

    const done = await acknowledgeAs(cookie, { contact: "yes", redirectTo: "/certificates" });
    expect(done.headers.get("Location")).toBe("/certificates");
    const after = await run(home.loader, get("/", cookie));
    expect(after.status).toBe(200);
    const id = userId("ca.thi.mai");
    expect(getDb().select().from(privacyAcknowledgements).where(eq(privacyAcknowledgements.userId, id)).all()).toEqual([
      expect.objectContaining({ noticeVersion: 1 }),
    ]);
    expect(mayContact(id)).toBe(true);
    // Acknowledging again (a double tap) records nothing more.
    await acknowledgeAs(cookie, { contact: "yes" });
    expect(getDb().select().from(contactConsents).where(eq(contactConsents.userId, id)).all()).toHaveLength(1);
  });

  it("is asked again when an administrator publishes a new version; a stale confirmation is refused", async () => {
    const learner = await cookieFor("learner");
    expect((await run(home.loader, get("/", learner))).status).toBe(200);
    const denied = await run(editNotice.loader, get("/privacy/notice", learner));
    expect(denied.status).toBe(403);

    const admin = await cookieFor("admin");
    const published = await run(
      editNotice.action,
      post(
        "/privacy/notice",
        { bodyVi: "## Thông báo mới\n\nNội dung.", bodyEn: "## New notice\n\nText." },
        { cookie: admin },
      ),
    );
    expect(published.status).toBe(302);
    const gated = await run(home.loader, get("/", learner));
    expect(gated.headers.get("Location")).toMatch(/^\/privacy\/acknowledge/);

    const stale = await run(
      acknowledge.action,
      post("/privacy/acknowledge", { version: "1", read: "yes" }, { cookie: learner }),
    );
    expect(stale.status).toBe(409);
    expect(formErrorsOf(await stale.json())).toEqual({ _form: "privacy.ack.changed" });
    await acknowledgeAs(learner);
    expect((await run(home.loader, get("/", learner))).status).toBe(200);
    // The administrator who published must read it too, like everyone.
    expect((await run(home.loader, get("/", admin))).headers.get("Location")).toMatch(/^\/privacy\/acknowledge/);
    await acknowledgeAs(admin);
  });
});

describe("contact consent", () => {
  it("is withdrawn at once from My data, and given back", async () => {
    const cookie = await staffCookie("vi.van.hung");
    await acknowledgeAs(cookie, { contact: "yes" });
    const id = userId("vi.van.hung");
    expect(mayContact(id)).toBe(true);
    await run(myData.action, post("/my-data", { intent: "consent", granted: "no" }, { cookie }));
    expect(mayContact(id)).toBe(false);
    await run(myData.action, post("/my-data", { intent: "consent", granted: "yes" }, { cookie }));
    expect(mayContact(id)).toBe(true);
    const actions = getDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id)).all();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["privacy.acknowledge", "privacy.consentWithdrawn", "privacy.consentGiven"]),
    );
  });
});

describe("Dữ liệu của tôi", () => {
  it("walks every table that names a person, and labels each in the person's language", () => {
    const walked = new Set(personalTables().map((t) => t.name));
    const personLike = /(^|_)(user|actor)(_|$)|_by$/;
    for (const value of Object.values(schema)) {
      if (!is(value, SQLiteTable)) continue;
      const config = getTableConfig(value);
      const namesPeople =
        config.name === "users" ||
        config.columns.some((c) => personLike.test(c.name)) ||
        config.foreignKeys.some((fk) => getTableConfig(fk.reference().foreignTable).name === "users");
      if (!namesPeople) continue;
      const covered = walked.has(config.name) || config.name in NOT_EXPORTED;
      expect(covered, `table ${config.name} names a person but is not in "Dữ liệu của tôi"`).toBe(true);
      if (walked.has(config.name)) expect(isMessageKey(`privacy.table.${config.name}`), config.name).toBe(true);
    }
  });

  it("returns everything held about the learner, and never the password hash or others' data", async () => {
    const cookie = await cookieFor("learner");
    await acknowledgeAs(cookie);
    const response = await run(myDataJson.loader, get("/my-data.json", cookie));
    expect(response.headers.get("Content-Type")).toContain("application/json");
    expect(response.headers.get("Content-Disposition")).toContain("attachment");
    const held = await response.json();
    expect(held.tables.users).toEqual([expect.objectContaining({ username: "learner" })]);
    expect(Object.keys(held.tables)).toEqual(
      expect.arrayContaining(["placements", "role_grants", "sessions", "quiz_attempts"]),
    );
    expect(held.tables.sessions.length).toBeGreaterThan(0);
    expect(held.tables.sessions[0]).not.toHaveProperty("id");
    const text = JSON.stringify(held);
    expect(text).not.toContain("$argon2");
    expect(text).not.toContain("password_hash");
    expect(text).not.toContain("learner2");

    const page = await run(myData.loader, get("/my-data", cookie));
    const body = await page.json();
    expect(body.profile.username).toBe("learner");
    expect(body.records).toEqual(expect.arrayContaining([{ table: "users", count: 1 }]));
  });

  it("sends a correction to the managers of the person's unit, with a due date, and only to them", async () => {
    const inArea = await staffCookie("lo.thi.xuan");
    await acknowledgeAs(inArea);
    const tooShort = await run(
      myData.action,
      post("/my-data", { intent: "correction", body: "sai" }, { cookie: inArea }),
    );
    expect(tooShort.status).toBe(400);
    expect(formErrorsOf(await tooShort.json())).toEqual({ body: "myData.correction.tooShort" });
    const sent = await run(
      myData.action,
      post(
        "/my-data",
        { intent: "correction", body: "Ngày sinh của tôi là 12/03/1990, không phải 21/03/1990." },
        { cookie: inArea },
      ),
    );
    expect(sent.status).toBe(302);
    const elsewhere = await staffCookie("do.minh.tuan");
    await acknowledgeAs(elsewhere);
    await run(
      myData.action,
      post(
        "/my-data",
        { intent: "correction", body: "Tên đơn vị của tôi chưa đúng, xin sửa lại." },
        { cookie: elsewhere },
      ),
    );

    const manager = await cookieFor("manager");
    await acknowledgeAs(manager);
    const list = await (await run(corrections.loader, get("/corrections", manager))).json();
    const names = list.requests.map((r: { fullName: string }) => r.fullName);
    expect(names).toContain("Lò Thị Xuân");
    expect(names).not.toContain("Đỗ Minh Tuấn");
    const request = list.requests.find((r: { fullName: string }) => r.fullName === "Lò Thị Xuân");
    expect(request.dueAt - Date.now()).toBeGreaterThan(2.9 * 24 * 3600_000);

    const theirs = getDb()
      .select()
      .from(correctionRequests)
      .where(eq(correctionRequests.userId, userId("do.minh.tuan")))
      .get();
    const outside = await run(
      corrections.action,
      post(
        "/corrections",
        { requestId: String(theirs?.id), status: "corrected", response: "Đã sửa" },
        { cookie: manager },
      ),
    );
    expect(outside.status).toBe(404);
    const learner = await cookieFor("learner");
    await acknowledgeAs(learner);
    expect((await run(corrections.loader, get("/corrections", learner))).status).toBe(403);

    const handled = await run(
      corrections.action,
      post(
        "/corrections",
        { requestId: String(request.id), status: "corrected", response: "Đã sửa ngày sinh." },
        { cookie: manager },
      ),
    );
    expect(handled.status).toBe(302);
    const again = await run(
      corrections.action,
      post(
        "/corrections",
        { requestId: String(request.id), status: "declined", response: "Không" },
        { cookie: manager },
      ),
    );
    expect(again.status).toBe(409);
    const mine = await (await run(myData.loader, get("/my-data", inArea))).json();
    expect(mine.corrections[0]).toMatchObject({ status: "corrected", response: "Đã sửa ngày sinh." });
    const audited = getDb().select().from(auditLog).where(eq(auditLog.action, "privacy.correctionHandled")).all();
    expect(audited).toHaveLength(1);
  });
});
