import { describe, expect, it } from "vitest";
import { correctionDueAt, hasContactConsent, isCorrectionOverdue, noticeBlocks } from "./privacy";

describe("noticeBlocks", () => {
  it("reads headings, paragraphs spread over lines, and lists", () => {
    const text = "## Dữ liệu\n\nDòng một\ndòng hai.\n- Họ tên\n- Số điện thoại\n\nCuối.";
    expect(noticeBlocks(text)).toEqual([
      { kind: "heading", text: "Dữ liệu" },
      { kind: "paragraph", text: "Dòng một dòng hai." },
      { kind: "list", items: ["Họ tên", "Số điện thoại"] },
      { kind: "paragraph", text: "Cuối." },
    ]);
  });

  it("keeps markup as text and normalises to NFC", () => {
    const blocks = noticeBlocks("<script>alert(1)</script>\nNguye\u0302\u0303n");
    expect(blocks).toEqual([{ kind: "paragraph", text: "<script>alert(1)</script> Nguyễn" }]);
  });
});

describe("correction requests", () => {
  const asked = new Date("2026-12-02T08:00:00Z");
  it("are due the configured number of days after they were made", () => {
    expect(correctionDueAt(asked, 3).toISOString()).toBe("2026-12-05T08:00:00.000Z");
  });
  it("are overdue only while open and past the due time", () => {
    const dueAt = correctionDueAt(asked, 3);
    expect(isCorrectionOverdue({ status: "open", dueAt }, new Date("2026-12-05T08:00:01Z"))).toBe(true);
    expect(isCorrectionOverdue({ status: "open", dueAt }, new Date("2026-12-05T07:59:59Z"))).toBe(false);
    expect(isCorrectionOverdue({ status: "corrected", dueAt }, new Date("2027-01-01T00:00:00Z"))).toBe(false);
  });
});

describe("contact consent", () => {
  it("is the latest choice, and absent without one", () => {
    expect(hasContactConsent([])).toBe(false);
    expect(hasContactConsent([{ id: 1, granted: true }])).toBe(true);
    expect(
      hasContactConsent([
        { id: 2, granted: false },
        { id: 1, granted: true },
      ]),
    ).toBe(false);
    expect(
      hasContactConsent([
        { id: 3, granted: true },
        { id: 2, granted: false },
      ]),
    ).toBe(true);
  });
});
