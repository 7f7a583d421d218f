/**
 * Staff rosters from spreadsheets: the columns, the checks of each row, and the plan of what
 * an import will do (create, update, move, nothing), person by person. Pure: the service
 * reads the file and the database and applies the plan in one transaction.
 * Messages are Vietnamese: they are shown to the manager row by row.
 */

import { checkName, findControlCharacter, type NameRepairKind } from "./encoding";
import { normalisePhone } from "./phone";
import { cleanName, searchKey } from "./text";
import { isWithin, type UnitPath } from "./tree";

export const ROSTER_COLUMNS = [
  { key: "fullName", header: "Họ và tên", aliases: ["ho ten", "ten"], required: true },
  { key: "birthDate", header: "Ngày sinh", aliases: ["ngay thang nam sinh"], required: false },
  { key: "phone", header: "Điện thoại", aliases: ["so dien thoai", "sdt", "dien thoai di dong"], required: true },
  { key: "email", header: "Email", aliases: ["thu dien tu", "e-mail"], required: false },
  { key: "unitCode", header: "Mã đơn vị", aliases: ["ma dv", "ma don vi hanh chinh"], required: true },
  { key: "position", header: "Chức danh", aliases: ["chuc vu", "vi tri"], required: true },
  { key: "username", header: "Tên đăng nhập", aliases: ["tai khoan", "ten tai khoan"], required: false },
] as const;

export type RosterKey = (typeof ROSTER_COLUMNS)[number]["key"];

/** A header as people write it: "Họ và tên *" (the template marks required columns) is "ho va ten". */
function foldHeader(header: string): string {
  return searchKey(header.replace(/[*:]/g, " "));
}

/** Every header text (folded) the importer recognises, for finding the header row. */
/**
 * Names positions had before the catalogue was corrected, as older staff lists still write
 * them (search keys: no diacritics, lower case). Decree 56/2017 names the commune role
 * "người làm công tác bảo vệ trẻ em cấp xã"; its holder need not be a civil servant.
 */
const FORMER_POSITION_NAMES: Record<string, string> = {
  "cong chuc phu trach cong tac tre em cap xa": "commune_officer",
};

export function knownRosterHeaders(): string[] {
  const names = ROSTER_COLUMNS.flatMap((c) => [searchKey(c.header), ...c.aliases]);
  return [...names, ...names.map((name) => `${name} *`)];
}

export type ColumnMap = Partial<Record<RosterKey, number>>;

/** Which column holds what, from the header row; the required ones that are missing. */
export function mapColumns(headers: readonly string[]): { columns: ColumnMap; missing: string[] } {
  const columns: ColumnMap = {};
  headers.forEach((header, index) => {
    const folded = foldHeader(header);
    const column = ROSTER_COLUMNS.find(
      (c) => searchKey(c.header) === folded || (c.aliases as readonly string[]).includes(folded),
    );
    if (column && columns[column.key] === undefined) columns[column.key] = index;
  });
  const missing = ROSTER_COLUMNS.filter((c) => c.required && columns[c.key] === undefined).map((c) => c.header);
  return { columns, missing };
}

export interface RowProblem {
  row: number;
  /** The column's header as in the template, or null for the whole row. */
  column: string | null;
  message: string;
}

export interface RosterUnit {
  id: number;
  code: string;
  name: string;
  path: UnitPath;
  status: string;
  /** The unit's tier (province, commune…), to tell a position that usually sits elsewhere. */
  tierId?: number;
  /** The unit a merged unit became part of. */
  successor?: { name: string; code: string } | null;
}

export interface RosterPosition {
  id: number;
  code: string;
  nameVi: string;
  /** The tier where the position usually sits (informative: a person may hold it elsewhere). */
  tierId?: number | null;
}

export interface TierLevel {
  id: number;
  /** From the top: the nation is 0. */
  level: number;
}

/**
 * Whether a position usually sits at another tier than the unit's — a commune officer listed
 * in a province, say. A position of a tier that has no units (villages: their collaborators
 * are placed in their commune) belongs to the nearest tier above that has units. It is
 * imported all the same (the catalogue's tier is informative); the preview points it out.
 */
