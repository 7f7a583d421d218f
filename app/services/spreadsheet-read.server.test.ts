import { deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { csvStream, type ReportSheet, xlsxStream } from "./spreadsheet.server";
import { readSheet, type SheetReadError, type SheetTable } from "./spreadsheet-read.server";

const expectedHeaders = ["stt", "ho va ten", "ngay sinh", "so dien thoai", "don vi", "ghi chu", "so cccd"];
const defaults = { expectedHeaders, maxRows: 100 };

async function tableOf(fileName: string, bytes: Buffer, options = defaults): Promise<SheetTable> {
  const result = await readSheet(fileName, bytes, options);
  if (!result.ok) throw new Error(`expected a table, got ${JSON.stringify(result.error)}`);
  return result.table;
}

async function errorOf(fileName: string, bytes: Buffer, options = defaults): Promise<SheetReadError> {
  const result = await readSheet(fileName, bytes, options);
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.table)}`);
  return result.error;
}

async function xlsxOf(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface DataValidations {
  add(range: string, validation: ExcelJS.DataValidation): void;
}

/** Days since 1899-12-30, what Excel stores for a date. */
function excelSerial(year: number, month: number, day: number): number {
  return (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

const headerRow = ["STT", "Họ và tên", "Ngày sinh", "Số điện thoại", "Đơn vị", "Ghi chú"];

/** A roster as a manager makes it: a title block, a blank line, the header, rows with gaps. */
function roster(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet("Danh sách");
  sheet.addRow(["DANH SÁCH CÁN BỘ LÀM CÔNG TÁC BẢO VỆ TRẺ EM"]);
  sheet.mergeCells("A1:F1");
  sheet.addRow(["Tỉnh Điện Biên — cập nhật ngày 25/11/2026"]);
  sheet.addRow([]);
  sheet.addRow(headerRow);
  sheet.addRow([
    1,
    // Typed on a Mac or pasted from the web: decomposed, as NFD.
    "Nguyễn Thị Lan".normalize("NFD"),
    new Date(Date.UTC(1990, 2, 15)),
    912345678,
    "Phường Kinh Bắc",
    { richText: [{ text: "Trưởng " }, { font: { bold: true }, text: "ban" }] },
  ]);
  // Looks empty: only spaces and a formatted cell.
  const blank = sheet.addRow(["   "]);
  blank.getCell(3).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
  const second = sheet.addRow([
    2,
    "  Trần Văn Hùng  ",
    excelSerial(1985, 12, 31),
    "0912 345 678",
    { formula: 'E5&" (cũ)"', result: "Phường Kinh Bắc (cũ)" },
    { text: "Hồ sơ", hyperlink: "https://example.org/ho-so" },
  ]);
  second.getCell(3).numFmt = "dd/mm/yyyy";
  sheet.addRow([{ formula: "A7+1", result: 3 }, "Lò Thị Mai", null, 84912345678, true, { error: "#N/A" }]);
}

describe("readSheet: xlsx", () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    // Assigning undefined would set the string "undefined".
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
    vi.restoreAllMocks();
  });

  it("finds the header under the title lines and reads every kind of cell as Excel shows it", async () => {
    const bytes = await xlsxOf(roster);
    // West of Greenwich the UTC midnight exceljs gives is the evening before, in local time.
    process.env.TZ = "America/Los_Angeles";
    expect(new Date(Date.UTC(1990, 2, 15)).getDate()).toBe(14);

    const table = await tableOf("Danh sách cán bộ.xlsx", bytes);
    expect(table.headers).toEqual(headerRow);
    expect(table.headerRow).toBe(4);
    expect(table.rows).toEqual([
      {
        row: 5,
        cells: ["1", "Nguyễn Thị Lan".normalize("NFC"), "1990-03-15", "912345678", "Phường Kinh Bắc", "Trưởng ban"],
      },
      {
        row: 7,
        cells: ["2", "Trần Văn Hùng", "1985-12-31", "0912 345 678", "Phường Kinh Bắc (cũ)", "Hồ sơ"],
      },
      { row: 8, cells: ["3", "Lò Thị Mai", "", "84912345678", "TRUE", ""] },
    ]);
    expect(table.rows[0]?.cells[1]).toBe("Nguyễn Thị Lan".normalize("NFC"));
  });

  it("writes numbers in plain decimals, as Excel rounds them, and keeps zero-padded IDs", async () => {
    const bytes = await xlsxOf((workbook) => {
      const sheet = workbook.addWorksheet("S");
      sheet.addRow(["Họ và tên", "Số CCCD", "Ghi chú"]);
      const values: ExcelJS.CellValue[] = [
        1e21,
        0.000000123,
        -1234567.5,
        { formula: "0.1+0.2", result: 0.30000000000000004 },
        8.3000000000000007,
        0.5,
      ];
      for (const value of values) sheet.addRow(["Nguyễn Văn A", 1234567890, value]);
      sheet.getColumn(2).numFmt = "000000000000";
      sheet.getCell("C7").numFmt = "hh:mm";
    });
    const table = await tableOf("so.xlsx", bytes);
    expect(table.rows.map((row) => row.cells[1])).toEqual(Array(6).fill("001234567890"));
    expect(table.rows.map((row) => row.cells[2])).toEqual([
      "1000000000000000000000",
      "0.000000123",
      "-1234567.5",
      "0.3",
      "8.3",
      "12:00",
    ]);
  });

  it("reads the first visible sheet; a hidden guide and a long lookup sheet do not count", async () => {
    const bytes = await xlsxOf((workbook) => {
      const guide = workbook.addWorksheet("Hướng dẫn", { state: "hidden" });
      guide.addRow(["Họ và tên", "Đơn vị"]);
      guide.addRow(["Không đọc", "Không đọc"]);
      roster(workbook);
      const lookup = workbook.addWorksheet("Danh mục xã");
      for (let i = 1; i <= 2000; i++) lookup.addRow([`Xã số ${i}`, "Tỉnh Điện Biên"]);
    });
    const table = await tableOf("roster.xlsx", bytes, { expectedHeaders, maxRows: 3 });
    expect(table.rows.map((row) => row.cells[1])).toEqual([
      "Nguyễn Thị Lan".normalize("NFC"),
      "Trần Văn Hùng",
      "Lò Thị Mai",
    ]);
  });

  it("refuses more data rows than allowed, and allows exactly that many", async () => {
    const bytes = await xlsxOf(roster);
    expect(await errorOf("roster.xlsx", bytes, { expectedHeaders, maxRows: 2 })).toEqual({
      code: "too-large",
      maxRows: 2,
    });
    expect((await tableOf("roster.xlsx", bytes, { expectedHeaders, maxRows: 3 })).rows).toHaveLength(3);
  });

  it("refuses a long sheet before exceljs builds it", async () => {
    const bytes = await xlsxOf((workbook) => {
      const sheet = workbook.addWorksheet("S");
      sheet.addRow(["Họ và tên", "Đơn vị"]);
      for (let i = 1; i <= 20_000; i++) sheet.addRow([`Người ${i}`, "Xã Mường Phăng"]);
    });
    const load = vi.spyOn(Object.getPrototypeOf(new ExcelJS.Workbook().xlsx), "load");
    expect(await errorOf("roster.xlsx", bytes, { expectedHeaders, maxRows: 500 })).toEqual({
      code: "too-large",
      maxRows: 500,
    });
    expect(load).not.toHaveBeenCalled();
  });

  it("does not count formulas dragged down that answer nothing, nor error cells, nor formatted rows", async () => {
    const sheetRows = [
      row(1, inline("A1", "Họ và tên"), inline("B1", "Đơn vị")),
      row(2, inline("A2", "Nguyễn Văn An"), inline("B2", "Xã Nà Tấu")),
      row(3, inline("A3", "Lò Văn Bình"), inline("B3", "Xã Nà Tấu")),
    ];
    for (let r = 4; r <= 300; r++) {
      sheetRows.push(
        row(
          r,
          `<c r="A${r}" t="str"><f>IF(C${r}="","",C${r})</f><v></v></c>`,
          `<c r="B${r}" t="e"><f>VLOOKUP(C${r},D:D,1,0)</f><v>#N/A</v></c>`,
          `<c r="C${r}" s="0"/>`,
        ),
      );
    }
    const bytes = handmadeXlsx({ sheetData: sheetRows.join("") });
    const table = await tableOf("roster.xlsx", bytes, { expectedHeaders, maxRows: 2 });
    expect(table.rows).toEqual([
      { row: 2, cells: ["Nguyễn Văn An", "Xã Nà Tấu"] },
      { row: 3, cells: ["Lò Văn Bình", "Xã Nà Tấu"] },
    ]);
  });

  it("loads quickly despite a dropdown on a whole column and a defined name over a huge range", async () => {
    const withValidation = await xlsxOf((workbook) => {
      const sheet = workbook.addWorksheet("S");
      sheet.addRow(["Họ và tên", "Đơn vị"]);
      sheet.addRow(["Nguyễn Văn An", "Xã Nà Tấu"]);
      // exceljs can write a validation for a range (one <dataValidation sqref>) but does not type it.
      const validations = (sheet as unknown as { dataValidations: DataValidations }).dataValidations;
      for (const column of ["B", "C", "D", "E", "F"]) {
        validations.add(`${column}2:${column}1048576`, {
          type: "list",
          allowBlank: true,
          formulae: ['"Xã Nà Tấu,Xã Mường Phăng"'],
        });
      }
    });
    const withName = handmadeXlsx({
      sheetData: [
        row(1, inline("A1", "Họ và tên"), inline("B1", "Đơn vị")),
        row(2, inline("A2", "Nguyễn Văn An"), inline("B2", "Xã Nà Tấu")),
      ].join(""),
      definedNames: `<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'Danh sách'!$A$1:$Z$1000000</definedName>`,
    });
    const started = Date.now();
    expect((await tableOf("a.xlsx", withValidation)).rows).toEqual([{ row: 2, cells: ["Nguyễn Văn An", "Xã Nà Tấu"] }]);
    expect((await tableOf("b.xlsx", withName)).rows).toEqual([{ row: 2, cells: ["Nguyễn Văn An", "Xã Nà Tấu"] }]);
    // Expanded by exceljs, these would be 31 million objects.
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("stops inflating a zip bomb at the byte budget and never hands it to exceljs", async () => {
    const load = vi.spyOn(Object.getPrototypeOf(new ExcelJS.Workbook().xlsx), "load");
    const filler = Buffer.alloc(40 * 1024 * 1024, 0x20);
    const bomb = Buffer.concat([
      Buffer.from("<worksheet><sheetData>"),
      filler,
      Buffer.from("</sheetData></worksheet>"),
    ]);
    // Honest about its size: refused from the directory alone.
    expect(await errorOf("bomb.xlsx", handmadeXlsx({ sheetXml: bomb }))).toEqual({ code: "too-large", maxRows: 100 });
    // Lying about its size: refused once the data passes what it claimed.
    const forged = handmadeXlsx({ sheetXml: bomb, declaredSheetSize: 2048 });
    expect(await errorOf("bomb.xlsx", forged)).toEqual({ code: "unreadable" });
    expect(load).not.toHaveBeenCalled();
  });

  it("holds all the parts together to the byte budget, and the number of parts, before inflating any", async () => {
    const load = vi.spyOn(Object.getPrototypeOf(new ExcelJS.Workbook().xlsx), "load");
    const sheetData = [row(1, inline("A1", "Họ và tên"), inline("B1", "Đơn vị"))].join("");
    // Each picture-sized part is within the budget; the five together are not.
    const parts = Array.from({ length: 5 }, (_, i): [string, Buffer] => [
      `xl/media/image${i}.png`,
      Buffer.alloc(4 * 1024 * 1024, 0x20),
    ]);
    expect(await errorOf("a.xlsx", handmadeXlsx({ sheetData, more: parts }))).toEqual({
      code: "too-large",
      maxRows: 100,
    });
    const many = Array.from({ length: 2_000 }, (_, i): [string, string] => [`xl/parts/p${i}.xml`, "<p/>"]);
    expect(await errorOf("a.xlsx", handmadeXlsx({ sheetData, more: many }))).toEqual({ code: "unreadable" });
    expect(await errorOf("a.zip", handmadeXlsx({ sheetData, more: many }))).toEqual({ code: "unsupported-type" });
    const twice = handmadeXlsx({ sheetData, more: [["xl/worksheets/sheet1.xml", "<worksheet/>"]] });
    expect(await errorOf("a.xlsx", twice)).toEqual({ code: "unreadable" });
    expect(load).not.toHaveBeenCalled();
  });

  it("reads a Zip64 workbook", async () => {
    const bytes = handmadeXlsx({
      sheetData: [
        row(1, inline("A1", "Họ và tên"), inline("B1", "Đơn vị")),
        row(2, inline("A2", "Nguyễn Văn An"), inline("B2", "Xã Nà Tấu")),
      ].join(""),
      zip64: true,
    });
    expect((await tableOf("a.xlsx", bytes)).rows).toEqual([{ row: 2, cells: ["Nguyễn Văn An", "Xã Nà Tấu"] }]);
  });

  it("says unreadable for sheet XML that is not well-formed or holds a tag longer than Excel writes", async () => {
    const load = vi.spyOn(Object.getPrototypeOf(new ExcelJS.Workbook().xlsx), "load");
    const header = row(1, inline("A1", "Họ và tên"), inline("B1", "Đơn vị"));
    const broken = handmadeXlsx({ sheetData: `${header}<row r="2"><c r="A2" t="inlineStr"><is><t>An</is></c></row>` });
    expect(await errorOf("a.xlsx", broken)).toEqual({ code: "unreadable" });
    const longTag = handmadeXlsx({ sheetData: `${header}<row r="2" x="${"a".repeat(300_000)}"></row>` });
    expect(await errorOf("a.xlsx", longTag)).toEqual({ code: "unreadable" });
    const entity = handmadeXlsx({
      sheetXml: `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">]><worksheet xmlns="${MAIN}"><sheetData>${header}<row r="2"><c r="A2" t="inlineStr"><is><t>&a;</t></is></c></row></sheetData></worksheet>`,
    });
    expect(await errorOf("a.xlsx", entity)).toEqual({ code: "unreadable" });
    expect(load).not.toHaveBeenCalled();
  });

  it("says unreadable for a damaged or truncated .xlsx and for one that is not a zip", async () => {
    const bytes = await xlsxOf(roster);
    expect(await errorOf("roster.xlsx", bytes.subarray(0, Math.floor(bytes.length / 2)))).toEqual({
      code: "unreadable",
    });
    const damaged = Buffer.from(bytes);
    const sheetAt = damaged.indexOf("xl/worksheets/sheet1.xml");
    expect(sheetAt).toBeGreaterThan(0);
    damaged.fill(0xa5, sheetAt + 40, sheetAt + 120);
    expect(await errorOf("roster.xlsx", damaged)).toEqual({ code: "unreadable" });

    expect(await errorOf("roster.xlsx", Buffer.from("Họ và tên,Đơn vị\r\nAn,Nà Tấu\r\n"))).toEqual({
      code: "unreadable",
    });
    expect(await errorOf("roster.xlsx", Buffer.alloc(0))).toEqual({ code: "unreadable" });
  });

  it("tells a workbook by its content, whatever the name says", async () => {
    const bytes = await xlsxOf(roster);
    expect((await tableOf("danh-sach.csv", bytes)).headerRow).toBe(4);
    expect((await tableOf("C:\\fakepath\\DANH SACH.XLSX", bytes)).headerRow).toBe(4);
    expect((await tableOf("danh-sach", bytes)).headerRow).toBe(4);

    const notAWorkbook = zipOf([["word/document.xml", "<w:document/>"]]);
    expect(await errorOf("bao-cao.docx", notAWorkbook)).toEqual({ code: "unsupported-type" });
    expect(await errorOf("roster.xlsx", notAWorkbook)).toEqual({ code: "unreadable" });
  });

  it("refuses old .xls files and other types", async () => {
    const compoundFile = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
      Buffer.from("Workbook", "utf16le"),
    ]);
    expect(await errorOf("danh-sach.xls", compoundFile)).toEqual({ code: "unsupported-type" });
    // Renamed, or a password-protected .xlsx (also a compound file): Excel must save it again.
    expect(await errorOf("danh-sach.xlsx", compoundFile)).toEqual({ code: "unsupported-type" });
    expect(await errorOf("danh-sach.pdf", Buffer.from("%PDF-1.7\n%âãÏÓ\n"))).toEqual({ code: "unsupported-type" });
    expect(await errorOf("danh-sach.txt", Buffer.from("Họ và tên,Đơn vị\n"))).toEqual({ code: "unsupported-type" });
  });

  it("caps each cell at 1,000 characters", async () => {
    const bytes = await xlsxOf((workbook) => {
      const sheet = workbook.addWorksheet("S");
      sheet.addRow(["Họ và tên", "Ghi chú"]);
      sheet.addRow(["Nguyễn Văn An", "ừ".repeat(5000)]);
    });
    const cell = (await tableOf("a.xlsx", bytes)).rows[0]?.cells[1];
    expect(cell).toBe("ừ".repeat(1000));
  });

  it("says empty when no row holds two known headers within the first ten", async () => {
    const bytes = await xlsxOf((workbook) => {
      const sheet = workbook.addWorksheet("S");
      // One known header alone (a title that happens to say it) is not the header row.
      sheet.addRow(["Họ và tên"]);
      for (let i = 1; i <= 9; i++) sheet.addRow([`Dòng ${i}`, "x"]);
      sheet.addRow(["Họ và tên", "Đơn vị"]);
      sheet.addRow(["Nguyễn Văn An", "Xã Nà Tấu"]);
    });
    expect(await errorOf("a.xlsx", bytes)).toEqual({ code: "empty" });
    expect(await errorOf("a.xlsx", await xlsxOf((workbook) => workbook.addWorksheet("Trống")))).toEqual({
      code: "empty",
    });
  });
});

