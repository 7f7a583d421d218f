/**
 * Report tables as downloadable .xlsx or .csv, streamed: rows are pulled from the source only
 * as fast as the client reads the bytes, so a national report of a few hundred thousand rows
 * costs the same memory as a page of twenty.
 *
 * The row source must not hold the shared database client busy between pulls: better-sqlite3
 * refuses every other statement on a connection while a `.iterate()` cursor is open on it, and
 * a download over a slow line can take minutes. Give the export a connection of its own, or
 * page the query (keyset, a few thousand rows per `.all()`) inside a generator. Either way,
 * release it in the generator's `finally`: it runs on the last row, on an error, and when the
 * download is cancelled (we call the iterator's `return()`).
 *
 * Under the Remix express adapter (app/server) a client that disconnects does not cancel the body stream (the adapter
 * keeps reading it to the end into a closed socket, and it writes without waiting for the
 * socket to drain); it aborts `request.signal`. So the route's generator should stop when that
 * signal aborts: `if (request.signal.aborted) return;` between pages.
 */
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";

export type Cell = string | number | null;

export interface ReportSheet {
  /** Sheet name (xlsx tab), e.g. "Báo cáo"; cut to Excel's 31 chars and stripped of []:*?/\ . */
  sheetName: string;
  /** Title block: one or more lines written above the header row, e.g. ["Báo cáo tập huấn — Tỉnh Điện Biên", "Bộ lọc: Khóa học: ...", "Ngày xuất: 25/11/2026"]. */
  title: string[];
  /** Column headers (Vietnamese text with diacritics). */
  headers: string[];
  /** Optional column widths in characters (xlsx only). */
  widths?: number[];
  /** The body rows, pulled lazily; may be an async or a sync iterable. Numbers stay numbers in xlsx. */
  rows: Iterable<Cell[]> | AsyncIterable<Cell[]>;
}

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const CSV_MIME = "text/csv; charset=utf-8";

/** Excel refuses longer cell text and then "repairs" the whole file. */
const MAX_CELL_CHARS = 32_767;
/** Uncompressed sheet XML allowed to wait for the zip deflater before we stop pulling rows. */
const SHEET_BUFFER_LIMIT = 256 * 1024;
/** Compressed bytes archiver may hold for a client that is slow to read. */
const ZIP_BUFFER_BYTES = 64 * 1024;
/**
 * No read-ahead queue in the web stream: `pull` runs only when someone reads, so a response
 * built and then dropped (an error before it is sent) never touches the row source.
 */
const PULL_ON_READ: QueuingStrategy<Uint8Array> = { highWaterMark: 0 };
/** CSV text gathered per chunk handed to the client. */
const CSV_CHUNK_CHARS = 64 * 1024;

// ---------------------------------------------------------------------------------------------
// The row source

interface RowCursor {
  /** The next row, or undefined at the end; rejects with the signal's reason once it aborts. */
  next(signal?: AbortSignal): Promise<Cell[] | undefined>;
  /** Tells an unfinished source to stop (its `finally` blocks run); safe to call twice. */
  close(): Promise<void>;
}

function openRows(rows: ReportSheet["rows"]): RowCursor {
  const iterator: Iterator<Cell[]> | AsyncIterator<Cell[]> =
    Symbol.asyncIterator in rows ? rows[Symbol.asyncIterator]() : rows[Symbol.iterator]();
  let finished = false;
  return {
    async next(signal) {
      if (finished) return undefined;
      try {
        const pending = iterator.next();
        // A sync source answers at once; only a pending promise needs to race the signal.
        const result = isPromiseLike(pending) ? await untilAborted(Promise.resolve(pending), signal) : pending;
        if (result.done) finished = true;
        return result.done ? undefined : result.value;
      } catch (error) {
        // A source that threw is finished; one we gave up waiting on is closed by close().
        if (!signal?.aborted) finished = true;
        throw error;
      }
    },
    async close() {
      if (finished) return;
      finished = true;
      try {
        await iterator.return?.();
      } catch {
        // The reason we are closing early (an error, a cancel) matters more than this one.
      }
    },
  };
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as Partial<PromiseLike<T>>).then === "function";
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  // A listener per wait, removed when it settles: one shared "aborted" promise would collect a
  // reaction per row for the whole download.
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

// ---------------------------------------------------------------------------------------------
// xlsx

