import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import {
  attachmentDisposition,
  type Cell,
  CSV_MIME,
  csvStream,
  type ReportSheet,
  XLSX_MIME,
  xlsxStream,
} from "./spreadsheet.server";

const title = ["Báo cáo tập huấn — Tỉnh Điện Biên", "Bộ lọc: Khóa học: Kỹ năng bảo vệ trẻ em", "Ngày xuất: 25/11/2026"];
const headers = ["Họ và tên", "Đơn vị", "Điểm", "Trạng thái", "Ghi chú"];
const body: Cell[][] = [
  ["Nguyễn Thị Lan", "Phường Kinh Bắc", 9.5, "Đã hoàn thành", null],
  ["Trần Văn Hùng", "Phường Him Lam", 0, "Chưa học", "=1+1"],
  ["Lò Thị Mai", null, -3, "Đang học", "@SUM(A1)"],
];

function sheetOf(rows: ReportSheet["rows"], extra: Partial<ReportSheet> = {}): ReportSheet {
  return { sheetName: "Báo cáo", title, headers, rows, ...extra };
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(parts);
    parts.push(value);
  }
}

async function loadXlsx(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types `load` with its own Buffer (an ArrayBuffer), which Node's Buffer does not match.
  await workbook.xlsx.load(new Uint8Array(buffer).buffer);
  const worksheet = workbook.worksheets[0];
  if (!worksheet) throw new Error("no worksheet");
  return worksheet;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `read()` stops changing, i.e. the producer has stopped pulling. */
async function settled(read: () => number): Promise<number> {
  let previous = -1;
  for (let i = 0; i < 50 && read() !== previous; i++) {
    previous = read();
    await sleep(100);
  }
  return read();
}

async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !check(); i++) await sleep(20);
  expect(check()).toBe(true);
}

