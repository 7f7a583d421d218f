/**
 * Demo data: the tiers, the catalogue of positions, two real provinces and the demo
 * accounts. Idempotent by natural keys (tier code, position code, unit code, username):
 * running it again inserts nothing twice.
 *
 * Province and district codes follow the national list (Điện Biên 11; TP Điện Biên Phủ 094,
 * Tuần Giáo 099, Mường Ảng 102; Bắc Ninh 27). Commune codes here are demo codes built from
 * the district code, not the official five-digit ones: the official list arrives with the
 * unit import.
 */
import crypto from "node:crypto";
import { desc, eq } from "drizzle-orm";
import { cleanName, searchKey } from "../app/domain/text";
import { childPath } from "../app/domain/tree";
import { insertUnit } from "../app/models/units.server";
import { hashPassword } from "../app/utils/password.server";
import type { AppDatabase } from "./client";
import {
  orgUnits,
  placements,
  positions,
  privacyAcknowledgements,
  privacyNotices,
  roleGrants,
  tiers,
  users,
} from "./schema";

export const DEMO_PASSWORD = "demo1234";

const TIERS = [
  { code: "nation", nameVi: "Trung ương", nameEn: "National", level: 0 },
  { code: "province", nameVi: "Tỉnh/Thành phố", nameEn: "Province", level: 1 },
  { code: "district", nameVi: "Huyện/Quận/Thị xã", nameEn: "District", level: 2 },
  { code: "commune", nameVi: "Xã/Phường/Đặc khu", nameEn: "Commune", level: 3 },
  { code: "village", nameVi: "Thôn/Bản/Tổ dân phố", nameEn: "Village", level: 4 },
];

const POSITIONS = [
  {
    code: "commune_officer",
    // Decree 56/2017's name for the role: its holder need not be a civil servant.
    nameVi: "Người làm công tác bảo vệ trẻ em cấp xã",
    nameEn: "Commune child-protection worker",
    tier: "commune",
  },
  {
    code: "standing_group_member",
    nameVi: "Thành viên Nhóm thường trực bảo vệ trẻ em cấp xã",
    nameEn: "Commune standing-group member",
    tier: "commune",
  },
  { code: "village_collaborator", nameVi: "Cộng tác viên thôn, bản", nameEn: "Village collaborator", tier: "village" },
  { code: "volunteer", nameVi: "Tình nguyện viên", nameEn: "Volunteer", tier: "commune" },
  {
    code: "district_officer",
    nameVi: "Cán bộ phụ trách trẻ em cấp huyện",
    nameEn: "District officer",
    tier: "district",
  },
  {
    code: "province_officer",
    nameVi: "Cán bộ phụ trách trẻ em cấp tỉnh",
    nameEn: "Province officer",
    tier: "province",
  },
  {
    code: "steering_committee_member",
    nameVi: "Thành viên Ban chỉ đạo",
    nameEn: "Steering-committee member",
    tier: null,
  },
  { code: "trainer", nameVi: "Giảng viên nguồn", nameEn: "Trainer", tier: null },
];

type UnitSeed = { code: string; name: string; tier: string; children?: UnitSeed[] };

const TREE: UnitSeed = {
  code: "VN",
  name: "Việt Nam",
  tier: "nation",
  children: [
    {
      code: "11",
      name: "Tỉnh Điện Biên",
      tier: "province",
      children: [
        {
          code: "094",
          name: "Thành phố Điện Biên Phủ",
          tier: "district",
          children: [
            { code: "09401", name: "Phường Him Lam", tier: "commune" },
            { code: "09402", name: "Phường Mường Thanh", tier: "commune" },
            { code: "09403", name: "Phường Tân Thanh", tier: "commune" },
            { code: "09404", name: "Phường Thanh Bình", tier: "commune" },
            { code: "09405", name: "Xã Thanh Minh", tier: "commune" },
          ],
        },
        {
          code: "099",
          name: "Huyện Tuần Giáo",
          tier: "district",
          children: [
            { code: "09901", name: "Thị trấn Tuần Giáo", tier: "commune" },
            { code: "09902", name: "Xã Quài Cang", tier: "commune" },
            { code: "09903", name: "Xã Quài Nưa", tier: "commune" },
            { code: "09904", name: "Xã Chiềng Sinh", tier: "commune" },
            { code: "09905", name: "Xã Mường Mùn", tier: "commune" },
          ],
        },
        {
          code: "102",
          name: "Huyện Mường Ảng",
          tier: "district",
          children: [
            { code: "10201", name: "Thị trấn Mường Ảng", tier: "commune" },
            { code: "10202", name: "Xã Ẳng Nưa", tier: "commune" },
            { code: "10203", name: "Xã Ẳng Cang", tier: "commune" },
            { code: "10204", name: "Xã Búng Lao", tier: "commune" },
            { code: "10205", name: "Xã Xuân Lao", tier: "commune" },
          ],
        },
      ],
    },
    {
      // Bắc Ninh as it is since 1 July 2025: two tiers, communes directly under the province.
      code: "27",
      name: "Tỉnh Bắc Ninh",
      tier: "province",
      children: [
        { code: "2701", name: "Phường Kinh Bắc", tier: "commune" },
        { code: "2702", name: "Phường Võ Cường", tier: "commune" },
        { code: "2703", name: "Phường Vũ Ninh", tier: "commune" },
        { code: "2704", name: "Phường Từ Sơn", tier: "commune" },
        { code: "2705", name: "Phường Bắc Giang", tier: "commune" },
      ],
    },
  ],
};

