/**
 * Staff rosters uploaded by managers: the first visible worksheet of an .xlsx, or a .csv, read
 * into trimmed NFC strings, with the header row found under any title lines.
 *
 * Uploads are untrusted and often odd. Excel "CSV" on a Vietnamese Windows is Windows-1258 with
 * `;` between fields; a file may carry the wrong extension; an .xlsx is a zip whose parts can
 * inflate a thousandfold. Nothing here throws on a bad file: every failure is a `SheetReadError`.
 *
 * An .xlsx is checked before exceljs sees it: exceljs inflates every part and builds objects for
 * every cell of every sheet, so we first read the zip with yauzl and inflate it as a stream,
 * holding the declared sizes to a budget (and each entry to its declared size) and counting the
 * rows with a value in the sheet we will read with a streaming XML parser, and stop at the first
 * limit crossed. Only a file within both reaches exceljs, which then reads the cells.
 */
import type { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import yauzl from "yauzl";
import { decodeTextFile, fromTcvn3, fromVni, undoMojibake } from "~/domain/encoding";
import { searchKey } from "~/domain/text";

export type SheetReadError =
  | { code: "unsupported-type" } // not .xlsx/.csv by name AND content
  | { code: "unreadable" } // corrupt zip / not a workbook / binary junk
  | { code: "too-large"; maxRows: number } // more data rows than allowed
  | { code: "empty" } // no header row found
  /** A CSV whose rows are in two encodings (decision 019): rows as the file numbers them. */
  | { code: "mixed-encoding"; utf8Rows: number[]; legacyRows: number[] };

export interface SheetTable {
  /** The header cells as written (NFC, trimmed); empty cells after the last header are dropped. */
  headers: string[];
  /** 1-based row number in the file of the header row (so errors can name real row numbers). */
  headerRow: number;
  /**
   * Data rows after the header: cells as strings (NFC, trimmed; "" for empty), with their 1-based
   * row number in the file. Fully empty rows are skipped. A row has at least `headers.length`
   * cells, more when it holds text beyond the last header.
   */
  rows: { row: number; cells: string[] }[];
}

type ReadResult = { ok: true; table: SheetTable } | { ok: false; error: SheetReadError };

interface ReadOptions {
  expectedHeaders: string[];
  maxRows: number;
}

/** Longest cell text we keep; roster fields are names, units, phones. */
const MAX_CELL_CHARS = 1000;
/** Raw text looked at per cell before normalising, so a megabyte cell costs no more than this. */
const MAX_RAW_CELL_CHARS = 4 * MAX_CELL_CHARS;
/** The header is looked for among the first this many non-empty rows (title lines above it). */
const HEADER_SEARCH_ROWS = 10;
/** Excel's own column limit; a CSV line with more fields is cut there. */
const MAX_COLUMNS = 16_384;
/**
 * Inflated bytes allowed for all parts of an .xlsx together (exceljs loads every sheet, not only
 * ours): a base for styles, a lookup sheet or a logo, plus an allowance per row the caller accepts,
 * enough for some twenty columns of roster text. exceljs keeps about eight times the XML in
 * objects (a 21 MB workbook took 170 MB of heap), so this is what bounds the memory of a load.
 */
const UNZIPPED_BASE_BYTES = 16 * 1024 * 1024;
const UNZIPPED_BYTES_PER_ROW = 1024;
/** Parts in an .xlsx zip; Excel writes a dozen or two. */
const MAX_ZIP_ENTRIES = 2_000;
/**
 * A single XML tag or text longer than this is not something Excel writes (a cell holds at
 * most 32,767 characters, five times that when every one is escaped as `&amp;`).
 */
const MAX_XML_TOKEN_CHARS = 256 * 1024;
/** Characters looked at to guess a CSV's delimiter. */
const SNIFF_BYTES = 64 * 1024;
/** Sheet XML is given to the parser this many characters at a time. */
const XML_SLICE_CHARS = 16 * 1024;

/**
 * Sheet parts exceljs would otherwise expand: a merge or a data validation over whole columns
 * becomes an object per cell (a dropdown on A2:A1048576 is a million of them). Cell values do
 * not depend on any of these; a hyperlink cell keeps its text.
 */
const IGNORED_SHEET_PARTS = [
  "dataValidations",
  "conditionalFormatting",
  "extLst",
  "mergeCells",
  "hyperlinks",
  "cols",
  "autoFilter",
  "rowBreaks",
  "picture",
  "drawing",
  "tableParts",
  "sheetProtection",
];

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

export async function readSheet(
  fileName: string,
  bytes: Buffer,
  options: { expectedHeaders: string[]; maxRows: number },
): Promise<{ ok: true; table: SheetTable } | { ok: false; error: SheetReadError }> {
  const extension = extensionOf(fileName);
  const namedSheet = extension === "xlsx" || extension === "csv";
  if (isZip(bytes)) return readXlsx(bytes, namedSheet, options);
  // Old binary .xls, and also a password-protected .xlsx: both need "Save as .xlsx" from Excel.
  if (isCompoundFile(bytes)) return failure({ code: "unsupported-type" });
  if (extension === "xlsx") return failure({ code: "unreadable" });
  if (extension === "csv") return readCsv(bytes, options);
  return failure({ code: "unsupported-type" });
}

/** The rows a refused file is refused for, as problems the import pages list (row, column, message). */
export function readErrorProblems(error: SheetReadError): { row: number; column: null; message: string }[] {
  if (error.code !== "mixed-encoding") return [];
  const shown = (rows: number[]) => rows.slice(0, 20).join(", ") + (rows.length > 20 ? ", …" : "");
  const utf8 = error.utf8Rows.length > 0 ? `các dòng ${shown(error.utf8Rows)} là UTF-8` : "tệp đánh dấu là UTF-8";
  return error.legacyRows.map((row) => ({
    row,
    column: null,
    message: `Dòng này không viết bằng mã UTF-8 (có lẽ là Windows-1258) trong khi ${utf8}: đọc theo mã nào cũng làm hỏng tên ở một số dòng.`,
  }));
}

function failure(error: SheetReadError): ReadResult {
  return { ok: false, error };
}

function extensionOf(fileName: string): string {
  const base = fileName.trim().split(/[/\\]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot < 0 ? "" : base.slice(dot + 1).toLowerCase();
}

function isZip(bytes: Buffer): boolean {
  // Local file header, or the end record of an empty zip.
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}

function isCompoundFile(bytes: Buffer): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= magic.length && magic.every((byte, i) => bytes[i] === byte);
}

// ---------------------------------------------------------------------------------------------
// Header row and data rows, shared by both formats

interface RawRow {
  row: number;
  cells: string[];
}

/**
 * Finds the header among the first non-empty rows and collects the data rows after it, pulling
 * rows only until the answer is known (a CSV of a million lines past `maxRows` is not parsed).
 */
function buildTable(rows: Iterable<RawRow>, options: ReadOptions): ReadResult {
  const expected = new Set(options.expectedHeaders);
  let header: RawRow | undefined;
  let rowsBeforeHeader = 0;
  const data: RawRow[] = [];
  for (const row of rows) {
    const cells = withoutTrailingEmpties(row.cells);
    if (cells.length === 0) continue;
    if (!header) {
      if (headerMatches(cells, expected) >= Math.min(2, expected.size)) header = { row: row.row, cells };
      else if (++rowsBeforeHeader >= HEADER_SEARCH_ROWS) break;
      continue;
    }
    if (data.length >= options.maxRows) return failure({ code: "too-large", maxRows: options.maxRows });
    data.push({ row: row.row, cells });
  }
  if (!header) return failure({ code: "empty" });
  header.cells = header.cells.map((cell) => {
    const key = headerKey(cell, expected);
    return key === undefined || key === searchKey(cell) ? cell : key;
  });
  const width = header.cells.length;
  for (const row of data) while (row.cells.length < width) row.cells.push("");
  return { ok: true, table: { headers: header.cells, headerRow: header.row, rows: data } };
}

/** How many of the expected headers the row holds (each counted once). */
function headerMatches(cells: readonly string[], expected: ReadonlySet<string>): number {
  const found = new Set<string>();
  for (const cell of cells) {
    const key = headerKey(cell, expected);
    if (key !== undefined) found.add(key);
  }
  return found.size;
}

/**
 * The expected header a cell holds, also when it was typed in an old font (TCVN3, VNI) or
 * decoded wrongly, so such a file reaches the row checks, which name each garbled name.
 */
function headerKey(cell: string, expected: ReadonlySet<string>): string | undefined {
  for (const candidate of [cell, undoMojibake(cell), fromTcvn3(cell), fromVni(cell)]) {
    const key = searchKey(candidate);
    if (expected.has(key)) return key;
  }
  return undefined;
}

function withoutTrailingEmpties(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1] === "") end--;
  return end === cells.length ? cells : cells.slice(0, end);
}

