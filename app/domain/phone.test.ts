import { describe, expect, it } from "vitest";
import { normalisePhone } from "./phone";

describe("normalisePhone", () => {
  it.each([
    ["0912345678"],
    ["0912 345 678"],
    ["0912.345.678"],
    ["0912-345-678"],
    ["0912–345–678"],
    ["(0912) 345 678"],
    ["912345678"],
    ["+84912345678"],
    ["+84 912 345 678"],
    ["+84-912-345-678"],
    ["+84 (0)912 345 678"],
    ["+84(0)912345678"],
    ["+84 0912 345 678"],
    ["84912345678"],
    ["84 912 345 678"],
    ["84 (0) 912 345 678"],
    ["0084912345678"],
    ["0084 912 345 678"],
    ["(+84) 912 345 678"],
    ["０９１２３４５６７８"],
    ["tel:+84912345678"],
    [" 0912\u00a0345\u00a0678 "],
  ])("reads %s as 0912345678", (spelling) => {
    expect(normalisePhone(spelling)).toBe("0912345678");
  });

  it("reads landlines with their area code", () => {
    expect(normalisePhone("0203 3824 123")).toBe("02033824123");
    expect(normalisePhone("+84 203 3824 123")).toBe("02033824123");
    expect(normalisePhone("2033824123")).toBe("02033824123");
  });

  it("never makes 00… of a trunk zero, and refuses what is not a Vietnamese number", () => {
    expect(normalisePhone("+84 (0)912 000 004")).toBe("0912000004");
    for (const bad of ["12345", "98711333", "+1 212 555 0100", "0912 345 67a", "00912000004x", "091234567890", ""])
      expect(normalisePhone(bad), bad).toBeNull();
  });
});
