import { describe, expect, it } from "vitest";
import {
  checkRosterName,
  checkRosterRow,
  type ExistingPerson,
  mapColumns,
  nameKey,
  normalisePhone,
  OUTSIDE_AREA,
  parseBirthDate,
  planRoster,
  positionOutsideItsTier,
  type RosterContext,
  type RosterRow,
  suggestUsername,
  summarisePlan,
} from "./roster";

const units = new Map([
  ["09401", { id: 9, code: "09401", name: "Phường Him Lam", path: "/1/2/5/9/", status: "active" }],
  ["09402", { id: 10, code: "09402", name: "Phường Mường Thanh", path: "/1/2/5/10/", status: "active" }],
  ["09403", { id: 11, code: "09403", name: "Phường Tân Thanh", path: "/1/2/5/11/", status: "merged" }],
  ["2701", { id: 30, code: "2701", name: "Phường Kinh Bắc", path: "/1/3/30/", status: "active" }],
]);
const positions = [
  { id: 1, code: "commune_officer", nameVi: "Người làm công tác bảo vệ trẻ em cấp xã" },
  { id: 2, code: "standing_group_member", nameVi: "Thành viên Nhóm thường trực bảo vệ trẻ em cấp xã" },
];
const context: RosterContext = { unitsByCode: units, positions, scopePaths: ["/1/2/"], today: "2026-11-25" };
const cells = (over: Record<string, string> = {}) => ({
  fullName: "Nguyễn Thị Lan",
  birthDate: "05/09/1985",
  phone: "0912 345 678",
  email: "",
  unitCode: "09401",
  position: "Người làm công tác bảo vệ trẻ em cấp xã",
  username: "",
  ...over,
});

describe("the columns", () => {
  it("are found by their Vietnamese headers with or without diacritics, marks or aliases", () => {
    const { columns, missing } = mapColumns(["STT", "Họ và tên *", "SĐT", "ma don vi", "Chức vụ", "Ngày sinh"]);
    expect(columns).toMatchObject({ fullName: 1, phone: 2, unitCode: 3, position: 4, birthDate: 5 });
    expect(missing).toEqual([]);
    expect(mapColumns(["Họ và tên", "Email"]).missing).toEqual(["Điện thoại", "Mã đơn vị", "Chức danh"]);
  });
});

describe("checkRosterRow", () => {
  it("accepts a good row, normalising the phone, the date and the position written as a name", () => {
    const result = checkRosterRow(3, cells(), context);
    expect(result).toMatchObject({
      ok: true,
      value: { row: 3, phone: "0912345678", birthDate: "1985-09-05", unit: { code: "09401" }, position: { id: 1 } },
    });
    expect(checkRosterRow(3, cells({ position: "commune_officer" }), context).ok).toBe(true);
    expect(checkRosterRow(3, cells({ position: "nguoi lam cong tac bao ve tre em cap xa" }), context).ok).toBe(true);
  });

  it("still reads the commune role under the name older staff lists give it", () => {
    const result = checkRosterRow(3, cells({ position: "Công chức phụ trách công tác trẻ em cấp xã" }), context);
    expect(result).toMatchObject({ ok: true, value: { position: { id: 1, code: "commune_officer" } } });
    expect(checkRosterRow(3, cells({ position: "Công chức văn hóa xã hội" }), context).ok).toBe(false);
  });

  it("names the row and column of every problem, in Vietnamese", () => {
    const result = checkRosterRow(
      7,
      cells({
        fullName: "",
        phone: "12345",
        unitCode: "2701",
        position: "Trưởng thôn",
        birthDate: "31/02/1990",
        email: "x@",
      }),
      context,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.row, p.column])).toEqual([
      [7, "Họ và tên"],
      [7, "Ngày sinh"],
      [7, "Điện thoại"],
      [7, "Email"],
      [7, "Mã đơn vị"],
      [7, "Chức danh"],
    ]);
    expect(result.problems[4]?.message).toContain("ngoài phạm vi");
  });

  it("refuses an unknown unit, and one that was merged away", () => {
    const unknown = checkRosterRow(2, cells({ unitCode: "99999" }), context);
    expect(!unknown.ok && unknown.problems[0]?.message).toBe('Không có đơn vị mã "99999".');
    const merged = checkRosterRow(2, cells({ unitCode: "09403" }), context);
    expect(!merged.ok && merged.problems[0]?.message).toMatch(/sáp nhập/);
  });
});

