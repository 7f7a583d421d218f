/**
 * Vietnamese text from files of unknown origin: which encoding a text file is in (decided from
 * the bytes of the whole file, row by row), and names that arrive garbled — UTF-8 read as
 * Windows-1252/1258 ("Nguyá»…n"), or typed in the old 8-bit fonts TCVN3/ABC ("NguyÔn") and
 * VNI ("Nguyeãn") — recognised, converted with a fixed table, or refused. Pure: bytes and
 * strings in, results out. Decision 019.
 */

export type TextEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1258";

export type DecodedFile =
  | { ok: true; text: string; encoding: TextEncoding }
  | { ok: false; reason: "binary" }
  /** Rows (as a spreadsheet numbers a CSV's records) written in UTF-8 and in an 8-bit code page. */
  | { ok: false; reason: "mixed"; utf8Rows: number[]; legacyRows: number[] };

/** Bytes looked at to tell text from binary. */
const SNIFF_BYTES = 64 * 1024;

/**
 * The text of a CSV-like file. UTF-16 by its BOM (or, without one, by the zero bytes of its
 * ASCII characters); else every record is classified: plain ASCII, valid UTF-8 with other
 * characters, or not UTF-8 (an 8-bit code page, Windows-1258 from Vietnamese Excel). Valid UTF-8
 * wins; a file holding both kinds of record (or a UTF-8 BOM and records that are not UTF-8) is
 * refused with the rows of each kind, because decoding it either way garbles some names.
 */
export function decodeTextFile(bytes: Uint8Array): DecodedFile {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { ok: true, text: decode("utf-16le", bytes), encoding: "utf-16le" };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { ok: true, text: decode("utf-16be", bytes), encoding: "utf-16be" };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { ok: true, text: decode(utf16, bytes), encoding: utf16 };
  if (looksBinary(bytes)) return { ok: false, reason: "binary" };
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const strict = new TextDecoder("utf-8", { fatal: true });
  try {
    return { ok: true, text: strict.decode(body), encoding: "utf-8" };
  } catch {
    // Some record is not UTF-8: find which, and whether any other is.
  }
  const utf8Rows: number[] = [];
  const legacyRows: number[] = [];
  for (const record of records(body)) {
    if (record.ascii) continue;
    try {
      strict.decode(body.subarray(record.start, record.end));
      utf8Rows.push(record.row);
    } catch {
      legacyRows.push(record.row);
    }
  }
  if (bom || utf8Rows.length > 0) return { ok: false, reason: "mixed", utf8Rows, legacyRows };
  // Windows-1258 writes most tones as combining marks (e + U+0303); callers NFC-normalise.
  return { ok: true, text: decode("windows-1258", body), encoding: "windows-1258" };
}

function decode(encoding: string, bytes: Uint8Array): string {
  return new TextDecoder(encoding).decode(bytes);
}

/** UTF-16 saved without a BOM: most ASCII characters carry a zero byte on the same side. */
function utf16WithoutBom(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const pairs = Math.floor(Math.min(bytes.length, SNIFF_BYTES) / 2);
  if (pairs < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  if (oddZeros > pairs * 0.3 && evenZeros < pairs * 0.02) return "utf-16le";
  if (evenZeros > pairs * 0.3 && oddZeros < pairs * 0.02) return "utf-16be";
  return null;
}

/** NUL bytes, or more than a few control characters a text file does not hold (PDF, images, .xls). */
export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, SNIFF_BYTES);
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    // Tab, line feed, vertical tab, form feed, carriage return, and DOS's end-of-file mark.
    if (byte < 0x20 && !(byte >= 0x09 && byte <= 0x0d) && byte !== 0x1a) controls++;
  }
  return controls > sample.length / 100;
}

/**
 * The records of a CSV as byte ranges, numbered as the CSV reader numbers them: a line break
 * inside quotes belongs to the field; CRLF, LF or CR end a record; Excel's "sep=;" first line
 * is not a row. The quote byte never occurs inside a UTF-8 or Windows-1258 character.
 */
