/** Vietnamese text rules: one place for normalisation, search folding and sorting. */

export function nfc(value: string): string {
  return value.normalize("NFC");
}

/** Trims, collapses inner white space and NFC-normalises a name as typed by a person. */
export function cleanName(value: string): string {
  return nfc(value).trim().replace(/\s+/g, " ");
}

/**
 * The search key of a text: lower case, without diacritics, đ → d, so "dien bien"
 * finds "Điện Biên". Stored beside the text so a search is an indexed LIKE, not a scan in JS.
 */
export function searchKey(value: string): string {
  return value
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

const collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

export function compareVi(a: string, b: string): number {
  return collator.compare(a, b);
}

export function sortByVi<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareVi(key(a), key(b)));
}
