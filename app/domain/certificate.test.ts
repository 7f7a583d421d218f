import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  certificateCodeFrom,
  certificateFileName,
  certificateStatus,
  countsAsTrained,
  expiryDate,
  formatCertificateCode,
  parseCertificateCode,
} from "./certificate";

describe("certificate codes", () => {
  it("are 11 symbols with a check symbol, and parse back from how people type them", () => {
    for (let i = 0; i < 200; i++) {
      const code = certificateCodeFrom(crypto.randomBytes(8));
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{10}[0-9A-HJKMNP-TV-Z*~$=U]$/);
      expect(parseCertificateCode(code)).toBe(code);
      expect(parseCertificateCode(formatCertificateCode(code).toLowerCase())).toBe(code);
      expect(parseCertificateCode(` ${formatCertificateCode(code).replace(/-/g, " ")} `)).toBe(code);
    }
  });

  it("catch a mistyped symbol and swapped neighbours", () => {
    const code = certificateCodeFrom(Uint8Array.from([1, 2, 3, 4, 5, 6, 7]));
    const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    for (let position = 0; position < 10; position++) {
      for (const replacement of alphabet) {
        if (replacement === code[position]) continue;
        const typo = code.slice(0, position) + replacement + code.slice(position + 1);
        expect(parseCertificateCode(typo), typo).toBeNull();
      }
    }
    for (let position = 0; position < 9; position++) {
      if (code[position] === code[position + 1]) continue;
      const swapped = code.slice(0, position) + code[position + 1] + code[position] + code.slice(position + 2);
      expect(parseCertificateCode(swapped), swapped).toBeNull();
    }
  });

  it("read o as 0 and i/l as 1, and refuse wrong lengths", () => {
    const code = certificateCodeFrom(Uint8Array.from([0, 0, 0, 0, 0, 0, 1]));
    expect(code.startsWith("1")).toBe(true);
    expect(parseCertificateCode(`l${code.slice(1)}`)).toBe(code);
    expect(parseCertificateCode("ABC")).toBeNull();
    expect(parseCertificateCode("")).toBeNull();
  });
});

describe("certificateFileName", () => {
  it("keeps file names portable whatever the check symbol", () => {
    expect(certificateFileName("ABCDEFGHJK*")).toBe("chung-nhan-ABCDE-FGHJK-x.pdf");
    expect(certificateFileName("ABCDEFGHJK7")).toBe("chung-nhan-ABCDE-FGHJK-7.pdf");
  });
});

describe("validity", () => {
  it("runs to the same day months later, clamped to the month's end", () => {
    expect(expiryDate("2026-11-23", 24)).toBe("2028-11-23");
    expect(expiryDate("2026-01-31", 1)).toBe("2026-02-28");
    expect(expiryDate("2027-12-31", 2)).toBe("2028-02-29");
  });

  it("is valid, then expiring in the last 30 days, then expired the day after; revoked wins", () => {
    const cert = { expiresOn: "2027-01-31", revokedAt: null };
    expect(certificateStatus(cert, "2026-12-01")).toBe("valid");
    expect(certificateStatus(cert, "2027-01-01")).toBe("valid");
    expect(certificateStatus(cert, "2027-01-02")).toBe("expiring");
    expect(certificateStatus(cert, "2027-01-31")).toBe("expiring");
    expect(certificateStatus(cert, "2027-02-01")).toBe("expired");
    expect(certificateStatus({ ...cert, revokedAt: Date.now() }, "2026-12-01")).toBe("revoked");
    expect(countsAsTrained("expiring")).toBe(true);
    expect(countsAsTrained("expired")).toBe(false);
    expect(countsAsTrained("revoked")).toBe(false);
  });
});