function* records(bytes: Uint8Array): Generator<{ row: number; start: number; end: number; ascii: boolean }> {
  let row = 0;
  let start = 0;
  while (start < bytes.length) {
    let end = start;
    let quoted = false;
    let ascii = true;
    for (; end < bytes.length; end++) {
      const byte = bytes[end] as number;
      if (byte === 0x22) quoted = !quoted;
      else if (byte >= 0x80) ascii = false;
      else if (!quoted && (byte === 0x0a || byte === 0x0d)) break;
    }
    const sepLine = start === 0 && end <= 8 && /^sep=.\s*$/i.test(String.fromCharCode(...bytes.subarray(start, end)));
    if (!sepLine) {
      row++;
      yield { row, start, end, ascii };
    }
    start = end + (bytes[end] === 0x0d && bytes[end + 1] === 0x0a ? 2 : 1);
  }
}

// ---------------------------------------------------------------------------------------------
// Characters no text field should hold

/**
 * The first control, format or replacement character (�) in a text, with its 1-based position:
 * left by a wrong decoding or pasted from elsewhere, invisible on screen and in print.
 */
export function findControlCharacter(text: string): { position: number; codePoint: string } | null {
  const match = /[\p{Cc}\p{Cf}\uFFFD]/u.exec(text);
  if (!match) return null;
  return {
    position: [...text.slice(0, match.index)].length + 1,
    codePoint: `U+${(match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`,
  };
}

// ---------------------------------------------------------------------------------------------
// Garbled names

export type NameRepairKind = "mojibake" | "tcvn3" | "vni";

export type NameCheck =
  | { ok: true; name: string; repair: { kind: NameRepairKind; original: string } | null }
  | { ok: false; reason: "control"; position: number; codePoint: string }
  | { ok: false; reason: "garbled" }
  | { ok: false; reason: "ambiguous"; candidates: string[] };

/**
 * A name as it must be stored: Unicode, NFC. A name that is UTF-8 read as Windows-1252/1258
 * (possibly twice), or TCVN3 or VNI text, is converted when exactly one conversion gives
 * Vietnamese syllables; the caller shows the conversion before writing anything. A name with a
 * control character, or with symbols of an old font that no conversion makes sense of, is refused.
 */
export function checkName(raw: string): NameCheck {
  const original = raw.normalize("NFC");
  const unmojibaked = undoMojibake(original);
  if (unmojibaked !== original && findControlCharacter(unmojibaked) === null && looksVietnamese(unmojibaked))
    return { ok: true, name: unmojibaked, repair: { kind: "mojibake", original } };
  // A soft hyphen is TCVN3's "ư": looked at below, not refused here.
  const control = findControlCharacter(original.replace(/\u00ad/g, ""));
  if (control) return { ok: false, reason: "control", ...control };
  if (looksVietnamese(original)) return { ok: true, name: original, repair: null };
  const candidates = (
    [
      ["tcvn3", fromTcvn3(original)],
      ["vni", fromVni(original)],
    ] as const
  ).filter(
    ([kind, converted]) =>
      converted !== original &&
      looksVietnamese(converted) &&
      // Without a sign of the old font, only whole Vietnamese syllables count ("Müller" stays).
      (LEGACY_SIGNS[kind].test(original) || vietnameseSyllables(converted)),
  );
  const [only, second] = candidates;
  if (only && !second) return { ok: true, name: only[1], repair: { kind: only[0], original } };
  if (only && second && only[1] !== second[1])
    return { ok: false, reason: "ambiguous", candidates: candidates.map(([, converted]) => converted) };
  if (only) return { ok: true, name: only[1], repair: { kind: only[0], original } };
  // Not Vietnamese syllables, and no conversion helps: a name of another language is kept, but
  // not one that holds the symbols of an old font or of a wrong decoding.
  if (LEGACY_SYMBOLS.test(original)) return { ok: false, reason: "garbled" };
  return { ok: true, name: original, repair: null };
}