describe("readSheet: csv", () => {
  const header = "STT;Họ và tên;Đơn vị;Ghi chú";
  const lines = [
    "DANH SÁCH CÁN BỘ;;;",
    ";;;",
    header,
    '1;Nguyễn Thị Lan;"Số 5; ngõ 2, Phường Him Lam";"Trưởng ban, ""cộng tác viên"""',
    '2;Trần Văn Hùng;Xã Nà Tấu;"Dòng một',
    'dòng hai"',
    "3; Lò Thị Mai ;;",
  ];
  const expectedRows = [
    { row: 4, cells: ["1", "Nguyễn Thị Lan", "Số 5; ngõ 2, Phường Him Lam", 'Trưởng ban, "cộng tác viên"'] },
    { row: 5, cells: ["2", "Trần Văn Hùng", "Xã Nà Tấu", "Dòng một\ndòng hai"] },
    { row: 6, cells: ["3", "Lò Thị Mai", "", ""] },
  ];

  it("reads Excel's UTF-8 CSV: BOM, `;`, title lines, quotes with delimiters, quotes and line breaks", async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join("\r\n")}\r\n`)]);
    const table = await tableOf("danh-sach.csv", bytes);
    expect(table.headers).toEqual(["STT", "Họ và tên", "Đơn vị", "Ghi chú"]);
    expect(table.headerRow).toBe(3);
    expect(table.rows).toEqual(expectedRows);
  });

  it("accepts LF and CR line ends, commas and tabs; a line break in a cell is LF as in Excel", async () => {
    for (const [delimiter, end] of [
      [";", "\n"],
      [";", "\r"],
      [",", "\n"],
      ["\t", "\r\n"],
    ] as const) {
      const text = lines.map((line) => line.replaceAll(";", delimiter)).join(end);
      const table = await tableOf("danh-sach.csv", Buffer.from(text));
      expect(table.rows.map((row) => [row.row, row.cells[1], row.cells[3]])).toEqual([
        [4, "Nguyễn Thị Lan", 'Trưởng ban, "cộng tác viên"'],
        [5, "Trần Văn Hùng", "Dòng một\ndòng hai"],
        [6, "Lò Thị Mai", ""],
      ]);
    }
  });

  it("keeps digits as written and honours a sep= line", async () => {
    const text = 'sep=,\r\nHọ và tên,Số điện thoại\r\nNguyễn Văn An,0912345678\r\n"Lò Văn Bình","+84 912 345 678"\r\n';
    const table = await tableOf("a.csv", Buffer.from(text));
    expect(table.headerRow).toBe(1);
    expect(table.rows).toEqual([
      { row: 2, cells: ["Nguyễn Văn An", "0912345678"] },
      { row: 3, cells: ["Lò Văn Bình", "+84 912 345 678"] },
    ]);
  });

  it("reads Windows-1258 (Excel's plain CSV on a Vietnamese Windows) into NFC", async () => {
    const text =
      "Họ và tên;Đơn vị;Ghi chú\r\nNguyễn Thị Lan;Xã Mường Phăng;Trưởng ấp\r\nĐặng Văn Ửng;Phường Him Lam;\r\n";
    const bytes = encodeWindows1258(text);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    // "Nguyễn": ê is one byte, the tilde a combining mark after it.
    expect([...bytes.subarray(bytes.indexOf("Nguy"), bytes.indexOf("Nguy") + 7)]).toEqual([
      0x4e, 0x67, 0x75, 0x79, 0xea, 0xde, 0x6e,
    ]);
    const table = await tableOf("danh-sach.csv", bytes);
    expect(table.headers).toEqual(["Họ và tên", "Đơn vị", "Ghi chú"]);
    expect(table.rows).toEqual([
      { row: 2, cells: ["Nguyễn Thị Lan", "Xã Mường Phăng", "Trưởng ấp"] },
      { row: 3, cells: ["Đặng Văn Ửng", "Phường Him Lam", ""] },
    ]);
    for (const cell of table.rows.flatMap((row) => row.cells)) expect(cell).toBe(cell.normalize("NFC"));
  });

  it("reads UTF-16 tab-separated text (Excel's Unicode Text saved as .csv)", async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from("Họ và tên\tĐơn vị\r\nNguyễn Văn An\tXã Nà Tấu\r\n", "utf16le"),
    ]);
    expect((await tableOf("a.csv", bytes)).rows).toEqual([{ row: 2, cells: ["Nguyễn Văn An", "Xã Nà Tấu"] }]);
  });

  it("refuses more data rows than allowed without reading the rest", async () => {
    const body = Array.from({ length: 200_000 }, (_, i) => `Người ${i};Xã Nà Tấu`).join("\n");
    const bytes = Buffer.from(`Họ và tên;Đơn vị\n${body}`);
    expect(await errorOf("a.csv", bytes, { expectedHeaders, maxRows: 3 })).toEqual({ code: "too-large", maxRows: 3 });
    const three = Buffer.from("Họ và tên;Đơn vị\nA;X\n\nB;X\nC;X\n");
    expect((await tableOf("a.csv", three, { expectedHeaders, maxRows: 3 })).rows.map((row) => row.row)).toEqual([
      2, 4, 5,
    ]);
  });

  it("caps each cell at 1,000 characters, in quotes or not", async () => {
    const long = "ừ".repeat(3000);
    const table = await tableOf("a.csv", Buffer.from(`Họ và tên,Ghi chú\n${long},"${long}"""\n`));
    expect(table.rows[0]?.cells).toEqual(["ừ".repeat(1000), "ừ".repeat(1000)]);
  });

  it("says empty for an empty file or one without a header row, and gives no rows under a bare header", async () => {
    expect(await errorOf("a.csv", Buffer.alloc(0))).toEqual({ code: "empty" });
    expect(await errorOf("a.csv", Buffer.from([0xef, 0xbb, 0xbf]))).toEqual({ code: "empty" });
    expect(await errorOf("a.csv", Buffer.from("Tên;Nơi ở\nAn;Nà Tấu\n"))).toEqual({ code: "empty" });
    expect(await tableOf("a.csv", Buffer.from("Họ và tên;Đơn vị\r\n;\r\n"))).toEqual({
      headers: ["Họ và tên", "Đơn vị"],
      headerRow: 1,
      rows: [],
    });
  });

  it("says unreadable for binary junk named .csv", async () => {
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    expect(await errorOf("a.csv", junk)).toEqual({ code: "unreadable" });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(await errorOf("a.csv", png)).toEqual({ code: "unreadable" });
  });
});

describe("readSheet: our own exports, uploaded again", () => {
  const report: ReportSheet = {
    sheetName: "Danh sách",
    title: ["Danh sách cán bộ — Tỉnh Điện Biên", "Ngày xuất: 25/11/2026"],
    headers: ["Họ và tên", "Đơn vị", "Số điện thoại"],
    rows: [
      ["Nguyễn Thị Lan", "Phường Kinh Bắc", 912345678],
      ["Trần Văn Hùng", null, "0912 345 678"],
    ],
  };
  const expected = {
    headers: ["Họ và tên", "Đơn vị", "Số điện thoại"],
    headerRow: 4,
    rows: [
      { row: 5, cells: ["Nguyễn Thị Lan", "Phường Kinh Bắc", "912345678"] },
      { row: 6, cells: ["Trần Văn Hùng", "", "0912 345 678"] },
    ],
  };

  it("reads the streamed .xlsx (a zip with data descriptors) and the .csv", async () => {
    const xlsx = Buffer.from(await new Response(xlsxStream(report)).arrayBuffer());
    expect(await tableOf("bao-cao.xlsx", xlsx)).toEqual(expected);
    const csv = Buffer.from(await new Response(csvStream(report)).arrayBuffer());
    expect(await tableOf("bao-cao.csv", csv)).toEqual(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-made files

/** Encodes text as Windows-1258 by reversing the decoder; tones without a precomposed byte become base + combining mark. */
function encodeWindows1258(text: string): Buffer {
  const decoder = new TextDecoder("windows-1258");
  const byteOf = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) {
    const char = decoder.decode(Uint8Array.of(byte));
    if (!byteOf.has(char)) byteOf.set(char, byte);
  }
  const out: number[] = [];
  for (const char of text.normalize("NFC")) {
    const direct = byteOf.get(char);
    if (direct !== undefined) {
      out.push(direct);
      continue;
    }
    // A letter with a byte (ê of ễ, ă of ặ) followed by the tone marks that have bytes.
    const [base = "", ...marks] = char.normalize("NFD");
    const encoding = subsets(marks)
      .map((kept) => [(base + kept.join("")).normalize("NFC"), ...marks.filter((mark) => !kept.includes(mark))])
      .map((pieces) => pieces.map((piece) => byteOf.get(piece)))
      .find((bytes) => bytes.every((byte) => byte !== undefined));
    if (!encoding) throw new Error(`no Windows-1258 bytes for ${char}`);
    out.push(...(encoding as number[]));
  }
  return Buffer.from(out);
}

function subsets<T>(items: readonly T[]): T[][] {
  const all: T[][] = [[]];
  for (const item of items) for (const subset of all.slice()) all.push([...subset, item]);
  return all;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A deflated zip; `declaredSize` writes a false uncompressed size into the headers. With
 * `zip64`, every size and offset is in the Zip64 fields, as writers do for files over 4 GB.
 */
function zipOf(files: [name: string, content: string | Buffer, declaredSize?: number][], zip64 = false): Buffer {
  const MAX32 = 0xffffffff;
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content, declaredSize] of files) {
    const data = typeof content === "string" ? Buffer.from(content) : content;
    const packed = deflateRawSync(data);
    const nameBytes = Buffer.from(name);
    const size = declaredSize ?? data.length;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(zip64 ? 45 : 20, 4);
    header.writeUInt16LE(0x800, 6);
    header.writeUInt16LE(8, 8);
    header.writeUInt32LE(crc32(data), 14);
    header.writeUInt32LE(zip64 ? MAX32 : packed.length, 18);
    header.writeUInt32LE(zip64 ? MAX32 : size, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    const localExtra = zip64 ? zip64Extra([size, packed.length]) : Buffer.alloc(0);
    header.writeUInt16LE(localExtra.length, 28);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(zip64 ? 45 : 20, 4);
    entry.writeUInt16LE(zip64 ? 45 : 20, 6);
    header.copy(entry, 8, 6, 28);
    const centralExtra = zip64 ? zip64Extra([size, packed.length, offset]) : Buffer.alloc(0);
    entry.writeUInt16LE(centralExtra.length, 30);
    entry.writeUInt32LE(zip64 ? MAX32 : offset, 42);
    locals.push(header, nameBytes, localExtra, packed);
    central.push(entry, nameBytes, centralExtra);
    offset += header.length + nameBytes.length + localExtra.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const records: Buffer[] = [];
  if (zip64) {
    const end64 = Buffer.alloc(56);
    end64.writeUInt32LE(0x06064b50, 0);
    end64.writeBigUInt64LE(44n, 4);
    end64.writeUInt16LE(45, 12);
    end64.writeUInt16LE(45, 14);
    end64.writeBigUInt64LE(BigInt(files.length), 24);
    end64.writeBigUInt64LE(BigInt(files.length), 32);
    end64.writeBigUInt64LE(BigInt(directory.length), 40);
    end64.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    records.push(end64, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : files.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : files.length, 10);
  end.writeUInt32LE(zip64 ? MAX32 : directory.length, 12);
  end.writeUInt32LE(zip64 ? MAX32 : offset, 16);
  return Buffer.concat([...locals, directory, ...records, end]);
}

/** The Zip64 extended information field: the values the 32-bit fields could not hold. */
function zip64Extra(values: number[]): Buffer {
  const field = Buffer.alloc(4 + 8 * values.length);
  field.writeUInt16LE(1, 0);
  field.writeUInt16LE(8 * values.length, 2);
  for (const [i, value] of values.entries()) field.writeBigUInt64LE(BigInt(value), 4 + 8 * i);
  return field;
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

function inline(ref: string, text: string): string {
  return `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
}

function row(number: number, ...cells: string[]): string {
  return `<row r="${number}">${cells.join("")}</row>`;
}

/** The smallest workbook Excel opens, with the XML we want to test (and any more parts). */
function handmadeXlsx(parts: {
  sheetData?: string;
  sheetXml?: Buffer | string;
  declaredSheetSize?: number;
  definedNames?: string;
  more?: [name: string, content: string | Buffer][];
  zip64?: boolean;
}): Buffer {
  const sheet =
    parts.sheetXml ??
    `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData>${parts.sheetData}</sheetData></worksheet>`;
  return zipOf(
    [
      [
        "[Content_Types].xml",
        `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
      ],
      [
        "_rels/.rels",
        `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ],
      [
        "xl/workbook.xml",
        `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${RELS}"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets>${parts.definedNames ? `<definedNames>${parts.definedNames}</definedNames>` : ""}</workbook>`,
      ],
      [
        "xl/_rels/workbook.xml.rels",
        `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${RELS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ],
      ["xl/worksheets/sheet1.xml", sheet, parts.declaredSheetSize],
      ...(parts.more ?? []),
    ],
    parts.zip64,
  );
}
