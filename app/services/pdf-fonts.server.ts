/**
 * The fonts of every PDF the app makes. Be Vietnam Pro was drawn for Vietnamese: every
 * stacked diacritic has its own glyph, so names print as written.
 */
import fs from "node:fs";
import { createRequire } from "node:module";

const FONT_FILES = {
  regular: "@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf",
  semibold: "@expo-google-fonts/be-vietnam-pro/600SemiBold/BeVietnamPro_600SemiBold.ttf",
  bold: "@expo-google-fonts/be-vietnam-pro/700Bold/BeVietnamPro_700Bold.ttf",
} as const;
export type FontName = keyof typeof FONT_FILES;

let fonts: Record<FontName, Buffer> | undefined;

/** Read once per process: the files do not change while the server runs. */
export function loadFonts(): Record<FontName, Buffer> {
  if (!fonts) {
    // Resolved through Node's module lookup so it works from the sources and from build/.
    const require = createRequire(import.meta.url);
    const read = (file: string) => fs.readFileSync(require.resolve(file));
    fonts = { regular: read(FONT_FILES.regular), semibold: read(FONT_FILES.semibold), bold: read(FONT_FILES.bold) };
  }
  return fonts;
}

/** The colours both documents share. */
export const PDF_COLOURS: Record<"brand" | "ink" | "muted" | "red", string> = {
  brand: "#1f4e8c",
  ink: "#1e293b",
  muted: "#475569",
  red: "#b91c1c",
};

/** A4 portrait in points: the sheets place every line themselves from these. */
export const A4 = { width: 595.28, height: 841.89 } as const;

/** Collects a pdfkit document's bytes, with the app's fonts registered under their names. */
export function collectPdf(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const font = loadFonts();
  for (const name of Object.keys(font) as FontName[]) doc.registerFont(name, font[name]);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

/**
 * Greedy line breaking on spaces in the document's current font; a word wider than the cell
 * is broken between letters. More than `maxLines` lines are cut, the last ending in "…", so a
 * table row always fits on a page.
 */
export function wrapText(doc: PDFKit.PDFDocument, text: string, width: number, maxLines: number): string[] {
  if (!text) return [];
  const space = doc.widthOfString(" ");
  const lines: string[] = [];
  let line = "";
  let lineWidth = 0;
  for (const word of text.split(" ")) {
    let wordWidth = doc.widthOfString(word);
    let rest = word;
    while (wordWidth > width) {
      // Rare (a long unbroken word): cut it into pieces that fit.
      const chars = Array.from(rest);
      if (chars.length < 2) break;
      if (line) lines.push(line);
      let n = chars.length - 1;
      while (n > 1 && doc.widthOfString(chars.slice(0, n).join("")) > width) n--;
      lines.push(chars.slice(0, n).join(""));
      rest = chars.slice(n).join("");
      wordWidth = doc.widthOfString(rest);
      line = "";
      lineWidth = 0;
    }
    if (!line) {
      line = rest;
      lineWidth = wordWidth;
    } else if (lineWidth + space + wordWidth <= width) {
      line += ` ${rest}`;
      lineWidth += space + wordWidth;
    } else {
      lines.push(line);
      line = rest;
      lineWidth = wordWidth;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = `${kept[maxLines - 1]}…`;
  while (last.length > 1 && doc.widthOfString(last) > width) last = `${Array.from(last).slice(0, -2).join("")}…`;
  kept[maxLines - 1] = last;
  return kept;
}