/** Latin-1 symbols that are letters in TCVN3 or bytes of UTF-8 read as Windows-125x, never in a name. */
const LEGACY_SYMBOLS =
  /[\u0080-\u00bf\u00d7\u00f7\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]/;

/** What text typed in each old font shows and Unicode Vietnamese does not. */
const LEGACY_SIGNS = {
  tcvn3: new RegExp(`${LEGACY_SYMBOLS.source}|\\p{Ll}[\u00c0-\u00de]`, "u"),
  vni: /[aeoAEO][âáàåãäÂÁÀÅÃÄ]|[aA][êéèúüëÊÉÈÚÜË]|[aeiouyôöAEIOUYÔÖ][ùøûõïÙØÛÕÏ]|[ñÑæÆîÎ]/,
} as const;

/**
 * Windows-1252's characters at 0x80–0x9F, written out: Node's TextDecoder reads "windows-1252"
 * as ISO-8859-1 and gives C1 controls there. 0x81, 0x8D, 0x8F, 0x90 and 0x9D are unassigned.
 */
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function reverseTable(encoding: "windows-1252" | "windows-1258"): Map<string, number> {
  const table = new Map<string, number>();
  const decoder = new TextDecoder(encoding);
  for (let byte = 0x80; byte <= 0xff; byte++) {
    const char =
      encoding === "windows-1252" && byte < 0xa0
        ? (CP1252_HIGH[byte - 0x80] as string)
        : decoder.decode(Uint8Array.of(byte));
    if (char !== "\ufffd" && !table.has(char)) table.set(char, byte);
  }
  // ISO-8859-1 readers keep 0x80–0x9F as C1 controls.
  for (let byte = 0x80; byte <= 0x9f; byte++) table.set(String.fromCharCode(byte), byte);
  return table;
}

let tables: Map<string, number>[] | undefined;
function codePageTables(): Map<string, number>[] {
  tables ??= [reverseTable("windows-1252"), reverseTable("windows-1258")];
  return tables;
}

/**
 * The bytes a text would have in an 8-bit code page, or null when some character has none. A
 * character the page lacks precomposed (Windows-1258 keeps tones as combining marks) is tried
 * as its longest composable prefix plus marks.
 */
function encodeIn(table: ReadonlyMap<string, number>, text: string): Uint8Array | null {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 0x80) {
      bytes.push(code);
      continue;
    }
    const direct = table.get(char);
    if (direct !== undefined) {
      bytes.push(direct);
      continue;
    }
    const parts = [...char.normalize("NFD")];
    let done = false;
    for (let take = parts.length - 1; take >= 1 && !done; take--) {
      const head = parts.slice(0, take).join("").normalize("NFC");
      const headByte =
        head.length === 1 ? (head.charCodeAt(0) < 0x80 ? head.charCodeAt(0) : table.get(head)) : undefined;
      const marks = parts.slice(take).map((mark) => table.get(mark));
      if (headByte !== undefined && marks.every((m) => m !== undefined)) {
        bytes.push(headByte, ...(marks as number[]));
        done = true;
      }
    }
    if (!done) return null;
  }
  return Uint8Array.from(bytes);
}

/** UTF-8 read as Windows-1252, Windows-1258 or ISO-8859-1, up to three times over, read back. */
export function undoMojibake(text: string): string {
  const strict = new TextDecoder("utf-8", { fatal: true });
  let current = text;
  for (let round = 0; round < 3; round++) {
    // The reading that gives Vietnamese words wins over one that is merely valid UTF-8.
    const readings: string[] = [];
    for (const table of codePageTables()) {
      const bytes = encodeIn(table, current);
      if (!bytes?.some((b) => b >= 0x80)) continue;
      try {
        readings.push(strict.decode(bytes).normalize("NFC"));
      } catch {
        // Not UTF-8 in this code page.
      }
    }
    const next = readings.find((reading) => looksVietnamese(reading)) ?? readings[0];
    if (next === undefined || next === current) break;
    current = next;
  }
  return current;
}