describe("names", () => {
  it("converts a garbled name, saying from what, and refuses one that cannot be read", () => {
    const tcvn3 = checkRosterRow(4, cells({ fullName: "NguyÔn V¨n An" }), context);
    expect(tcvn3).toMatchObject({
      ok: true,
      value: { fullName: "Nguyễn Văn An", nameRepair: { kind: "tcvn3", original: "NguyÔn V¨n An" } },
    });
    const vni = checkRosterRow(4, cells({ fullName: "Nguyeãn Vaên An" }), context);
    expect(vni).toMatchObject({ ok: true, value: { fullName: "Nguyễn Văn An", nameRepair: { kind: "vni" } } });
    const mojibake = checkRosterRow(4, cells({ fullName: "Nguyá»…n VÄƒn An" }), context);
    expect(mojibake).toMatchObject({
      ok: true,
      value: { fullName: "Nguyễn Văn An", nameRepair: { kind: "mojibake" } },
    });
    const plain = checkRosterRow(4, cells(), context);
    expect(plain).toMatchObject({ ok: true, value: { nameRepair: null } });
    const garbled = checkRosterRow(4, cells({ fullName: "Nguy¤¥¦ An" }), context);
    expect(!garbled.ok && garbled.problems).toEqual([
      { row: 4, column: "Họ và tên", message: expect.stringContaining("lỗi mã chữ") },
    ]);
  });

  it("refuses a control character in any text field, naming the column", () => {
    const name = checkRosterRow(5, cells({ fullName: "Lò Văn\u0001 Pâng" }), context);
    expect(!name.ok && name.problems[0]).toMatchObject({
      column: "Họ và tên",
      message: expect.stringContaining("U+0001"),
    });
    const lineBreak = checkRosterRow(5, cells({ fullName: "Lò Văn\nPâng" }), context);
    expect(lineBreak.ok).toBe(false);
    for (const [key, column] of [
      ["phone", "Điện thoại"],
      ["unitCode", "Mã đơn vị"],
      ["position", "Chức danh"],
      ["email", "Email"],
      ["username", "Tên đăng nhập"],
      ["birthDate", "Ngày sinh"],
    ] as const) {
      const result = checkRosterRow(5, cells({ [key]: `${cells()[key] || "x"}\u200b` }), context);
      expect(!result.ok && result.problems.map((p) => p.column), key).toContain(column);
    }
  });

  it("refuses names without a letter, too short, or starting like a formula", () => {
    for (const bad of ["=HYPERLINK(1)", "+Lan", "-Lan", "@Lan", "...", "A", "Lan 2"])
      expect(checkRosterName(bad).ok, bad).toBe(false);
    expect(checkRosterName("Y Moan")).toMatchObject({ ok: true, name: "Y Moan" });
    expect(checkRosterName("  Lò   Thị  Ơn ")).toMatchObject({ ok: true, name: "Lò Thị Ơn" });
  });
});

describe("phones and dates", () => {
  it("restores Excel's lost leading zero and reads +84", () => {
    expect(normalisePhone("912345678")).toBe("0912345678");
    expect(normalisePhone("+84 912 345 678")).toBe("0912345678");
    expect(normalisePhone("84912345678")).toBe("0912345678");
    expect(normalisePhone("0912-345-678")).toBe("0912345678");
    expect(normalisePhone("12345")).toBeNull();
  });

  it("reads day/month/year and refuses dates that do not exist", () => {
    expect(parseBirthDate("5/9/1985")).toBe("1985-09-05");
    expect(parseBirthDate("1985-09-05")).toBe("1985-09-05");
    expect(parseBirthDate("29/02/2023")).toBeNull();
    expect(parseBirthDate("tháng 9")).toBeNull();
  });
});