describe("xlsxStream", () => {
  it("writes the title, headers and rows; numbers stay numbers and text is never a formula", async () => {
    const buffer = await collect(
      xlsxStream(sheetOf(body, { sheetName: "Báo cáo: [Tháng 11/2026] của Tỉnh Điện Biên" })),
    );
    expect(buffer.subarray(0, 2).toString()).toBe("PK");
    const ws = await loadXlsx(buffer);

    expect(ws.name).toBe("Báo cáo Tháng 11 2026 của Tỉnh");
    expect(ws.name.length).toBeLessThanOrEqual(31);
    expect(ws.getCell("A1").value).toBe(title[0]);
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.getCell("A1").font?.size).toBe(14);
    expect(ws.getCell("A3").value).toBe(title[2]);
    expect(ws.getRow(4).cellCount).toBe(0);

    expect(ws.getRow(5).values).toEqual([undefined, ...headers]);
    expect(ws.getCell("A5").font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 5 });
    expect(ws.autoFilter).toBe("A5:E8");

    expect(ws.getCell("A6").value).toBe("Nguyễn Thị Lan");
    expect(ws.getCell("B6").value).toBe("Phường Kinh Bắc");
    expect(ws.getCell("C6").value).toBe(9.5);
    expect(ws.getCell("C6").type).toBe(ExcelJS.ValueType.Number);
    expect(ws.getCell("C7").value).toBe(0);
    expect(ws.getCell("C8").value).toBe(-3);
    expect(ws.getCell("D6").value).toBe("Đã hoàn thành");
    expect(ws.getCell("E6").type).toBe(ExcelJS.ValueType.Null);
    expect(ws.getCell("B8").type).toBe(ExcelJS.ValueType.Null);

    const injected = ws.getCell("E7");
    expect(injected.value).toBe("=1+1");
    expect(injected.type).toBe(ExcelJS.ValueType.String);
    expect(injected.formula).toBeUndefined();
    expect(ws.getCell("E8").value).toBe("@SUM(A1)");
  });

  it("puts the headers on the first row when there is no title, and uses the given widths", async () => {
    const ws = await loadXlsx(await collect(xlsxStream(sheetOf(body, { title: [], widths: [30, 25, 8, 18, 12] }))));
    expect(ws.getRow(1).values).toEqual([undefined, ...headers]);
    expect(ws.getCell("A2").value).toBe("Nguyễn Thị Lan");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.getColumn(1).width).toBe(30);
    expect(ws.getColumn(3).width).toBe(8);
  });

  it("reads rows from an async generator", async () => {
    async function* rows() {
      for (let i = 1; i <= 3; i++) {
        await sleep(1);
        yield [`Học viên ${i}`, "Phường Kinh Bắc", i, "Đã hoàn thành", null];
      }
    }
    const ws = await loadXlsx(await collect(xlsxStream(sheetOf(rows()))));
    expect(ws.getCell("A8").value).toBe("Học viên 3");
    expect(ws.getCell("C8").value).toBe(3);
  });

  it("errors the stream when the source throws", async () => {
    async function* rows() {
      yield ["Nguyễn Thị Lan", "Phường Kinh Bắc", 1, "Đã hoàn thành", null];
      throw new Error("mất kết nối cơ sở dữ liệu");
    }
    await expect(collect(xlsxStream(sheetOf(rows())))).rejects.toThrow("mất kết nối cơ sở dữ liệu");
  });

  it("errors the stream when a sync source throws", async () => {
    function* rows(): Generator<Cell[]> {
      yield ["Nguyễn Thị Lan", "Phường Kinh Bắc", 1, "Đã hoàn thành", null];
      throw new Error("hỏng");
    }
    await expect(collect(xlsxStream(sheetOf(rows())))).rejects.toThrow("hỏng");
  });

  it("pulls nothing before the stream is read", async () => {
    let pulled = 0;
    function* rows(): Generator<Cell[]> {
      pulled++;
      yield ["Nguyễn Thị Lan", null, 1, null, null];
    }
    xlsxStream(sheetOf(rows()));
    csvStream(sheetOf(rows()));
    await sleep(50);
    expect(pulled).toBe(0);
  });

  for (const kind of ["sync", "async"] as const) {
    it(`stops pulling rows while the client is not reading, and closes the ${kind} source on cancel`, async () => {
      let pulled = 0;
      let closed = false;
      const row = (): Cell[] => [`Nguyễn Thị Lan ${pulled}`, "Phường Kinh Bắc", pulled, "Đã hoàn thành", null];
      function* syncRows(): Generator<Cell[]> {
        try {
          for (;;) {
            pulled++;
            yield row();
          }
        } finally {
          closed = true;
        }
      }
      async function* asyncRows(): AsyncGenerator<Cell[]> {
        try {
          for (;;) {
            pulled++;
            yield row();
          }
        } finally {
          closed = true;
        }
      }
      const reader = xlsxStream(sheetOf(kind === "sync" ? syncRows() : asyncRows())).getReader();
      const first = await reader.read();
      expect(first.value?.byteLength).toBeGreaterThan(0);

      // An endless source: without backpressure this would grow until the process died.
      const stalledAt = await settled(() => pulled);
      expect(stalledAt).toBeGreaterThan(0);
      expect(stalledAt).toBeLessThan(20_000);
      expect(closed).toBe(false);

      await reader.cancel();
      await eventually(() => closed);
      await sleep(50);
      expect(pulled).toBe(stalledAt);
    });
  }

  it("closes a custom iterator through return() when cancelled", async () => {
    let returned = 0;
    let n = 0;
    const rows: AsyncIterable<Cell[]> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => ({ done: false, value: [`Dòng ${++n}`, null, n, null, null] }),
        return: async () => {
          returned++;
          return { done: true, value: undefined };
        },
      }),
    };
    const reader = xlsxStream(sheetOf(rows)).getReader();
    await reader.read();
    await reader.cancel();
    await eventually(() => returned === 1);
  });

  it("streams 100,000 rows with bounded memory", { timeout: 30_000 }, async () => {
    const total = 100_000;
    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    function* rows(): Generator<Cell[]> {
      for (let i = 1; i <= total; i++) {
        if (i % 5000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
        yield [`Nguyễn Thị Lan ${i}`, `Phường Kinh Bắc ${i % 97}`, i, i % 3 === 0 ? "Đã hoàn thành" : "Đang học", null];
      }
    }
    const buffer = await collect(xlsxStream(sheetOf(rows())));
    // Not a precise bound (the GC decides), but rows kept in memory would push it far past this.
    expect(peak).toBeLessThan(256 * 1024 * 1024);

    // Read it back with the streaming reader: the whole-workbook loader is slow at this size.
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(buffer), {});
    let count = 0;
    let last: unknown;
    for await (const worksheet of reader) {
      for await (const row of worksheet) {
        count++;
        last = row.getCell(3).value;
      }
    }
    // Three title lines, the header row, the body (the blank row is not stored).
    expect(count).toBe(3 + 1 + total);
    expect(last).toBe(total);
  });
});