/**
 * NFC, trimmed, at most MAX_CELL_CHARS (never cutting a surrogate pair in two). A line break in
 * a cell is LF, as Excel keeps it, whatever line ends the CSV had around it.
 */
function cleanCell(raw: string): string {
  const text = (raw.length > MAX_RAW_CELL_CHARS ? raw.slice(0, MAX_RAW_CELL_CHARS) : raw)
    .replace(/\r\n?/g, "\n")
    .normalize("NFC")
    .trim();
  if (text.length <= MAX_CELL_CHARS) return text;
  const last = text.charCodeAt(MAX_CELL_CHARS - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? MAX_CELL_CHARS - 1 : MAX_CELL_CHARS;
  return text.slice(0, end).trimEnd();
}

// ---------------------------------------------------------------------------------------------
// csv

function readCsv(bytes: Buffer, options: ReadOptions): ReadResult {
  const decoded = decodeTextFile(bytes);
  if (!decoded.ok && decoded.reason === "binary") return failure({ code: "unreadable" });
  if (!decoded.ok)
    return failure({ code: "mixed-encoding", utf8Rows: decoded.utf8Rows, legacyRows: decoded.legacyRows });
  const text = decoded.text;

  // Excel honours a first line "sep=;" and does not show it, so row 1 is the line after it.
  const sep = /^sep=([,;\t|])[^\S\r\n]*(?:\r\n|\n|\r|$)/i.exec(text);
  if (sep?.[1]) return buildTable(csvRows(text, sep[1], sep[0].length), options);

  const delimiter = guessDelimiter(text, options.expectedHeaders);
  return buildTable(csvRows(text, delimiter, 0), options);
}

/**
 * Tries `,` `;` and tab on the first lines and keeps the one that splits a line into the most
 * expected headers; without expected headers, the one most frequent in the first non-empty line.
 */
function guessDelimiter(text: string, expectedHeaders: readonly string[]): string {
  const candidates = [",", ";", "\t"];
  const expected = new Set(expectedHeaders);
  if (expected.size > 0) {
    let best = { delimiter: ",", matches: 0 };
    for (const delimiter of candidates) {
      let seen = 0;
      for (const { cells } of csvRows(text, delimiter, 0)) {
        if (cells.every((cell) => cell === "")) continue;
        const matches = headerMatches(cells, expected);
        if (matches > best.matches) best = { delimiter, matches };
        if (++seen >= HEADER_SEARCH_ROWS) break;
      }
    }
    if (best.matches > 0) return best.delimiter;
  }
  const line = text
    .slice(0, SNIFF_BYTES)
    .split(/\r\n|\n|\r/)
    .find((candidate) => candidate.trim() !== "");
  const unquoted = (line ?? "").replace(/"[^"]*"/g, "");
  const counts = candidates.map((delimiter) => unquoted.split(delimiter).length - 1);
  const most = Math.max(...counts);
  return most > 0 ? (candidates[counts.indexOf(most)] ?? ",") : ",";
}

/**
 * RFC 4180 records, numbered from 1 as Excel numbers the rows: quoted fields may hold the
 * delimiter, `""` and line breaks; CRLF, LF or CR end a record. Like Excel it is lenient: a quote
 * inside an unquoted field is text, text after a closing quote is kept, and an unclosed quote
 * runs to the end of the file.
 */
function* csvRows(text: string, delimiter: string, start: number): Generator<RawRow> {
  const sep = delimiter.charCodeAt(0);
  const length = text.length;
  let i = start;
  let row = 0;
  while (i < length) {
    row++;
    const cells: string[] = [];
    for (;;) {
      let raw: string;
      if (text.charCodeAt(i) === QUOTE) {
        raw = "";
        i++;
        for (;;) {
          const quote = text.indexOf('"', i);
          const end = quote < 0 ? length : quote;
          if (raw.length < MAX_RAW_CELL_CHARS) raw += text.slice(i, Math.min(end, i + MAX_RAW_CELL_CHARS));
          if (quote < 0) {
            i = length;
            break;
          }
          if (text.charCodeAt(quote + 1) === QUOTE) {
            if (raw.length < MAX_RAW_CELL_CHARS) raw += '"';
            i = quote + 2;
            continue;
          }
          i = quote + 1;
          break;
        }
        const end = fieldEnd(text, i, sep);
        if (end > i && raw.length < MAX_RAW_CELL_CHARS) raw += text.slice(i, Math.min(end, i + MAX_RAW_CELL_CHARS));
        i = end;
      } else {
        const end = fieldEnd(text, i, sep);
        raw = text.slice(i, Math.min(end, i + MAX_RAW_CELL_CHARS));
        i = end;
      }
      if (cells.length < MAX_COLUMNS) cells.push(cleanCell(raw));
      if (i >= length) break;
      const c = text.charCodeAt(i);
      i++;
      if (c === sep) continue;
      if (c === CR && text.charCodeAt(i) === LF) i++;
      break;
    }
    yield { row, cells };
  }
}

function fieldEnd(text: string, from: number, sep: number): number {
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === sep || c === LF || c === CR) break;
  }
  return i;
}