const row = (over: Partial<RosterRow> = {}): RosterRow => ({
  row: 2,
  fullName: "Nguyễn Thị Lan",
  birthDate: null,
  phone: "0912345678",
  email: null,
  unit: units.get("09401") as RosterRow["unit"],
  position: positions[0] as RosterRow["position"],
  username: null,
  nameRepair: null,
  ...over,
});
const person = (over: Partial<ExistingPerson> = {}): ExistingPerson => ({
  userId: "u1",
  username: "nguyen.thi.lan",
  fullName: "Nguyễn Thị Lan",
  phone: "0912345678",
  email: null,
  birthDate: null,
  placements: [{ placementId: 100, unitId: 9, unitPath: "/1/2/5/9/", positionId: 1 }],
  ...over,
});
const none = { byUsername: new Map(), byPhone: new Map(), takenUsernames: new Set<string>() };
const existing = (p: ExistingPerson) => ({
  byUsername: new Map([[p.username, p]]),
  byPhone: new Map([[p.phone as string, [p]]]),
  takenUsernames: new Set([p.username]),
});

describe("planRoster", () => {
  it("creates someone new with a username from their name, and matches by phone next time", () => {
    const plan = planRoster([row()], none, ["/1/2/"]);
    expect(plan.actions).toEqual([expect.objectContaining({ kind: "create", username: "nguyen.thi.lan" })]);
    const again = planRoster([row()], existing(person()), ["/1/2/"]);
    expect(again.actions[0]?.kind).toBe("unchanged");
  });

  it("moves someone to another commune, or changes their position, replacing their one placement", () => {
    const moved = planRoster([row({ unit: units.get("09402") as RosterRow["unit"] })], existing(person()), ["/1/2/"]);
    expect(moved.actions[0]).toMatchObject({
      kind: "move",
      changes: { end: [100], start: [{ unitId: 10, positionId: 1 }] },
    });
    const promoted = planRoster([row({ position: positions[1] as RosterRow["position"] })], existing(person()), [
      "/1/2/",
    ]);
    expect(promoted.actions[0]).toMatchObject({
      kind: "move",
      changes: { end: [100], start: [{ unitId: 9, positionId: 2 }] },
    });
  });

  it("keeps a second placement a file does not mention, and adds one a second row gives", () => {
    const two = person({
      placements: [
        { placementId: 100, unitId: 9, unitPath: "/1/2/5/9/", positionId: 1 },
        { placementId: 101, unitId: 9, unitPath: "/1/2/5/9/", positionId: 2 },
      ],
    });
    expect(planRoster([row()], existing(two), ["/1/2/"]).actions[0]?.kind).toBe("unchanged");
    const both = planRoster(
      [
        row(),
        row({ row: 3, unit: units.get("09402") as RosterRow["unit"], position: positions[1] as RosterRow["position"] }),
      ],
      existing(person()),
      ["/1/2/"],
    );
    expect(both.actions[0]).toMatchObject({
      kind: "move",
      changes: { end: [], start: [{ unitId: 10, positionId: 2 }] },
    });
  });

  it("updates a changed name, refuses someone placed outside the area, and rows that contradict each other", () => {
    expect(
      planRoster([row({ fullName: "Nguyễn Thị Lan Anh" })], existing(person()), ["/1/2/"]).actions[0],
    ).toMatchObject({
      kind: "update",
      changes: { profile: { fullName: "Nguyễn Thị Lan Anh" } },
    });
    const elsewhere = person({ placements: [{ placementId: 7, unitId: 30, unitPath: "/1/3/30/", positionId: 1 }] });
    expect(planRoster([row()], existing(elsewhere), ["/1/2/"]).problems).toEqual([
      { row: 2, column: "Điện thoại", message: OUTSIDE_AREA.phone },
    ]);
    const contradicting = planRoster([row(), row({ row: 3, fullName: "Trần Văn Bình" })], none, ["/1/2/"]);
    expect(contradicting.problems).toEqual([expect.objectContaining({ row: 3, column: "Họ và tên" })]);
    const twice = planRoster([row(), row({ row: 3 })], none, ["/1/2/"]);
    expect(twice.problems[0]?.message).toMatch(/Trùng dòng 2/);
    expect(summarisePlan(twice)).toMatchObject({ create: 1, errors: 1 });
  });

  it("refuses a phone that belongs to someone else when a username is given, and an ambiguous phone", () => {
    const other = person({ userId: "u2", username: "tran.van.binh" });
    const plan = planRoster([row({ username: "nguyen.lan" })], existing(other), ["/1/2/"]);
    expect(plan.problems[0]?.message).toMatch(/đã là của người khác \(tran\.van\.binh\)/);
    const shared = {
      ...none,
      byPhone: new Map([["0912345678", [person(), person({ userId: "u3", username: "x.y" })]]]),
    };
    expect(planRoster([row()], shared, ["/1/2/"]).problems[0]?.message).toMatch(/ghi tên đăng nhập/);
  });
});