/** A web stream of the .xlsx bytes, produced as the rows are pulled (backpressure respected). */
export function xlsxStream(sheet: ReportSheet): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  // Errors reach the reader through `chunks`; this keeps a late one, after the reader has
  // gone, from becoming an uncaught exception.
  out.on("error", () => {});
  const chunks: AsyncIterator<Buffer> = out[Symbol.asyncIterator]();
  const cancelled = new AbortController();
  let started = false;

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          // Nothing is read from the source until someone reads the response.
          started = true;
          writeXlsx(sheet, out, cancelled.signal).catch((error: unknown) => {
            out.destroy(cancelled.signal.aborted ? undefined : toError(error));
          });
        }
        const chunk = await chunks.next();
        if (chunk.done) controller.close();
        else controller.enqueue(chunk.value);
      },
      async cancel() {
        cancelled.abort(new Error("download cancelled"));
        await chunks.return?.();
      },
    },
    PULL_ON_READ,
  );
}

const PLAIN_STYLE: Partial<ExcelJS.Style> = Object.freeze({}) as Partial<ExcelJS.Style>;

async function writeXlsx(sheet: ReportSheet, out: PassThrough, signal: AbortSignal): Promise<void> {
  const headerRow = sheet.title.length > 0 ? sheet.title.length + 2 : 1;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
    // exceljs hands these to archiver, whose own output buffer defaults to 1 MB of *compressed*
    // sheet (tens of thousands of rows read ahead); exceljs's typing omits the option.
    zip: { highWaterMark: ZIP_BUFFER_BYTES } as Partial<ExcelJS.stream.xlsx.ArchiverZipOptions>,
  });
  const worksheet = workbook.addWorksheet(safeSheetName(sheet.sheetName), {
    views: [{ state: "frozen", xSplit: 0, ySplit: headerRow }],
  });
  const { sheetBuffer, zip } = writerInternals(workbook, worksheet);
  zip?.on("error", (error: Error) => out.destroy(error));
  const rows = openRows(sheet.rows);
  try {
    worksheet.columns = sheet.headers.map((header, i) => ({
      width: sheet.widths?.[i] ?? Math.min(40, Math.max(10, header.length + 2)),
    }));

    sheet.title.forEach((line, i) => {
      const row = worksheet.addRow([xlsxCell(line)]);
      row.getCell(1).font = { bold: true, size: i === 0 ? 14 : 11 };
      row.commit();
    });
    if (sheet.title.length > 0) worksheet.addRow([]).commit();

    const header = worksheet.addRow(sheet.headers.map(xlsxCell));
    header.eachCell((cell) => {
      cell.font = { bold: true };
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
      cell.border = { bottom: { style: "thin" } };
      cell.alignment = { vertical: "middle", wrapText: true };
    });
    header.commit();

    let lastRow = headerRow;
    for (;;) {
      const values = await rows.next(signal);
      if (!values) break;
      const row = worksheet.addRow(values.map(xlsxCell));
      // Body cells have no style of their own. exceljs gives each a new empty style object
      // and resolves every one (most of an export's time); one shared object is resolved once.
      row.eachCell((cell) => {
        cell.style = PLAIN_STYLE;
      });
      row.commit();
      lastRow++;
      // A client that stops reading fills `out` first; a source faster than the deflater
      // fills the sheet buffer. Either way we stop pulling until it drains.
      if (out.writableNeedDrain) await drained(out, signal);
      else if (sheetBuffer && sheetBuffer._writableState.length > SHEET_BUFFER_LIMIT)
        await drained(sheetBuffer, signal);
      else if (!sheetBuffer && lastRow % 256 === 0) await new Promise((resolve) => setImmediate(resolve));
    }

    if (sheet.headers.length > 0) {
      worksheet.autoFilter = {
        from: { row: headerRow, column: 1 },
        to: { row: lastRow, column: sheet.headers.length },
      };
    }
    worksheet.commit();
    await untilAborted(workbook.commit(), signal);
  } catch (error) {
    zip?.abort();
    throw error;
  } finally {
    await rows.close();
  }
}

interface Drainable {
  once(event: "drain", listener: () => void): unknown;
  removeListener(event: "drain", listener: () => void): unknown;
}

interface SheetBuffer extends Drainable {
  _writableState: { length: number };
}