type AccountSeed = {
  username: string;
  fullName: string;
  phone: string;
  unit: string;
  position: string | null;
  roles: { role: "learner" | "trainer" | "manager" | "admin"; unit: string }[];
  description: string;
};

export const DEMO_ACCOUNTS: AccountSeed[] = [
  {
    username: "admin",
    fullName: "Trần Thị Minh Hằng",
    phone: "0912000001",
    unit: "VN",
    position: null,
    roles: [{ role: "admin", unit: "VN" }],
    description: "quản trị viên toàn quốc / national administrator",
  },
  {
    username: "trainer",
    fullName: "Lò Văn Thắng",
    phone: "0912000002",
    unit: "11",
    position: "trainer",
    roles: [
      { role: "trainer", unit: "11" },
      { role: "learner", unit: "11" },
    ],
    description: "giảng viên tỉnh Điện Biên / trainer, Điện Biên",
  },
  {
    username: "manager",
    fullName: "Quàng Thị Hương",
    phone: "0912000003",
    unit: "11",
    position: "province_officer",
    roles: [
      { role: "manager", unit: "11" },
      { role: "learner", unit: "11" },
    ],
    description: "quản lý tỉnh Điện Biên / manager, Điện Biên province",
  },
  {
    username: "learner",
    fullName: "Lường Văn Tâm",
    phone: "0912000004",
    unit: "09401",
    position: "commune_officer",
    roles: [{ role: "learner", unit: "09401" }],
    description: "người làm công tác bảo vệ trẻ em, phường Him Lam, Điện Biên / commune child-protection worker",
  },
  {
    username: "learner2",
    fullName: "Nguyễn Thị Lan",
    phone: "0912000005",
    unit: "2701",
    position: "commune_officer",
    roles: [{ role: "learner", unit: "2701" }],
    description: "người làm công tác bảo vệ trẻ em, phường Kinh Bắc, Bắc Ninh / commune child-protection worker",
  },
];

/** A few more staff so unit pages are not empty; they sign in only after a reset. */
const STAFF = [
  { username: "ca.thi.mai", fullName: "Cà Thị Mai", unit: "09402", position: "commune_officer" },
  { username: "vi.van.hung", fullName: "Vì Văn Hùng", unit: "09901", position: "commune_officer" },
  { username: "lo.thi.xuan", fullName: "Lò Thị Xuân", unit: "09902", position: "standing_group_member" },
  { username: "quang.van.duc", fullName: "Quàng Văn Đức", unit: "10201", position: "commune_officer" },
  { username: "lu.thi.ngoc", fullName: "Lù Thị Ngọc", unit: "094", position: "district_officer" },
  { username: "do.minh.tuan", fullName: "Đỗ Minh Tuấn", unit: "2702", position: "commune_officer" },
  { username: "pham.thu.trang", fullName: "Phạm Thu Trang", unit: "2701", position: "volunteer" },
];

const SEED_START_DATE = "2025-07-01";

export interface SeedReport {
  created: { tiers: number; positions: number; units: number; users: number };
}

/**
 * Tiers and positions: catalogue data every database needs, demo or not. Idempotent; the
 * names are kept as written here, so a corrected name reaches existing databases at start.
 */
