import { describe, expect, it } from "vitest";
import { pageText, pdfPages, type TextItem } from "../../tests/setup/pdf-text";
import { type AttendanceSheet, type AttendanceSheetPerson, attendanceSheetPdf } from "./attendance-sheet-pdf.server";

const COLUMN_LABELS = ["STT", "Họ và tên", "Chức danh", "Đơn vị", "Điện thoại", "Buổi sáng", "Buổi chiều"];
const SIGNERS = ["Người lập danh sách", "Xác nhận của đơn vị tổ chức"];
const PAGE_WIDTH = 595.28;
const RIGHT = PAGE_WIDTH - 30;

/** The table's header row on a page, and each column's left and right edges. */
function columns(items: TextItem[]) {
  const labels = COLUMN_LABELS.map((label) => items.find((item) => item.str === label));
  expect(labels.every(Boolean)).toBe(true);
  const headerY = labels[0]?.y ?? 0;
  // Labels are centred over their columns; the STT column starts at the left margin.
  return { headerY, labels: labels as TextItem[] };
}

/** The numbers printed in the STT column under the header, top to bottom, with their y. */
function indexColumn(items: TextItem[]): TextItem[] {
  const { headerY, labels } = columns(items);
  const nameLabel = labels[1] as TextItem;
  return items
    .filter((item) => /^\d+$/.test(item.str) && item.y < headerY - 1 && item.x < nameLabel.x)
    .sort((a, b) => b.y - a.y);
}

const FAMILY = ["Nguyễn", "Lường", "Hoàng", "Lò", "Quàng", "Vàng", "Trần", "Đặng", "Phạm", "Giàng"];
const MIDDLE = ["Văn", "Thị", "Đức", "Ngọc", "Thị Thu", "Xuân"];
const GIVEN = ["Tâm", "Ánh", "Hiếu", "Hương", "Dũng", "Quỳnh", "Thắng", "Nguyệt", "Lý", "Ỷ"];

function people(count: number): AttendanceSheetPerson[] {
  return Array.from({ length: count }, (_, i) => ({
    fullName: `${FAMILY[i % 10]} ${MIDDLE[i % 6]} ${GIVEN[(i * 7) % 10]}`,
    positionName: i % 2 ? "Công chức văn hóa – xã hội" : "Cộng tác viên thôn bản",
    unitName: i % 5 === 0 ? "Ủy ban nhân dân xã Mường Phăng, huyện Điện Biên" : "Phường Him Lam",
    // Unique: the key a test finds a row by.
    phone: i % 7 === 3 ? null : `0912 ${String(100 + Math.floor(i / 1000)).slice(-3)} ${String(i).padStart(3, "0")}`,
  }));
}

function sheet(list: AttendanceSheetPerson[], extra: Partial<AttendanceSheet> = {}): AttendanceSheet {
  return {
    title: "Hội nghị tập huấn công tác bảo vệ trẻ em năm 2026",
    organiser: "Sở Y tế tỉnh Điện Biên",
    place: "Hội trường UBND huyện Tuần Giáo",
    dayLabel: "Ngày 1 — thứ Năm, 03/12/2026, 07:30–17:00",
    courses: ["Kỹ năng phát hiện, can thiệp trẻ em bị xâm hại", "Quy trình hỗ trợ, can thiệp trường hợp trẻ em"],
    people: list,
    ...extra,
  };
}

const named: AttendanceSheetPerson[] = [
  {
    fullName: "Lường Văn Tâm",
    positionName: "Tình nguyện viên",
    unitName: "Phường Him Lam",
    phone: "0912 345 678",
  },
  {
    fullName: "Nguyễn Thị Ngọc Ánh",
    positionName: "Cộng tác viên",
    unitName: "Xã Mường Phăng",
    phone: null,
  },
  {
    fullName: "Hoàng Đức Hiếu",
    positionName: "Chuyên viên",
    unitName: "Huyện Điện Biên Đông",
    phone: "0214 382 6655",
  },
  {
    fullName: "Giàng Thị Ỷ",
    positionName: "Trưởng thôn",
    unitName: "Xã Tả Sìn Thàng",
    phone: "0987 000 111",
  },
];