describe("planRoster and people outside the area", () => {
  const outsider = person({
    userId: "u9",
    username: "tran.thi.hang",
    fullName: "Trần Thị Hằng",
    phone: "0912000001",
    placements: [{ placementId: 7, unitId: 30, unitPath: "/1/3/30/", positionId: 1 }],
  });
  const nowhere = person({
    userId: "u8",
    username: "admin",
    fullName: "Quản Trị",
    phone: "0912000002",
    placements: [],
  });
  const lookup = (...people: ExistingPerson[]) => ({
    byUsername: new Map(people.map((p) => [p.username, p])),
    byPhone: new Map(people.map((p) => [p.phone as string, [p]])),
    takenUsernames: new Set(people.map((p) => p.username)),
  });
  const told = (rows: RosterRow[], ...people: ExistingPerson[]) => {
    const plan = planRoster(rows, lookup(...people), ["/1/2/"]);
    expect(plan.actions).toEqual([]);
    const text = JSON.stringify(plan.problems);
    for (const secret of ["Trần Thị Hằng", "tran.thi.hang", "Quản Trị", "admin", "/1/3/", "Kinh Bắc"])
      expect(text).not.toContain(secret);
    return plan.problems.map((p) => `${p.column}|${p.message}`);
  };

  it("says the phone or the username belongs to an account outside the area, and nothing else", () => {
    expect(told([row({ phone: "0912000001" })], outsider)).toEqual([`Điện thoại|${OUTSIDE_AREA.phone}`]);
    expect(told([row({ username: "tran.thi.hang" })], outsider)).toEqual([`Tên đăng nhập|${OUTSIDE_AREA.username}`]);
    expect(told([row({ username: "moi.nguoi", phone: "0912000001" })], outsider)).toEqual([
      `Điện thoại|${OUTSIDE_AREA.phone}`,
    ]);
    // Someone placed nowhere is outside the area unless the importer reaches the whole tree.
    expect(told([row({ phone: "0912000002" })], nowhere)).toEqual([`Điện thoại|${OUTSIDE_AREA.phone}`]);
    expect(planRoster([row({ phone: "0912000002" })], lookup(nowhere), ["/1/"], () => true).actions[0]?.kind).toBe(
      "move",
    );
  });

  it("does not count the accounts of a shared phone when one of them is outside", () => {
    const inside = person({ phone: "0912000001" });
    const shared = { ...lookup(inside), byPhone: new Map([["0912000001", [inside, outsider]]]) };
    expect(planRoster([row({ phone: "0912000001" })], shared, ["/1/2/"]).problems).toEqual([
      { row: 2, column: "Điện thoại", message: OUTSIDE_AREA.phone },
    ]);
  });
});

describe("suggestUsername", () => {
  it("folds the name and counts up when taken", () => {
    const taken = new Set(["le.thi.ngoc", "le.thi.ngoc2"]);
    expect(suggestUsername("Lê Thị Ngọc", (u) => taken.has(u))).toBe("le.thi.ngoc3");
    expect(suggestUsername("Đặng Văn Ơn", () => false)).toBe("dang.van.on");
  });
});