export function seedCatalogue(db: AppDatabase): { tiers: number; positions: number } {
  const created = { tiers: 0, positions: 0 };
  db.transaction((tx) => {
    for (const tier of TIERS) {
      created.tiers += tx.insert(tiers).values(tier).onConflictDoNothing().run().changes;
    }
    const tierId = new Map(
      tx
        .select()
        .from(tiers)
        .all()
        .map((t) => [t.code, t.id]),
    );
    for (const [index, position] of POSITIONS.entries()) {
      created.positions += tx
        .insert(positions)
        .values({
          code: position.code,
          nameVi: position.nameVi,
          nameEn: position.nameEn,
          tierId: position.tier ? (tierId.get(position.tier) ?? null) : null,
          sortOrder: index,
        })
        .onConflictDoNothing()
        .run().changes;
      tx.update(positions)
        .set({ nameVi: position.nameVi, nameEn: position.nameEn })
        .where(eq(positions.code, position.code))
        .run();
    }
  });
  return created;
}

export async function seedDemo(db: AppDatabase): Promise<SeedReport> {
  const report: SeedReport = { created: { tiers: 0, positions: 0, units: 0, users: 0 } };

  // Hash outside the transaction: argon2 is deliberately slow and async.
  const demoHash = await hashPassword(DEMO_PASSWORD);
  const staffHash = await hashPassword(crypto.randomBytes(24).toString("base64url"));

  const catalogue = seedCatalogue(db);
  report.created.tiers = catalogue.tiers;
  report.created.positions = catalogue.positions;

  db.transaction((tx) => {
    const tierId = new Map(
      tx
        .select()
        .from(tiers)
        .all()
        .map((t) => [t.code, t.id]),
    );
    const positionId = new Map(
      tx
        .select()
        .from(positions)
        .all()
        .map((p) => [p.code, p.id]),
    );

    const addUnit = (seed: UnitSeed, parent: { id: number; path: string } | null) => {
      let unit = tx
        .select({ id: orgUnits.id, path: orgUnits.path })
        .from(orgUnits)
        .where(eq(orgUnits.code, seed.code))
        .get();
      if (!unit) {
        const id = insertUnit(tx, {
          parent,
          tierId: tierId.get(seed.tier) as number,
          code: seed.code,
          name: cleanName(seed.name),
        });
        unit = { id, path: childPath(parent?.path ?? null, id) };
        report.created.units += 1;
      }
      for (const child of seed.children ?? []) addUnit(child, unit);
    };
    addUnit(TREE, null);
    const unitId = new Map(
      tx
        .select({ id: orgUnits.id, code: orgUnits.code })
        .from(orgUnits)
        .all()
        .map((u) => [u.code, u.id]),
    );

    const addUser = (
      account: { username: string; fullName: string; phone?: string; unit: string; position: string | null },
      passwordHash: string,
      mustChangePassword: boolean,
      roles: AccountSeed["roles"],
      acknowledgedNotice: boolean,
    ) => {
      if (tx.select({ id: users.id }).from(users).where(eq(users.username, account.username)).get()) return;
      const id = crypto.randomUUID();
      const fullName = cleanName(account.fullName);
      tx.insert(users)
        .values({
          id,
          username: account.username,
          fullName,
          fullNameSearch: searchKey(fullName),
          phone: account.phone ?? null,
          passwordHash,
          mustChangePassword,
        })
        .run();
      if (account.position) {
        tx.insert(placements)
          .values({
            userId: id,
            orgUnitId: unitId.get(account.unit) as number,
            positionId: positionId.get(account.position) as number,
            startDate: SEED_START_DATE,
          })
          .run();
      }
      for (const grant of roles) {
        tx.insert(roleGrants)
          .values({ userId: id, role: grant.role, orgUnitId: unitId.get(grant.unit) as number })
          .run();
      }
      if (acknowledgedNotice && noticeVersion !== undefined) {
        tx.insert(privacyAcknowledgements).values({ userId: id, noticeVersion }).run();
      }
      report.created.users += 1;
    };
    // The demo accounts have read the privacy notice, so the demo opens on the product; the
    // staff accounts, and every account made in the app, meet it at their first sign-in.
    const noticeVersion = tx
      .select({ version: privacyNotices.version })
      .from(privacyNotices)
      .orderBy(desc(privacyNotices.version))
      .limit(1)
      .get()?.version;
    for (const account of DEMO_ACCOUNTS) addUser(account, demoHash, false, account.roles, true);
    for (const person of STAFF) addUser(person, staffHash, true, [{ role: "learner", unit: person.unit }], false);
  });
  return report;
}
