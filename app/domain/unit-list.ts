/**
 * The official list of units from a spreadsheet (code, name, tier, parent code): checks of
 * each row and the plan (create, rename, move, nothing), parents before children. Pure.
 */
import type { RowProblem } from "./roster";
import { cleanName, searchKey } from "./text";
import { isWithin, type UnitPath } from "./tree";

export const UNIT_LIST_COLUMNS = [
  { key: "code", header: "Mã đơn vị", aliases: ["ma", "ma dvhc", "ma don vi hanh chinh"] },
  { key: "name", header: "Tên đơn vị", aliases: ["ten", "ten dvhc", "ten don vi hanh chinh"] },
  { key: "tier", header: "Cấp", aliases: ["cap hanh chinh", "cap don vi"] },
  { key: "parentCode", header: "Mã đơn vị cấp trên", aliases: ["ma cap tren", "ma tinh", "ma don vi truc thuoc"] },
] as const;

export type UnitListKey = (typeof UNIT_LIST_COLUMNS)[number]["key"];

export function knownUnitListHeaders(): string[] {
  return UNIT_LIST_COLUMNS.flatMap((c) => [searchKey(c.header), ...c.aliases]);
}

export function mapUnitListColumns(headers: readonly string[]): {
  columns: Partial<Record<UnitListKey, number>>;
  missing: string[];
} {
  const columns: Partial<Record<UnitListKey, number>> = {};
  headers.forEach((header, index) => {
    const folded = searchKey(header.replace(/[*:]/g, " "));
    const column = UNIT_LIST_COLUMNS.find(
      (c) => searchKey(c.header) === folded || (c.aliases as readonly string[]).includes(folded),
    );
    if (column && columns[column.key] === undefined) columns[column.key] = index;
  });
  return { columns, missing: UNIT_LIST_COLUMNS.filter((c) => columns[c.key] === undefined).map((c) => c.header) };
}

export interface ListTier {
  id: number;
  code: string;
  nameVi: string;
  level: number;
}

export interface ListedUnit {
  id: number;
  code: string;
  name: string;
  path: UnitPath;
  parentCode: string | null;
  tierCode: string;
  status: string;
}

export interface UnitListContext {
  existingByCode: ReadonlyMap<string, ListedUnit>;
  tiers: readonly ListTier[];
  scopePaths: readonly UnitPath[];
}

export type UnitListAction = {
  kind: "create" | "rename" | "move" | "rename-move" | "unchanged";
  row: number;
  code: string;
  name: string;
  tier: ListTier;
  parentCode: string;
};

const CODE = /^[0-9A-Z._-]{1,20}$/;

/** "Xã", "xa", "commune", "Xã/Phường/Đặc khu" all name the commune tier. */
export function findTier(tiers: readonly ListTier[], written: string): ListTier | undefined {
  const folded = searchKey(written);
  return tiers.find(
    (t) =>
      t.code === folded ||
      searchKey(t.nameVi) === folded ||
      searchKey(t.nameVi)
        .split("/")
        .some((part) => part.trim() === folded),
  );
}

/**
 * Checks every row, then orders the good ones so that a parent is created before its
 * children; a unit's parent is the file's row of that code, or the unit already there.
 */