describe("attendanceSheetPdf", () => {
  it("prints the header, each person with diacritics, and numbered blank rows after them", async () => {
    const pages = await pdfPages(await attendanceSheetPdf(sheet(named)));
    expect(pages).toHaveLength(1);
    const items = pages[0] ?? [];
    const strings = items.map((item) => item.str);
    const text = pageText(items);
    for (const line of [
      "DANH SÁCH ĐIỂM DANH",
      "Hội nghị tập huấn công tác bảo vệ trẻ em năm 2026",
      "Ngày 1 — thứ Năm, 03/12/2026, 07:30–17:00",
      "Sở Y tế tỉnh Điện Biên",
      "Hội trường UBND huyện Tuần Giáo",
      "• Kỹ năng phát hiện, can thiệp trẻ em bị xâm hại",
      "• Quy trình hỗ trợ, can thiệp trường hợp trẻ em",
      "Trang 1/1",
      ...COLUMN_LABELS,
      ...SIGNERS,
    ]) {
      expect(strings).toContain(line);
    }
    expect(strings.filter((str) => str === "(ký tên)")).toHaveLength(2);
    for (const person of named) {
      expect(strings).toContain(person.fullName);
      expect(strings).toContain(person.positionName);
      expect(strings).toContain(person.unitName);
      if (person.phone) expect(strings).toContain(person.phone);
    }
    expect(text).toContain("Tổng số có mặt: buổi sáng");

    // 1–4 are the people, each on their name's line; 5–14 are the ten blank rows below them.
    const numbers = indexColumn(items);
    expect(numbers.map((item) => item.str)).toEqual(Array.from({ length: 14 }, (_, i) => String(i + 1)));
    named.forEach((person, i) => {
      const name = items.find((item) => item.str === person.fullName);
      expect(Math.abs((name?.y ?? 0) - (numbers[i]?.y ?? 0)), person.fullName).toBeLessThan(3);
    });
    // Rows tall enough to sign in, blank ones included.
    for (let i = 1; i < numbers.length; i++) {
      expect((numbers[i - 1]?.y ?? 0) - (numbers[i]?.y ?? 0)).toBeGreaterThanOrEqual(22);
    }
    // The signatures come after the table.
    const lastRowY = numbers[numbers.length - 1]?.y ?? 0;
    for (const signer of SIGNERS) {
      expect(items.find((item) => item.str === signer)?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(lastRowY);
    }
  });

  it("takes the number of blank rows from the sheet", async () => {
    const none = await pdfPages(await attendanceSheetPdf(sheet(named, { blankRows: 0 })));
    expect(indexColumn(none[0] ?? []).map((item) => item.str)).toEqual(["1", "2", "3", "4"]);
    const three = await pdfPages(await attendanceSheetPdf(sheet(named, { blankRows: 3 })));
    expect(indexColumn(three[0] ?? []).map((item) => item.str)).toEqual(["1", "2", "3", "4", "5", "6", "7"]);
  });

  it("prints an empty list as blank rows only, still with its header and signatures", async () => {
    const pages = await pdfPages(await attendanceSheetPdf(sheet([], { courses: [] })));
    expect(pages).toHaveLength(1);
    const items = pages[0] ?? [];
    expect(indexColumn(items).map((item) => item.str)).toEqual(Array.from({ length: 10 }, (_, i) => String(i + 1)));
    const strings = items.map((item) => item.str);
    for (const line of [...COLUMN_LABELS, ...SIGNERS, "Trang 1/1"]) expect(strings).toContain(line);

    const bare = await pdfPages(await attendanceSheetPdf(sheet([], { blankRows: 0 })));
    expect(bare).toHaveLength(1);
    expect(indexColumn(bare[0] ?? [])).toEqual([]);
    for (const line of [...COLUMN_LABELS, ...SIGNERS, "Trang 1/1"]) {
      expect((bare[0] ?? []).map((item) => item.str)).toContain(line);
    }
  });

  it("composes decomposed Vietnamese before drawing it", async () => {
    const decomposed: AttendanceSheetPerson = {
      ...(named[0] as AttendanceSheetPerson),
      fullName: "Lường Văn Tâm".normalize("NFD"),
      unitName: "Xã Mường Phăng".normalize("NFD"),
    };
    const pages = await pdfPages(
      await attendanceSheetPdf(sheet([decomposed], { dayLabel: "Ngày 2 — thứ Sáu".normalize("NFD") })),
    );
    // No normalising here: the PDF itself must hold the composed letters.
    const raw = (pages[0] ?? []).map((item) => item.str);
    expect(raw).toContain("Lường Văn Tâm");
    expect(raw).toContain("Xã Mường Phăng");
    expect(raw).toContain("Ngày 2 — thứ Sáu");
  });

  it("gives the same bytes for the same sheet, and different bytes for another day", async () => {
    const first = await attendanceSheetPdf(sheet(people(120)));
    const second = await attendanceSheetPdf(sheet(people(120)));
    expect(first.equals(second)).toBe(true);
    const other = await attendanceSheetPdf(
      sheet(people(120), { dayLabel: "Ngày 2 — thứ Sáu, 04/12/2026, 07:30–11:30" }),
    );
    expect(other.equals(first)).toBe(false);
  });

  it("wraps long names and units inside their cells and cuts them after three lines", async () => {
    const long: AttendanceSheetPerson = {
      fullName: "Nguyễn Thị Phương Thảo Hoàng Lê Minh Khuê",
      positionName: "Công chức văn hóa – xã hội kiêm nhiệm phụ trách công tác bảo vệ, chăm sóc trẻ em cấp xã",
      unitName: "Ủy ban nhân dân xã Mường Phăng, huyện Điện Biên, tỉnh Điện Biên (điểm trường Nậm Khẩu Hu)",
      phone: "+84 912 345 678",
    };
    const pages = await pdfPages(await attendanceSheetPdf(sheet([...named, long])));
    expect(pages).toHaveLength(1);
    const items = pages[0] ?? [];
    const { headerY, labels } = columns(items);
    const numbers = indexColumn(items);
    const rowY = numbers[named.length]?.y ?? 0;
    const nextRowY = numbers[named.length + 1]?.y ?? 0;
    // Column edges: each label is centred over its column, so the column runs from the end
    // of the previous one to twice the label's centre minus that.
    const edges = [30];
    for (const label of labels) edges.push(2 * (label.x + label.width / 2) - (edges[edges.length - 1] ?? 0));
    expect(Math.abs((edges[edges.length - 1] ?? 0) - RIGHT)).toBeLessThan(1.5);

    // Every item of the long row stays inside its own column.
    const row = items.filter((item) => item.y < headerY - 1 && Math.abs(item.y - rowY) < 25);
    for (const item of row) {
      const column = edges.findIndex((edge, i) => item.x >= edge - 0.5 && item.x < (edges[i + 1] ?? RIGHT));
      expect(column, item.str).toBeGreaterThanOrEqual(0);
      expect(item.x + item.width, item.str).toBeLessThanOrEqual((edges[column + 1] ?? RIGHT) + 0.5);
    }
    const inColumn = (c: number) =>
      row
        .filter((item) => item.x >= (edges[c] ?? 0) && item.x < (edges[c + 1] ?? RIGHT))
        .sort((a, b) => b.y - a.y)
        .map((item) => item.str);
    expect(inColumn(1).join(" ")).toBe(long.fullName);
    expect(inColumn(1).length).toBeGreaterThan(1);
    expect(inColumn(4).join(" ")).toBe(long.phone);
    // Too long for three lines: cut, with "…" at the end of the third.
    const position = inColumn(2);
    const unit = inColumn(3);
    expect(position).toHaveLength(3);
    expect(unit).toHaveLength(3);
    expect(position[2]?.endsWith("…")).toBe(true);
    expect(unit[2]?.endsWith("…")).toBe(true);
    expect(long.positionName.startsWith(position.join(" ").slice(0, -1).trimEnd())).toBe(true);
    expect(long.unitName.startsWith(unit.join(" ").slice(0, -1).trimEnd())).toBe(true);
    // The row grew to hold them, and the next row starts below it.
    expect(rowY - nextRowY).toBeGreaterThan(30);
    expect(rowY - nextRowY).toBeLessThan(50);
  });

  it("keeps the signatures on the last page, under at least one row and above the footer", async () => {
    // Around the first and second page breaks, where the signatures may not fit under the table.
    for (let n = 14; n <= 64; n += 2) {
      const pages = await pdfPages(await attendanceSheetPdf(sheet(people(n), { blankRows: 1 })));
      const last = pages[pages.length - 1] ?? [];
      const rows = indexColumn(last);
      expect(rows.length, `${n} people`).toBeGreaterThan(0);
      expect(rows[rows.length - 1]?.str).toBe(String(n + 1));
      const footer = last.find((item) => item.str === `Trang ${pages.length}/${pages.length}`);
      for (const signer of SIGNERS) {
        const item = last.find((it) => it.str === signer);
        expect(item?.y ?? Number.POSITIVE_INFINITY, `${n} people`).toBeLessThan(rows[rows.length - 1]?.y ?? 0);
        // Room to sign (and stamp) between the roles and the footer.
        expect((item?.y ?? 0) - (footer?.y ?? 0), `${n} people`).toBeGreaterThan(60);
      }
      pages.slice(0, -1).forEach((items) => {
        expect(items.some((item) => SIGNERS.includes(item.str))).toBe(false);
      });
    }
  }, 60_000);

  it("renders 400 people over pages: header and page number on each, rows whole, blank rows last", async () => {
    const list = people(400);
    const started = performance.now();
    const bytes = await attendanceSheetPdf(sheet(list));
    expect(performance.now() - started).toBeLessThan(10_000);

    const pages = await pdfPages(bytes);
    const count = pages.length;
    expect(count).toBeGreaterThan(10);
    expect(count).toBeLessThan(20);
    const numbers: string[] = [];
    pages.forEach((items, i) => {
      const strings = items.map((item) => item.str);
      for (const label of COLUMN_LABELS) expect(strings, `page ${i + 1}`).toContain(label);
      expect(strings, `page ${i + 1}`).toContain(`Trang ${i + 1}/${count}`);
      // Later pages say which event and day they belong to.
      if (i > 0) expect(strings.some((str) => str.includes("Ngày 1 — thứ Năm"))).toBe(true);
      for (const signer of SIGNERS) expect(strings.includes(signer), `page ${i + 1}`).toBe(i === count - 1);
      numbers.push(...indexColumn(items).map((item) => item.str));
    });
    expect(pages[0]?.map((item) => item.str)).toContain(`Trang 1/${count}`);
    // Everyone once, in order, then the ten blank rows.
    expect(numbers).toEqual(Array.from({ length: 410 }, (_, i) => String(i + 1)));

    // A row never splits: each number's name, position, unit and phone are on its page, on its line.
    pages.forEach((items, p) => {
      const rows = indexColumn(items);
      for (const numberItem of rows) {
        const n = Number(numberItem.str);
        // Cells are centred on the row's middle, like the number; rows are 24 pt apart at least.
        const inRow = items
          .filter((item) => Math.abs(item.y - numberItem.y) < 11 && item.x > numberItem.x + 10)
          .map((item) => item.str);
        const person = list[n - 1];
        if (!person) {
          expect(inRow, `blank row ${n} on page ${p + 1}`).toEqual([]);
          continue;
        }
        expect(inRow, `row ${n}`).toContain(person.fullName);
        // Drawn cell by cell, a cell's lines top to bottom.
        expect(inRow.join(" "), `row ${n}`).toContain(person.positionName);
        expect(inRow.join(" "), `row ${n}`).toContain(person.unitName);
        if (person.phone) expect(inRow, `row ${n}`).toContain(person.phone);
      }
    });
  }, 60_000);
});
