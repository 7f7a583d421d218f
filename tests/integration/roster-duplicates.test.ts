import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { findUserByUsername } from "~/models/users.server";
import * as rosterPage from "~/routes/roster.$importId";
import { checkRosterFile, commitRosterImport, requireImport } from "~/services/roster.server";
import { getDb } from "~/utils/db.server";
import { auditLog, orgUnits, users } from "../../db/schema";
import { cookieFor, get, post, run } from "../setup/requests";
import { viewerFor } from "../setup/training";

const HEADER = "Họ và tên;Ngày sinh;Điện thoại;Email;Mã đơn vị;Chức danh;Tên đăng nhập\r\n";
/** A UTF-8 CSV written by hand, one row per array. */
const csv = (...rows: string[][]) =>
  Buffer.from(HEADER + rows.map((r) => [...r, "", "", "", "", "", "", ""].slice(0, 7).join(";")).join("\r\n"), "utf8");
const OFFICER = "commune_officer";
const userCount = () => getDb().select().from(users).all().length;

describe("the same person is never created twice", () => {
  it("matches the seeded learner however her phone is written (0912000004)", async () => {
    const manager = viewerFor("manager");
    for (const spelling of [
      "+84 (0)912 000 004",
      "+84(0)912000004",
      "84 912 000 004",
      "0084 912 000 004",
      "0912.000.004",
      "0912-000-004",
      "(0912) 000 004",
      "912000004",
      "+84 912 000 004",
    ]) {
      const id = await checkRosterFile(manager, "sdt.csv", csv(["Lường Văn Tâm", "", spelling, "", "09401", OFFICER]));
      const { preview } = requireImport(manager, id);
      expect(preview.problems, spelling).toEqual([]);
      expect(preview.summary, spelling).toMatchObject({ create: 0, unchanged: 1 });
    }
  });

  it("asks before creating someone whose name is already in the unit, adds the phone when she is chosen, and audits it", async () => {
    const manager = viewerFor("manager");
    const before = userCount();
    // Cà Thị Mai (ca.thi.mai) is at 09402 without a phone.
    const id = await checkRosterFile(
      manager,
      "mai.csv",
      csv(["Cà  Thị Mai", "", "0977 300 001", "", "09402", OFFICER]),
    );
    const { preview } = requireImport(manager, id);
    const mai = findUserByUsername("ca.thi.mai");
    expect(mai?.phone).toBeNull();
    expect(preview.summary).toMatchObject({ create: 0, errors: 0 });
    expect(preview.possibleMatches).toEqual([
      {
        row: 2,
        fullName: "Cà Thị Mai",
        candidates: [{ userId: mai?.id, fullName: "Cà Thị Mai", username: "ca.thi.mai" }],
      },
    ]);
    const cookie = await cookieFor("manager");
    const page = await run(rosterPage.loader, get(`/roster/${id}`, cookie), { importId: String(id) });
    expect((await page.json()).possibleMatches).toHaveLength(1);

    // Confirming without a choice writes nothing.
    const undecided = await run(rosterPage.action, post(`/roster/${id}`, {}, { cookie }), { importId: String(id) });
    expect(undecided.status).toBe(409);
    expect(await undecided.json()).toEqual({ reason: "undecided" });
    expect(userCount()).toBe(before);

    const chosen = await run(rosterPage.action, post(`/roster/${id}`, { "match.2": mai?.id as string }, { cookie }), {
      importId: String(id),
    });
    expect(chosen.status).toBe(302);
    expect(userCount()).toBe(before);
    expect(findUserByUsername("ca.thi.mai")?.phone).toBe("0977300001");
    const audit = getDb().select().from(auditLog).where(eq(auditLog.action, "roster.import")).all().at(-1);
    expect(audit?.after).toMatchObject({
      phonesAdded: [{ userId: mai?.id, before: null, after: "0977300001" }],
      matchedByName: [{ row: 2, userId: mai?.id }],
    });
  });

  it("creates a new account only when the manager says it is someone else", async () => {
    const manager = viewerFor("manager");
    const before = userCount();
    const id = await checkRosterFile(manager, "vi.csv", csv(["Vì Văn Hùng", "", "0977300002", "", "09901", OFFICER]));
    const hung = findUserByUsername("vi.van.hung");
    expect(requireImport(manager, id).preview.possibleMatches?.[0]?.candidates[0]?.userId).toBe(hung?.id);
    expect(await commitRosterImport(manager, id, "http://localhost/login")).toEqual({ ok: false, reason: "undecided" });
    expect(await commitRosterImport(manager, id, "http://localhost/login", new Map([[2, "new"]]))).toEqual({
      ok: true,
    });
    expect(userCount()).toBe(before + 1);
    expect(findUserByUsername("vi.van.hung")?.phone).toBeNull();
  });

  it("looks in a unit merged into the row's unit, and adds a phone to a person matched by username", async () => {
    const manager = viewerFor("manager");
    const unit = (code: string) => getDb().select().from(orgUnits).where(eq(orgUnits.code, code)).get();
    // Xã Quài Cang (09902), where Lò Thị Xuân works, merged into Xã Quài Nưa (09903).
    getDb()
      .update(orgUnits)
      .set({ status: "merged", mergedIntoId: unit("09903")?.id })
      .where(eq(orgUnits.code, "09902"))
      .run();
    const before = userCount();
    const id = await checkRosterFile(
      manager,
      "sap-nhap.csv",
      csv(
        ["Lò Thị Xuân", "", "0977300003", "", "09903", "standing_group_member"],
        ["Quàng Văn Đức", "", "0977300004", "", "10201", OFFICER, "quang.van.duc"],
      ),
    );
    const { preview } = requireImport(manager, id);
    expect(preview.possibleMatches?.map((m) => m.candidates.map((c) => c.username))).toEqual([["lo.thi.xuan"]]);
    expect(preview.rows.find((r) => r.row === 3)).toMatchObject({ action: "update", username: "quang.van.duc" });
    const xuan = findUserByUsername("lo.thi.xuan");
    expect(await commitRosterImport(manager, id, "http://localhost/login", new Map([[2, xuan?.id as string]]))).toEqual(
      { ok: true },
    );
    expect(userCount()).toBe(before);
    expect(findUserByUsername("quang.van.duc")?.phone).toBe("0977300004");
    expect(findUserByUsername("lo.thi.xuan")?.phone).toBe("0977300003");
  });

  it("migration 0012 puts stored phones in the canonical form", () => {
    getDb().update(users).set({ phone: "00912000099" }).where(eq(users.username, "do.minh.tuan")).run();
    const sql = readFileSync(path.join(__dirname, "../../db/migrations/0012_normalise_phones.sql"), "utf8");
    for (const statement of sql.split("--> statement-breakpoint")) getDb().$client.exec(statement);
    expect(findUserByUsername("do.minh.tuan")?.phone).toBe("0912000099");
    expect(findUserByUsername("learner")?.phone).toBe("0912000004");
  });
});
