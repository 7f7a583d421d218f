import { count, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { findUserByUsername, listPlacements } from "~/models/users.server";
import * as rosterPage from "~/routes/roster.$importId";
import * as template from "~/routes/roster.template.$format";
import { checkRollups } from "~/services/rollups.server";
import { checkRosterFile, commitRosterImport, downloadAccountSheet, requireImport } from "~/services/roster.server";
import { signIn } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { auditLog, placements, rosterImports, users } from "../../db/schema";
import { pdfText } from "../setup/pdf-text";
import { cookieFor, get, loadContext, run } from "../setup/requests";
import { viewerFor } from "../setup/training";

const HEADERS = ["Họ và tên", "Ngày sinh", "Điện thoại", "Email", "Mã đơn vị", "Chức danh", "Tên đăng nhập"];

async function xlsx(rows: (string | number)[][], title = true): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Danh sách");
  if (title) sheet.addRow(["DANH SÁCH CÁN BỘ LÀM CÔNG TÁC TRẺ EM — TỈNH ĐIỆN BIÊN"]);
  sheet.addRow(HEADERS);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const userCount = () => getDb().select({ n: count() }).from(users).get()?.n ?? 0;

describe("roster import", () => {
  it("shows every error with its row and column, writes nothing, and a corrected file imports all at once, once", async () => {
    const manager = viewerFor("manager");
    const before = userCount();
    const bad = await xlsx([
      ["Hà Thị Nga", "12/03/1990", "0987 111 222", "", "09402", "Người làm công tác bảo vệ trẻ em cấp xã", ""],
      ["Lò Văn Pâng", "", "98711333", "", "09999", "Cộng tác viên thôn, bản", ""],
      ["Quàng Thị Ơn", "31/02/1988", 987111444, "", "2701", "Tình nguyện viên", ""],
      ["Hà Thị Nga", "", "0987111222", "", "09402", "Người làm công tác bảo vệ trẻ em cấp xã", ""],
      ["Vì Văn Sơn", "", "0987111555", "", "09403", "Trưởng thôn", ""],
    ]);
    const badId = await checkRosterFile(manager, "danh-sach.xlsx", bad);
    const checked = requireImport(manager, badId).preview;
    const problems = checked.problems.map((p) => `${p.row}|${p.column ?? ""}|${p.message}`);
    // Rows count from the file's first line: title on row 1, header on row 2.
    expect(problems).toEqual([
      expect.stringMatching(/^4\|Điện thoại\|/),
      expect.stringMatching(/^4\|Mã đơn vị\|Không có đơn vị mã "09999"/),
      expect.stringMatching(/^5\|Ngày sinh\|/),
      expect.stringMatching(/^5\|Mã đơn vị\|.*ngoài phạm vi/),
      expect.stringMatching(/^6\|\|Trùng dòng 3/),
      expect.stringMatching(/^7\|Chức danh\|Không có chức danh "Trưởng thôn"/),
    ]);
    expect(checked.summary.errors).toBe(4);
    expect(await commitRosterImport(manager, badId, "http://localhost/login")).toEqual({
      ok: false,
      reason: "problems",
    });
    expect(userCount()).toBe(before);

    const good = await xlsx([
      [
        "Hà Thị Nga",
        "12/03/1990",
        "0987 111 222",
        "nga@example.vn",
        "09402",
        "Người làm công tác bảo vệ trẻ em cấp xã",
        "",
      ],
      ["Lò Văn Pâng", "", 987111333, "", "09403", "Cộng tác viên thôn, bản", "lo.van.pang"],
      ["Cà Thị Mai", "", "0912000099", "", "09405", "Người làm công tác bảo vệ trẻ em cấp xã", "ca.thi.mai"],
    ]);
    const id = await checkRosterFile(manager, "danh-sach-da-sua.xlsx", good);
    const preview = requireImport(manager, id).preview;
    expect(preview.problems).toEqual([]);
    // ca.thi.mai exists (seeded at 09402 as commune officer): the row moves her to 09405.
    expect(preview.summary).toMatchObject({ create: 2, move: 1, errors: 0 });
    expect(await commitRosterImport(manager, id, "http://localhost/login")).toEqual({ ok: true });
    expect(await commitRosterImport(manager, id, "http://localhost/login")).toEqual({ ok: false, reason: "already" });
    expect(userCount()).toBe(before + 2);
    const nga = findUserByUsername("ha.thi.nga");
    expect(nga).toMatchObject({ fullName: "Hà Thị Nga", phone: "0987111222", mustChangePassword: true });
    expect(findUserByUsername("lo.van.pang")?.phone).toBe("0987111333");
    const mai = listPlacements(findUserByUsername("ca.thi.mai")?.id as string);
    expect(mai.filter((p) => p.endDate === null).map((p) => p.unitCode)).toEqual(["09405"]);
    expect(mai.some((p) => p.unitCode === "09402" && p.endDate !== null)).toBe(true);

    // The sheet of initial passwords: real, in Vietnamese, downloadable once; the password works.
    const pdf = downloadAccountSheet(manager, id);
    expect(pdf?.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfText(pdf as Buffer);
    expect(text).toContain("Hà Thị Nga");
    // Passwords are drawn letter by letter (spaced, digits underlined) to be copied by hand.
    const password = /ha\.thi\.nga\s+((?:[a-z2-9]\s*){12})/.exec(text)?.[1]?.replace(/\s/g, "");
    expect(password).toBeTruthy();
    expect(downloadAccountSheet(manager, id)).toBeNull();
    const login = await signIn(
      new Request("http://localhost:3000/login", { method: "POST" }),
      loadContext(),
      "ha.thi.nga",
      password as string,
    );
    expect(login.ok).toBe(true);

    const audit = getDb().select().from(auditLog).where(eq(auditLog.action, "roster.import")).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.after).toMatchObject({ fileName: "danh-sach-da-sua.xlsx", created: 2, moved: 1 });
    expect((audit[0]?.after as { fileHash?: string } | undefined)?.fileHash).toMatch(/^[0-9a-f]{64}$/);

    // The same file again changes nothing.
    const again = await checkRosterFile(manager, "danh-sach-da-sua.xlsx", good);
    expect(requireImport(manager, again).preview.summary).toMatchObject({
      create: 0,
      update: 0,
      move: 0,
      unchanged: 3,
    });
    const placementsBefore = getDb().select({ n: count() }).from(placements).get()?.n;
    expect(await commitRosterImport(manager, again, "http://localhost/login")).toEqual({ ok: true });
    expect(getDb().select({ n: count() }).from(placements).get()?.n).toBe(placementsBefore);
    expect(userCount()).toBe(before + 2);
    expect(checkRollups().differences).toEqual([]);
  });

  it("points out a position listed at a unit of another tier, and leaves village collaborators in their commune alone", async () => {
    const manager = viewerFor("manager");
    const csv = Buffer.from(
      `${HEADERS.join(";")}\r\n` +
        "Lò Văn Tỉnh;;0977000222;;11;Người làm công tác bảo vệ trẻ em cấp xã;\r\n" +
        "Lò Thị Bản;;0977000333;;09901;Cộng tác viên thôn, bản;\r\n",
      "utf8",
    );
    const id = await checkRosterFile(manager, "danh-sach.csv", csv);
    const { preview } = requireImport(manager, id);
    expect(preview.summary).toMatchObject({ create: 2, errors: 0 });
    const byName = new Map(preview.rows.map((r) => [r.fullName, r]));
    expect(byName.get("Lò Văn Tỉnh")?.tierNote).toEqual({
      positionTier: { nameVi: "Xã/Phường/Đặc khu", nameEn: "Commune" },
      unitTier: { nameVi: "Tỉnh/Thành phố", nameEn: "Province" },
    });
    expect(byName.get("Lò Thị Bản")?.tierNote).toBeUndefined();
  });

  it("reads a CSV from Excel (semicolons, BOM), and keeps another manager's file and template scope to themselves", async () => {
    const manager = viewerFor("manager");
    const csv = Buffer.from(
      `\uFEFF${HEADERS.join(";")}\r\nĐinh Thị Hoa;;0977000111;;09901;Thành viên Nhóm thường trực bảo vệ trẻ em cấp xã;\r\n`,
      "utf8",
    );
    const id = await checkRosterFile(manager, "danh-sach.csv", csv);
    expect(requireImport(manager, id).preview.summary).toMatchObject({ create: 1, errors: 0 });
    const other = viewerFor("admin");
    expect(() => requireImport(other, id)).toThrow();
    const cookie = await cookieFor("admin");
    expect((await run(rosterPage.loader, get(`/roster/${id}`, cookie), { importId: String(id) })).status).toBe(404);

    const response = await run(template.loader, get("/roster/template/xlsx", await cookieFor("manager")), {
      format: "xlsx",
    });
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.arrayBuffer()) as ExcelJS.Buffer);
    const header = workbook.worksheets[0]?.getRow(1).values as string[];
    expect(header.slice(1)).toEqual([
      "Họ và tên *",
      "Ngày sinh",
      "Điện thoại *",
      "Email",
      "Mã đơn vị *",
      "Chức danh *",
      "Tên đăng nhập",
    ]);
    const codes: string[] = [];
    workbook.worksheets[1]?.eachRow((row) => {
      codes.push(String(row.getCell(4).value ?? ""));
    });
    expect(codes).toContain("09401");
    expect(codes).not.toContain("2701");
    // The example is on a sheet of its own: the template uploaded as downloaded creates no one (issue 14.13).
    expect(workbook.worksheets[0]?.actualRowCount).toBe(1);
    expect(workbook.worksheets[2]?.name).toBe("Ví dụ (không được nhập)");
    expect(String(workbook.worksheets[2]?.getRow(2).getCell(1).value)).toBe("Nguyễn Thị Lan");
    const untouched = await checkRosterFile(
      manager,
      "mau-danh-sach-can-bo.xlsx",
      Buffer.from(await workbook.xlsx.writeBuffer()),
    );
    expect(JSON.stringify(requireImport(manager, untouched).preview)).not.toContain("Nguyễn Thị Lan");
    const learner = await cookieFor("learner");
    expect((await run(template.loader, get("/roster/template/xlsx", learner), { format: "xlsx" })).status).toBe(403);
  });

  it("says only that a phone or username belongs to an account outside the area: no name, username or unit of that account anywhere (issue 12)", async () => {
    const manager = viewerFor("manager");
    // Two people outside Điện Biên share a phone with someone inside it; another outsider has a phone of their own.
    const setPhone = (username: string, phone: string) =>
      getDb().update(users).set({ phone }).where(eq(users.username, username)).run();
    setPhone("ca.thi.mai", "0977000888");
    setPhone("pham.thu.trang", "0977000888");
    setPhone("do.minh.tuan", "0977000999");
    const officer = "Người làm công tác bảo vệ trẻ em cấp xã";
    const file = await xlsx([
      // learner2's phone: Nguyễn Thị Lan, Phường Kinh Bắc, Bắc Ninh
      ["Đèo Văn Khang", "", "0912000005", "", "09401", officer, ""],
      // the national administrator's phone: attached to no unit
      ["Lò Thị Dung", "", "0912000001", "", "09402", officer, ""],
      // the administrator's username with a new phone
      ["Tòng Văn Piệng", "", "0977123456", "", "09403", officer, "admin"],
      // learner2's username with a new phone
      ["Điêu Thị Hoa", "", "0977123457", "", "09404", officer, "learner2"],
      // a new username with an outsider's phone
      ["Lường Thị Sen", "", "0977000999", "", "09405", officer, "luong.thi.sen"],
      // a phone shared by someone inside and someone outside
      ["Quàng Văn Mạnh", "", "0977000888", "", "09401", officer, ""],
    ]);
    const id = await checkRosterFile(manager, "ngoai-pham-vi.xlsx", file);
    const phone =
      "Số điện thoại này thuộc về một tài khoản ngoài phạm vi quản lý của anh/chị; hãy liên hệ quản trị viên.";
    const username =
      "Tên đăng nhập này thuộc về một tài khoản ngoài phạm vi quản lý của anh/chị; hãy liên hệ quản trị viên.";
    const preview = requireImport(manager, id).preview;
    expect(preview.problems).toEqual([
      { row: 3, column: "Điện thoại", message: phone },
      { row: 4, column: "Điện thoại", message: phone },
      { row: 5, column: "Tên đăng nhập", message: username },
      { row: 6, column: "Tên đăng nhập", message: username },
      { row: 7, column: "Điện thoại", message: phone },
      { row: 8, column: "Điện thoại", message: phone },
    ]);
    expect(preview.rows).toEqual([]);
    expect(await commitRosterImport(manager, id, "http://localhost/login")).toEqual({ ok: false, reason: "problems" });

    const outsiders = [
      "Nguyễn Thị Lan",
      "learner2",
      "Trần Thị Minh Hằng",
      "admin",
      "Đỗ Minh Tuấn",
      "do.minh.tuan",
      "Phạm Thu Trang",
      "pham.thu.trang",
      "Kinh Bắc",
      "Võ Cường",
      "Bắc Ninh",
      "2701",
      "2702",
      "Việt Nam",
      // The insider who shares the phone is not named either: the row is about the outsider too.
      "Cà Thị Mai",
      "ca.thi.mai",
    ];
    const page = await run(rosterPage.loader, get(`/roster/${id}`, await cookieFor("manager")), {
      importId: String(id),
    });
    expect(page.status).toBe(200);
    const stored = JSON.stringify(getDb().select().from(rosterImports).where(eq(rosterImports.id, id)).get()?.preview);
    const audit = JSON.stringify(getDb().select().from(auditLog).all());
    for (const [where, text] of [
      ["page data", await page.text()],
      ["stored preview", stored],
      ["audit log", audit],
    ] as const)
      for (const outsider of outsiders) expect(text, `${where} names ${outsider}`).not.toContain(outsider);
  });
});
