/**
 * `npm run bench:import` — a province manager imports a roster of 20,000 staff (.xlsx) into
 * a copy of the demo database: the check (read + validate + plan) and the confirmed commit
 * (accounts, placements, rollups, audit, the PDF of initial passwords), timed separately,
 * then the same file again (which must change nothing). Target: under 30 s in all.
 */
import ExcelJS from "exceljs";
import { createTemplateDatabase, removeDatabase } from "../setup/temp-database";

const ROWS = Number(process.env.BENCH_ROWS ?? 20_000);
const FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Lò", "Quàng", "Lường", "Hà", "Vì"];
const MIDDLE = ["Thị", "Văn", "Đức", "Minh", "Thu", "Ngọc", "Hữu", "Thanh"];
const GIVEN = ["Lan", "Hùng", "Mai", "Tâm", "Ngọc", "Xuân", "Đức", "Hương", "Thắng", "Pâng", "Ơn", "Sơn", "Hoa", "Nga"];
const COMMUNES = [
  "09401",
  "09402",
  "09403",
  "09404",
  "09405",
  "09901",
  "09902",
  "09903",
  "09904",
  "09905",
  "10201",
  "10202",
  "10203",
  "10204",
  "10205",
];
const POSITIONS = [
  "Người làm công tác bảo vệ trẻ em cấp xã",
  "Thành viên Nhóm thường trực bảo vệ trẻ em cấp xã",
  "Cộng tác viên thôn, bản",
  "Tình nguyện viên",
];

async function rosterFile(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Danh sách");
  sheet.addRow(["Họ và tên", "Ngày sinh", "Điện thoại", "Email", "Mã đơn vị", "Chức danh", "Tên đăng nhập"]);
  for (let i = 0; i < ROWS; i++) {
    const name = `${FAMILY[i % FAMILY.length]} ${MIDDLE[(i >> 3) % MIDDLE.length]} ${GIVEN[(i >> 5) % GIVEN.length]}`;
    const day = String(1 + (i % 28)).padStart(2, "0");
    sheet.addRow([
      name,
      `${day}/0${1 + (i % 9)}/19${70 + (i % 30)}`,
      `09${String(10_000_000 + i).padStart(8, "0")}`,
      "",
      COMMUNES[i % COMMUNES.length],
      POSITIONS[i % POSITIONS.length],
      "",
    ]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const database = await createTemplateDatabase();
process.env.DATABASE_PATH = database;
const { checkRosterFile, commitRosterImport, downloadAccountSheet, requireImport } = await import(
  "../../app/services/roster.server"
);
const { checkRollups } = await import("../../app/services/rollups.server");
const { viewerFor } = await import("../setup/training");
try {
  const file = await rosterFile();
  const manager = viewerFor("manager");
  const seconds = (start: number) => ((performance.now() - start) / 1000).toFixed(1);

  let start = performance.now();
  const id = await checkRosterFile(manager, "danh-sach-20000.xlsx", file);
  const checkTime = seconds(start);
  const preview = requireImport(manager, id).preview;
  start = performance.now();
  const result = await commitRosterImport(manager, id, "http://localhost:3000/login");
  const commitTime = seconds(start);
  if (!result.ok) throw new Error(`commit refused: ${result.reason}`);
  const accounts = downloadAccountSheet(manager, id)?.length ?? 0;

  start = performance.now();
  const again = await checkRosterFile(manager, "danh-sach-20000.xlsx", file);
  const againTime = seconds(start);
  const second = requireImport(manager, again).preview.summary;
  const check = checkRollups();

  const total = Number(checkTime) + Number(commitTime);
  console.log(
    `rows in file                  ${ROWS.toLocaleString("vi-VN")} (${(file.length / 1e6).toFixed(1)} MB xlsx)`,
  );
  console.log(
    `check (read, validate, plan)  ${checkTime} s   → create ${preview.summary.create}, errors ${preview.summary.errors}`,
  );
  console.log(
    `commit (accounts, rollups,    ${commitTime} s   → PDF of initial passwords ${(accounts / 1e6).toFixed(1)} MB`,
  );
  console.log("  audit, PDF)");
  console.log(`check + commit                ${total.toFixed(1)} s   target < 30 s   ${total < 30 ? "PASS" : "FAIL"}`);
  console.log(
    `same file again               ${againTime} s   → create ${second.create}, update ${second.update}, move ${second.move}, unchanged ${second.unchanged}`,
  );
  console.log(
    `rollups vs recompute          ${check.differences.length === 0 ? "no difference" : `${check.differences.length} differences`}`,
  );
  process.exitCode = total < 30 && second.create === 0 && check.differences.length === 0 ? 0 : 1;
} finally {
  globalThis.__appDatabase?.$client.close();
  removeDatabase(database);
}
