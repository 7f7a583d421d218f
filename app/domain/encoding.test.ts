import { describe, expect, it } from "vitest";
import {
  checkName,
  decodeTextFile,
  findControlCharacter,
  fromTcvn3,
  fromVni,
  looksVietnamese,
  undoMojibake,
  vietnameseSyllables,
} from "./encoding";

/** Bytes written by hand: ASCII as is, the rest as given. */
const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === "string" ? [...Buffer.from(part, "latin1")] : part)));
// "Nguyễn Văn An" in UTF-8 and in Windows-1258 (ễ = e + combining tilde 0xDE, ă = 0xE3).
const UTF8_NAME = [...Buffer.from("Nguyễn Văn An", "utf8")];
const CP1258_NAME = [0x4e, 0x67, 0x75, 0x79, 0xea, 0xde, 0x6e, 0x20, 0x56, 0xe3, 0x6e, 0x20, 0x41, 0x6e];

describe("decodeTextFile", () => {
  it("reads UTF-8 (with or without BOM), UTF-16 with and without BOM, and Windows-1258 as a whole", () => {
    expect(decodeTextFile(bytes("Ho;", UTF8_NAME, "\r\n"))).toEqual({
      ok: true,
      text: "Ho;Nguyễn Văn An\r\n",
      encoding: "utf-8",
    });
    expect(decodeTextFile(bytes([0xef, 0xbb, 0xbf], UTF8_NAME))).toMatchObject({ ok: true, text: "Nguyễn Văn An" });
    const utf16 = [...Buffer.from("Họ tên\nNguyễn", "utf16le")];
    expect(decodeTextFile(bytes([0xff, 0xfe], utf16))).toMatchObject({ ok: true, text: "Họ tên\nNguyễn" });
    expect(decodeTextFile(bytes(utf16))).toMatchObject({ ok: true, text: "Họ tên\nNguyễn", encoding: "utf-16le" });
    const cp1258 = decodeTextFile(bytes("a;b\n", CP1258_NAME, "\n", CP1258_NAME));
    expect(cp1258.ok && cp1258.encoding).toBe("windows-1258");
    expect(cp1258.ok && cp1258.text.normalize("NFC")).toBe("a;b\nNguyễn Văn An\nNguyễn Văn An");
  });

  it("refuses a file mixing UTF-8 and Windows-1258 rows, naming the rows of each", () => {
    const file = bytes("Ho ten;SDT\n", UTF8_NAME, ";1\n", CP1258_NAME, ';2\n"', UTF8_NAME, '\n2";3\r\n', UTF8_NAME);
    expect(decodeTextFile(file)).toEqual({ ok: false, reason: "mixed", utf8Rows: [2, 4, 5], legacyRows: [3] });
    // A UTF-8 BOM says UTF-8: a row that is not is named, not decoded as something else.
    expect(decodeTextFile(bytes([0xef, 0xbb, 0xbf], "a\n", CP1258_NAME))).toEqual({
      ok: false,
      reason: "mixed",
      utf8Rows: [],
      legacyRows: [2],
    });
    // Excel's "sep=" line is not a row.
    expect(decodeTextFile(bytes("sep=;\n", UTF8_NAME, "\n", CP1258_NAME))).toMatchObject({
      utf8Rows: [1],
      legacyRows: [2],
    });
  });

  it("calls binary what is not text", () => {
    expect(decodeTextFile(bytes("%PDF", [0, 1, 2, 3, 0, 0]))).toEqual({ ok: false, reason: "binary" });
  });
});

describe("control characters", () => {
  it("are found with their position, whatever their kind", () => {
    expect(findControlCharacter("Nguyễn Văn An")).toBeNull();
    expect(findControlCharacter("Lò\u0090 Văn")).toEqual({ position: 3, codePoint: "U+0090" });
    expect(findControlCharacter("Lò Văn\nPâng")?.codePoint).toBe("U+000A");
    expect(findControlCharacter("A\u200bB")?.codePoint).toBe("U+200B");
    expect(findControlCharacter("Hà \ufffd")?.position).toBe(4);
  });
});

