/**
 * The attendance sheet of one day of a training conference ("hội nghị tập huấn"), for places
 * without a connection: it is printed, passed round the hall for people to sign, and the
 * trainer enters attendance from it afterwards.
 *
 * A4 portrait: it holds about 30 people a page (landscape about 20), so a sheet of hundreds
 * is fewer pages to pass round and to enter, it sits on a clipboard, and it files with other
 * administrative papers. The two signature boxes are still 24 mm wide and at least 8.5 mm
 * tall (every row is 24 pt or more), room for a signature by hand.
 */
import PDFDocument from "pdfkit";
import { translator } from "~/i18n";
import { A4, collectPdf, type FontName, PDF_COLOURS, wrapText } from "~/services/pdf-fonts.server";

export interface AttendanceSheetPerson {
  fullName: string;
  positionName: string;
  unitName: string;
  phone: string | null;
}

export interface AttendanceSheet {
  /** The event's title, e.g. "Hội nghị tập huấn công tác bảo vệ trẻ em năm 2026". */
  title: string;
  /** The organising unit, e.g. "Sở Y tế tỉnh Điện Biên". */
  organiser: string;
  /** e.g. "Hội trường UBND huyện Tuần Giáo". */
  place: string;
  /** One sheet per day of the event: e.g. "Ngày 1 — thứ Năm, 03/12/2026, 07:30–17:00". */
  dayLabel: string;
  /** The courses the day counts for. */
  courses: string[];
  /** Sorted by the caller; possibly hundreds. */
  people: AttendanceSheetPerson[];
  /** Empty rows at the end for walk-ins (default 10). */
  blankRows?: number;
}

const BRAND = PDF_COLOURS.brand;
const INK = PDF_COLOURS.ink;
const MUTED = PDF_COLOURS.muted;
const GRID = "#64748b";
const TINT = "#e8eef7";

// A4 portrait in points. The document has no pdfkit margins: every position is ours, so
// pdfkit never starts a page on its own.
const PAGE_WIDTH = A4.width;
const PAGE_HEIGHT = A4.height;
const LEFT = 30;
const RIGHT = PAGE_WIDTH - 30;
const TOP = 30;
const FOOTER_TOP = PAGE_HEIGHT - 30 - 8;
const BODY_BOTTOM = FOOTER_TOP - 10;
const CELL_PAD_X = 4;
const CELL_PAD_Y = 3.5;
/** Every row, printed or blank, is at least this tall: room to sign by hand. */
const MIN_ROW_HEIGHT = 24;
/** A name, position or unit longer than this many lines is cut with "…" (a row must fit on a page). */
const MAX_TEXT_LINES = 3;
const MAX_PHONE_LINES = 2;
/** Smallest size a phone number is shrunk to before it is broken over two lines. */
const MIN_PHONE_SIZE = 7;
/** Courses listed one by one in the header; the rest are counted. */
const MAX_COURSES_LISTED = 6;
const DEFAULT_BLANK_ROWS = 10;

interface Style {
  font: FontName;
  size: number;
  color: string;
}

const STYLE = {
  index: { font: "regular", size: 8.5, color: MUTED },
  name: { font: "semibold", size: 9.5, color: INK },
  detail: { font: "regular", size: 8, color: INK },
  head: { font: "semibold", size: 8.5, color: BRAND },
  headNote: { font: "regular", size: 7, color: MUTED },
  tally: { font: "regular", size: 9.5, color: INK },
  signer: { font: "semibold", size: 10, color: INK },
  signerNote: { font: "regular", size: 8.5, color: MUTED },
} satisfies Record<string, Style>;