/**
 * TCVN3 (ABC, fonts .VnTime…): one byte per Vietnamese letter, stored in files as the
 * Windows-1252 character of that byte (the font draws "Ô" as "ễ"). TCVN 5712:1993, VN3.
 */
const TCVN3: Record<string, string> = {
  "¡": "Ă",
  "¢": "Â",
  "£": "Ê",
  "¤": "Ô",
  "¥": "Ơ",
  "¦": "Ư",
  "§": "Đ",
  "¨": "ă",
  "©": "â",
  ª: "ê",
  "«": "ô",
  "¬": "ơ",
  "\u00ad": "ư",
  "®": "đ",
  µ: "à",
  "¶": "ả",
  "·": "ã",
  "¸": "á",
  "¹": "ạ",
  "»": "ằ",
  "¼": "ẳ",
  "½": "ẵ",
  "¾": "ắ",
  Æ: "ặ",
  Ç: "ầ",
  È: "ẩ",
  É: "ẫ",
  Ê: "ấ",
  Ë: "ậ",
  Ì: "è",
  Î: "ẻ",
  Ï: "ẽ",
  Ð: "é",
  Ñ: "ẹ",
  Ò: "ề",
  Ó: "ể",
  Ô: "ễ",
  Õ: "ế",
  Ö: "ệ",
  "×": "ì",
  Ø: "ỉ",
  Ü: "ĩ",
  Ý: "í",
  Þ: "ị",
  ß: "ò",
  á: "ỏ",
  â: "õ",
  ã: "ó",
  ä: "ọ",
  å: "ồ",
  æ: "ổ",
  ç: "ỗ",
  è: "ố",
  é: "ộ",
  ê: "ờ",
  ë: "ở",
  ì: "ỡ",
  í: "ớ",
  î: "ợ",
  ï: "ù",
  ñ: "ủ",
  ò: "ũ",
  ó: "ú",
  ô: "ụ",
  õ: "ừ",
  ö: "ử",
  "÷": "ữ",
  ø: "ứ",
  ù: "ự",
  ú: "ỳ",
  û: "ỷ",
  ü: "ỹ",
  ý: "ý",
  þ: "ỵ",
};

export function fromTcvn3(text: string): string {
  const converted = [...text].map((char) => TCVN3[char] ?? char).join("");
  return sameCase(text, converted);
}

/** VNI (fonts VNI-Times…): a vowel followed by a character that draws its marks. */
const VNI_TONE: Record<string, string> = { ù: "\u0301", ø: "\u0300", û: "\u0309", õ: "\u0303", ï: "\u0323" };
const VNI_CIRCUMFLEX: Record<string, string> = {
  â: "",
  á: "\u0301",
  à: "\u0300",
  å: "\u0309",
  ã: "\u0303",
  ä: "\u0323",
};
const VNI_BREVE: Record<string, string> = { ê: "", é: "\u0301", è: "\u0300", ú: "\u0309", ü: "\u0303", ë: "\u0323" };
const VNI_LETTER: Record<string, string> = {
  í: "í",
  ì: "ì",
  æ: "ỉ",
  ó: "ĩ",
  ò: "ị",
  î: "ỵ",
  ñ: "đ",
  ô: "ơ",
  ö: "ư",
};