export function planUnitList(
  rows: readonly { row: number; cells: Partial<Record<UnitListKey, string>> }[],
  context: UnitListContext,
): { actions: UnitListAction[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const problem = (row: number, column: string | null, message: string) => problems.push({ row, column, message });
  const inScope = (path: UnitPath) => context.scopePaths.some((scope) => isWithin(path, scope));
  const parsed = new Map<string, { row: number; code: string; name: string; tier: ListTier; parentCode: string }>();

  for (const { row, cells } of rows) {
    const code = (cells.code ?? "").trim().toUpperCase();
    const name = cleanName(cells.name ?? "");
    const tier = findTier(context.tiers, cells.tier ?? "");
    const parentCode = (cells.parentCode ?? "").trim().toUpperCase();
    const before = problems.length;
    if (!CODE.test(code)) problem(row, "Mã đơn vị", code ? `Mã "${code}" không hợp lệ.` : "Thiếu mã đơn vị.");
    if (!name) problem(row, "Tên đơn vị", "Thiếu tên đơn vị.");
    else if (name.length > 200) problem(row, "Tên đơn vị", "Tên đơn vị dài quá 200 ký tự.");
    if (!tier) problem(row, "Cấp", `Không có cấp "${cells.tier ?? ""}" (tỉnh, huyện, xã, thôn).`);
    else if (tier.level === 0) problem(row, "Cấp", "Không nhập được đơn vị cấp trung ương.");
    if (!parentCode) problem(row, "Mã đơn vị cấp trên", "Thiếu mã đơn vị cấp trên.");
    if (code && parsed.has(code)) problem(row, "Mã đơn vị", `Mã "${code}" trùng với dòng ${parsed.get(code)?.row}.`);
    if (problems.length === before && tier) parsed.set(code, { row, code, name, tier, parentCode });
  }

  const tierOfParent = (code: string) =>
    parsed.get(code)?.tier ?? context.tiers.find((t) => t.code === context.existingByCode.get(code)?.tierCode);
  const ordered: UnitListAction[] = [];
  const state = new Map<string, "visiting" | "done" | "bad">();
  const visit = (code: string): boolean => {
    const entry = parsed.get(code);
    if (!entry) return true;
    const seen = state.get(code);
    if (seen === "done") return true;
    if (seen === "bad") return false;
    if (seen === "visiting") {
      problem(entry.row, "Mã đơn vị cấp trên", "Các dòng làm đơn vị cấp trên của nhau thành vòng.");
      state.set(code, "bad");
      return false;
    }
    state.set(code, "visiting");
    const { row, name, tier, parentCode } = entry;
    const existingParent = context.existingByCode.get(parentCode);
    const parentOk = parsed.has(parentCode) ? visit(parentCode) : existingParent !== undefined;
    if (parsed.has(parentCode) && !parentOk)
      problem(row, "Mã đơn vị cấp trên", `Đơn vị cấp trên (dòng ${parsed.get(parentCode)?.row}) có lỗi.`);
    else if (!parsed.has(parentCode) && !existingParent)
      problem(row, "Mã đơn vị cấp trên", `Không có đơn vị mã "${parentCode}" (trong tệp hay trong hệ thống).`);
    // A unit outside the area is named by the code the file gave, whatever became of it.
    else if (existingParent && !inScope(existingParent.path))
      problem(row, "Mã đơn vị cấp trên", `Đơn vị cấp trên mã "${parentCode}" nằm ngoài phạm vi của bạn.`);
    else if (existingParent && existingParent.status !== "active")
      problem(row, "Mã đơn vị cấp trên", `Đơn vị cấp trên ${existingParent.name} đã sáp nhập hoặc giải thể.`);
    const parentTier = tierOfParent(parentCode);
    if (parentTier && parentTier.level >= tier.level)
      problem(row, "Cấp", `Đơn vị cấp ${tier.nameVi} không thể trực thuộc đơn vị cấp ${parentTier.nameVi}.`);
    const existing = context.existingByCode.get(code);
    let kind: UnitListAction["kind"] = "create";
    if (existing) {
      if (!inScope(existing.path)) problem(row, "Mã đơn vị", `Đơn vị mã "${code}" nằm ngoài phạm vi của bạn.`);
      else if (existing.status !== "active")
        problem(row, "Mã đơn vị", `Đơn vị ${existing.name} (${code}) đã sáp nhập hoặc giải thể.`);
      else if (existing.tierCode !== tier.code)
        problem(row, "Cấp", `Đơn vị ${code} đang là cấp khác; đổi cấp hãy dùng sắp xếp đơn vị hành chính.`);
      else if (existingParent && isWithin(existingParent.path, existing.path))
        problem(row, "Mã đơn vị cấp trên", "Không thể chuyển một đơn vị vào chính đơn vị trực thuộc của nó.");
      const renamed = existing.name !== name;
      const moved = existing.parentCode !== parentCode;
      kind = renamed && moved ? "rename-move" : renamed ? "rename" : moved ? "move" : "unchanged";
    }
    const failed = problems.some((p) => p.row === row);
    state.set(code, failed || !parentOk ? "bad" : "done");
    if (!failed && parentOk) ordered.push({ kind, row, code, name, tier, parentCode });
    return !failed && parentOk;
  };
  for (const code of parsed.keys()) visit(code);
  return { actions: ordered, problems: problems.sort((a, b) => a.row - b.row) };
}
