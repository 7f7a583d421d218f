import { describe, expect, it } from "vitest";
import { findTier, type ListedUnit, planUnitList } from "./unit-list";

const tiers = [
  { id: 1, code: "nation", nameVi: "Trung ương", level: 0 },
  { id: 2, code: "province", nameVi: "Tỉnh/Thành phố", level: 1 },
  { id: 3, code: "district", nameVi: "Huyện/Quận/Thị xã", level: 2 },
  { id: 4, code: "commune", nameVi: "Xã/Phường/Đặc khu", level: 3 },
  { id: 5, code: "village", nameVi: "Thôn/Bản/Tổ dân phố", level: 4 },
];
const unit = (code: string, over: Partial<ListedUnit> = {}): [string, ListedUnit] => [
  code,
  { id: 1, code, name: code, path: "/1/", parentCode: null, tierCode: "nation", status: "active", ...over },
];
const existing = new Map([
  unit("VN"),
  unit("11", { id: 2, name: "Tỉnh Điện Biên", path: "/1/2/", parentCode: "VN", tierCode: "province" }),
  unit("09401", { id: 9, name: "Phường Him Lam", path: "/1/2/5/9/", parentCode: "094", tierCode: "commune" }),
  unit("27", { id: 3, name: "Tỉnh Bắc Ninh", path: "/1/3/", parentCode: "VN", tierCode: "province" }),
]);
const context = { existingByCode: existing, tiers, scopePaths: ["/1/2/"] };
const line = (row: number, code: string, name: string, tier: string, parentCode: string) => ({
  row,
  cells: { code, name, tier, parentCode },
});

describe("findTier", () => {
  it("reads a tier by code or by any of its Vietnamese names", () => {
    expect(findTier(tiers, "Xã")?.code).toBe("commune");
    expect(findTier(tiers, "phuong")?.code).toBe("commune");
    expect(findTier(tiers, "Tỉnh/Thành phố")?.code).toBe("province");
    expect(findTier(tiers, "village")?.code).toBe("village");
    expect(findTier(tiers, "ấp")).toBeUndefined();
  });
});

describe("planUnitList", () => {
  it("orders parents before children, and says what happens to each unit", () => {
    const plan = planUnitList(
      [
        line(2, "1140101", "Thôn Noong Bua", "Thôn", "11401"),
        line(3, "11401", "Phường Điện Biên Phủ", "Phường", "11"),
        line(4, "09401", "Phường Him Lam mới", "Phường", "11"),
      ],
      context,
    );
    expect(plan.problems).toEqual([]);
    expect(plan.actions.map((a) => [a.code, a.kind])).toEqual([
      ["11401", "create"],
      ["1140101", "create"],
      ["09401", "rename-move"],
    ]);
  });

  it("names row and column for each problem: codes twice, unknown or foreign parents, tiers upside down, cycles", () => {
    const plan = planUnitList(
      [
        line(2, "11501", "Xã A", "Xã", "99"),
        line(3, "11502", "Xã B", "Xã", "27"),
        line(4, "11503", "Tỉnh C", "Tỉnh", "11"),
        line(5, "11504", "Xã D", "Xã", "11505"),
        line(6, "11505", "Xã E", "Xã", "11504"),
        line(7, "11506", "", "Xã", "11"),
        line(8, "11506", "Xã F", "Xã", "11"),
        line(9, "11507", "Xã G", "Huyện lỵ", "11"),
      ],
      context,
    );
    const byRow = new Map(plan.problems.map((p) => [p.row, `${p.column}: ${p.message}`]));
    expect(byRow.get(2)).toMatch(/^Mã đơn vị cấp trên: Không có đơn vị mã "99"/);
    expect(byRow.get(3)).toMatch(/ngoài phạm vi/);
    expect(byRow.get(4)).toMatch(/^Cấp: /);
    expect(plan.problems.some((p) => (p.row === 5 || p.row === 6) && /vòng/.test(p.message))).toBe(true);
    expect(byRow.get(7)).toMatch(/^Tên đơn vị: Thiếu/);
    expect(byRow.get(9)).toMatch(/^Cấp: Không có cấp "Huyện lỵ"/);
    expect(plan.actions).toEqual([expect.objectContaining({ code: "11506" })]);
  });

  it("finds nothing to do when the list matches the tree", () => {
    const plan = planUnitList([line(2, "09401", "Phường Him Lam", "Xã", "094")], {
      ...context,
      existingByCode: new Map([
        ...existing,
        unit("094", { id: 5, path: "/1/2/5/", parentCode: "11", tierCode: "district" }),
      ]),
    });
    expect(plan.actions.map((a) => a.kind)).toEqual(["unchanged"]);
  });
});