export function fromVni(text: string): string {
  let out = "";
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] as string;
    const lower = char.toLowerCase();
    const upper = char !== lower;
    const next = (chars[i + 1] ?? "").toLowerCase();
    const cased = (value: string) => (upper ? value.toUpperCase() : value);
    if (lower === "ô" || lower === "ö") {
      const tone = VNI_TONE[next];
      out += cased(`${VNI_LETTER[lower]}${tone ?? ""}`);
      if (tone !== undefined) i++;
      continue;
    }
    if (VNI_LETTER[lower]) {
      out += cased(VNI_LETTER[lower] as string);
      continue;
    }
    if ("aeo".includes(lower) && VNI_CIRCUMFLEX[next] !== undefined) {
      out += cased(`${lower}\u0302${VNI_CIRCUMFLEX[next]}`);
      i++;
    } else if (lower === "a" && VNI_BREVE[next] !== undefined) {
      out += cased(`a\u0306${VNI_BREVE[next]}`);
      i++;
    } else if ("aeiouy".includes(lower) && VNI_TONE[next] !== undefined) {
      out += cased(`${lower}${VNI_TONE[next]}`);
      i++;
    } else out += char;
  }
  return sameCase(text, out.normalize("NFC"));
}

/** A name typed all in capitals stays in capitals (the marks' characters of old fonts are small letters). */
function sameCase(original: string, converted: string): string {
  return /[A-Z]/.test(original) && !/[a-z]/.test(original) ? converted.toUpperCase() : converted;
}

// ---------------------------------------------------------------------------------------------
// Do these words read as Vietnamese?

const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
/** Vowel groups of Vietnamese syllables, without tone marks (after gi- and qu- are taken off). */
const VOWEL_GROUPS = new Set(
  (
    "a ă â e ê i o ô ơ u ư y " +
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ôô ơi ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê " +
    "iêu yêu oai oay oao oeo uây uôi ươi ươu uya uyê uyu"
  ).split(" "),
);
const VIETNAMESE_LETTER = /^[a-zăâđêôơư]$/;

/**
 * Whether every word of a name is made of Latin letters (with Vietnamese marks only), each with
 * at most one tone mark, no capital after a small letter, and vowel groups Vietnamese has. Names
 * of minority languages written in the Vietnamese alphabet pass; "NguyÔn" and "Nguyeãn" do not.
 */
export function looksVietnamese(name: string): boolean {
  const words = name
    .normalize("NFC")
    .split(/[\s'’\-.]+/u)
    .filter(Boolean);
  if (words.length === 0) return false;
  return words.every((word) => {
    if (/\p{Ll}\p{Lu}/u.test(word)) return false;
    const decomposed = word.toLowerCase().normalize("NFD");
    if ((decomposed.match(TONES) ?? []).length > 1) return false;
    const base = [...decomposed.replace(TONES, "").normalize("NFC")];
    if (!base.every((letter) => VIETNAMESE_LETTER.test(letter))) return false;
    const text = base
      .join("")
      .replace(/^gi(?=[aăâeêoôơuưy])/, "g")
      .replace(/^qu(?=[aăâeêioôơuưy])/, "q");
    const groups = text.match(/[aăâeêioôơuưy]+/g) ?? [];
    return groups.every((group) => VOWEL_GROUPS.has(group));
  });
}

const INITIALS = new Set(
  ["", "b", "c", "ch", "d", "đ", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh"].concat([
    "p",
    "ph",
    "q",
    "qu",
    "r",
    "s",
    "t",
    "th",
    "tr",
    "v",
    "x",
  ]),
);
const FINALS = new Set(["", "c", "ch", "m", "n", "ng", "nh", "p", "t"]);

/** Stricter than `looksVietnamese`: every word is one Vietnamese syllable (initial, vowels, final). */
export function vietnameseSyllables(name: string): boolean {
  if (!looksVietnamese(name)) return false;
  return name
    .normalize("NFC")
    .split(/[\s'’\-.]+/u)
    .filter(Boolean)
    .every((word) => {
      const base = word.toLowerCase().normalize("NFD").replace(TONES, "").normalize("NFC");
      const parts = /^([^aăâeêioôơuưy]*)([aăâeêioôơuưy]+)([^aăâeêioôơuưy]*)$/.exec(base);
      return parts !== null && INITIALS.has(parts[1] ?? "") && FINALS.has(parts[3] ?? "");
    });
}