// ---------------------------------------------------------------------------------------------
// xlsx

async function readXlsx(bytes: Buffer, namedSheet: boolean, options: ReadOptions): Promise<ReadResult> {
  const rowLimit = options.maxRows + HEADER_SEARCH_ROWS;
  const check = await checkZip(bytes, UNZIPPED_BASE_BYTES + rowLimit * UNZIPPED_BYTES_PER_ROW, rowLimit);
  // A zip that is not a workbook: a damaged .xlsx, or a .docx/.ods/.zip picked by mistake.
  if (check === "not-workbook") return failure({ code: namedSheet ? "unreadable" : "unsupported-type" });
  if (check === "too-large") return failure({ code: "too-large", maxRows: options.maxRows });
  if (check === "unreadable") return failure({ code: "unreadable" });

  let worksheet: ExcelJS.Worksheet | undefined;
  try {
    const workbook = new ExcelJS.Workbook();
    skipDefinedNames(workbook);
    // exceljs types the input as its own `Buffer` (an ArrayBuffer); JSZip takes Node's Buffer.
    await workbook.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx["load"]>[0], {
      ignoreNodes: IGNORED_SHEET_PARTS,
    });
    worksheet = firstVisible(workbook.worksheets);
  } catch {
    return failure({ code: "unreadable" });
  }
  if (!worksheet) return failure({ code: "unreadable" });

  const rows: RawRow[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      if (column > MAX_COLUMNS) return;
      while (cells.length < column - 1) cells.push("");
      cells[column - 1] = cleanCell(cellText(cell.value, cell.numFmt));
    });
    rows.push({ row: rowNumber, cells });
  });
  return buildTable(rows, options);
}