describe("possible matches by name", () => {
  const phoneless = person({ phone: null });
  const byName = new Map([[nameKey("Nguyễn Thị Lan", 9), [phoneless]]]);
  const known = { byUsername: new Map(), byPhone: new Map(), takenUsernames: new Set(["nguyen.thi.lan"]), byName };

  it("waits for a choice instead of creating someone whose name is already in the unit", () => {
    const plan = planRoster([row({ fullName: "Nguyễn Thị Lan" })], known, ["/1/2/"]);
    expect(plan.actions).toEqual([]);
    expect(plan.possibleMatches).toEqual([
      {
        row: 2,
        fullName: "Nguyễn Thị Lan",
        candidates: [{ userId: "u1", fullName: "Nguyễn Thị Lan", username: "nguyen.thi.lan" }],
      },
    ]);
    expect(summarisePlan(plan)).toMatchObject({ create: 0, errors: 0 });
  });

  it("adds the row's phone to the person chosen, or creates someone new when told to", () => {
    const same = planRoster([row()], known, ["/1/2/"], undefined, new Map([[2, "u1"]]));
    expect(same.actions[0]).toMatchObject({ kind: "update", changes: { profile: { phone: "0912345678" } } });
    const other = planRoster([row()], known, ["/1/2/"], undefined, new Map([[2, "new"]]));
    expect(other.actions[0]).toMatchObject({ kind: "create", username: "nguyen.thi.lan2" });
  });

  it("refuses two rows chosen as one person", () => {
    const rows = [row(), row({ row: 3, phone: "0912345679", position: positions[1] as RosterRow["position"] })];
    const plan = planRoster(
      rows,
      known,
      ["/1/2/"],
      undefined,
      new Map([
        [2, "u1"],
        [3, "u1"],
      ]),
    );
    expect(plan.problems).toEqual([expect.objectContaining({ row: 3, message: expect.stringContaining("dòng 2") })]);
  });

  it("adds the phone of a person matched by username who had none", () => {
    const plan = planRoster(
      [row({ username: "nguyen.thi.lan" })],
      { ...known, byUsername: new Map([["nguyen.thi.lan", phoneless]]) },
      ["/1/2/"],
    );
    expect(plan.actions[0]).toMatchObject({ kind: "update", changes: { profile: { phone: "0912345678" } } });
  });

  it("gives generated usernames at least three characters", () => {
    expect(suggestUsername("Y", () => false).length).toBeGreaterThanOrEqual(3);
    expect(suggestUsername("Ô", () => false).length).toBeGreaterThanOrEqual(3);
  });
});

describe("unit codes", () => {
  it("names the unit a merged unit became part of, and the code a lost leading zero hides", () => {
    const merged = new Map<string, RosterRow["unit"]>(units);
    merged.set("09403", {
      ...(units.get("09403") as RosterRow["unit"]),
      successor: { name: "Xã Mường Mùn mới", code: "09904" },
    });
    const withSuccessor = checkRosterRow(2, cells({ unitCode: "09403" }), { ...context, unitsByCode: merged });
    expect(!withSuccessor.ok && withSuccessor.problems[0]?.message).toBe(
      "Đơn vị Phường Tân Thanh (09403) đã sáp nhập vào Xã Mường Mùn mới (09904) — dùng mã này.",
    );
    const zero = checkRosterRow(2, cells({ unitCode: "9401" }), context);
    expect(!zero.ok && zero.problems[0]?.message).toContain("mã 9401 có thể là 09401?");
    const unknown = checkRosterRow(2, cells({ unitCode: "9999" }), context);
    expect(!unknown.ok && unknown.problems[0]?.message).toBe('Không có đơn vị mã "9999".');
  });
});

describe("positionOutsideItsTier", () => {
  const province = { id: 2, level: 1 };
  const commune = { id: 4, level: 3 };
  const village = { id: 5, level: 4 };
  const withUnits = [{ id: 1, level: 0 }, province, commune];
  it("points out a position of one tier listed at a unit of another", () => {
    expect(positionOutsideItsTier(province.id, commune, withUnits)).toBe(true);
    expect(positionOutsideItsTier(commune.id, province, withUnits)).toBe(true);
    expect(positionOutsideItsTier(commune.id, commune, withUnits)).toBe(false);
  });
  it("places a position of a tier without units (villages) in the nearest tier above", () => {
    expect(positionOutsideItsTier(commune.id, village, withUnits)).toBe(false);
    expect(positionOutsideItsTier(province.id, village, withUnits)).toBe(true);
  });
  it("says nothing when the position has no usual tier", () => {
    expect(positionOutsideItsTier(commune.id, undefined, withUnits)).toBe(false);
  });
});