// "0912 345 678" fits the phone column on one line; the signature boxes are 67 pt (24 mm) wide.
const COLUMN_WIDTHS = [22, 110, 100, 106, 63, 67, RIGHT - LEFT - 22 - 110 - 100 - 106 - 63 - 67] as const;
const COLUMN_LABELS = ["STT", "Họ và tên", "Chức danh", "Đơn vị", "Điện thoại", "Buổi sáng", "Buổi chiều"] as const;
/** Under the label of a column, smaller: what goes in it. */
const COLUMN_NOTES = ["", "", "", "", "", "(ký tên)", "(ký tên)"] as const;
const COLUMN_X = COLUMN_WIDTHS.map((_, i) => LEFT + COLUMN_WIDTHS.slice(0, i).reduce((sum, w) => sum + w, 0));
const [INDEX_X, NAME_X, POSITION_X, UNIT_X, PHONE_X] = COLUMN_X as [number, number, number, number, number];
const [INDEX_W, NAME_W, POSITION_W, UNIT_W, PHONE_W] = COLUMN_WIDTHS;

const sheetHeading = "DANH SÁCH ĐIỂM DANH";
const instruction =
  "Mỗi người ký vào ô của buổi (sáng, chiều) mình có mặt. Người chưa có tên trong danh sách ghi họ tên, chức danh, đơn vị, điện thoại vào các dòng trống ở cuối danh sách rồi ký.";
const footerText = "Ký vào ô của buổi có mặt; người chưa có tên ghi vào dòng trống cuối danh sách.";
const tallyText = "Tổng số có mặt: buổi sáng …………………… người; buổi chiều …………………… người.";
const SIGNERS = [
  { role: "Người lập danh sách", note: "(Ký, ghi rõ họ tên)" },
  { role: "Xác nhận của đơn vị tổ chức", note: "(Ký, ghi rõ họ tên, đóng dấu)" },
] as const;
/** Room left under the signers' roles for signatures (and the stamp). */
const SIGNATURE_SPACE = 62;

/** One measured row: the lines of each cell and the row's height. Blank rows have no lines. */
interface RowLayout {
  index: string;
  name: string[];
  position: string[];
  unit: string[];
  phone: string[];
  /** The phone's font size: smaller rather than broken, if that fits it on one line. */
  phoneSize: number;
  height: number;
}

/** Text from the database or a form: composed Vietnamese, one line, no stray spaces. */
function clean(text: string | null | undefined): string {
  return (text ?? "").normalize("NFC").replace(/\s+/g, " ").trim();
}