/** The tab a person sees first: hidden sheets (lookup lists, templates' helpers) are skipped. */
function firstVisible<T extends { state: string }>(sheets: readonly T[]): T | undefined {
  return sheets.find((sheet) => sheet.state === "visible") ?? sheets[0];
}

/**
 * exceljs expands each defined name into an object per cell of its range while loading (a hidden
 * filter range over A1:Z1000000 did not load in 5 seconds). We never read names,
 * so the workbook gets an inert holder for them. If an upgrade renames the field, this sets an
 * unused property and loading still works, only slower on such files.
 */
function skipDefinedNames(workbook: ExcelJS.Workbook): void {
  const internals = workbook as unknown as { _definedNames?: unknown };
  if (internals._definedNames !== undefined) internals._definedNames = { model: [] };
}

/** What Excel shows in the cell, as plain text (see `numberText` and `dateText`). */
function cellText(value: unknown, numFmt: string | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return numberText(value, numFmt);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return dateText(value);
  if (typeof value !== "object") return "";
  if ("error" in value) return "";
  if ("richText" in value && Array.isArray(value.richText)) {
    return value.richText.map((run: { text?: unknown }) => (typeof run.text === "string" ? run.text : "")).join("");
  }
  // A formula's cached result; a file written by a program that never calculated has none.
  if ("formula" in value || "sharedFormula" in value) return "result" in value ? cellText(value.result, numFmt) : "";
  if ("hyperlink" in value && "text" in value) return cellText(value.text, numFmt);
  return "";
}

