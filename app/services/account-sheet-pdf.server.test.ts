import { describe, expect, it } from "vitest";
import { INITIAL_PASSWORD_ALPHABET } from "~/domain/password";
import { pageText, pdfPages } from "../../tests/setup/pdf-text";
import { type AccountSheet, type AccountSheetEntry, accountSheetPdf } from "./account-sheet-pdf.server";

const FOOTER = "Tài liệu mật: giao tận tay từng người, hủy sau khi phát.";
const NOTE = "Đăng nhập tại https://dao-tao.example.vn/login và đổi mật khẩu ngay lần đầu.";
const COLUMN_LABELS = ["STT", "Họ và tên", "Đơn vị / chức danh", "Tên đăng nhập", "Mật khẩu ban đầu"];

/** A deterministic stand-in for the generator: same alphabet and length, no randomness. */
function password(i: number): string {
  let out = "";
  let n = i * 7919 + 13;
  for (let k = 0; k < 10; k++) {
    out += INITIAL_PASSWORD_ALPHABET[n % INITIAL_PASSWORD_ALPHABET.length];
    n = Math.floor(n / 3) + k * 31 + i;
  }
  return out;
}

const FAMILY = ["Nguyễn", "Lường", "Hoàng", "Lò", "Quàng", "Vàng", "Trần", "Đặng", "Phạm", "Giàng"];
const MIDDLE = ["Văn", "Thị", "Đức", "Ngọc", "Thị Thu", "Xuân"];
const GIVEN = ["Tâm", "Ánh", "Hiếu", "Hương", "Dũng", "Quỳnh", "Thắng", "Nguyệt", "Lý", "Ỷ"];

function entries(count: number): AccountSheetEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    fullName: `${FAMILY[i % 10]} ${MIDDLE[i % 6]} ${GIVEN[(i * 7) % 10]}`,
    username: `can.bo.${i + 1}`,
    initialPassword: password(i),
    unitName: i % 5 === 0 ? "Ủy ban nhân dân xã Mường Phăng, huyện Điện Biên, tỉnh Điện Biên" : "Phường Him Lam",
    positionName: i % 2 ? "Công chức văn hóa – xã hội phụ trách bảo vệ trẻ em" : "Cộng tác viên thôn bản",
  }));
}

function sheet(list: AccountSheetEntry[]): AccountSheet {
  return {
    title: "Tài khoản mới — nhập danh sách cán bộ",
    unitName: "Tỉnh Điện Biên",
    importedBy: "Lò Thị Hằng",
    importedAt: "14:32, 05/03/2025",
    fileName: "danh-sach-can-bo-dien-bien.xlsx",
    signInUrl: "https://dao-tao.example.vn/login",
    entries: list,
  };
}

const named: AccountSheetEntry[] = [
  {
    fullName: "Lường Văn Tâm",
    username: "luong.van.tam",
    initialPassword: "k7m2pqx9ab",
    unitName: "Phường Him Lam",
    positionName: "Người làm công tác bảo vệ trẻ em cấp xã",
  },
  {
    fullName: "Nguyễn Thị Ngọc Ánh",
    username: "nguyen.thi.ngoc.anh2",
    initialPassword: "ffhj3wvrst",
    unitName: "Xã Mường Phăng",
    positionName: "Cộng tác viên thôn bản",
  },
  {
    fullName: "Hoàng Đức Hiếu",
    username: "hoang.duc.hieu",
    initialPassword: "mmmmmmmmmm",
    unitName: "Huyện Điện Biên Đông",
    positionName: "Chuyên viên Phòng Lao động – Thương binh và Xã hội",
  },
];

