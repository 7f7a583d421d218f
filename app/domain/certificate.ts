/**
 * Certificates: the verification code, validity and status. Pure.
 *
 * The code is 10 Crockford base-32 symbols (50 random bits: guessing one valid code among
 * a million certificates takes about 10^9 tries) and a Crockford check symbol (mod 37), so a
 * mistyped symbol or two swapped neighbours are caught before any lookup. Crockford's
 * alphabet has no I, L, O or U, and reading is forgiving: i/l → 1, o → 0, any case, any
 * spaces or dashes. Printed as XXXXX-XXXXX-C.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CHECK_ALPHABET = `${ALPHABET}*~$=U`;
export const CODE_LENGTH = 10;

function checkSymbol(body: string): string {
  let remainder = 0;
  for (const char of body) remainder = (remainder * 32 + ALPHABET.indexOf(char)) % 37;
  return CHECK_ALPHABET[remainder] as string;
}

/** A new code from random bytes (at least 7; 50 bits are used). */
export function certificateCodeFrom(randomBytes: Uint8Array): string {
  if (randomBytes.length < 7) throw new Error("need at least 7 random bytes");
  let bits = 0n;
  for (const byte of randomBytes.slice(0, 7)) bits = (bits << 8n) | BigInt(byte);
  let body = "";
  for (let i = 0; i < CODE_LENGTH; i++) {
    body += ALPHABET[Number(bits & 31n)];
    bits >>= 5n;
  }
  return body + checkSymbol(body);
}

export function formatCertificateCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5, 10)}-${code.slice(10)}`;
}

/**
 * A file name for the certificate's PDF. The check symbol may be one of * ~ $ =, which some
 * systems refuse in file names; those become "x" (the name is a label, the code is inside).
 */
export function certificateFileName(code: string): string {
  return `chung-nhan-${formatCertificateCode(code).replace(/[^0-9A-Z-]/g, "x")}.pdf`;
}

/** The code as typed by a person, or null when it cannot be a code (wrong length or check). */
export function parseCertificateCode(typed: string): string | null {
  const cleaned = typed
    .toUpperCase()
    .replace(/[\s\-_.]/g, "")
    .replace(/[IL]/g, "1")
    .replace(/O/g, "0");
  if (cleaned.length !== CODE_LENGTH + 1) return null;
  const body = cleaned.slice(0, CODE_LENGTH);
  if ([...body].some((c) => !ALPHABET.includes(c))) return null;
  return checkSymbol(body) === cleaned.slice(CODE_LENGTH) ? cleaned : null;
}

/** The expiry date: the same day `months` later (31 January + 1 month → 28/29 February). */
export function expiryDate(issuedOn: string, months: number): string {
  const [y, m, d] = issuedOn.split("-").map(Number) as [number, number, number];
  const targetMonth = m - 1 + months;
  const year = y + Math.floor(targetMonth / 12);
  const month = ((targetMonth % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const date = new Date(Date.UTC(year, month, Math.min(d, lastDay)));
  return date.toISOString().slice(0, 10);
}

export const EXPIRING_WITHIN_DAYS = 30;

export type CertificateStatus = "valid" | "expiring" | "expired" | "revoked";

/** Valid through its expiry date; "expiring" in the last 30 days; dates are Vietnam calendar dates. */
export function certificateStatus(
  certificate: { expiresOn: string; revokedAt: Date | number | null },
  today: string,
): CertificateStatus {
  if (certificate.revokedAt) return "revoked";
  if (today > certificate.expiresOn) return "expired";
  const daysLeft = (Date.parse(`${certificate.expiresOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  return daysLeft < EXPIRING_WITHIN_DAYS ? "expiring" : "valid";
}

/** A certificate counts as "trained" while valid or expiring, not once expired or revoked. */
export function countsAsTrained(status: CertificateStatus): boolean {
  return status === "valid" || status === "expiring";
}