export function positionOutsideItsTier(
  unitTierId: number | undefined,
  positionTier: TierLevel | undefined,
  tiersWithUnits: readonly TierLevel[],
): boolean {
  if (unitTierId === undefined || !positionTier) return false;
  const holding = tiersWithUnits
    .filter((tier) => tier.level <= positionTier.level)
    .sort((a, b) => b.level - a.level)[0];
  return holding !== undefined && holding.id !== unitTierId;
}

export interface RosterContext {
  unitsByCode: ReadonlyMap<string, RosterUnit>;
  positions: readonly RosterPosition[];
  /** The importer's area: the units they may place people in. */
  scopePaths: readonly UnitPath[];
  today: string;
}

export interface RosterRow {
  row: number;
  fullName: string;
  birthDate: string | null;
  phone: string;
  email: string | null;
  unit: RosterUnit;
  position: RosterPosition;
  username: string | null;
  /** The name as the file had it, when it was converted from an old font or a wrong decoding. */
  nameRepair: { kind: NameRepairKind; original: string } | null;
}

export { normalisePhone };

/** YYYY-MM-DD or DD/MM/YYYY (as Vietnamese write dates); null when it is not a real date. */
export function parseBirthDate(raw: string): string | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(raw);
  const vi = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(raw);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : vi ? [vi[3], vi[2], vi[1]] : [];
  if (!y || !m || !d) return null;
  const date = `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(date) ? date : null;
}

const USERNAME = /^[a-z0-9._-]{3,40}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks one row; every problem names its row and column. */
export function checkRosterRow(
  row: number,
  cells: Partial<Record<RosterKey, string>>,
  context: RosterContext,
): { ok: true; value: RosterRow } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const problem = (key: RosterKey, message: string) =>
    problems.push({ row, column: ROSTER_COLUMNS.find((c) => c.key === key)?.header ?? null, message });
  const text = (key: RosterKey) => (cells[key] ?? "").normalize("NFC").trim();
  // A control character hides in a cell (and in the database) unseen: no text field may hold one.
  for (const column of ROSTER_COLUMNS) {
    if (column.key === "fullName") continue;
    const control = findControlCharacter(cells[column.key] ?? "");
    if (control)
      problem(
        column.key,
        `Ô này có ký tự điều khiển hoặc ký tự hỏng (${control.codePoint}, ký tự thứ ${control.position}); hãy gõ lại ô này.`,
      );
  }
  const controlIn = (key: RosterKey) => problems.some((p) => p.column === columnHeader(key));

  const name = checkRosterName(text("fullName"));
  const fullName = name.ok ? name.name : "";
  if (!name.ok) problem("fullName", name.message);

  let birthDate: string | null = null;
  if (text("birthDate")) {
    birthDate = parseBirthDate(text("birthDate"));
    if (!birthDate)
      problem("birthDate", `Ngày sinh "${text("birthDate")}" không đúng; viết ngày/tháng/năm, ví dụ 05/09/1985.`);
    else if (birthDate > context.today || birthDate < "1930-01-01")
      problem("birthDate", `Ngày sinh ${text("birthDate")} không hợp lý.`);
  }

  const phone = normalisePhone(text("phone"));
  if (!text("phone")) problem("phone", "Thiếu số điện thoại.");
  else if (!phone)
    problem(
      "phone",
      `Số điện thoại "${text("phone")}" không đúng: cần số di động 10 chữ số (0912 345 678, +84 912 345 678) hoặc số cố định có mã vùng.`,
    );

  const email = text("email").toLowerCase() || null;
  if (email && (!EMAIL.test(email) || email.length > 200)) problem("email", `Email "${text("email")}" không đúng.`);

  const code = text("unitCode").toUpperCase();
  const unit = code ? context.unitsByCode.get(code) : undefined;
  if (!code) problem("unitCode", "Thiếu mã đơn vị.");
  else if (!unit) {
    // Excel drops the leading zero of a code stored as a number: 09401 becomes 9401.
    const padded = /^\d+$/.test(code) ? context.unitsByCode.get(`0${code}`) : undefined;
    const inArea = padded && context.scopePaths.some((scope) => isWithin(padded.path, scope));
    problem(
      "unitCode",
      inArea
        ? `Không có đơn vị mã "${code}"; mã ${code} có thể là 0${code}? (Excel bỏ số 0 ở đầu khi ô là dạng số; hãy định dạng cột là Văn bản.)`
        : `Không có đơn vị mã "${code}".`,
    );
  }
  // A unit outside the area is named by its code only, whatever became of it.
  else if (!context.scopePaths.some((scope) => isWithin(unit.path, scope)))
    problem("unitCode", `Đơn vị mã "${code}" nằm ngoài phạm vi bạn quản lý.`);
  else if (unit.status !== "active")
    problem(
      "unitCode",
      unit.successor
        ? `Đơn vị ${unit.name} (${code}) đã sáp nhập vào ${unit.successor.name} (${unit.successor.code}) — dùng mã này.`
        : `Đơn vị ${unit.name} (${code}) đã sáp nhập hoặc giải thể.`,
    );

  const positionText = searchKey(text("position"));
  const formerCode = FORMER_POSITION_NAMES[positionText];
  const position = positionText
    ? context.positions.find(
        (p) =>
          p.code === positionText.replace(/ /g, "_") || searchKey(p.nameVi) === positionText || p.code === formerCode,
      )
    : undefined;
  if (!positionText) problem("position", "Thiếu chức danh.");
  else if (!position)
    problem("position", `Không có chức danh "${text("position")}". Dùng đúng tên trong danh mục chức danh của mẫu.`);

  const username = text("username").toLowerCase() || null;
  if (username && !USERNAME.test(username))
    problem(
      "username",
      `Tên đăng nhập "${text("username")}" chỉ gồm chữ thường không dấu, số, dấu chấm, gạch (3–40 ký tự).`,
    );

  if (problems.length > 0 || !phone || !unit || !position || !name.ok || controlIn("fullName"))
    // One problem per column: the first (a control character hides what follows from it).
    return { ok: false, problems: problems.filter((p, i) => problems.findIndex((q) => q.column === p.column) === i) };
  return {
    ok: true,
    value: { row, fullName, birthDate, phone, email, unit, position, username, nameRepair: name.repair },
  };
}

function columnHeader(key: RosterKey): string | null {
  return ROSTER_COLUMNS.find((c) => c.key === key)?.header ?? null;
}

const REPAIRED_FROM: Record<NameRepairKind, string> = {
  mojibake: "chữ UTF-8 bị đọc sai mã",
  tcvn3: "phông TCVN3 (ABC, .VnTime)",
  vni: "phông VNI",
};

/** The words the preview uses for where a converted name came from. */
export function repairedFrom(kind: NameRepairKind): string {
  return REPAIRED_FROM[kind];
}

/**
 * A full name as it may be stored, or why not: garbled text converted (the preview shows it) or
 * refused; no control character; at least two characters with a letter; no digit; not starting
 * like a spreadsheet formula.
 */
export function checkRosterName(
  raw: string,
):
  | { ok: true; name: string; repair: { kind: NameRepairKind; original: string } | null }
  | { ok: false; message: string } {
  if (!raw.trim()) return { ok: false, message: "Thiếu họ và tên." };
  const checked = checkName(raw.trim());
  if (!checked.ok) {
    if (checked.reason === "control")
      return {
        ok: false,
        message: `Họ và tên có ký tự điều khiển hoặc ký tự hỏng (${checked.codePoint}, ký tự thứ ${checked.position}); hãy gõ lại tên.`,
      };
    if (checked.reason === "ambiguous")
      return {
        ok: false,
        message: `Họ và tên "${raw}" viết bằng phông cũ nhưng không rõ là "${checked.candidates.join('" hay "')}"; hãy gõ lại bằng Unicode.`,
      };
    return {
      ok: false,
      message: `Họ và tên "${raw}" bị lỗi mã chữ (phông cũ hoặc đọc sai mã) và không chuyển được; hãy gõ lại bằng Unicode.`,
    };
  }
  const name = cleanName(checked.name);
  if (/^[=+\-@]/.test(name))
    return { ok: false, message: `Họ và tên "${name}" không được bắt đầu bằng = + - @ (dễ bị hiểu là công thức).` };
  if (!/\p{L}/u.test(name)) return { ok: false, message: `Họ và tên "${name}" không có chữ cái nào.` };
  if ([...name].length < 2) return { ok: false, message: `Họ và tên "${name}" ngắn quá (ít nhất 2 ký tự).` };
  if (name.length > 200) return { ok: false, message: "Họ và tên dài quá 200 ký tự." };
  if (/\d/.test(name)) return { ok: false, message: "Họ và tên không được có chữ số." };
  return { ok: true, name, repair: checked.repair };
}

/** A person already in the system, as the plan needs them. */
export interface ExistingPerson {
  userId: string;
  username: string;
  fullName: string;
  phone: string | null;
  email: string | null;
  birthDate: string | null;
  /** Open placements, with whether the importer may change them. */
  placements: { placementId: number; unitId: number; unitPath: UnitPath; positionId: number }[];
}

export type PersonAction =
  | { kind: "create"; rows: RosterRow[]; username: string }
  | { kind: "update" | "move" | "unchanged"; rows: RosterRow[]; person: ExistingPerson; changes: PlanChanges };

export interface PlanChanges {
  /** A phone is added to a person who had none, or replaced when the row names them otherwise. */
  profile: { fullName?: string; email?: string | null; birthDate?: string | null; phone?: string };
  /** Placements to end (they moved or changed position) and to start. */
  end: number[];
  start: { unitId: number; positionId: number }[];
}

/** A row no phone or username matched, whose name someone in the same unit already has. */
export interface PossibleMatch {
  row: number;
  fullName: string;
  candidates: { userId: string; fullName: string; username: string }[];
}

export interface RosterPlan {
  actions: PersonAction[];
  problems: RowProblem[];
  /** Rows that wait for the manager's choice: this person, or a new account. Nothing is written before. */
  possibleMatches: PossibleMatch[];
}

/** Where same-name people are looked for: the row's unit, or a unit merged into it. */
export function nameKey(fullName: string, unitId: number): string {
  return `${searchKey(fullName)}|${unitId}`;
}

/** The manager's answer for a possible match: an existing person's id, or a new account. */
export type MatchChoice = string | "new";

/**
 * What a row naming an account outside the importer's area is told: that much and no more.
 * Not the name, the username, the unit or even how many accounts share the number: the
 * importer may not know who works elsewhere (issue 12).
 */
export const OUTSIDE_AREA = {
  phone: "Số điện thoại này thuộc về một tài khoản ngoài phạm vi quản lý của anh/chị; hãy liên hệ quản trị viên.",
  username: "Tên đăng nhập này thuộc về một tài khoản ngoài phạm vi quản lý của anh/chị; hãy liên hệ quản trị viên.",
} as const;

/**
 * Groups the rows by person (username if given, else phone), finds who exists, and decides
 * what happens to each: nothing, a profile update, a move (or a change of position), or a
 * new account. Rows that contradict each other, or name someone outside the area, are errors.
 * `reaches` says whether the importer may know (and change) an existing person; by default,
 * someone with an open placement in the area. Anyone else is named in no message.
 */
export function planRoster(
  rows: readonly RosterRow[],
  existing: {
    byUsername: ReadonlyMap<string, ExistingPerson>;
    byPhone: ReadonlyMap<string, ExistingPerson[]>;
    /** Usernames taken already (anyone), for generating new ones. */
    takenUsernames: ReadonlySet<string>;
    /** People by `nameKey` (name and unit, a merged unit's people under its successor). */
    byName?: ReadonlyMap<string, ExistingPerson[]>;
  },
  scopePaths: readonly UnitPath[],
  reaches: (person: ExistingPerson) => boolean = (person) =>
    person.placements.some((p) => scopePaths.some((scope) => isWithin(p.unitPath, scope))),
  choices: ReadonlyMap<number, MatchChoice> = new Map(),
): RosterPlan {
  const problems: RowProblem[] = [];
  const possibleMatches: PossibleMatch[] = [];
  const chosenBy = new Map<string, number>();
  const groups = new Map<string, RosterRow[]>();
  const firstRowOfPhone = new Map<string, RosterRow>();
  for (const row of rows) {
    const earlier = firstRowOfPhone.get(row.phone);
    if (earlier && (earlier.username ?? "") !== (row.username ?? "")) {
      problems.push({
        row: row.row,
        column: "Điện thoại",
        message: `Số điện thoại trùng với dòng ${earlier.row} nhưng khác tên đăng nhập.`,
      });
      continue;
    }
    if (earlier && searchKey(earlier.fullName) !== searchKey(row.fullName)) {
      problems.push({
        row: row.row,
        column: "Họ và tên",
        message: `Cùng số điện thoại với dòng ${earlier.row} nhưng khác họ tên.`,
      });
      continue;
    }
    if (!earlier) firstRowOfPhone.set(row.phone, row);
    const key = row.username ? `u:${row.username}` : `p:${row.phone}`;
    const group = groups.get(key) ?? [];
    const same = group.find((g) => g.unit.id === row.unit.id && g.position.id === row.position.id);
    if (same) {
      problems.push({
        row: row.row,
        column: null,
        message: `Trùng dòng ${same.row} (cùng người, cùng đơn vị, cùng chức danh).`,
      });
      continue;
    }
    if (group.length > 0 && group[0]?.phone !== row.phone) {
      problems.push({
        row: row.row,
        column: "Điện thoại",
        message: `Tên đăng nhập trùng với dòng ${group[0]?.row} nhưng khác số điện thoại.`,
      });
      continue;
    }
    group.push(row);
    groups.set(key, group);
  }

  const inScope = (path: UnitPath) => scopePaths.some((scope) => isWithin(path, scope));
  // A person the importer may not know: within reach, and (if placed anywhere) placed in the
  // area, since only placements in the area are changed.
  const outside = (person: ExistingPerson) =>
    !reaches(person) || (person.placements.length > 0 && !person.placements.some((p) => inScope(p.unitPath)));
  const newUsernames = new Set<string>();
  const actions: PersonAction[] = [];
  for (const group of groups.values()) {
    const first = group[0] as RosterRow;
    const phoneOwners = existing.byPhone.get(first.phone) ?? [];
    const refuse = (key: "phone" | "username") =>
      problems.push({
        row: first.row,
        column: ROSTER_COLUMNS.find((c) => c.key === key)?.header ?? null,
        message: OUTSIDE_AREA[key],
      });
    let person: ExistingPerson | undefined;
    if (first.username) {
      person = existing.byUsername.get(first.username);
      if (person && outside(person)) {
        refuse("username");
        continue;
      }
      const others = phoneOwners.filter((p) => p.userId !== person?.userId);
      if (others.some(outside)) {
        refuse("phone");
        continue;
      }
      const owner = others[0];
      if (owner) {
        problems.push({
          row: first.row,
          column: "Điện thoại",
          message: `Số điện thoại ${first.phone} đã là của người khác (${owner.username}).`,
        });
        continue;
      }
    } else {
      if (phoneOwners.some(outside)) {
        refuse("phone");
        continue;
      }
      if (phoneOwners.length > 1) {
        problems.push({
          row: first.row,
          column: "Điện thoại",
          message: `Có ${phoneOwners.length} người cùng số ${first.phone}; hãy ghi tên đăng nhập để chỉ rõ người nào.`,
        });
        continue;
      }
      person = phoneOwners[0];
    }
    if (!person) {
      // No phone matched: someone of the same name in the same unit may be this person.
      const candidates = (existing.byName?.get(nameKey(first.fullName, first.unit.id)) ?? []).filter(
        (candidate) => !outside(candidate) && !phoneOwners.includes(candidate),
      );
      const choice = choices.get(first.row);
      const chosen = candidates.find((candidate) => candidate.userId === choice);
      if (candidates.length > 0 && choice !== "new" && !chosen) {
        possibleMatches.push({
          row: first.row,
          fullName: first.fullName,
          candidates: candidates.map(({ userId, fullName, username }) => ({ userId, fullName, username })),
        });
        continue;
      }
      if (chosen) {
        const earlier = chosenBy.get(chosen.userId);
        if (earlier !== undefined) {
          problems.push({
            row: first.row,
            column: "Họ và tên",
            message: `Dòng này và dòng ${earlier} được chọn là cùng một người (${chosen.username}).`,
          });
          continue;
        }
        chosenBy.set(chosen.userId, first.row);
        person = chosen;
      }
    }
    if (!person) {
      const username =
        first.username ?? suggestUsername(first.fullName, (u) => existing.takenUsernames.has(u) || newUsernames.has(u));
      if (existing.takenUsernames.has(username) || newUsernames.has(username)) {
        problems.push({
          row: first.row,
          column: "Tên đăng nhập",
          message: `Tên đăng nhập "${username}" đã có người dùng.`,
        });
        continue;
      }
      newUsernames.add(username);
      actions.push({ kind: "create", rows: group, username });
      continue;
    }
    const scoped = person.placements.filter((p) => inScope(p.unitPath));
    const changes = placementChanges(group, scoped);
    const profile: PlanChanges["profile"] = {};
    if (person.fullName !== first.fullName) profile.fullName = first.fullName;
    if (first.email && person.email !== first.email) profile.email = first.email;
    if (first.birthDate && person.birthDate !== first.birthDate) profile.birthDate = first.birthDate;
    // Matched by username or chosen by the manager: the row's phone is theirs (added or corrected).
    if (person.phone !== first.phone) profile.phone = first.phone;
    const kind =
      changes.end.length > 0 || changes.start.length > 0
        ? "move"
        : Object.keys(profile).length > 0
          ? "update"
          : "unchanged";
    actions.push({ kind, rows: group, person, changes: { profile, ...changes } });
  }
  return { actions, problems: problems.sort((a, b) => a.row - b.row), possibleMatches };
}

/**
 * The rows say where the person works now. A placement they already hold stays; a row for
 * the position they hold elsewhere in the area moves them; when the file has one row for
 * someone who holds one placement in the area, that row replaces it (a move or a change of
 * position). Other placements are left alone: a file of commune officers does not end
 * anyone's standing-group membership.
 */
function placementChanges(
  rows: readonly RosterRow[],
  scoped: ExistingPerson["placements"],
): { end: number[]; start: { unitId: number; positionId: number }[] } {
  const end: number[] = [];
  const start: { unitId: number; positionId: number }[] = [];
  const free = [...scoped];
  const holds = (row: RosterRow) => free.findIndex((p) => p.unitId === row.unit.id && p.positionId === row.position.id);
  const pending: RosterRow[] = [];
  for (const row of rows) {
    const index = holds(row);
    if (index >= 0) free.splice(index, 1);
    else pending.push(row);
  }
  for (const row of pending) {
    const samePosition = free.findIndex((p) => p.positionId === row.position.id);
    const replaced =
      samePosition >= 0 ? samePosition : rows.length === 1 && scoped.length === 1 && free.length === 1 ? 0 : -1;
    if (replaced >= 0) {
      end.push((free[replaced] as ExistingPerson["placements"][number]).placementId);
      free.splice(replaced, 1);
    }
    start.push({ unitId: row.unit.id, positionId: row.position.id });
  }
  return { end, start };
}

/** "Nguyễn Thị Lan" → "nguyen.thi.lan", then "nguyen.thi.lan2", … until free. */
export function suggestUsername(fullName: string, taken: (username: string) => boolean): string {
  const base =
    searchKey(fullName)
      .replace(/[^a-z0-9 ]/g, "")
      .trim()
      .split(" ")
      .filter(Boolean)
      .join(".")
      .slice(0, 34) || "can.bo";
  if (!taken(base) && base.length >= 3) return base;
  // The app's own minimum is three characters: "y" becomes "y.cb2", never "y2".
  const stem = base.length >= 2 ? base : `${base}.cb`;
  for (let n = 2; ; n++) {
    const candidate = `${stem}${n}`;
    if (!taken(candidate)) return candidate;
  }
}

export interface PlanSummary {
  create: number;
  update: number;
  move: number;
  unchanged: number;
  errors: number;
}

export function summarisePlan(plan: Pick<RosterPlan, "actions" | "problems">): PlanSummary {
  const count = (kind: PersonAction["kind"]) => plan.actions.filter((a) => a.kind === kind).length;
  return {
    create: count("create"),
    update: count("update"),
    move: count("move"),
    unchanged: count("unchanged"),
    errors: new Set(plan.problems.map((p) => p.row)).size,
  };
}