describe("accountSheetPdf", () => {
  it("prints each person's name with diacritics, username and password, row by row", async () => {
    const pages = await pdfPages(await accountSheetPdf(sheet(named)));
    expect(pages).toHaveLength(1);
    const text = pageText(pages[0] ?? []);
    for (const entry of named) {
      expect(text).toContain(entry.fullName);
      expect(text).toContain(entry.unitName);
      expect(text.replace(/\n/g, " ")).toContain(entry.positionName);
      // Letter-spaced, but one run of text: it copies and searches as the password itself.
      expect(text.split("\n")).toContain(entry.username);
      expect(text.split("\n")).toContain(entry.initialPassword);
    }
    for (const line of [
      "Tài khoản mới — nhập danh sách cán bộ",
      "Tỉnh Điện Biên",
      "Lò Thị Hằng",
      "14:32, 05/03/2025",
      "danh-sach-can-bo-dien-bien.xlsx",
      FOOTER,
      "Trang 1/1",
      ...COLUMN_LABELS,
    ]) {
      expect(text).toContain(line);
    }
    // Each row repeats where to sign in, so a slip cut from the sheet is enough on its own.
    expect(text.replace(/\n/g, " ").split(NOTE)).toHaveLength(named.length + 1);
    expect(text.replace(/\n/g, " ")).toContain(
      "Đăng nhập tại https://dao-tao.example.vn/login bằng tên đăng nhập và mật khẩu ban đầu dưới đây; hệ thống sẽ yêu cầu đổi mật khẩu ngay lần đầu.",
    );
  });

  it("composes decomposed Vietnamese before drawing it", async () => {
    const decomposed = { ...(named[0] as AccountSheetEntry), fullName: "Lường Văn Tâm".normalize("NFD") };
    const pages = await pdfPages(await accountSheetPdf(sheet([decomposed])));
    // No normalising here: the PDF itself must hold the composed letters.
    const raw = (pages[0] ?? []).map((item) => item.str);
    expect(raw).toContain("Lường Văn Tâm");
  });

  it("gives the same bytes for the same sheet, and different bytes for another", async () => {
    const first = await accountSheetPdf(sheet(entries(120)));
    const second = await accountSheetPdf(sheet(entries(120)));
    expect(first.equals(second)).toBe(true);
    const other = await accountSheetPdf({ ...sheet(entries(120)), importedAt: "14:33, 05/03/2025" });
    expect(other.equals(first)).toBe(false);
  });

  it("keeps long names and units inside their cells, and long usernames whole", async () => {
    const long: AccountSheetEntry = {
      fullName: "Nguyễn Thị Phương Thảo Hoàng Lê Minh Khuê Ngọc Bích Trâm Anh Quỳnh Như Ý",
      username: "nguyen.thi.phuong.thao.hoang.le2",
      initialPassword: "wwwwwmmmmm",
      unitName: "Ủy ban nhân dân xã Mường Phăng, huyện Điện Biên, tỉnh Điện Biên (điểm trường Nậm Khẩu Hu)",
      positionName: "Công chức văn hóa – xã hội kiêm nhiệm phụ trách công tác bảo vệ, chăm sóc trẻ em",
    };
    const pages = await pdfPages(await accountSheetPdf(sheet([...named, long])));
    const items = pages[0] ?? [];
    const header = COLUMN_LABELS.map((label) => items.find((item) => item.str === label));
    const columnStarts = header.map((item) => item?.x ?? Number.NaN);
    expect(columnStarts.every(Number.isFinite)).toBe(true);
    const right = 595.28 - 36;
    const headerY = header[0]?.y ?? 0;
    // Every text item of the table ends before the next column starts.
    const table = items.filter((item) => item.y < headerY - 1 && item.str !== FOOTER && !item.str.startsWith("Trang "));
    // The sign-in note under the username and password spans both columns.
    for (const item of table.filter((it) => NOTE.includes(it.str))) {
      expect(item.x).toBeGreaterThanOrEqual(columnStarts[3] ?? 0);
      expect(item.x + item.width, item.str).toBeLessThanOrEqual(right + 0.5);
    }
    for (const item of table.filter((it) => !NOTE.includes(it.str))) {
      // The header labels start where their column's text starts.
      const end = columnStarts.find((x) => x > item.x + 6) ?? right;
      expect(item.x + item.width, item.str).toBeLessThanOrEqual(end + 0.5);
    }
    const text = pageText(items).replace(/\n/g, " ");
    expect(text).toContain(long.fullName);
    expect(text).toContain(long.unitName);
    // The username breaks after a dot, and nothing is lost; the password stays on one line.
    expect(items.map((item) => item.str)).toContain(long.initialPassword);
    const usernameLines = items.filter(
      (item) => item.str.startsWith("nguyen.thi.phuong") || item.str.startsWith("thao"),
    );
    expect(usernameLines.map((item) => item.str).join("")).toBe(long.username);
    expect(usernameLines[0]?.str.endsWith(".")).toBe(true);
  });

  it("says so when there is nobody to print", async () => {
    const pages = await pdfPages(await accountSheetPdf(sheet([])));
    expect(pages).toHaveLength(1);
    const text = pageText(pages[0] ?? []);
    expect(text).toContain("Không có tài khoản mới trong lần nhập này.");
    expect(text).toContain("Trang 1/1");
  });

  it("renders 2,000 accounts with whole rows, the table header and the footer on every page", async () => {
    const list = entries(2000);
    const started = performance.now();
    const bytes = await accountSheetPdf(sheet(list));
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(10_000);

    const pages = await pdfPages(bytes);
    const count = pages.length;
    expect(count).toBeGreaterThan(100);
    const pageOf = new Map<string, number>();
    pages.forEach((items, i) => {
      const strings = items.map((item) => item.str);
      for (const label of COLUMN_LABELS) expect(strings, `page ${i + 1}`).toContain(label);
      expect(strings, `page ${i + 1}`).toContain(FOOTER);
      expect(strings, `page ${i + 1}`).toContain(`Trang ${i + 1}/${count}`);
      for (const str of strings) {
        if (!str.startsWith("can.bo.")) continue;
        expect(pageOf.has(str), `${str} printed twice`).toBe(false);
        pageOf.set(str, i);
      }
    });
    expect(pages[0]?.map((item) => item.str)).toContain(`Trang 1/${count}`);

    // Everyone is printed, in order.
    let previous = 0;
    for (const entry of list) {
      const page = pageOf.get(entry.username);
      expect(page, entry.username).toBeGreaterThanOrEqual(previous);
      previous = page ?? previous;
    }
    // A row never splits: each page holds the passwords of exactly its own usernames, in order.
    pages.forEach((items, i) => {
      const usernames = new Set(items.filter((item) => item.str.startsWith("can.bo.")).map((item) => item.str));
      const expected = list.filter((entry) => usernames.has(entry.username)).map((entry) => entry.initialPassword);
      const passwords = items.filter((item) => /^[a-z2-9]{10}$/.test(item.str)).map((item) => item.str);
      expect(passwords, `page ${i + 1}`).toEqual(expected);
    });
  }, 60_000);
});