export async function attendanceSheetPdf(sheet: AttendanceSheet): Promise<Buffer> {
  const appName = translator("vi")("app.name");
  const title = clean(sheet.title);
  const organiser = clean(sheet.organiser);
  const place = clean(sheet.place);
  const dayLabel = clean(sheet.dayLabel);
  const courses = sheet.courses.map(clean).filter(Boolean);
  const blankRows =
    sheet.blankRows === undefined || !Number.isFinite(sheet.blankRows)
      ? DEFAULT_BLANK_ROWS
      : Math.max(0, Math.floor(sheet.blankRows));
  const formatCount = new Intl.NumberFormat("vi-VN").format;

  const doc = new PDFDocument({
    size: [PAGE_WIDTH, PAGE_HEIGHT],
    margin: 0,
    lang: "vi-VN",
    displayTitle: true,
    info: {
      Title: `Danh sách điểm danh — ${title}`,
      Subject: [dayLabel, place, organiser].filter(Boolean).join(" — "),
      Author: appName,
      Creator: appName,
      Producer: appName,
      // pdfkit needs a creation date (for the file ID and its metadata) and would take the
      // clock's. The day label is display text, not a date we could trust, so it is the
      // epoch, the conventional "not set", and the bytes stay the same.
      CreationDate: new Date(0),
    },
  });

  const done = collectPdf(doc);

  const use = (style: Style) => doc.font(style.font).fontSize(style.size);
  const lineHeight = (style: Style) => use(style).currentLineHeight();

  // ---- Measuring ----------------------------------------------------------------------

  const wrap = (text: string, style: Style, width: number, maxLines: number): string[] => {
    use(style);
    return wrapText(doc, text, width, maxLines);
  };

  const height = {
    index: lineHeight(STYLE.index),
    name: lineHeight(STYLE.name),
    detail: lineHeight(STYLE.detail),
  };

  /** A number read in one go is easier to copy: one line, a little smaller if need be. */
  const fitPhone = (phone: string): { lines: string[]; style: Style } => {
    const width = PHONE_W - 2 * CELL_PAD_X;
    for (let size = STYLE.detail.size; size >= MIN_PHONE_SIZE; size -= 0.5) {
      const style = { ...STYLE.detail, size };
      if (use(style).widthOfString(phone) <= width) return { lines: phone ? [phone] : [], style };
    }
    return { lines: wrap(phone, STYLE.detail, width, MAX_PHONE_LINES), style: STYLE.detail };
  };

  const measure = (person: AttendanceSheetPerson, i: number): RowLayout => {
    const name = wrap(clean(person.fullName), STYLE.name, NAME_W - 2 * CELL_PAD_X, MAX_TEXT_LINES);
    const position = wrap(clean(person.positionName), STYLE.detail, POSITION_W - 2 * CELL_PAD_X, MAX_TEXT_LINES);
    const unit = wrap(clean(person.unitName), STYLE.detail, UNIT_W - 2 * CELL_PAD_X, MAX_TEXT_LINES);
    const phone = fitPhone(clean(person.phone));
    const content = Math.max(
      height.index,
      name.length * height.name,
      Math.max(position.length, unit.length) * height.detail,
      phone.lines.length * lineHeight(phone.style),
    );
    return {
      index: String(i + 1),
      name,
      position,
      unit,
      phone: phone.lines,
      phoneSize: phone.style.size,
      height: Math.max(MIN_ROW_HEIGHT, CELL_PAD_Y + content + CELL_PAD_Y),
    };
  };

  const blankRow = (i: number): RowLayout => ({
    index: String(i + 1),
    name: [],
    position: [],
    unit: [],
    phone: [],
    phoneSize: STYLE.detail.size,
    height: MIN_ROW_HEIGHT,
  });

  // ---- First page header (drawn now: its height decides where the table starts) ---------

  let y = TOP;
  doc
    .font("bold")
    .fontSize(16)
    .fillColor(BRAND)
    .text(sheetHeading, LEFT, y, { width: RIGHT - LEFT, align: "center", lineBreak: false });
  y += 22;
  doc
    .font("semibold")
    .fontSize(12)
    .fillColor(INK)
    .text(title || "—", LEFT, y, { width: RIGHT - LEFT, align: "center", height: 46, ellipsis: true });
  y = doc.y + 3;
  // The day stands out: a conference of several days prints one sheet a day, and a sheet
  // must never be entered for the wrong day.
  doc
    .font("bold")
    .fontSize(11)
    .fillColor(BRAND)
    .text(dayLabel || "—", LEFT, y, { width: RIGHT - LEFT, align: "center", height: 30, ellipsis: true });
  y = doc.y + 8;

  const labelWidth = 96;
  const valueWidth = RIGHT - LEFT - labelWidth;
  const fact = (label: string, value: string, maxHeight: number) => {
    doc.font("regular").fontSize(9.5).fillColor(MUTED).text(label, LEFT, y, { lineBreak: false });
    doc
      .font("semibold")
      .fontSize(9.5)
      .fillColor(INK)
      .text(value || "—", LEFT + labelWidth, y, { width: valueWidth, height: maxHeight, ellipsis: true });
    y = doc.y + 2;
  };
  fact("Đơn vị tổ chức", organiser, 26);
  fact("Địa điểm", place, 26);
  if (courses.length <= 1) {
    fact("Khóa học", courses[0] ?? "", 26);
  } else {
    // One course a line (two at most), so each reads on its own; a long list is counted.
    const listed = courses.length > MAX_COURSES_LISTED ? courses.slice(0, MAX_COURSES_LISTED - 1) : courses;
    doc.font("regular").fontSize(9.5).fillColor(MUTED).text("Khóa học", LEFT, y, { lineBreak: false });
    for (const course of listed) {
      doc
        .font("semibold")
        .fontSize(9.5)
        .fillColor(INK)
        .text(`• ${course}`, LEFT + labelWidth, y, { width: valueWidth, height: 26, ellipsis: true });
      y = doc.y + 1;
    }
    if (listed.length < courses.length) {
      doc
        .font("regular")
        .fontSize(9.5)
        .fillColor(MUTED)
        .text(`và ${formatCount(courses.length - listed.length)} khóa học khác`, LEFT + labelWidth, y, {
          width: valueWidth,
          lineBreak: false,
        });
      y = doc.y + 1;
    }
    y += 1;
  }
  fact("Số người có tên", formatCount(sheet.people.length), 14);

  y += 5;
  doc.font("regular").fontSize(9);
  const instructionWidth = RIGHT - LEFT - 20;
  const instructionHeight = doc.heightOfString(instruction, { width: instructionWidth });
  doc
    .rect(LEFT, y, RIGHT - LEFT, instructionHeight + 10)
    .fill(TINT)
    .rect(LEFT, y, 3, instructionHeight + 10)
    .fill(BRAND);
  doc.fillColor(INK).text(instruction, LEFT + 12, y + 5, { width: instructionWidth });
  y += instructionHeight + 10 + 8;
  const firstTableTop = y;

  // ---- Measure every row, then split into pages --------------------------------------

  const headerRowHeight = 4 + lineHeight(STYLE.head) + lineHeight(STYLE.headNote) + 3;
  const laterTableTop = TOP + 16;
  const signersHeight = 10 + lineHeight(STYLE.tally) + 10 + 14 + 12 + SIGNATURE_SPACE;

  const rows = sheet.people.map(measure);
  for (let k = 0; k < blankRows; k++) rows.push(blankRow(sheet.people.length + k));

  /** Index of the first row of each page; a page holds rows up to the next start. */
  const pageStarts: number[] = [0];
  let bottom = firstTableTop + headerRowHeight;
  rows.forEach((row, i) => {
    const pageStart = pageStarts[pageStarts.length - 1] ?? 0;
    // A row goes to the next page rather than split. A page with no rows yet keeps the row
    // however tall (it could not fit anywhere else), except the first page, whose header
    // may leave too little room: then the table starts on page 2.
    if (bottom + row.height > BODY_BOTTOM && (i > pageStart || pageStarts.length === 1)) {
      pageStarts.push(i);
      bottom = laterTableTop + headerRowHeight;
    }
    bottom += row.height;
  });
  // The signatures go under the table on the last page. Without room for them there, the
  // last row goes with them to a new page, so they never stand on a page of their own
  // (a signature under no list confirms nothing).
  if (bottom + signersHeight > BODY_BOTTOM) {
    const lastStart = pageStarts[pageStarts.length - 1] ?? 0;
    pageStarts.push(rows.length - lastStart >= 2 ? rows.length - 1 : rows.length);
  }
  const pageCount = pageStarts.length;

  // ---- Drawing ----------------------------------------------------------------------

  /** Lines of one cell, the block centred in the row's height. */
  const drawLines = (lines: string[], style: Style, x: number, rowTop: number, rowHeight: number) => {
    if (!lines.length) return;
    use(style).fillColor(style.color);
    const step = lineHeight(style);
    let lineTop = rowTop + (rowHeight - lines.length * step) / 2;
    for (const line of lines) {
      doc.text(line, x, lineTop, { lineBreak: false });
      lineTop += step;
    }
  };

  const centredText = (text: string, style: Style, x: number, width: number, top: number) => {
    use(style).fillColor(style.color);
    doc.text(text, x + (width - doc.widthOfString(text)) / 2, top, { lineBreak: false });
  };

  const drawTableHeader = (top: number) => {
    doc.rect(LEFT, top, RIGHT - LEFT, headerRowHeight).fill(TINT);
    const labelTop = top + 4;
    const noteTop = labelTop + lineHeight(STYLE.head);
    COLUMN_LABELS.forEach((label, i) => {
      const x = COLUMN_X[i] ?? LEFT;
      const w = COLUMN_WIDTHS[i] ?? 0;
      const note = COLUMN_NOTES[i] ?? "";
      // Labels without a note sit in the middle of the header row.
      const labelY = note ? labelTop : labelTop + lineHeight(STYLE.headNote) / 2;
      centredText(label, STYLE.head, x, w, labelY);
      if (note) centredText(note, STYLE.headNote, x, w, noteTop);
    });
  };

  const drawRow = (row: RowLayout, top: number) => {
    centredText(row.index, STYLE.index, INDEX_X, INDEX_W, top + (row.height - height.index) / 2);
    drawLines(row.name, STYLE.name, NAME_X + CELL_PAD_X, top, row.height);
    drawLines(row.position, STYLE.detail, POSITION_X + CELL_PAD_X, top, row.height);
    drawLines(row.unit, STYLE.detail, UNIT_X + CELL_PAD_X, top, row.height);
    drawLines(row.phone, { ...STYLE.detail, size: row.phoneSize }, PHONE_X + CELL_PAD_X, top, row.height);
  };

  /** The grid of one page's table: outer frame, column rules and a rule under every row. */
  const drawGrid = (top: number, rowBottoms: number[]) => {
    const tableBottom = rowBottoms[rowBottoms.length - 1] ?? top + headerRowHeight;
    for (const x of COLUMN_X.slice(1)) doc.moveTo(x, top).lineTo(x, tableBottom);
    for (const rowBottom of rowBottoms.slice(0, -1)) doc.moveTo(LEFT, rowBottom).lineTo(RIGHT, rowBottom);
    doc.lineWidth(0.5).strokeColor(GRID).stroke();
    doc
      .rect(LEFT, top, RIGHT - LEFT, tableBottom - top)
      .moveTo(LEFT, top + headerRowHeight)
      .lineTo(RIGHT, top + headerRowHeight)
      .lineWidth(0.9)
      .strokeColor(GRID)
      .stroke();
  };

  const drawSigners = (top: number) => {
    let lineTop = top + 10;
    use(STYLE.tally).fillColor(STYLE.tally.color).text(tallyText, LEFT, lineTop, { lineBreak: false });
    lineTop += lineHeight(STYLE.tally) + 10;
    const half = (RIGHT - LEFT) / 2;
    SIGNERS.forEach(({ role, note }, i) => {
      const x = LEFT + i * half;
      centredText(role, STYLE.signer, x, half, lineTop);
      centredText(note, STYLE.signerNote, x, half, lineTop + 14);
    });
  };

  const drawFooter = (page: number) => {
    doc
      .moveTo(LEFT, FOOTER_TOP - 4)
      .lineTo(RIGHT, FOOTER_TOP - 4)
      .lineWidth(0.5)
      .strokeColor(GRID)
      .stroke();
    doc.font("regular").fontSize(7.5).fillColor(MUTED).text(footerText, LEFT, FOOTER_TOP, { lineBreak: false });
    const pageText = `Trang ${page}/${pageCount}`;
    doc.font("semibold").fontSize(8).fillColor(MUTED);
    doc.text(pageText, RIGHT - doc.widthOfString(pageText), FOOTER_TOP, { lineBreak: false });
  };

  /** Later pages say which event and which day they belong to: pages get separated. */
  const drawRunningHeader = () => {
    doc
      .font("regular")
      .fontSize(8)
      .fillColor(MUTED)
      .text([title, dayLabel].filter(Boolean).join(" · "), LEFT, TOP, {
        width: RIGHT - LEFT,
        height: 10,
        ellipsis: true,
      });
  };

  for (let page = 0; page < pageCount; page++) {
    const start = pageStarts[page] ?? 0;
    const end = pageStarts[page + 1] ?? rows.length;
    if (page > 0) {
      doc.addPage({ size: [PAGE_WIDTH, PAGE_HEIGHT], margin: 0 });
      drawRunningHeader();
    }
    const tableTop = page === 0 ? firstTableTop : laterTableTop;
    let contentBottom = tableTop;
    // The first page always shows the table's header, even when nobody is on the list.
    if (end > start || page === 0) {
      drawTableHeader(tableTop);
      let rowTop = tableTop + headerRowHeight;
      const rowBottoms: number[] = [rowTop];
      for (let i = start; i < end; i++) {
        const row = rows[i];
        if (!row) continue;
        drawRow(row, rowTop);
        rowTop += row.height;
        rowBottoms.push(rowTop);
      }
      drawGrid(tableTop, rowBottoms);
      contentBottom = rowTop;
    }
    if (page === pageCount - 1) drawSigners(contentBottom);
    drawFooter(page + 1);
  }

  doc.end();
  return done;
}
