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
