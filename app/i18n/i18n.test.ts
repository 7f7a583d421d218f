import { describe, expect, it } from "vitest";
import { en } from "./en";
import { formatDate, formatNumber, todayInVietnam, translator } from "./index";
import { vi } from "./vi";

describe("catalogues", () => {
  it("have the same keys and no empty message", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const text of [...Object.values(vi), ...Object.values(en)]) expect(text.trim()).not.toBe("");
  });

  it("keep Vietnamese NFC-normalised", () => {
    for (const text of Object.values(vi)) expect(text).toBe(text.normalize("NFC"));
  });

  it("use the same placeholders in both languages", () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(vi[key]));
    }
  });
});

describe("formatting", () => {
  it("fills placeholders, formatting numbers the Vietnamese way", () => {
    const t = translator("vi");
    expect(t("login.throttled.accountAddress", { minutes: 15 })).toBe(
      "Anh/chị đã nhập sai mật khẩu nhiều lần. Vui lòng thử lại sau 15 phút, hoặc nhờ quản lý cấp lại mật khẩu.",
    );
    expect(formatNumber("vi", 100000)).toBe("100.000");
    expect(formatNumber("en", 100000)).toBe("100,000");
  });

  it("writes dates day first", () => {
    expect(formatDate("vi", "2025-07-01")).toBe("01/07/2025");
    expect(formatDate("en", "2025-07-01")).toBe("01/07/2025");
    expect(formatDate("vi", "not a date")).toBe("");
  });

  it("knows the calendar date in Vietnam", () => {
    expect(todayInVietnam(new Date("2026-11-23T18:00:00Z"))).toBe("2026-11-24");
  });
});