/**
 * Plain decimal, never an exponent or a thousands separator: a phone typed as a number stays
 * "912345678". Rounded to the 15 significant digits Excel shows, so 8.3 stored as
 * 8.3000000000000007 reads "8.3". A zero-padding format ("000000000000", common for citizen ID
 * numbers) keeps the leading zeros the person sees.
 */
function numberText(value: number, numFmt: string | undefined): string {
  if (!Number.isFinite(value)) return "";
  const shown = Number(value.toPrecision(15));
  const text = plainDecimal(shown);
  if (numFmt && /^0+$/.test(numFmt) && Number.isInteger(shown) && shown >= 0) return text.padStart(numFmt.length, "0");
  return text;
}

function plainDecimal(value: number): string {
  const text = String(value);
  const exponentAt = text.indexOf("e");
  if (exponentAt < 0) return text;
  const mantissa = text.slice(0, exponentAt);
  const exponent = Number(text.slice(exponentAt + 1));
  const negative = mantissa.startsWith("-");
  const unsigned = negative ? mantissa.slice(1) : mantissa;
  const pointAt = unsigned.indexOf(".");
  const digits = unsigned.replace(".", "");
  const point = (pointAt < 0 ? unsigned.length : pointAt) + exponent;
  const plain =
    point <= 0
      ? `0.${"0".repeat(-point)}${digits}`
      : point >= digits.length
        ? digits + "0".repeat(point - digits.length)
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${plain}` : plain;
}

/**
 * exceljs turns a date serial into the Date of that wall-clock time in UTC, so the UTC fields
 * are the day Excel shows (local fields would move it a day back west of Greenwich). A serial
 * below 1 is a time of day with no date.
 */
function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return "";
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  if (date.getTime() < Date.UTC(1899, 11, 31)) {
    const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
    return date.getUTCSeconds() > 0 ? `${time}:${pad(date.getUTCSeconds())}` : time;
  }
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

// ---------------------------------------------------------------------------------------------
// The zip check before exceljs: yauzl reads the zip, saxes the XML

type ZipCheck = "ok" | "not-workbook" | "too-large" | "unreadable";

/**
 * Reads the zip's directory and then inflates every entry as a stream, without keeping it, so
 * a zip bomb costs a few kilobytes of memory: the sizes the directory declares must fit
 * `byteLimit` together before anything is inflated, and yauzl (`validateEntrySizes`) stops an
 * entry whose data inflates to more than it declared. The sheet we will read is parsed on the
 * way for rows holding a value: more than `rowLimit` of them is too large.
 */
async function checkZip(bytes: Buffer, byteLimit: number, rowLimit: number): Promise<ZipCheck> {
  let zip: yauzl.ZipFile;
  let entries: yauzl.Entry[];
  try {
    zip = await openZip(bytes);
    // Counted from the directory's end record, before any entry is read.
    if (zip.entryCount > MAX_ZIP_ENTRIES) return "not-workbook";
    entries = await listEntries(zip);
  } catch {
    // No end record, a forged directory, a bad file name: not a sound zip.
    return "not-workbook";
  }
  const names = new Set(entries.map((entry) => entry.fileName));
  // Encrypted entries, methods JSZip cannot inflate (deflate64, bzip2, lzma), or two entries of
  // one name (which one would exceljs read?): not a workbook we can read.
  const unsound = entries.some(
    (entry) => entry.isEncrypted() || (entry.compressionMethod !== 0 && entry.compressionMethod !== 8),
  );
  if (unsound || names.size !== entries.length || !names.has(WORKBOOK)) return "not-workbook";
  const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > byteLimit) return "too-large";

  const byName = new Map(entries.map((entry) => [entry.fileName, entry]));
  const workbookXml = await inflateText(zip, byName.get(WORKBOOK));
  const relsXml = await inflateText(zip, byName.get(WORKBOOK_RELS));
  if (workbookXml === undefined || relsXml === undefined) return "unreadable";
  const sheetPath = firstSheetPath(workbookXml, relsXml);
  if (!sheetPath || !byName.has(sheetPath)) return "unreadable";

  for (const entry of entries) {
    if (entry.fileName === WORKBOOK || entry.fileName === WORKBOOK_RELS) continue;
    const counter = entry.fileName === sheetPath ? new RowCounter(rowLimit) : undefined;
    const result = await inflate(zip, entry, (chunk) => counter?.push(chunk) ?? "more");
    if (result !== "ok") return result;
    if (counter && counter.close() !== "more") return "unreadable";
  }
  return "ok";
}

const WORKBOOK = "xl/workbook.xml";
const WORKBOOK_RELS = "xl/_rels/workbook.xml.rels";

function openZip(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      bytes,
      { lazyEntries: true, validateEntrySizes: true, decodeStrings: true, strictFileNames: false },
      (error, zip) => (error || !zip ? reject(error ?? new Error("no zip")) : resolve(zip)),
    );
  });
}

/** Every entry of the directory, one at a time (`lazyEntries`), none of their data. */
function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on("entry", (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once("end", () => resolve(entries));
    zip.once("error", reject);
    zip.readEntry();
  });
}

/** A small XML part as text, or undefined when it is missing or does not inflate. */
async function inflateText(zip: yauzl.ZipFile, entry: yauzl.Entry | undefined): Promise<string | undefined> {
  if (!entry) return undefined;
  const decoder = new TextDecoder();
  let text = "";
  const result = await inflate(zip, entry, (chunk) => {
    text += decoder.decode(chunk, { stream: true });
    return "more";
  });
  return result === "ok" ? text + decoder.decode() : undefined;
}

/**
 * Streams the inflated bytes of one entry to `onChunk`, or says why it stopped. yauzl makes
 * output only as fast as we take it and errors once the bytes pass the declared size, so a
 * forged size costs no more than the size it declared.
 */
async function inflate(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  onChunk: (chunk: Buffer) => "more" | "too-large" | "unreadable",
): Promise<Exclude<ZipCheck, "not-workbook">> {
  let stream: Readable | undefined;
  try {
    stream = await new Promise<Readable>((resolve, reject) =>
      zip.openReadStream(entry, (error, opened) => (error || !opened ? reject(error) : resolve(opened))),
    );
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const verdict = onChunk(chunk);
      if (verdict !== "more") return verdict;
    }
    return "ok";
  } catch {
    // Damaged deflate data, or more (or fewer) bytes than the directory declared.
    return "unreadable";
  } finally {
    stream?.destroy();
  }
}

/**
 * The zip path of the first visible worksheet (the one `firstVisible` picks in exceljs), from
 * the workbook's sheet list and its relationships.
 */
function firstSheetPath(workbookXml: string, relsXml: string): string | undefined {
  const targets = new Map<string, string>();
  const sheets: { state: string; id: string }[] = [];
  const parsed =
    parseXml(relsXml, (tag) => {
      if (localName(tag.name) !== "Relationship") return;
      const { Id: id, Target: target, Type: type } = tag.attributes;
      if (id && target && /\/worksheet$/.test(type ?? "")) targets.set(id, target);
    }) &&
    parseXml(workbookXml, (tag) => {
      if (localName(tag.name) !== "sheet") return;
      // The relationship id is r:id, whatever prefix the file binds to the relationships namespace.
      const id = Object.entries(tag.attributes).find(([name]) => name.includes(":") && localName(name) === "id")?.[1];
      if (id) sheets.push({ state: tag.attributes.state ?? "visible", id });
    });
  if (!parsed) return undefined;
  const withPaths = sheets.flatMap((sheet) => {
    const target = targets.get(sheet.id);
    if (!target) return [];
    return [{ state: sheet.state, path: target.startsWith("/") ? target.slice(1) : resolvePath(`xl/${target}`) }];
  });
  return firstVisible(withPaths)?.path;
}

/** Parses a whole small XML part, calling `onTag` for each opening tag; false when it is not well-formed. */
function parseXml(xml: string, onTag: (tag: SaxesTagPlain) => void): boolean {
  const parser = new SaxesParser();
  parser.on("opentag", onTag);
  try {
    parser.write(xml).close();
    return true;
  } catch {
    return false;
  }
}

function localName(name: string): string {
  return name.slice(name.indexOf(":") + 1);
}

function resolvePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== "." && part !== "") parts.push(part);
  }
  return parts.join("/");
}

/**
 * Counts the rows of sheet XML that hold at least one value (a `<v>` or inline `<t>` with text,
 * not an error), fed in chunks to a streaming parser. Excel writes a `<row>` for cells that only
 * carry a format and `<v></v>` for a formula dragged down that answers "", so counting `<row>`
 * tags would refuse good files. The parser keeps only the tag or text it is in between chunks;
 * one longer than Excel ever writes is refused, so that is all it keeps.
 */
class RowCounter {
  private readonly decoder = new TextDecoder();
  private readonly parser = new SaxesParser();
  private rows = 0;
  private rowHasValue = false;
  private inValue = false;
  private errorCell = false;
  /** Characters given to the parser since it last reported something. */
  private sinceEvent = 0;

  constructor(private readonly limit: number) {
    const seen = () => {
      this.sinceEvent = 0;
    };
    for (const event of ["processinginstruction", "doctype", "comment", "cdata"] as const) this.parser.on(event, seen);
    this.parser.on("opentag", (tag) => {
      seen();
      switch (localName(tag.name)) {
        case "row":
          this.rowHasValue = false;
          break;
        case "c":
          this.errorCell = tag.attributes.t === "e";
          break;
        case "v":
        case "t":
          this.inValue = !tag.isSelfClosing;
          break;
      }
    });
    this.parser.on("closetag", (tag) => {
      seen();
      const name = localName(tag.name);
      if (name === "row" && this.rowHasValue) this.rows++;
      if (name === "v" || name === "t") this.inValue = false;
    });
    this.parser.on("text", (text) => {
      seen();
      if (this.inValue && !this.errorCell && /\S/.test(text)) this.rowHasValue = true;
    });
  }

  push(chunk: Buffer): "more" | "too-large" | "unreadable" {
    return this.write(this.decoder.decode(chunk, { stream: true }));
  }

  /** The end of the sheet: the last characters, and the parser's final well-formedness check. */
  close(): "more" | "unreadable" {
    const verdict = this.write(this.decoder.decode());
    if (verdict !== "more") return "unreadable";
    try {
      this.parser.close();
      return "more";
    } catch {
      return "unreadable";
    }
  }

  private write(text: string): "more" | "too-large" | "unreadable" {
    // Fed in slices so that a row over the limit stops the parse soon after it.
    for (let at = 0; at < text.length; at += XML_SLICE_CHARS) {
      const slice = text.slice(at, at + XML_SLICE_CHARS);
      this.sinceEvent += slice.length;
      try {
        this.parser.write(slice);
      } catch {
        return "unreadable";
      }
      if (this.rows > this.limit) return "too-large";
      if (this.sinceEvent > MAX_XML_TOKEN_CHARS) return "unreadable";
    }
    return "more";
  }
}
