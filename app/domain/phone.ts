/**
 * Vietnamese phone numbers, however they are written, in one canonical form: "0" and the
 * national number (9 digits for a mobile, 10 for a landline with its 2xx area code). The one
 * normaliser for forms, roster files and matching; stored phones are in this form. Decision 019.
 */

/**
 * "+84 912 345 678", "84912345678", "0084 912 345 678", "+84 (0)912 345 678", "0912.345.678",
 * "0912-345-678", "(0203) 3824 123", full-width digits, and a number Excel stored without its
 * leading zero ("912345678") all give "0912345678" (or "02033824123"). Null when it is not a
 * Vietnamese number: another country's code, too few or too many digits, letters.
 */
export function normalisePhone(raw: string): string | null {
  const compact = raw
    .normalize("NFKC")
    .trim()
    .replace(/^tel:/i, "")
    .replace(/[\s.\-\u2010-\u2015()'/]/g, "");
  if (!/^\+?\d+$/.test(compact)) return null;
  let national: string;
  let international = true;
  if (compact.startsWith("+")) {
    if (!compact.startsWith("+84")) return null;
    national = compact.slice(3);
  } else if (compact.startsWith("0084")) national = compact.slice(4);
  else if (compact.startsWith("84") && (compact.length === 11 || compact.length === 12)) national = compact.slice(2);
  else {
    international = false;
    national = compact.startsWith("0") ? compact.slice(1) : compact;
  }
  // "+84 (0)912…": the trunk zero written after the country code.
  if (international && national.startsWith("0")) national = national.slice(1);
  // Mobiles 03x, 05x, 07x, 08x, 09x (9 digits after the 0); landlines 02xx (10 digits).
  if (/^[35789]\d{8}$/.test(national) || /^2\d{9}$/.test(national)) return `0${national}`;
  return null;
}
