import PDFDocument from "pdfkit";
import { INITIAL_PASSWORD_ALPHABET } from "~/domain/password";
import { translator } from "~/i18n";
import { A4, collectPdf, type FontName, PDF_COLOURS, wrapText } from "~/services/pdf-fonts.server";

export interface AccountSheetEntry {
  fullName: string;
  username: string;
  initialPassword: string;
  unitName: string;
  positionName: string;
}

export interface AccountSheet {
  /** e.g. "Tài khoản mới — nhập danh sách cán bộ" */
  title: string;
  /** The unit whose roster it is, e.g. "Tỉnh Điện Biên" */
  unitName: string;
  /** Who imported, and when (already formatted for display, Vietnamese). */
  importedBy: string;
  importedAt: string;
  /** The file the accounts came from. */
  fileName: string;
  /** Where to sign in, e.g. "https://…/login" */
  signInUrl: string;
  /** Possibly thousands. */
  entries: AccountSheetEntry[];
}

const BRAND = PDF_COLOURS.brand;
const INK = PDF_COLOURS.ink;
const MUTED = PDF_COLOURS.muted;
const RULE = "#94a3b8";
const TINT = "#e8eef7";
const RED = PDF_COLOURS.red;

// A4 portrait in points. The document has no pdfkit margins: every position is ours, so
// pdfkit never starts a page on its own.
const PAGE_WIDTH = A4.width;
const PAGE_HEIGHT = A4.height;
const LEFT = 36;
const RIGHT = PAGE_WIDTH - 36;
const TOP = 34;
const FOOTER_TOP = PAGE_HEIGHT - 30 - 10;
const BODY_BOTTOM = FOOTER_TOP - 10;
const CELL_PAD_X = 5;
const CELL_PAD_Y = 6;
/** A name or unit longer than this many lines is cut with "…" (a row must fit on a page). */
const MAX_TEXT_LINES = 6;
const NOTE_GAP = 1;
/** Letter spacing a code may be tightened to before it is broken over two lines. */
const MIN_CODE_SPACING = 0.3;

interface Style {
  font: FontName;
  size: number;
  color: string;
  /**
   * Extra space after each character (codes only). Under a tenth of the font size: with
   * more, PDF readers take the gaps for spaces when the text is copied or searched.
   */
  spacing?: number;
  /** Extra space between lines. */
  gap?: number;
}

const STYLE = {
  index: { font: "regular", size: 8.5, color: MUTED },
  name: { font: "semibold", size: 10, color: INK, gap: 1 },
  unit: { font: "regular", size: 9, color: INK, gap: 0.5 },
  position: { font: "regular", size: 8.5, color: MUTED, gap: 0.5 },
  username: { font: "semibold", size: 10, color: INK, spacing: 0.5, gap: 2 },
  password: { font: "bold", size: 13, color: INK, spacing: 1.2, gap: 2 },
  note: { font: "regular", size: 7, color: MUTED },
  head: { font: "semibold", size: 8.5, color: BRAND },
} satisfies Record<string, Style>;

// The password column fits any 10 characters of the initial-password alphabet on one line.
const COLUMN_WIDTHS = [30, 120, 118, 126, RIGHT - LEFT - 30 - 120 - 118 - 126] as const;
const COLUMN_LABELS = ["STT", "Họ và tên", "Đơn vị / chức danh", "Tên đăng nhập", "Mật khẩu ban đầu"] as const;
const COLUMN_X = COLUMN_WIDTHS.map((_, i) => LEFT + COLUMN_WIDTHS.slice(0, i).reduce((sum, w) => sum + w, 0));
const [INDEX_X, NAME_X, PLACE_X, USERNAME_X, PASSWORD_X] = COLUMN_X as [number, number, number, number, number];
const [INDEX_W, NAME_W, PLACE_W, USERNAME_W, PASSWORD_W] = COLUMN_WIDTHS;

