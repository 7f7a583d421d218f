import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export interface TextItem {
  str: string;
  x: number;
  y: number;
  width: number;
}

/** Every page's text items, as the PDF holds them, with their position (PDF points, y up). */
export async function pdfPages(bytes: Uint8Array): Promise<TextItem[][]> {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  const pages: TextItem[][] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    const items: TextItem[] = [];
    for (const item of content.items) {
      if ("str" in item && item.str.trim()) {
        items.push({ str: item.str, x: item.transform[4], y: item.transform[5], width: item.width });
      }
    }
    pages.push(items);
  }
  await pdf.destroy();
  return pages;
}

export const pageText = (items: TextItem[]) => items.map((item) => item.str).join("\n");

/** The whole document's text, page after page. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await pdfPages(bytes)).map(pageText).join("\n");
}
