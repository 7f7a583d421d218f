import { count } from "drizzle-orm";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { findUnitByCode } from "~/models/units.server";
import { checkRollups } from "~/services/rollups.server";
import { checkUnitFile, commitUnitImport, requireUnitImport } from "~/services/unit-list.server";
import { getDb } from "~/utils/db.server";
import { orgUnits } from "../../db/schema";
import { viewerFor } from "../setup/training";

async function list(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("DMHC");
  sheet.addRow(["Danh mục đơn vị hành chính tỉnh Điện Biên (sau sắp xếp)"]);
  sheet.addRow(["Mã đơn vị", "Tên đơn vị", "Cấp", "Mã đơn vị cấp trên"]);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const unitCount = () => getDb().select({ n: count() }).from(orgUnits).get()?.n ?? 0;

describe("the official unit list", () => {
  it("imports nothing from a file with one bad row; imports the corrected file whole; and the same file again changes nothing", async () => {
    const admin = viewerFor("admin");
    const before = unitCount();
    const rows = [
      ["11901", "Xã Mường Phăng", "Xã", "11"],
      ["1190101", "Bản Mường Phăng", "Bản", "11901"],
      ["09401", "Phường Him Lam", "Phường", "11"],
    ];
    const bad = await checkUnitFile(admin, "dmhc.xlsx", await list([...rows, ["11902", "Xã Nà Tấu", "Xã", "XX"]]));
    expect(requireUnitImport(admin, bad).preview.problems).toEqual([
      expect.objectContaining({ row: 6, column: "Mã đơn vị cấp trên" }),
    ]);
    expect(await commitUnitImport(admin, bad)).toEqual({ ok: false, reason: "problems" });
    expect(unitCount()).toBe(before);

    const good = await checkUnitFile(admin, "dmhc.xlsx", await list(rows));
    expect(requireUnitImport(admin, good).preview.counts).toMatchObject({ create: 2, move: 1, errors: 0 });
    expect(await commitUnitImport(admin, good)).toEqual({ ok: true });
    expect(unitCount()).toBe(before + 2);
    const commune = findUnitByCode("11901");
    expect(commune?.tierCode).toBe("commune");
    expect(findUnitByCode("1190101")?.parentId).toBe(commune?.id);
    // Him Lam now sits directly under the province; its staff are counted along the new tree.
    expect(findUnitByCode("09401")?.parentId).toBe(findUnitByCode("11")?.id);
    expect(checkRollups().differences).toEqual([]);

    const again = await checkUnitFile(admin, "dmhc.xlsx", await list(rows));
    expect(requireUnitImport(admin, again).preview.counts).toMatchObject({
      create: 0,
      move: 0,
      rename: 0,
      unchanged: 3,
    });
  });

  it("is for administrators only, and only inside their area", async () => {
    const manager = viewerFor("manager");
    const id = await checkUnitFile(manager, "dmhc.xlsx", await list([["11903", "Xã Thanh Nưa", "Xã", "11"]]));
    expect(requireUnitImport(manager, id).preview.problems[0]?.message).toMatch(/ngoài phạm vi/);
  });

  it("names a unit outside the area by the code the file gave, nothing more (issue 12)", async () => {
    const manager = viewerFor("manager");
    const id = await checkUnitFile(
      manager,
      "dmhc.xlsx",
      await list([
        ["2701", "Phường Mới", "Phường", "27"],
        ["2799", "Phường Khác", "Phường", "2702"],
      ]),
    );
    const problems = requireUnitImport(manager, id).preview.problems.map((p) => `${p.row}|${p.column}|${p.message}`);
    expect(problems).toContain('3|Mã đơn vị|Đơn vị mã "2701" nằm ngoài phạm vi của bạn.');
    expect(problems).toContain('4|Mã đơn vị cấp trên|Đơn vị cấp trên mã "2702" nằm ngoài phạm vi của bạn.');
    for (const name of ["Bắc Ninh", "Kinh Bắc", "Võ Cường"]) expect(JSON.stringify(problems)).not.toContain(name);
  });
});