/**
 * Codes are drawn letter-spaced, so kerning and ligatures ("ff" is one glyph in this font)
 * are switched off: each character is its own glyph and its position is the sum of the
 * advances before it. fontkit takes an object of features to turn off; pdfkit's types only
 * know the list form.
 */
const PLAIN = { kern: false, liga: false } as unknown as PDFKit.Mixins.OpenTypeFeatures[];

const DIGIT = /^[0-9]$/;
const CODE_BREAK_AFTER = /^[._@-]$/;

const footerText = "Tài liệu mật: giao tận tay từng người, hủy sau khi phát.";
const emptyText = "Không có tài khoản mới trong lần nhập này.";

/** One measured row: the lines of each cell and the row's height. */
interface RowLayout {
  index: string;
  name: string[];
  unit: string[];
  position: string[];
  username: Code;
  password: Code;
  height: number;
}

/** A username or password as drawn: its lines and the letter spacing used. */
interface Code {
  lines: string[];
  spacing: number;
}

/** Text from a spreadsheet cell: composed Vietnamese, one line, no stray spaces. */
function clean(text: string): string {
  return text.normalize("NFC").replace(/\s+/g, " ").trim();
}

export async function accountSheetPdf(sheet: AccountSheet): Promise<Buffer> {
  const appName = translator("vi")("app.name");
  const title = clean(sheet.title);
  const unitName = clean(sheet.unitName);
  const fileName = clean(sheet.fileName);
  const signInUrl = sheet.signInUrl.trim();
  const count = new Intl.NumberFormat("vi-VN").format(sheet.entries.length);

  const doc = new PDFDocument({
    size: [PAGE_WIDTH, PAGE_HEIGHT],
    margin: 0,
    lang: "vi-VN",
    displayTitle: true,
    info: {
      Title: title,
      Subject: `${unitName} — ${fileName} — ${clean(sheet.importedAt)} — ${count}`,
      Author: appName,
      Creator: appName,
      Producer: appName,
      // pdfkit needs a creation date (for the file ID and its metadata) and would take the
      // clock's. The sheet has no date we could trust here (importedAt is display text),
      // so it is the epoch, the conventional "not set", and the bytes stay the same.
      CreationDate: new Date(0),
    },
  });

  const done = collectPdf(doc);

  const use = (style: Style) => doc.font(style.font).fontSize(style.size);
  const lineHeight = (style: Style) => use(style).currentLineHeight() + (style.gap ?? 0);

  // ---- Measuring ----------------------------------------------------------------------

  const advances = new Map<string, number>();
  /** Width of one character of a code, without letter spacing. */
  const advance = (style: Style, char: string): number => {
    const key = `${style.font}/${style.size}/${char}`;
    let width = advances.get(key);
    if (width === undefined) {
      width = use(style).widthOfString(char, { features: PLAIN });
      advances.set(key, width);
    }
    return width;
  };

  const wrap = (text: string, style: Style, width: number): string[] => {
    use(style);
    return wrapText(doc, text, width, MAX_TEXT_LINES);
  };

  /**
   * A code stays on one line if it can, with less letter spacing if need be (a password
   * split over two lines reads as two words). Otherwise it is broken between characters,
   * after the last ".", "_", "-" or "@" that fits if there is one ("nguyen.thi." /
   * "phuong.thao2"); it never loses a character.
   */
  const wrapCode = (code: string, style: Style, width: number): Code => {
    const chars = Array.from(code);
    const glyphs = chars.map((char) => advance(style, char));
    const glyphsWidth = glyphs.reduce((sum, w) => sum + w, 0);
    const gaps = Math.max(chars.length - 1, 1);
    const normal = style.spacing ?? 0;
    if (glyphsWidth + gaps * normal <= width) return { lines: [code], spacing: normal };
    if (glyphsWidth + gaps * MIN_CODE_SPACING <= width) {
      return { lines: [code], spacing: Math.floor(((width - glyphsWidth) / gaps) * 100) / 100 };
    }
    const spacing = normal;
    const widths = glyphs.map((w) => w + spacing);
    const lines: string[] = [];
    let start = 0;
    let lineWidth = 0;
    for (let i = 0; i < chars.length; i++) {
      const w = widths[i] ?? 0;
      if (i > start && lineWidth + w - spacing > width) {
        let cut = i;
        for (let j = i - 1; j > start; j--) {
          if (CODE_BREAK_AFTER.test(chars[j] ?? "")) {
            cut = j + 1;
            break;
          }
        }
        lines.push(chars.slice(start, cut).join(""));
        start = cut;
        lineWidth = widths.slice(cut, i).reduce((sum, x) => sum + x, 0);
      }
      lineWidth += w;
    }
    if (start < chars.length || lines.length === 0) lines.push(chars.slice(start).join(""));
    return { lines, spacing };
  };

  // Under the username and password of every row, so a slip cut out on its own still says
  // where to sign in.
  const noteLines = wrap(
    `Đăng nhập tại ${signInUrl} và đổi mật khẩu ngay lần đầu.`,
    STYLE.note,
    RIGHT - USERNAME_X - 2 * CELL_PAD_X,
  ).slice(0, 2);

  const height = {
    name: lineHeight(STYLE.name),
    unit: lineHeight(STYLE.unit),
    position: lineHeight(STYLE.position),
    username: lineHeight(STYLE.username),
    password: lineHeight(STYLE.password),
    note: lineHeight(STYLE.note),
    index: lineHeight(STYLE.index),
  };
  const noteHeight = noteLines.length * height.note;
  const codesHeight = (username: Code, password: Code) =>
    Math.max(username.lines.length * height.username, password.lines.length * height.password);

  const measure = (entry: AccountSheetEntry, i: number): RowLayout => {
    const name = wrap(clean(entry.fullName), STYLE.name, NAME_W - 2 * CELL_PAD_X);
    const unit = wrap(clean(entry.unitName), STYLE.unit, PLACE_W - 2 * CELL_PAD_X);
    const position = wrap(clean(entry.positionName), STYLE.position, PLACE_W - 2 * CELL_PAD_X);
    const username = wrapCode(entry.username, STYLE.username, USERNAME_W - 2 * CELL_PAD_X);
    const password = wrapCode(entry.initialPassword, STYLE.password, PASSWORD_W - 2 * CELL_PAD_X);
    const content = Math.max(
      height.index,
      name.length * height.name,
      unit.length * height.unit + position.length * height.position,
      codesHeight(username, password) + NOTE_GAP + noteHeight,
    );
    return {
      index: String(i + 1),
      name,
      unit,
      position,
      username,
      password,
      height: CELL_PAD_Y + content + CELL_PAD_Y,
    };
  };

  // ---- First page header (drawn now: its height decides where the table starts) ---------

  let y = TOP;
  use(STYLE.head).fillColor(BRAND).text(appName.toUpperCase(), LEFT, y, { lineBreak: false });
  y += 14;
  doc
    .font("bold")
    .fontSize(16)
    .fillColor(BRAND)
    .text(title, LEFT, y, { width: RIGHT - LEFT, height: 60, ellipsis: true });
  y = doc.y + 6;

  const labelWidth = 92;
  const facts: [string, string][] = [
    ["Đơn vị", unitName],
    ["Người nhập", clean(sheet.importedBy)],
    ["Thời điểm nhập", clean(sheet.importedAt)],
    ["Tệp danh sách", fileName],
    ["Số tài khoản", count],
  ];
  for (const [label, value] of facts) {
    doc.font("regular").fontSize(9.5).fillColor(MUTED).text(label, LEFT, y, { lineBreak: false });
    doc
      .font("semibold")
      .fontSize(9.5)
      .fillColor(INK)
      .text(value || "—", LEFT + labelWidth, y, { width: RIGHT - LEFT - labelWidth, height: 36, ellipsis: true });
    y = doc.y + 2;
  }

  const instruction = `Đăng nhập tại ${signInUrl} bằng tên đăng nhập và mật khẩu ban đầu dưới đây; hệ thống sẽ yêu cầu đổi mật khẩu ngay lần đầu.`;
  y += 6;
  doc.font("semibold").fontSize(10.5);
  const instructionHeight = doc.heightOfString(instruction, { width: RIGHT - LEFT - 24 });
  doc
    .rect(LEFT, y, RIGHT - LEFT, instructionHeight + 14)
    .fill(TINT)
    .rect(LEFT, y, 3, instructionHeight + 14)
    .fill(BRAND);
  doc.fillColor(INK).text(instruction, LEFT + 14, y + 7, { width: RIGHT - LEFT - 24 });
  y += instructionHeight + 14 + 6;

  const confusable = ["0", "o", "O", "1", "i", "l", "I"].filter((char) => !INITIAL_PASSWORD_ALPHABET.includes(char));
  const legend = [
    "Chữ số trong tên đăng nhập và mật khẩu được gạch chân để không nhầm với chữ cái (2 với z, 5 với s, 9 với g).",
    confusable.length ? `Mật khẩu ban đầu không dùng các ký tự dễ nhầm ${confusable.join(", ")}.` : "",
    "Cắt theo đường nét đứt để giao riêng phiếu của từng người.",
  ]
    .filter(Boolean)
    .join(" ");
  doc
    .font("regular")
    .fontSize(8.5)
    .fillColor(MUTED)
    .text(legend, LEFT, y, { width: RIGHT - LEFT });
  y = doc.y + 10;
  const firstTableTop = y;

  // ---- Measure every row, then split into pages --------------------------------------

  const headerRowHeight = 2 * 5 + lineHeight(STYLE.head);
  const laterTableTop = TOP + 18;
  const rows = sheet.entries.map(measure);
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
  const pageCount = pageStarts.length;

  // ---- Drawing ----------------------------------------------------------------------

  const drawLines = (lines: string[], style: Style, x: number, top: number): number => {
    use(style).fillColor(style.color);
    const step = lineHeight(style);
    let lineTop = top;
    for (const line of lines) {
      doc.text(line, x, lineTop, { lineBreak: false });
      lineTop += step;
    }
    return lineTop;
  };

  /** Underlines under digits, filled once per page (a path cannot be split by text). */
  let marks: number[] = [];
  const drawCode = ({ lines, spacing }: Code, style: Style, x: number, top: number) => {
    const step = lineHeight(style);
    const underline = style.size * 1.13;
    let lineTop = top;
    for (const line of lines) {
      use(style)
        .fillColor(style.color)
        .text(line, x, lineTop, { lineBreak: false, characterSpacing: spacing, features: PLAIN });
      let cx = x;
      for (const char of Array.from(line)) {
        const w = advance(style, char);
        if (DIGIT.test(char)) marks.push(cx + 0.5, lineTop + underline, w - 1, 0.9);
        cx += w + spacing;
      }
      lineTop += step;
    }
  };

  const drawTableHeader = (top: number) => {
    doc.rect(LEFT, top, RIGHT - LEFT, headerRowHeight).fill(TINT);
    use(STYLE.head).fillColor(BRAND);
    COLUMN_LABELS.forEach((label, i) => {
      doc.text(label, (COLUMN_X[i] ?? LEFT) + CELL_PAD_X, top + 5, { lineBreak: false });
    });
    doc
      .moveTo(LEFT, top + headerRowHeight)
      .lineTo(RIGHT, top + headerRowHeight)
      .lineWidth(0.8)
      .strokeColor(BRAND)
      .stroke();
  };

  const drawRow = (row: RowLayout, top: number) => {
    const cellTop = top + CELL_PAD_Y;
    use(STYLE.index);
    const indexWidth = doc.widthOfString(row.index);
    drawLines([row.index], STYLE.index, INDEX_X + INDEX_W - 4 - indexWidth, cellTop + 1.5);
    drawLines(row.name, STYLE.name, NAME_X + CELL_PAD_X, cellTop);
    const afterUnit = drawLines(row.unit, STYLE.unit, PLACE_X + CELL_PAD_X, cellTop + 1);
    drawLines(row.position, STYLE.position, PLACE_X + CELL_PAD_X, afterUnit);
    drawCode(row.username, STYLE.username, USERNAME_X + CELL_PAD_X, cellTop);
    // The larger password sits on the same baseline as the name and the username.
    drawCode(row.password, STYLE.password, PASSWORD_X + CELL_PAD_X, cellTop + STYLE.name.size - STYLE.password.size);
    drawLines(
      noteLines,
      STYLE.note,
      USERNAME_X + CELL_PAD_X,
      cellTop + codesHeight(row.username, row.password) + NOTE_GAP,
    );
  };

  /** Cut lines (dashed, with scissors in the margin) and digit underlines, once per page. */
  const finishRows = (cuts: number[]) => {
    if (marks.length) {
      for (let k = 0; k < marks.length; k += 4) {
        doc.rect(marks[k] ?? 0, marks[k + 1] ?? 0, marks[k + 2] ?? 0, marks[k + 3] ?? 0);
      }
      doc.fill(INK);
      marks = [];
    }
    if (!cuts.length) return;
    doc.save();
    for (const cut of cuts) {
      // Scissors: two rings and two crossed blades pointing along the line.
      const sx = LEFT - 14;
      doc.circle(sx + 1.6, cut - 1.9, 1.4).circle(sx + 1.6, cut + 1.9, 1.4);
      doc
        .moveTo(sx + 2.8, cut - 1.2)
        .lineTo(sx + 9.5, cut + 1.4)
        .moveTo(sx + 2.8, cut + 1.2)
        .lineTo(sx + 9.5, cut - 1.4);
    }
    doc.lineWidth(0.5).strokeColor(MUTED).stroke();
    for (const cut of cuts) doc.moveTo(LEFT, cut).lineTo(RIGHT, cut);
    doc.lineWidth(0.6).strokeColor(RULE).dash(3, { space: 2.5 }).stroke();
    doc.restore();
  };

  const drawFooter = (page: number) => {
    doc
      .moveTo(LEFT, FOOTER_TOP - 4)
      .lineTo(RIGHT, FOOTER_TOP - 4)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.font("semibold").fontSize(8).fillColor(RED).text(footerText, LEFT, FOOTER_TOP, { lineBreak: false });
    const pageText = `Trang ${page}/${pageCount}`;
    doc.font("regular").fontSize(8).fillColor(MUTED);
    doc.text(pageText, RIGHT - doc.widthOfString(pageText), FOOTER_TOP, { lineBreak: false });
  };

  const drawRunningHeader = () => {
    doc
      .font("regular")
      .fontSize(8)
      .fillColor(MUTED)
      .text([title, unitName, fileName].filter(Boolean).join(" · "), LEFT, TOP, {
        width: RIGHT - LEFT,
        height: 10,
        ellipsis: true,
      });
  };

  if (rows.length === 0) {
    drawTableHeader(firstTableTop);
    drawLines([emptyText], STYLE.unit, NAME_X + CELL_PAD_X, firstTableTop + headerRowHeight + CELL_PAD_Y);
  }

  for (let page = 0; page < pageCount; page++) {
    const start = pageStarts[page] ?? 0;
    const end = pageStarts[page + 1] ?? rows.length;
    if (page > 0) {
      doc.addPage({ size: [PAGE_WIDTH, PAGE_HEIGHT], margin: 0 });
      drawRunningHeader();
    }
    if (end > start) {
      const tableTop = page === 0 ? firstTableTop : laterTableTop;
      drawTableHeader(tableTop);
      let rowTop = tableTop + headerRowHeight;
      const cuts: number[] = [];
      for (let i = start; i < end; i++) {
        const row = rows[i];
        if (!row) continue;
        drawRow(row, rowTop);
        rowTop += row.height;
        cuts.push(rowTop);
      }
      finishRows(cuts);
    }
    drawFooter(page + 1);
  }

  doc.end();
  return done;
}