describe("garbled names", () => {
  it("reads back UTF-8 that was read as Windows-1252 or Windows-1258, once or twice", () => {
    expect(undoMojibake("Nguyá»…n VÄƒn An")).toBe("Nguyễn Văn An");
    // Đ is C4 90: Windows-1252 leaves 0x90 a control character.
    expect(undoMojibake("Ä\u0090inh Thá»‹ Hoa")).toBe("Đinh Thị Hoa");
    const once = new TextDecoder("windows-1258").decode(Buffer.from("Trường Giang", "utf8"));
    expect(undoMojibake(once.normalize("NFC"))).toBe("Trường Giang");
    const twice = new TextDecoder("windows-1252").decode(Buffer.from("Lò Thị Ơn", "utf8"));
    const twiceAgain = new TextDecoder("windows-1252").decode(Buffer.from(twice, "utf8"));
    expect(undoMojibake(twiceAgain)).toBe("Lò Thị Ơn");
    // Real Vietnamese is not touched.
    for (const name of ["Ngô Thị Ánh", "Đặng Văn Tường", "Hoàng Thị Thúy", "Giàng A Páo", "Quàng Thị Ơn"])
      expect(undoMojibake(name)).toBe(name);
  });

  it("converts TCVN3 (ABC) with the standard table", () => {
    expect(fromTcvn3("NguyÔn V¨n An")).toBe("Nguyễn Văn An");
    expect(fromTcvn3("Lª ThÞ Hoa")).toBe("Lê Thị Hoa");
    expect(fromTcvn3("§Æng V¨n T\u00adêng")).toBe("Đặng Văn Tường");
    expect(fromTcvn3("Hoµng ThÞ Thóy")).toBe("Hoàng Thị Thúy");
    expect(fromTcvn3("Qu¸ch Ngäc Ph\u00ad¬ng")).toBe("Quách Ngọc Phương");
  });

  it("converts VNI", () => {
    expect(fromVni("Nguyeãn Vaên An")).toBe("Nguyễn Văn An");
    expect(fromVni("Ñaëng Thò Höông")).toBe("Đặng Thị Hương");
    expect(fromVni("Hoaøng Ngoïc Quyù")).toBe("Hoàng Ngọc Quý");
    expect(fromVni("Tröôøng")).toBe("Trường");
    expect(fromVni("NGUYEÃN")).toBe("NGUYỄN");
  });

  it("tells Vietnamese words (and minority names in its alphabet) from garbled ones", () => {
    for (const name of ["Nguyễn Văn An", "Giàng A Páo", "Ksor H'Hen", "Y Moan Ênuôl", "Quỳnh", "Khuya", "NGUYỄN"])
      expect(looksVietnamese(name), name).toBe(true);
    for (const name of ["NguyÔn V¨n An", "Nguyeãn Vaên An", "Lª ThÞ", "Nguyá»…n", "Hoaøng"])
      expect(looksVietnamese(name), name).toBe(false);
  });

  it("checkName converts what one table makes Vietnamese and says which, keeps real names, refuses the rest", () => {
    expect(checkName("Nguyễn Văn An")).toEqual({ ok: true, name: "Nguyễn Văn An", repair: null });
    expect(checkName("Nguyễn Văn An".normalize("NFD"))).toEqual({ ok: true, name: "Nguyễn Văn An", repair: null });
    expect(checkName("Nguyá»…n VÄƒn An")).toEqual({
      ok: true,
      name: "Nguyễn Văn An",
      repair: { kind: "mojibake", original: "Nguyá»…n VÄƒn An" },
    });
    expect(checkName("NguyÔn V¨n An")).toMatchObject({ ok: true, name: "Nguyễn Văn An", repair: { kind: "tcvn3" } });
    expect(checkName("Nguyeãn Vaên An")).toMatchObject({ ok: true, name: "Nguyễn Văn An", repair: { kind: "vni" } });
    expect(checkName("Hoàng Thị Thúy")).toMatchObject({ ok: true, repair: null });
    expect(checkName("Lò\u0001 Văn Pâng")).toMatchObject({ ok: false, reason: "control", position: 3 });
    expect(checkName("Nguy¤¥¦ An")).toEqual({ ok: false, reason: "garbled" });
    // A foreign name stays as written.
    expect(checkName("Anna Müller")).toMatchObject({ ok: true, name: "Anna Müller", repair: null });
  });
});

describe("vietnameseSyllables", () => {
  it("holds for whole syllables only", () => {
    expect(vietnameseSyllables("Nguyễn Thị Thúy")).toBe(true);
    expect(vietnameseSyllables("Mỹller")).toBe(false);
    expect(vietnameseSyllables("Ksor")).toBe(false);
  });
});