/**
 * The two exceljs 4.4 internals this module leans on, found in one place.
 *
 * exceljs writes each committed row's XML into a PassThrough that archiver put in front of the
 * sheet's zip entry, and ignores write()'s answer: when the client reads slowly, that buffer
 * grows without limit (everything after it, the deflater and archiver's output, does respect
 * backpressure). So we watch its length and wait for its 'drain'. It is readable-stream 2,
 * which has no public `writableLength`. If an upgrade changes this shape we are left with
 * watching our own output, which bounds a stalled client but not a fast source outrunning
 * the deflater, and yielding now and then so the deflater gets its turn.
 *
 * The archiver instance emits 'error' with no listener until exceljs's commit attaches one.
 */
function writerInternals(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  worksheet: ExcelJS.Worksheet,
): { sheetBuffer?: SheetBuffer; zip?: { on(event: "error", fn: (error: Error) => void): unknown; abort(): unknown } } {
  const pipes = (worksheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes;
  const candidate = pipes?.length === 1 ? (pipes[0] as Partial<SheetBuffer> | undefined) : undefined;
  const sheetBuffer =
    typeof candidate?._writableState?.length === "number" && typeof candidate.once === "function"
      ? (candidate as SheetBuffer)
      : undefined;
  const zip = (workbook as unknown as { zip?: { on?: unknown; abort?: unknown } }).zip;
  const zipOk = typeof zip?.on === "function" && typeof zip.abort === "function";
  return {
    sheetBuffer,
    zip: zipOk ? (zip as { on(event: "error", fn: (error: Error) => void): unknown; abort(): unknown }) : undefined,
  };
}

function drained(stream: Drainable, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onDrain = () => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    };
    const onAbort = () => {
      stream.removeListener("drain", onDrain);
      reject(signal.reason);
    };
    stream.once("drain", onDrain);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** Strings stay strings (exceljs never turns "=1+1" into a formula unless given `{ formula }`). */
function xlsxCell(value: Cell): string | number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string") return value.length > MAX_CELL_CHARS ? value.slice(0, MAX_CELL_CHARS) : value;
  return null;
}

/** Excel's rules for a tab name: at most 31 characters, none of []:*?/\, no apostrophe at either end. */
function safeSheetName(name: string): string {
  const cleaned = name
    .normalize("NFC")
    .replace(/[[\]:*?/\\\p{Cc}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  const cut = Array.from(cleaned).slice(0, 31).join("");
  const trimmed = cut.replace(/^'+|'+$/g, "").trim();
  return trimmed || "Báo cáo";
}

// ---------------------------------------------------------------------------------------------
// csv

/**
 * A web stream of UTF-8 CSV with a BOM (so Excel shows Vietnamese diacritics), CRLF line ends,
 * RFC 4180 quoting. The title lines come first, one per row, then a blank line, then the
 * headers and rows. Text starting with = + - @ (or tab, carriage return) gets a leading ' so a
 * spreadsheet does not run it as a formula (OWASP "CSV injection").
 */
export function csvStream(sheet: ReportSheet): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let rows: RowCursor | undefined;
  let cancelled = false;

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let text = "";
        if (!rows) {
          rows = openRows(sheet.rows);
          text += "\uFEFF";
          for (const line of sheet.title) text += csvLine([line]);
          if (sheet.title.length > 0) text += "\r\n";
          text += csvLine(sheet.headers);
        }
        let done = false;
        while (text.length < CSV_CHUNK_CHARS) {
          const values = await rows.next();
          if (!values) {
            done = true;
            break;
          }
          text += csvLine(values);
        }
        if (cancelled) return;
        if (text) controller.enqueue(encoder.encode(text));
        if (done) controller.close();
      },
      async cancel() {
        cancelled = true;
        await rows?.close();
      },
    },
    PULL_ON_READ,
  );
}

function csvLine(values: readonly Cell[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

function csvCell(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

// ---------------------------------------------------------------------------------------------
// Response header

/**
 * `attachment; filename="bao-cao Dien Bien.xlsx"; filename*=UTF-8''b%C3%A1o-c%C3%A1o...`:
 * browsers use the UTF-8 name (RFC 6266 / 5987); the ASCII one is for old clients. Both are
 * safe inside a header whatever the name holds (quotes, slashes, line breaks).
 */
export function attachmentDisposition(fileName: string): string {
  const name = fileName
    .normalize("NFC")
    .replace(/[\p{Cc}/\\]/gu, "_")
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
    .trim();
  const ascii =
    name
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .replace(/đ/g, "d")
      .replace(/Đ/g, "D")
      .replace(/[^\x20-\x7E]|["\\%]/g, "_")
      .trim() || "download";
  // encodeURIComponent leaves ' ( ) * alone, which RFC 5987's attr-char does not allow.
  const encoded = encodeURIComponent(name || "download").replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
