import { describe, expect, it } from "vitest";
import { cleanName, nfc, searchKey, sortByVi } from "./text";

describe("searchKey", () => {
  it("folds Vietnamese diacritics and đ so plain typing finds the name", () => {
    expect(searchKey("Điện Biên")).toBe("dien bien");
    expect(searchKey("Mường Ảng")).toBe("muong ang");
    expect(searchKey("  Nguyễn   Thị  Hoà ")).toBe("nguyen thi hoa");
  });

  it("gives the same key for NFC and NFD input", () => {
    const decomposed = "Tuần Giáo".normalize("NFD");
    expect(searchKey(decomposed)).toBe(searchKey("Tuần Giáo"));
  });
});

describe("cleanName", () => {
  it("stores names NFC-normalised with single spaces", () => {
    const typed = "  Lò   Văn Thắng ".normalize("NFD");
    const cleaned = cleanName(typed);
    expect(cleaned).toBe("Lò Văn Thắng");
    expect(cleaned).toBe(nfc(cleaned));
    expect(cleaned.length).toBe("Lò Văn Thắng".length);
  });
});

describe("sortByVi", () => {
  it("orders by the Vietnamese alphabet (Đ after D, Ư after U)", () => {
    const names = ["Ương", "Đông", "Dung", "Uyên", "An", "Ân"];
    expect(sortByVi(names, (n) => n)).toEqual(["An", "Ân", "Dung", "Đông", "Uyên", "Ương"]);
  });
});
