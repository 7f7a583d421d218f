import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { looksVietnamese } from "~/domain/encoding";
import * as rosterPage from "~/routes/roster.$importId";
import { checkRosterFile, commitRosterImport, requireImport } from "~/services/roster.server";
import { getDb } from "~/utils/db.server";
import { users } from "../../db/schema";
import { cookieFor, get, run } from "../setup/requests";
import { viewerFor } from "../setup/training";

const fixture = (name: string) => readFileSync(path.join(__dirname, "../fixtures/roster", name));
const OFFICER = "Người làm công tác bảo vệ trẻ em cấp xã";
/** Headers and position without diacritics, so only the names carry the encoding. */
const HEADER = "Ho va ten;Ngay sinh;Dien thoai;Email;Ma don vi;Chuc danh;Ten dang nhap\r\n";
/** "Nguyễn Văn An" as Excel's plain CSV writes it on a Vietnamese Windows (Windows-1258). */
const CP1258_NAME = Buffer.from([0x4e, 0x67, 0x75, 0x79, 0xea, 0xde, 0x6e, 0x20, 0x56, 0xe3, 0x6e, 0x20, 0x41, 0x6e]);
const csvLine = (name: Buffer | string, phone: string) =>
  Buffer.concat([Buffer.from(name), Buffer.from(`;;${phone};;09402;commune_officer;\r\n`, "utf8")]);

/** No stored name is garbled: every one reads as Vietnamese words (or was seeded that way). */
function expectNoGarbledName() {
  for (const { fullName } of getDb().select({ fullName: users.fullName }).from(users).all()) {
    expect(fullName, fullName).toBe(fullName.normalize("NFC"));
    expect(/[\p{Cc}\p{Cf}\uFFFD]/u.test(fullName), fullName).toBe(false);
    expect(looksVietnamese(fullName), fullName).toBe(true);
  }
}

describe("roster files in every encoding", () => {
  it("refuses a CSV that mixes UTF-8 and Windows-1258 rows, naming the rows, and writes nothing", async () => {
    const manager = viewerFor("manager");
    const before = getDb().select().from(users).all().length;
    const file = Buffer.concat([
      Buffer.from(HEADER, "utf8"),
      csvLine("Hà Thị Nga", "0977200001"),
      csvLine(CP1258_NAME, "0977200002"),
      csvLine("Lò Văn Pâng", "0977200003"),
    ]);
    const id = await checkRosterFile(manager, "tron-ma.csv", file);
    const { preview } = requireImport(manager, id);
    expect(preview.fileError).toBe("mixed-encoding");
    expect(preview.problems).toEqual([
      { row: 3, column: null, message: expect.stringContaining("các dòng 2, 4 là UTF-8") },
    ]);
    const page = await run(rosterPage.loader, get(`/roster/${id}`, await cookieFor("manager")), {
      importId: String(id),
    });
    const data = await page.json();
    expect(data.fileError).toBe("mixed-encoding");
    expect(await commitRosterImport(manager, id, "http://localhost/login")).toEqual({ ok: false, reason: "problems" });
    expect(getDb().select().from(users).all().length).toBe(before);
    expectNoGarbledName();
  });

  it("reads a whole Windows-1258 CSV, and a CSV with a control character is refused at its row and column", async () => {
    const manager = viewerFor("manager");
    const legacy = Buffer.concat([Buffer.from(HEADER, "utf8"), csvLine(CP1258_NAME, "0977200011")]);
    const legacyId = await checkRosterFile(manager, "windows-1258.csv", legacy);
    const legacyPreview = requireImport(manager, legacyId).preview;
    expect(legacyPreview.problems).toEqual([]);
    expect(legacyPreview.rows.map((r) => r.fullName)).toEqual(["Nguyễn Văn An"]);

    const control = Buffer.concat([
      Buffer.from(HEADER, "utf8"),
      csvLine("Hà Thị\u0007 Nga", "0977200012"),
      Buffer.from(`Lò Văn Pâng;;0977200013;;09402\u200b;${OFFICER};\r\n`, "utf8"),
    ]);
    const id = await checkRosterFile(manager, "ky-tu-dieu-khien.csv", control);
    const problems = requireImport(manager, id).preview.problems;
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [2, "Họ và tên"],
      [3, "Mã đơn vị"],
    ]);
    expect(problems[0]?.message).toContain("U+0007");
  });

  it("converts TCVN3, VNI and wrongly decoded names of an .xlsx, shows them before writing, and stores them in Unicode", async () => {
    const manager = viewerFor("manager");
    const id = await checkRosterFile(manager, "phong-cu.xlsx", fixture("legacy-names.xlsx"));
    const { preview } = requireImport(manager, id);
    expect(preview.problems).toEqual([]);
    expect(preview.summary).toMatchObject({ create: 5, errors: 0 });
    expect(preview.conversions).toEqual([
      { row: 3, original: "NguyÔn V¨n An", name: "Nguyễn Văn An", from: expect.stringContaining("TCVN3") },
      { row: 4, original: "Nguyeãn Thò Hoa", name: "Nguyễn Thị Hoa", from: expect.stringContaining("VNI") },
      { row: 5, original: "Tráº§n VÄƒn BÃ¬nh", name: "Trần Văn Bình", from: expect.stringContaining("UTF-8") },
    ]);
    expect(preview.rows.map((r) => r.fullName)).toEqual([
      "Nguyễn Văn An",
      "Nguyễn Thị Hoa",
      "Trần Văn Bình",
      "Lò Thị Ơn",
      "Đèo Văn Khang",
    ]);
    const page = await run(rosterPage.loader, get(`/roster/${id}`, await cookieFor("manager")), {
      importId: String(id),
    });
    expect((await page.json()).conversions).toHaveLength(3);
    expect(await commitRosterImport(manager, id, "http://localhost/login")).toEqual({ ok: true });
    const names = getDb()
      .select({ fullName: users.fullName, phone: users.phone })
      .from(users)
      .all()
      .filter((u) => u.phone?.startsWith("09771000"))
      .map((u) => u.fullName)
      .sort();
    expect(names).toEqual(["Lò Thị Ơn", "Nguyễn Thị Hoa", "Nguyễn Văn An", "Trần Văn Bình", "Đèo Văn Khang"].sort());
    expectNoGarbledName();
  });

  it("finds a header typed in TCVN3 and refuses, by row, a name no table can read", async () => {
    const manager = viewerFor("manager");
    const id = await checkRosterFile(manager, "khong-doc-duoc.xlsx", fixture("legacy-unreadable.xlsx"));
    const { preview } = requireImport(manager, id);
    expect(preview.fileError).toBeNull();
    expect(preview.problems).toEqual([{ row: 3, column: "Họ và tên", message: expect.stringContaining("lỗi mã chữ") }]);
    expect(await commitRosterImport(manager, id, "http://localhost/login")).toEqual({ ok: false, reason: "problems" });
    expectNoGarbledName();
  });
});