describe("csvStream", () => {
  it("writes a BOM, the title, a blank line, headers and rows with CRLF and RFC 4180 quoting", async () => {
    const rows: Cell[][] = [
      ["Nguyễn Thị Lan", "Phường Kinh Bắc, TP Bắc Ninh", 9.5, 'Ghi "đạt"', null],
      ["Trần Văn Hùng", "Dòng 1\nDòng 2", -3, "=1+1", "+84 912 345 678"],
      ["-", "@admin", 0, "Đã hoàn thành", '=HYPERLINK("x","y")'],
    ];
    const buffer = await collect(csvStream(sheetOf(rows)));
    expect([...buffer.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buffer.subarray(3).toString("utf8");
    expect(text).toBe(
      [
        "Báo cáo tập huấn — Tỉnh Điện Biên",
        "Bộ lọc: Khóa học: Kỹ năng bảo vệ trẻ em",
        "Ngày xuất: 25/11/2026",
        "",
        "Họ và tên,Đơn vị,Điểm,Trạng thái,Ghi chú",
        'Nguyễn Thị Lan,"Phường Kinh Bắc, TP Bắc Ninh",9.5,"Ghi ""đạt""",',
        "Trần Văn Hùng,\"Dòng 1\nDòng 2\",-3,'=1+1,'+84 912 345 678",
        '\'-,\'@admin,0,Đã hoàn thành,"\'=HYPERLINK(""x"",""y"")"',
        "",
      ].join("\r\n"),
    );
  });

  it("reads an async generator across several chunks", async () => {
    async function* rows() {
      for (let i = 1; i <= 5000; i++) yield [`Nguyễn Thị Lan ${i}`, "Phường Kinh Bắc", i, "Đã hoàn thành", null];
    }
    const lines = (await collect(csvStream(sheetOf(rows(), { title: [] })))).toString("utf8").split("\r\n");
    expect(lines[0]).toBe("\uFEFFHọ và tên,Đơn vị,Điểm,Trạng thái,Ghi chú");
    expect(lines).toHaveLength(1 + 5000 + 1);
    expect(lines[5000]).toBe("Nguyễn Thị Lan 5000,Phường Kinh Bắc,5000,Đã hoàn thành,");
  });

  it("errors the stream when the source throws", async () => {
    async function* rows() {
      yield ["Nguyễn Thị Lan", null, 1, null, null];
      throw new Error("mất kết nối cơ sở dữ liệu");
    }
    await expect(collect(csvStream(sheetOf(rows())))).rejects.toThrow("mất kết nối cơ sở dữ liệu");
  });

  it("pulls only what the client reads and closes the source on cancel", async () => {
    let pulled = 0;
    let closed = false;
    async function* rows(): AsyncGenerator<Cell[]> {
      try {
        for (;;) {
          pulled++;
          yield [`Nguyễn Thị Lan ${pulled}`, "Phường Kinh Bắc", pulled, "Đã hoàn thành", null];
        }
      } finally {
        closed = true;
      }
    }
    const reader = csvStream(sheetOf(rows())).getReader();
    await reader.read();
    expect(await settled(() => pulled)).toBeLessThan(10_000);
    await reader.cancel();
    expect(closed).toBe(true);
  });
});

describe("attachmentDisposition", () => {
  it("gives an ASCII fallback and the UTF-8 name", () => {
    expect(attachmentDisposition("báo-cáo Điện Biên.xlsx")).toBe(
      "attachment; filename=\"bao-cao Dien Bien.xlsx\"; filename*=UTF-8''b%C3%A1o-c%C3%A1o%20%C4%90i%E1%BB%87n%20Bi%C3%AAn.xlsx",
    );
  });

  it("cannot break out of the header", () => {
    const value = attachmentDisposition('a"b\\c/d\r\nSet-Cookie: x=1 (1)*.csv');
    expect(value).not.toMatch(/[\r\n]/);
    expect(value).toBe(
      "attachment; filename=\"a_b_c_d__Set-Cookie: x=1 (1)*.csv\"; filename*=UTF-8''a%22b_c_d__Set-Cookie%3A%20x%3D1%20%281%29%2A.csv",
    );
    expect(() => new Headers({ "Content-Disposition": value })).not.toThrow();
  });

  it("exports the MIME types", () => {
    expect(XLSX_MIME).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(CSV_MIME).toBe("text/csv; charset=utf-8");
  });
});
