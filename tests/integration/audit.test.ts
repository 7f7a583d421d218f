import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { findUnitByCode } from "~/models/units.server";
import { findUserByUsername } from "~/models/users.server";
import * as audit from "~/routes/audit";
import * as userPage from "~/routes/users.$userId";
import { getDb } from "~/utils/db.server";
import { auditLog, positions } from "../../db/schema";
import { cookieFor, get, post, run } from "../setup/requests";

type Page = {
  entries: { id: number; sentence: string; changes: { label: string; before: string; after: string }[] }[];
  olderThan?: number;
  ignored: string[];
  unitChoices: { id: number; name: string }[];
};

let cookie: string;
const load = async (query: string): Promise<{ status: number; page: Page; text: string }> => {
  const response = await run(audit.loader, get(`/audit${query}`, cookie));
  const text = await response.text();
  return { status: response.status, page: response.status === 200 ? JSON.parse(text) : null, text };
};

beforeAll(async () => {
  cookie = await cookieFor("admin");
  const learner = findUserByUsername("learner")?.id as string;
  const positionId = String(
    getDb().select().from(positions).where(eq(positions.code, "standing_group_member")).get()?.id,
  );
  const act = (fields: Record<string, string>) =>
    run(userPage.action, post(`/users/${learner}`, fields, { cookie }), { userId: learner });
  expect((await act({ intent: "profile", fullName: "Lường Văn Tâm", phone: "0912 345 678", email: "" })).status).toBe(
    302,
  );
  expect((await act({ intent: "place", unitCode: "09401", positionId, startDate: "2026-02-01" })).status).toBe(302);
});

describe("the audit log, read by an administrator", () => {
  it("writes each entry as a sentence, with no codes and no contact data", async () => {
    const { status, page, text } = await load("");
    expect(status).toBe(200);
    const sentences = page.entries.map((e) => e.sentence);
    expect(sentences).toContain("Trần Thị Minh Hằng đã sửa thông tin cá nhân của Lường Văn Tâm.");
    expect(sentences.some((s) => /^Trần Thị Minh Hằng đã xếp Lường Văn Tâm vào .+ với vị trí .+\.$/.test(s))).toBe(
      true,
    );
    expect(text).not.toContain("0912345678");
    expect(text).not.toContain("placement.start");
    expect(text).not.toContain("standing_group_member");
  });

  it("shows a change as fields before and after, hiding contact data", async () => {
    const { page } = await load("?kind=account");
    const edit = page.entries.find((e) => e.sentence.includes("đã sửa thông tin cá nhân"));
    // The seeded learner had a phone number already: both sides are withheld.
    expect(edit?.changes).toEqual([
      { label: "Số điện thoại", before: "(đã thay đổi, không hiển thị)", after: "(đã thay đổi, không hiển thị)" },
    ]);
    const placed = (await load("?kind=placement")).page.entries[0];
    expect(placed?.changes.map((c) => c.label)).toEqual(["Đơn vị", "Vị trí", "Ngày bắt đầu"]);
    expect(placed?.changes.find((c) => c.label === "Ngày bắt đầu")?.after).toBe("01/02/2026");
  });

  it("filters by kind, person (without diacritics), unit and dates", async () => {
    const byKind = (await load("?kind=placement")).page.entries;
    expect(byKind.length).toBeGreaterThan(0);
    expect(byKind.every((e) => e.sentence.includes("vị trí"))).toBe(true);

    const byPerson = (await load("?person=luong+van+tam")).page.entries;
    expect(byPerson.length).toBeGreaterThanOrEqual(2);
    expect(byPerson.every((e) => e.sentence.includes("Lường Văn Tâm"))).toBe(true);
    expect((await load("?person=khong+co+ai+ten+nay")).page.entries).toEqual([]);

    const commune = findUnitByCode("09401")?.id;
    const byUnit = (await load(`?unit=${commune}&kind=placement`)).page.entries;
    expect(byUnit.length).toBe(1);
    const elsewhere = findUnitByCode("2701")?.id;
    expect((await load(`?unit=${elsewhere}&kind=placement`)).page.entries).toEqual([]);

    expect((await load("?from=2099-01-01")).page.entries).toEqual([]);
    expect((await load("?to=2000-01-01")).page.entries).toEqual([]);
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect((await load(`?from=${today}&to=${today}`)).page.entries.length).toBeGreaterThan(0);
  });

  it("ignores bad filters with a message instead of failing", async () => {
    const { status, page } = await load("?from=2026-13-45&unit=abc&kind=<script>&person=Hằng&before=-1");
    expect(status).toBe(200);
    expect(page.ignored.sort()).toEqual(["before", "from", "kind", "unit"]);
    expect(page.entries.length).toBeGreaterThan(0);
    const missing = await load("?unit=99999999");
    expect(missing.status).toBe(200);
    expect(missing.page.ignored).toEqual(["unit"]);
  });

  it("pages by id, keeping the filters", async () => {
    const all = getDb().select({ id: auditLog.id }).from(auditLog).all();
    expect(all.length).toBeGreaterThan(0);
    const last = Math.max(...all.map((a) => a.id));
    const { page } = await load(`?before=${last}&kind=placement`);
    expect(page.entries.every((e) => e.id < last)).toBe(true);
  });

  it("is refused to a manager", async () => {
    expect((await run(audit.loader, get("/audit?kind=unit", await cookieFor("manager")))).status).toBe(403);
  });
});
