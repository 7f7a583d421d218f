import { describe, expect, it } from "vitest";
import { parseAuditQuery, startOfDayInVietnam } from "./audit";

describe("audit log filters", () => {
  it("keeps the good filters and names the bad ones", () => {
    const { query, ignored } = parseAuditQuery(
      new URLSearchParams({ person: " Hằng ", unit: "abc", kind: "unit", from: "2026-02-30", to: "2026-12-01" }),
    );
    expect(query).toEqual({ person: "Hằng", kind: "unit", to: "2026-12-01" });
    expect(ignored.sort()).toEqual(["from", "unit"]);
  });

  it("treats blanks as no filter and refuses unknown kinds", () => {
    expect(parseAuditQuery(new URLSearchParams({ person: "", kind: "drop table" }))).toEqual({
      query: {},
      ignored: ["kind"],
    });
  });

  it("drops the end of a range that ends before it starts", () => {
    const { query, ignored } = parseAuditQuery(new URLSearchParams({ from: "2026-12-02", to: "2026-12-01" }));
    expect(query).toEqual({ from: "2026-12-02" });
    expect(ignored).toEqual(["to"]);
  });

  it("starts a day at midnight in Vietnam", () => {
    expect(startOfDayInVietnam("2026-12-02").toISOString()).toBe("2026-12-01T17:00:00.000Z");
    expect(startOfDayInVietnam("2026-12-02", 1).toISOString()).toBe("2026-12-02T17:00:00.000Z");
  });
});
