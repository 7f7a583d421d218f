/**
 * `npm run db:seed:national` — a synthetic country in a database file of its own, for the
 * report benchmarks (`npm run bench:reports`) and for trying the dashboards at full scale.
 *
 *   --file=./data/national.db   the file to (re)create; an existing one and its -wal/-shm are deleted
 *   --tiers=2                   today's two-tier country: nation → 34 provinces → 3,321 communes → 63,619 villages
 *   --tiers=3                   the older tree: 63 provinces → 696 districts → 10,035 communes → ~50,000 villages
 *   --seed=N                    the PRNG seed: the same seed (and the same day) gives the same data
 *   --today=YYYY-MM-DD          the day statuses are generated against (default: today in Vietnam)
 *
 * Everything the app computes is computed by the app's own code: migrations, the catalogue,
 * the three real courses (content/), search keys, paths, quiz draws and scores, certificate
 * codes and expiry dates, and at the end every rollup (`rebuildRollups`). The bulk rows are
 * inserted with prepared statements in large transactions, shaped exactly like the app's.
 * Every account's password is demo1234.
 */
import fs from "node:fs";
import path from "node:path";

// ---------------------------------------------------------------------------------------------
// Options, and the environment the app modules read when they are first imported

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

const FILE = path.resolve(option("file") ?? "./data/national.db");
const TIERS = Number(option("tiers") ?? 2);
const SEED = Number(option("seed") ?? 20_251_125);
if (TIERS !== 2 && TIERS !== 3) throw new Error("--tiers must be 2 or 3");
if (!Number.isInteger(SEED)) throw new Error("--seed must be an integer");

for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${FILE}${suffix}`, { force: true });
process.env.DATABASE_PATH = FILE;
process.env.SESSION_SECRET ??= "national-seed-session-secret-0123456789";

const { getDb } = await import("../app/utils/db.server");
const { migrateDatabase } = await import("./client");
const { seedCatalogue, DEMO_PASSWORD } = await import("./seed");
const { importContent, describeOutcome } = await import("../app/services/content-import.server");
const { rebuildRollups } = await import("../app/services/rollups.server");
const { hashPassword } = await import("../app/utils/password.server");
const { cleanName, searchKey } = await import("../app/domain/text");
const { childPath, depthOf } = await import("../app/domain/tree");
const { certificateCodeFrom, expiryDate } = await import("../app/domain/certificate");
const { drawQuestions, itemsOf, scoreAttempt, seededRandom } = await import("../app/domain/quiz");
const { assignedCourses } = await import("../app/domain/assignments");
const { isMeantFor } = await import("../app/domain/courses");
const { addDays } = await import("../app/domain/indicator");
const { todayInVietnam } = await import("../app/i18n");

type Answers = import("../app/domain/quiz").Answers;
type DrawnQuestion = import("../app/domain/quiz").DrawnQuestion;
type QuestionBank = import("../app/domain/course-format").QuestionBank;
type AssignmentAudience = import("../app/domain/assignments").AssignmentAudience;

const TODAY = option("today") ?? todayInVietnam();
if (!/^\d{4}-\d{2}-\d{2}$/.test(TODAY)) throw new Error("--today must be YYYY-MM-DD");

const started = performance.now();
let phaseStarted = started;
const timings: [string, number][] = [];
function phase(name: string): void {
  const now = performance.now();
  timings.push([name, now - phaseStarted]);
  console.log(`  ${name.padEnd(44)} ${((now - phaseStarted) / 1000).toFixed(1).padStart(6)} s`);
  phaseStarted = now;
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

const random = seededRandom(SEED);
const rng = {
  next: random,
  int(min: number, max: number): number {
    return min + Math.floor(random() * (max - min + 1));
  },
  chance(p: number): boolean {
    return random() < p;
  },
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(random() * items.length)] as T;
  },
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, w]) => sum + w, 0);
    let roll = random() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return (items.at(-1) as readonly [T, number])[0];
  },
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(random() * 256);
    return out;
  },
  uuid(): string {
    const b = rng.bytes(16);
    b[6] = ((b[6] as number) & 0x0f) | 0x40;
    b[8] = ((b[8] as number) & 0x3f) | 0x80;
    const hex = Buffer.from(b).toString("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  },
};

// ---------------------------------------------------------------------------------------------
// Dates: Vietnam calendar days, instants in milliseconds

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
/** An instant on a Vietnam calendar day, between 07:00 and 21:59 local time. */
function instantOn(day: string): number {
  return Date.parse(`${day}T${pad(rng.int(7, 21))}:${pad(rng.int(0, 59))}:${pad(rng.int(0, 59))}+07:00`);
}
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
function dayBetween(from: string, to: string): string {
  const span = daysBetween(from, to);
  return span <= 0 ? from : addDays(from, rng.int(0, span));
}
const MINUTE = 60_000;
const TODAY_MS = Date.parse(`${TODAY}T07:00:00+07:00`);
const DAY_MS = 86_400_000;
/** Courses were published well before the merger; no certificate predates this. */
const PUBLISHED_ON = "2023-06-01";
const FIRST_ISSUE = "2023-06-05";
const MERGER = "2025-07-01";

// ---------------------------------------------------------------------------------------------
// The tree: real provinces, synthetic districts, communes and villages

/** Provinces since 1 July 2025: code, name, wards (phường), communes (xã), special zones (đặc khu). */
const PROVINCES_2025: [string, string, number, number, string[]][] = [
  ["01", "Thành phố Hà Nội", 51, 75, []],
  ["79", "Thành phố Hồ Chí Minh", 113, 54, ["Côn Đảo"]],
  ["31", "Thành phố Hải Phòng", 45, 67, ["Bạch Long Vĩ", "Cát Hải"]],
  ["48", "Thành phố Đà Nẵng", 23, 70, ["Hoàng Sa"]],
  ["92", "Thành phố Cần Thơ", 31, 72, []],
  ["46", "Thành phố Huế", 21, 19, []],
  ["12", "Tỉnh Lai Châu", 5, 33, []],
  ["11", "Tỉnh Điện Biên", 3, 42, []],
  ["14", "Tỉnh Sơn La", 8, 67, []],
  ["04", "Tỉnh Cao Bằng", 3, 53, []],
  ["20", "Tỉnh Lạng Sơn", 4, 61, []],
  ["22", "Tỉnh Quảng Ninh", 30, 22, ["Vân Đồn", "Cô Tô"]],
  ["38", "Tỉnh Thanh Hóa", 19, 147, []],
  ["40", "Tỉnh Nghệ An", 11, 119, []],
  ["42", "Tỉnh Hà Tĩnh", 9, 60, []],
  ["08", "Tỉnh Tuyên Quang", 7, 117, []],
  ["15", "Tỉnh Lào Cai", 10, 89, []],
  ["19", "Tỉnh Thái Nguyên", 15, 77, []],
  ["25", "Tỉnh Phú Thọ", 15, 133, []],
  ["24", "Tỉnh Bắc Ninh", 33, 66, []],
  ["33", "Tỉnh Hưng Yên", 11, 93, []],
  ["37", "Tỉnh Ninh Bình", 32, 97, []],
  ["44", "Tỉnh Quảng Trị", 8, 69, ["Cồn Cỏ"]],
  ["51", "Tỉnh Quảng Ngãi", 9, 86, ["Lý Sơn"]],
  ["52", "Tỉnh Gia Lai", 25, 110, []],
  ["56", "Tỉnh Khánh Hòa", 16, 48, ["Trường Sa"]],
  ["68", "Tỉnh Lâm Đồng", 20, 103, ["Phú Quý"]],
  ["66", "Tỉnh Đắk Lắk", 14, 88, []],
  ["75", "Tỉnh Đồng Nai", 23, 72, []],
  ["80", "Tỉnh Tây Ninh", 14, 82, []],
  ["86", "Tỉnh Vĩnh Long", 19, 105, []],
  ["82", "Tỉnh Đồng Tháp", 20, 82, []],
  ["96", "Tỉnh Cà Mau", 9, 55, []],
  ["91", "Tỉnh An Giang", 14, 85, ["Phú Quốc", "Kiên Hải", "Thổ Châu"]],
];
const VILLAGES_2025 = 63_619;

/** Provinces before 1 July 2025: code, name, approximate number of districts. */
const PROVINCES_2024: [string, string, number][] = [
  ["01", "Thành phố Hà Nội", 30],
  ["02", "Tỉnh Hà Giang", 11],
  ["04", "Tỉnh Cao Bằng", 10],
  ["06", "Tỉnh Bắc Kạn", 8],
  ["08", "Tỉnh Tuyên Quang", 7],
  ["10", "Tỉnh Lào Cai", 9],
  ["11", "Tỉnh Điện Biên", 10],
  ["12", "Tỉnh Lai Châu", 8],
  ["14", "Tỉnh Sơn La", 12],
  ["15", "Tỉnh Yên Bái", 9],
  ["17", "Tỉnh Hòa Bình", 10],
  ["19", "Tỉnh Thái Nguyên", 9],
  ["20", "Tỉnh Lạng Sơn", 11],
  ["22", "Tỉnh Quảng Ninh", 13],
  ["24", "Tỉnh Bắc Giang", 10],
  ["25", "Tỉnh Phú Thọ", 13],
  ["26", "Tỉnh Vĩnh Phúc", 9],
  ["27", "Tỉnh Bắc Ninh", 8],
  ["30", "Tỉnh Hải Dương", 12],
  ["31", "Thành phố Hải Phòng", 15],
  ["33", "Tỉnh Hưng Yên", 10],
  ["34", "Tỉnh Thái Bình", 8],
  ["35", "Tỉnh Hà Nam", 6],
  ["36", "Tỉnh Nam Định", 10],
  ["37", "Tỉnh Ninh Bình", 8],
  ["38", "Tỉnh Thanh Hóa", 26],
  ["40", "Tỉnh Nghệ An", 21],
  ["42", "Tỉnh Hà Tĩnh", 13],
  ["44", "Tỉnh Quảng Bình", 8],
  ["45", "Tỉnh Quảng Trị", 10],
  ["46", "Thành phố Huế", 9],
  ["48", "Thành phố Đà Nẵng", 8],
  ["49", "Tỉnh Quảng Nam", 18],
  ["51", "Tỉnh Quảng Ngãi", 13],
  ["52", "Tỉnh Bình Định", 11],
  ["54", "Tỉnh Phú Yên", 9],
  ["56", "Tỉnh Khánh Hòa", 9],
  ["58", "Tỉnh Ninh Thuận", 7],
  ["60", "Tỉnh Bình Thuận", 10],
  ["62", "Tỉnh Kon Tum", 10],
  ["64", "Tỉnh Gia Lai", 17],
  ["66", "Tỉnh Đắk Lắk", 15],
  ["67", "Tỉnh Đắk Nông", 8],
  ["68", "Tỉnh Lâm Đồng", 12],
  ["70", "Tỉnh Bình Phước", 11],
  ["72", "Tỉnh Tây Ninh", 9],
  ["74", "Tỉnh Bình Dương", 9],
  ["75", "Tỉnh Đồng Nai", 11],
  ["77", "Tỉnh Bà Rịa - Vũng Tàu", 8],
  ["79", "Thành phố Hồ Chí Minh", 22],
  ["80", "Tỉnh Long An", 15],
  ["82", "Tỉnh Tiền Giang", 11],
  ["83", "Tỉnh Bến Tre", 9],
  ["84", "Tỉnh Trà Vinh", 9],
  ["86", "Tỉnh Vĩnh Long", 8],
  ["87", "Tỉnh Đồng Tháp", 12],
  ["89", "Tỉnh An Giang", 11],
  ["91", "Tỉnh Kiên Giang", 15],
  ["92", "Thành phố Cần Thơ", 9],
  ["93", "Tỉnh Hậu Giang", 8],
  ["94", "Tỉnh Sóc Trăng", 11],
  ["95", "Tỉnh Bạc Liêu", 7],
  ["96", "Tỉnh Cà Mau", 9],
];
const DISTRICTS_2024 = 696;
const COMMUNES_2024 = 10_035;

/** Lists of single words, written on one line. */
function words(list: string): string[] {
  return list.split(" ");
}

/** Northern mountain provinces (both trees): bản, Thai/Hmong/Tày family names, Mường/Nậm place names. */
const HIGHLAND = new Set(words("02 04 06 08 10 11 12 14 15 17 20"));
/** The Mekong delta and the south-east: ấp, and some Khmer family names in the delta. */
const SOUTH = new Set(words("70 72 74 75 77 79 80 82 83 84 86 87 89 91 92 93 94 95 96"));
const KHMER = new Set(words("84 86 91 94 95 96"));

const PLACE_SYLLABLES = words(
  "An Bình Phú Tân Hòa Thạnh Long Mỹ Thái Hưng Đông Tây Nam Bắc Hải Sơn Thanh Minh Quang Vĩnh Phước Lộc Thuận Trung Hiệp Đức Nghĩa Thịnh Xuân Yên Lạc Phong Châu Kim Ngọc Hồng Đại Cát Lâm Tiến Hợp Thành Lợi Khánh Cẩm Quế Điền Hà Giang Định Hậu Thượng Hạ Triệu Quảng Diễn Hương Trà Vân Liên Tường Cửu Đồng Tam Hoàng Gia Văn",
);
const HIGHLAND_FIRST = words("Mường Chiềng Nậm Pá Huổi Na Tà Sín Mù Phìn Lũng Khau Bản Nà");
const HIGHLAND_SECOND = words(
  "Mùn Lay Chà Nhé Pồ Tủa Khoa Sại Ẳng Cang Nưa Lao Thanh Pa Hồ Tè Ban Xá Luông Phăng Sang Nhè Lư Chải Hẹ Pì Sáng Vai Khương",
);
const NUMBERED = words("1 2 3 4 5 6 7 8 9 10 11 12");

/** A name unique among its siblings. */
function placeName(prefix: string, used: Set<string>, highland: boolean): string {
  for (let tries = 0; ; tries++) {
    const base = highland
      ? `${rng.pick(HIGHLAND_FIRST)} ${rng.pick(HIGHLAND_SECOND)}`
      : `${rng.pick(PLACE_SYLLABLES)} ${rng.pick(PLACE_SYLLABLES)}`;
    const [a, b] = base.split(" ");
    if (a === b) continue;
    const name = tries > 40 ? `${prefix} ${base} ${tries}` : `${prefix} ${base}`;
    if (!used.has(name)) {
      used.add(name);
      return cleanName(name);
    }
  }
}

function villageName(provinceCode: string, communeKind: "ward" | "commune", index: number, used: Set<string>): string {
  if (communeKind === "ward") return cleanName(`Tổ dân phố ${index + 1}`);
  const prefix = HIGHLAND.has(provinceCode) ? "Bản" : SOUTH.has(provinceCode) ? "Ấp" : "Thôn";
  if (rng.chance(0.25)) {
    const name = `${prefix} ${rng.pick(NUMBERED)}`;
    if (!used.has(name)) {
      used.add(name);
      return cleanName(name);
    }
  }
  return placeName(prefix, used, HIGHLAND.has(provinceCode));
}

/** Splits `total` into `parts` random counts between min and max (approximately), summing exactly to total. */
function spread(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.max(1, Math.round((w / sum) * total)));
  let diff = total - counts.reduce((a, b) => a + b, 0);
  while (diff !== 0) {
    const i = rng.int(0, counts.length - 1);
    if (diff > 0) {
      counts[i] = (counts[i] as number) + 1;
      diff--;
    } else if ((counts[i] as number) > 1) {
      counts[i] = (counts[i] as number) - 1;
      diff++;
    }
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// People

const FAMILY: [string, number][] = [
  ["Nguyễn", 31],
  ["Trần", 11],
  ["Lê", 9.5],
  ["Phạm", 7],
  ["Hoàng", 4],
  ["Huỳnh", 1.5],
  ["Phan", 4.5],
  ["Vũ", 3],
  ["Võ", 2],
  ["Đặng", 2.1],
  ["Bùi", 2],
  ["Đỗ", 1.4],
  ["Hồ", 1.3],
  ["Ngô", 1.3],
  ["Dương", 1],
  ["Lý", 0.5],
  ["Đinh", 0.8],
  ["Đào", 0.7],
  ["Cao", 0.5],
  ["Trương", 0.6],
  ["Mai", 0.4],
  ["Lương", 0.4],
  ["Tạ", 0.3],
  ["Hà", 0.6],
];
const FAMILY_HIGHLAND: [string, number][] = [
  ["Lò", 5],
  ["Quàng", 3],
  ["Lường", 3],
  ["Cà", 2],
  ["Vì", 2],
  ["Lù", 1.5],
  ["Sùng", 2],
  ["Giàng", 2],
  ["Mùa", 1.5],
  ["Thào", 1.5],
  ["Vàng", 2],
  ["Hà", 2],
  ["Nông", 2],
  ["Ma", 1],
  ["Triệu", 1],
  ["Bế", 1],
  ["Lục", 1],
];
const FAMILY_KHMER: [string, number][] = [
  ["Thạch", 3],
  ["Danh", 2],
  ["Sơn", 2],
  ["Kim", 1.5],
  ["Lâm", 1],
  ["Trần Thị", 0.5],
];
const MIDDLE_MALE = words("Văn Văn Văn Đức Minh Quang Hữu Công Thành Xuân Tiến Ngọc Mạnh Duy");
const MIDDLE_FEMALE = words("Thị Thị Thị Thu Ngọc Thanh Kim Hồng Minh Phương Thùy Diệu Mai");
const GIVEN_MALE = words(
  "An Bình Cường Dũng Đức Hải Hùng Huy Khánh Long Minh Nam Phong Quân Sơn Thắng Thành Trung Tuấn Việt Hưng Hoàng Tâm Lâm Kiên Lợi Toàn Tú Vinh Đạt Hiếu Khoa Chiến Quý Phúc Thịnh",
);
const GIVEN_FEMALE = words(
  "Anh Chi Dung Giang Hà Hạnh Hằng Hiền Hoa Huệ Hương Lan Liên Linh Loan Mai Nga Ngọc Nhung Oanh Phương Quỳnh Thảo Thủy Trang Tuyết Vân Yến Xuân Thơ Nhàn Duyên Hồng Lệ",
);

function fullNameFor(provinceCode: string): string {
  const table =
    HIGHLAND.has(provinceCode) && rng.chance(0.55)
      ? FAMILY_HIGHLAND
      : KHMER.has(provinceCode) && rng.chance(0.12)
        ? FAMILY_KHMER
        : FAMILY;
  const family = rng.weighted(table);
  const female = rng.chance(0.56);
  const middle = family.includes(" ") ? "" : rng.pick(female ? MIDDLE_FEMALE : MIDDLE_MALE);
  const given = rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE);
  return cleanName(`${family} ${middle} ${given}`);
}

// ---------------------------------------------------------------------------------------------
// Courses: the three real ones from content/, and seven more made from their current versions

const REAL = {
  commune: "can-bo-cap-xa",
  village: "cong-tac-vien-thon-ban",
  province: "can-bo-cap-tinh-huyen",
} as const;

const EXTRA_COURSES = [
  {
    slug: "phat-hien-thong-bao-to-giac-xam-hai",
    title: "Kỹ năng phát hiện, thông báo, tố giác hành vi xâm hại trẻ em",
    summary:
      "Nhận biết dấu hiệu trẻ em bị xâm hại, thông báo, tố giác kịp thời đến cơ quan có thẩm quyền và Tổng đài 111; giữ an toàn và bí mật cho trẻ.",
    from: [REAL.village, REAL.commune],
    validity: 24,
    tiers: ["commune", "village"],
    positions: ["village_collaborator", "volunteer", "standing_group_member"],
  },
  {
    slug: "quan-ly-truong-hop-tre-em-can-bao-ve",
    title: "Quản lý trường hợp trẻ em cần bảo vệ",
    summary:
      "Các bước quản lý trường hợp: tiếp nhận, đánh giá, lập và thực hiện kế hoạch hỗ trợ, can thiệp, theo dõi và đóng hồ sơ; phối hợp liên ngành ở cấp xã.",
    from: [REAL.commune, REAL.province],
    validity: 36,
    tiers: ["commune"],
    positions: ["commune_officer", "standing_group_member"],
  },
  {
    slug: "phong-chong-xam-hai-tinh-duc-tre-em",
    title: "Phòng ngừa, phát hiện và hỗ trợ trẻ em bị xâm hại tình dục",
    summary:
      "Kiến thức và kỹ năng phòng ngừa xâm hại tình dục trẻ em ở cộng đồng, nhận biết nguy cơ, hỗ trợ trẻ và gia đình sau khi sự việc xảy ra.",
    from: [REAL.village, REAL.commune],
    validity: 24,
    tiers: [],
    positions: ["standing_group_member", "volunteer", "village_collaborator"],
  },
  {
    slug: "bao-ve-tre-em-tren-moi-truong-mang",
    title: "Bảo vệ trẻ em trên môi trường mạng",
    summary:
      "Nguy cơ đối với trẻ em trên mạng, quy định về bảo vệ thông tin cá nhân của trẻ, cách tiếp nhận và chuyển tin báo về xâm hại trẻ em trên mạng.",
    from: [REAL.village],
    validity: 12,
    tiers: [],
    positions: [],
  },
  {
    slug: "phong-chong-bao-luc-boc-lot-lao-dong-tre-em",
    title: "Phòng, chống bạo lực, bóc lột và lao động trẻ em",
    summary:
      "Nhận diện bạo lực, bóc lột và lao động trẻ em; trách nhiệm của cấp xã trong phòng ngừa, phát hiện và can thiệp.",
    from: [REAL.commune, REAL.village],
    validity: 24,
    tiers: ["commune"],
    positions: ["commune_officer", "standing_group_member"],
  },
  {
    slug: "cham-soc-thay-the-cho-tre-em",
    title: "Chăm sóc thay thế cho trẻ em có hoàn cảnh đặc biệt",
    summary:
      "Các hình thức chăm sóc thay thế, điều kiện và thủ tục nhận chăm sóc thay thế, theo dõi và hỗ trợ trẻ em được chăm sóc thay thế.",
    from: [REAL.commune, REAL.province],
    validity: 36,
    tiers: ["commune"],
    positions: ["commune_officer", "standing_group_member"],
  },
  {
    slug: "tu-van-tham-van-tre-em-va-gia-dinh",
    title: "Kỹ năng tư vấn, tham vấn cho trẻ em và gia đình",
    summary:
      "Lắng nghe, trò chuyện với trẻ em theo độ tuổi, tư vấn cho cha mẹ và người chăm sóc, chuyển gửi dịch vụ tâm lý khi cần.",
    from: [REAL.province, REAL.village],
    validity: 12,
    tiers: ["province", "district", "commune"],
    positions: ["province_officer", "district_officer", "steering_committee_member", "commune_officer", "trainer"],
  },
] as const;

// =============================================================================================
// 1. Schema, catalogue, courses

console.log(`National seed → ${FILE} (${TIERS} tiers, seed ${SEED}, today ${TODAY})`);
const db = getDb();
const sqlite = db.$client;
migrateDatabase(db);
seedCatalogue(db);
const passwordHash = await hashPassword(DEMO_PASSWORD);
phase("migrations, catalogue, password hash");

for (const outcome of await importContent(path.resolve("content"))) {
  if (outcome.status !== "published") throw new Error(describeOutcome(outcome));
}
phase("import of the 3 real courses (content/)");

// Bulk load: no fsync until the end, a large page cache.
sqlite.pragma("synchronous = OFF");
sqlite.pragma("cache_size = -400000");
sqlite.pragma("temp_store = MEMORY");

const tierId = new Map(
  (sqlite.prepare("select id, code from tiers").all() as { id: number; code: string }[]).map((t) => [t.code, t.id]),
);
const positionRows = sqlite.prepare("select id, code, name_vi as nameVi from positions").all() as {
  id: number;
  code: string;
  nameVi: string;
}[];
const positionId = new Map(positionRows.map((p) => [p.code, p.id]));
const positionName = new Map(positionRows.map((p) => [p.id, p.nameVi]));
const tid = (code: string) => tierId.get(code) as number;
const pid = (code: string) => positionId.get(code) as number;

interface CourseInfo {
  id: number;
  slug: string;
  versionId: number;
  title: string;
  validity: number;
  passMark: number;
  quiz: { questionCount: number; maxAttempts: number; timeLimitMinutes?: number; perTopic?: boolean };
  lessons: string[];
  audience: { tiers: string[]; positions: string[] };
  /** Pre-made draws with answer sheets and their scores: passing and failing ones. */
  draws: { draw: string; pass: PremadeAnswers[]; fail: PremadeAnswers[] }[];
}
interface PremadeAnswers {
  answers: string;
  points: number;
  max: number;
  percent: number;
}

const publishedAt = Date.parse(`${PUBLISHED_ON}T09:00:00+07:00`);
sqlite.transaction(() => {
  const real = sqlite.prepare("select id, current_version_id as versionId from courses where slug = ?");
  const insertCourse = sqlite.prepare("insert into courses (slug, created_at) values (?, ?)");
  const copyVersion = sqlite.prepare(
    `insert into course_versions (course_id, number, declared_version, title, summary, intro_hash, audience_tiers,
       audience_positions, estimated_minutes, certificate_validity_months, pass_mark, quiz, source_hash, published_at,
       published_by)
     select ?, 1, 1, ?, ?, intro_hash, ?, ?, estimated_minutes, ?, pass_mark, quiz, ?, ?, null
       from course_versions where id = ?`,
  );
  // The lessons of the first source course, then those of the second it does not have.
  const copyLessons = sqlite.prepare(
    `insert into course_lessons (course_version_id, lesson_key, position, title, minutes, source, compiled_hash)
     select ?, lesson_key, position + ?, title, minutes, source, compiled_hash from course_lessons
      where course_version_id = ? and lesson_key not in (select lesson_key from course_lessons where course_version_id = ?)`,
  );
  const lastPosition = sqlite.prepare<[number], { n: number }>(
    "select coalesce(max(position), 0) as n from course_lessons where course_version_id = ?",
  );
  const setMinutes = sqlite.prepare(
    "update course_versions set estimated_minutes = 15 + (select sum(minutes) from course_lessons where course_version_id = ?) where id = ?",
  );
  const copyBank = sqlite.prepare(
    "insert into question_banks (course_version_id, source, questions) select ?, source, questions from question_banks where course_version_id = ?",
  );
  const copyAssets = sqlite.prepare(
    "insert or ignore into course_assets (course_version_id, kind, name, mime, hash) select ?, kind, name, mime, hash from course_assets where course_version_id = ?",
  );
  const setCurrent = sqlite.prepare("update courses set current_version_id = ? where id = ?");
  for (const extra of EXTRA_COURSES) {
    const sources = extra.from.map((slug) => real.get(slug) as { id: number; versionId: number });
    const source = sources[0] as { id: number; versionId: number };
    const courseId = Number(insertCourse.run(extra.slug, publishedAt).lastInsertRowid);
    const versionId = Number(
      copyVersion.run(
        courseId,
        cleanName(extra.title),
        cleanName(extra.summary),
        JSON.stringify(extra.tiers),
        JSON.stringify(extra.positions),
        extra.validity,
        `national-seed:${extra.slug}`,
        publishedAt,
        source.versionId,
      ).lastInsertRowid,
    );
    for (const from of sources) {
      copyLessons.run(versionId, (lastPosition.get(versionId) as { n: number }).n, from.versionId, versionId);
      copyAssets.run(versionId, from.versionId);
    }
    setMinutes.run(versionId, versionId);
    copyBank.run(versionId, source.versionId);
    setCurrent.run(versionId, courseId);
  }
  // The real courses too were published long ago (certificates go back to 2023).
  sqlite.prepare("update course_versions set published_at = ?").run(publishedAt);
  sqlite.prepare("update courses set created_at = ?").run(publishedAt);
})();

const courseList: CourseInfo[] = (
  sqlite
    .prepare(
      `select c.id, c.slug, v.id as versionId, v.title, v.certificate_validity_months as validity, v.pass_mark as passMark,
              v.quiz, v.audience_tiers as tiers, v.audience_positions as positions, q.questions
         from courses c join course_versions v on v.id = c.current_version_id
         join question_banks q on q.course_version_id = v.id order by c.id`,
    )
    .all() as {
    id: number;
    slug: string;
    versionId: number;
    title: string;
    validity: number;
    passMark: number;
    quiz: string;
    tiers: string;
    positions: string;
    questions: string;
  }[]
).map((row) => {
  const quiz = JSON.parse(row.quiz) as CourseInfo["quiz"];
  const bank = JSON.parse(row.questions) as QuestionBank;
  const lessons = (
    sqlite
      .prepare("select lesson_key as k from course_lessons where course_version_id = ? order by position")
      .all(row.versionId) as { k: string }[]
  ).map((l) => l.k);
  const draws: CourseInfo["draws"] = [];
  for (let d = 0; d < 16; d++) {
    const drawn = drawQuestions(bank.questions, quiz.questionCount, rng.int(1, 2 ** 31 - 1), {
      perTopic: quiz.perTopic === true,
    });
    const pass: PremadeAnswers[] = [];
    const fail: PremadeAnswers[] = [];
    for (let wrong = 0; wrong <= 6; wrong++) {
      const answers = answerSheet(drawn, wrong);
      const score = scoreAttempt(drawn, answers, row.passMark);
      const premade = {
        answers: JSON.stringify(answers),
        points: score.points,
        max: score.max,
        percent: score.percent,
      };
      (score.passed ? pass : fail).push(premade);
    }
    if (pass.length === 0 || fail.length === 0)
      throw new Error(`draws of ${row.slug}: need passing and failing sheets`);
    draws.push({ draw: JSON.stringify(drawn), pass, fail });
  }
  return {
    id: row.id,
    slug: row.slug,
    versionId: row.versionId,
    title: row.title,
    validity: row.validity,
    passMark: row.passMark,
    quiz,
    lessons,
    audience: { tiers: JSON.parse(row.tiers) as string[], positions: JSON.parse(row.positions) as string[] },
    draws,
  };
});
const courseBySlug = new Map(courseList.map((c) => [c.slug, c]));
const courseById = new Map(courseList.map((c) => [c.id, c]));
const course = (slug: string) => courseBySlug.get(slug) as CourseInfo;

/** Answers taken from the draw: all right except the first `wrong` items (a right answer for each, else a wrong one). */
function answerSheet(drawn: readonly DrawnQuestion[], wrong: number): Answers {
  const answers: Answers = {};
  itemsOf(drawn).forEach((item, index) => {
    const right = index >= wrong;
    if (item.type === "true-false") answers[item.id] = right ? item.answer : !item.answer;
    else {
      const correct = item.options.filter((o) => o.correct).map((o) => o.id);
      const incorrect = item.options.filter((o) => !o.correct).map((o) => o.id);
      answers[item.id] = right || incorrect.length === 0 ? correct : [incorrect[0] as number];
    }
  });
  return answers;
}
phase(`7 more courses (${courseList.length} in all), pre-made quiz draws`);

// =============================================================================================
// 2. Units

interface Unit {
  id: number;
  parentId: number | null;
  tier: string;
  code: string;
  name: string;
  path: string;
  province: number;
  kind: "ward" | "commune" | "special" | "other";
}
interface Province {
  index: number;
  code: string;
  name: string;
  unitId: number;
  /** How well the province trains, around 1. */
  factor: number;
  communes: number[];
  districts: number[];
}

const units: Unit[] = [];
const provinces: Province[] = [];
const communes: number[] = [];
const villagesOf = new Map<number, number[]>();
function addUnit(parent: Unit | null, tier: string, code: string, name: string, province: number, kind: Unit["kind"]) {
  const id = units.length + 1;
  const unit: Unit = {
    id,
    parentId: parent?.id ?? null,
    tier,
    code,
    name: cleanName(name),
    path: childPath(parent?.path ?? null, id),
    province,
    kind,
  };
  units.push(unit);
  return unit;
}
const unitOf = (id: number) => units[id - 1] as Unit;

const nation = addUnit(null, "nation", "VN", "Việt Nam", -1, "other");
let communeSeq = 0;

function addCommune(parent: Unit, province: Province, kind: Unit["kind"], name: string, villages: number) {
  communeSeq += 1;
  const commune = addUnit(parent, "commune", pad(communeSeq, 5), name, province.index, kind);
  communes.push(commune.id);
  province.communes.push(commune.id);
  const list: number[] = [];
  const used = new Set<string>();
  for (let v = 0; v < villages; v++) {
    const villageKind = kind === "ward" ? "ward" : "commune";
    const village = addUnit(
      commune,
      "village",
      `${commune.code}${pad(v + 1, 3)}`,
      villageName(province.code, villageKind, v, used),
      province.index,
      "other",
    );
    list.push(village.id);
  }
  villagesOf.set(commune.id, list);
}

if (TIERS === 2) {
  // First the plan (wards and communes interleaved the way a list by code would have them,
  // special zones last), then villages spread over it, then the units in that order.
  const plan: { province: number; kind: Unit["kind"]; zone?: string }[] = [];
  for (const [index, [, , wards, xa, special]] of PROVINCES_2025.entries()) {
    const kinds: Unit["kind"][] = [
      ...Array.from({ length: wards }, () => "ward" as const),
      ...Array.from({ length: xa }, () => "commune" as const),
    ];
    for (let i = kinds.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [kinds[i], kinds[j]] = [kinds[j] as Unit["kind"], kinds[i] as Unit["kind"]];
    }
    plan.push(...kinds.map((kind) => ({ province: index, kind })));
    plan.push(...special.map((zone) => ({ province: index, kind: "special" as const, zone })));
  }
  const villageCounts = spread(
    VILLAGES_2025,
    plan.map((p) => (p.kind === "ward" ? rng.int(8, 22) : p.kind === "special" ? rng.int(3, 9) : rng.int(10, 32))),
  );
  let province: Province | undefined;
  let used = new Set<string>();
  for (const [i, p] of plan.entries()) {
    if (province?.index !== p.province) {
      const [code, name] = PROVINCES_2025[p.province] as (typeof PROVINCES_2025)[number];
      const unit = addUnit(nation, "province", code, name, p.province, "other");
      province = {
        index: p.province,
        code,
        name: unit.name,
        unitId: unit.id,
        factor: 0.75 + rng.next() * 0.5,
        communes: [],
        districts: [],
      };
      provinces.push(province);
      used = new Set();
    }
    const name =
      p.kind === "special"
        ? `Đặc khu ${p.zone}`
        : placeName(p.kind === "ward" ? "Phường" : "Xã", used, HIGHLAND.has(province.code) && p.kind === "commune");
    addCommune(unitOf(province.unitId), province, p.kind, name, villageCounts[i] as number);
  }
} else {
  const districtCounts = spread(
    DISTRICTS_2024,
    PROVINCES_2024.map(([, , n]) => n),
  );
  const communeWeights = Array.from({ length: DISTRICTS_2024 }, () => rng.int(6, 24));
  const communeCounts = spread(COMMUNES_2024, communeWeights);
  let districtCursor = 0;
  let districtSeq = 0;
  for (const [index, [code, name]] of PROVINCES_2024.entries()) {
    const unit = addUnit(nation, "province", code, name, index, "other");
    const province: Province = {
      index,
      code,
      name: unit.name,
      unitId: unit.id,
      factor: 0.75 + rng.next() * 0.5,
      communes: [],
      districts: [],
    };
    provinces.push(province);
    const city = name.startsWith("Thành phố");
    const usedDistricts = new Set<string>();
    const count = districtCounts[index] as number;
    for (let d = 0; d < count; d++) {
      districtSeq += 1;
      const prefix =
        d === 0 && !city ? "Thành phố" : city && d < count / 2 ? "Quận" : rng.chance(0.12) ? "Thị xã" : "Huyện";
      const district = addUnit(
        unit,
        "district",
        pad(districtSeq, 3),
        placeName(prefix, usedDistricts, HIGHLAND.has(code) && prefix === "Huyện"),
        index,
        "other",
      );
      province.districts.push(district.id);
      const urban = prefix !== "Huyện";
      const used = new Set<string>();
      const communesHere = communeCounts[districtCursor++] as number;
      for (let c = 0; c < communesHere; c++) {
        const ward = urban ? rng.chance(0.7) : c === 0;
        const communeName = placeName(ward ? (urban ? "Phường" : "Thị trấn") : "Xã", used, HIGHLAND.has(code) && !ward);
        addCommune(district, province, ward ? "ward" : "commune", communeName, rng.int(3, 7));
      }
    }
  }
}

sqlite.transaction(() => {
  const insert = sqlite.prepare(
    `insert into org_units (id, parent_id, tier_id, code, name, name_search, status, valid_from, path, depth, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?)`,
  );
  const createdAt = Date.parse(`${TIERS === 2 ? MERGER : "2020-01-01"}T08:00:00+07:00`);
  for (const u of units) {
    const validFrom = TIERS === 2 && u.tier !== "nation" ? MERGER : null;
    insert.run(
      u.id,
      u.parentId,
      tid(u.tier),
      u.code,
      u.name,
      searchKey(u.name),
      validFrom,
      u.path,
      depthOf(u.path),
      createdAt,
      createdAt,
    );
  }
})();
const villageTotal = units.filter((u) => u.tier === "village").length;
phase(
  `units: ${provinces.length} provinces, ${provinces.reduce((n, p) => n + p.districts.length, 0)} districts, ${communes.length} communes, ${villageTotal} villages`,
);

// =============================================================================================
// 3. People, placements, grants

interface Placement {
  unit: number;
  position: string;
  start: string;
  end: string | null;
}
interface Person {
  id: string;
  username: string;
  fullName: string;
  phone: string | null;
  province: number;
  placements: Placement[];
  grants: { role: "learner" | "trainer" | "manager" | "admin"; unit: number }[];
  createdAt: number;
}

const people: Person[] = [];
let usernameSeq = 0;
function startDate(): string {
  if (TIERS === 2) return rng.chance(0.8) ? MERGER : dayBetween(MERGER, addDays(TODAY, -20));
  return dayBetween("2016-01-01", addDays(TODAY, -20));
}
function newPerson(provinceIndex: number, unit: number, position: string): Person {
  const province = provinces[provinceIndex] as Province;
  const fullName = fullNameFor(province.code);
  usernameSeq += 1;
  const start = startDate();
  const person: Person = {
    id: rng.uuid(),
    username: `${searchKey(fullName).replace(/ /g, ".")}.${usernameSeq}`,
    fullName,
    phone: rng.chance(0.85) ? `0${rng.pick(["9", "8", "3", "7"])}${pad(rng.int(0, 99_999_999), 8)}` : null,
    province: provinceIndex,
    placements: [{ unit, position, start, end: null }],
    grants: [{ role: "learner", unit }],
    createdAt: Date.parse(`${start}T08:30:00+07:00`),
  };
  people.push(person);
  return person;
}

const managers: Person[] = [];
for (const province of provinces) {
  const officers: Person[] = [];
  for (let i = rng.int(8, 12); i > 0; i--)
    officers.push(newPerson(province.index, province.unitId, "province_officer"));
  for (let i = rng.int(8, 12); i > 0; i--) newPerson(province.index, province.unitId, "steering_committee_member");
  for (let i = rng.int(1, 2); i > 0; i--) {
    const trainer = newPerson(province.index, province.unitId, "trainer");
    trainer.grants.push({ role: "trainer", unit: province.unitId });
  }
  // The province's manager is one of its officers.
  const manager = officers[0] as Person;
  manager.username = `manager.${province.code}`;
  manager.grants.push({ role: "manager", unit: province.unitId });
  managers.push(manager);
  for (const district of province.districts) {
    for (let i = rng.int(2, 3); i > 0; i--) newPerson(province.index, district, "district_officer");
  }
  for (const commune of province.communes) {
    const officer = newPerson(province.index, commune, "commune_officer");
    // The officer often also sits in the standing group. (About 5% of people hold two
    // placements; the older tree has three times the communes for as many villages.)
    if (rng.chance(TIERS === 2 ? 0.35 : 0.15))
      officer.placements.push({
        unit: commune,
        position: "standing_group_member",
        start: officer.placements[0]?.start ?? MERGER,
        end: null,
      });
    for (let i = rng.int(2, 5); i > 0; i--) {
      const member = newPerson(province.index, commune, "standing_group_member");
      if (rng.chance(TIERS === 2 ? 0.18 : 0.08))
        member.placements.push({
          unit: commune,
          position: "volunteer",
          start: member.placements[0]?.start ?? MERGER,
          end: null,
        });
      else if (rng.chance(0.025)) {
        const other = rng.pick(province.communes);
        if (other !== commune)
          member.placements.push({ unit: other, position: "standing_group_member", start: startDate(), end: null });
      }
    }
    const villages = villagesOf.get(commune) ?? [];
    for (const [v, village] of villages.entries()) {
      const collaborator = newPerson(province.index, village, "village_collaborator");
      const neighbour = villages[v + 1];
      if (neighbour !== undefined && rng.chance(0.02))
        collaborator.placements.push({
          unit: neighbour,
          position: "village_collaborator",
          start: startDate(),
          end: null,
        });
      if (rng.chance(0.27)) newPerson(province.index, village, "volunteer");
    }
  }
}

// About 3% moved: an ended placement elsewhere, of the same kind, before the current one.
for (const person of people) {
  if (!rng.chance(0.03)) continue;
  const current = person.placements[0] as Placement;
  const unit = unitOf(current.unit);
  const province = provinces[person.province] as Province;
  let elsewhere: number;
  if (unit.tier === "commune") elsewhere = rng.pick(province.communes);
  else if (unit.tier === "village") elsewhere = rng.pick(villagesOf.get(rng.pick(province.communes)) ?? [current.unit]);
  else if (unit.tier === "district") elsewhere = rng.pick(province.districts);
  else elsewhere = (rng.pick(provinces) as Province).unitId;
  if (elsewhere === current.unit) continue;
  let start: string;
  let end: string;
  if (TIERS === 2) {
    // Moved since the merger: the first placement in the new tree ended, the current one began.
    current.start = dayBetween("2025-10-01", addDays(TODAY, -30));
    start = MERGER;
    end = addDays(current.start, -rng.int(1, 20));
  } else {
    if (current.start <= "2016-06-01") current.start = dayBetween("2017-01-01", addDays(TODAY, -30));
    end = addDays(current.start, -rng.int(1, 20));
    start = addDays(end, -rng.int(200, 1500));
  }
  person.placements.push({ unit: elsewhere, position: current.position, start, end });
  person.createdAt = Math.min(person.createdAt, Date.parse(`${start}T08:30:00+07:00`));
}

// A commune manager: the officer of a commune of the first province.
const xaManager = people.find(
  (p) => p.placements[0]?.position === "commune_officer" && unitOf(p.placements[0].unit).province === 0,
) as Person;
xaManager.username = "manager.xa";
xaManager.grants.push({ role: "manager", unit: xaManager.placements[0]?.unit as number });

const admin: Person = {
  id: rng.uuid(),
  username: "admin",
  fullName: cleanName("Trần Thị Minh Hằng"),
  phone: "0912000001",
  province: -1,
  placements: [],
  grants: [
    { role: "admin", unit: nation.id },
    { role: "learner", unit: nation.id },
  ],
  createdAt: Date.parse("2023-05-15T08:00:00+07:00"),
};
people.push(admin);

people.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
let placementRows = 0;
let grantRows = 0;
sqlite.transaction(() => {
  const insertUser = sqlite.prepare(
    `insert into users (id, username, full_name, full_name_search, phone, email, password_hash, locale, active,
       must_change_password, created_at, updated_at) values (?, ?, ?, ?, ?, null, ?, 'vi', 1, 0, ?, ?)`,
  );
  const insertPlacement = sqlite.prepare(
    `insert into placements (user_id, org_unit_id, position_id, start_date, end_date, end_reason, created_at)
     values (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertGrant = sqlite.prepare(
    "insert into role_grants (user_id, role, org_unit_id, granted_by, created_at) values (?, ?, ?, ?, ?)",
  );
  for (const person of people) {
    insertUser.run(
      person.id,
      person.username,
      person.fullName,
      searchKey(person.fullName),
      person.phone,
      passwordHash,
      person.createdAt,
      person.createdAt,
    );
  }
  for (const person of people) {
    // Oldest first, as they were recorded.
    for (const p of [...person.placements].sort((a, b) => (a.start < b.start ? -1 : 1))) {
      insertPlacement.run(
        person.id,
        p.unit,
        pid(p.position),
        p.start,
        p.end,
        p.end ? "ended" : null,
        Date.parse(`${p.start}T08:30:00+07:00`),
      );
      placementRows++;
    }
    for (const g of person.grants) {
      insertGrant.run(person.id, g.role, g.unit, person === admin ? null : admin.id, person.createdAt);
      grantRows++;
    }
  }
})();
const twoPlacements = people.filter((p) => p.placements.filter((x) => x.end === null).length > 1).length;
const moved = people.filter((p) => p.placements.some((x) => x.end !== null)).length;
phase(
  `people: ${people.length} users (${twoPlacements} with two placements, ${moved} moved), ${placementRows} placements, ${grantRows} grants`,
);

// =============================================================================================
// 4. Assignments

interface SeedAssignment extends AssignmentAudience {
  id: number;
  unitId: number | null;
}
const assignmentList: SeedAssignment[] = [];
const assignmentsAtUnit = new Map<number, SeedAssignment[]>();
const namedAssignments = new Map<string, SeedAssignment[]>();
sqlite.transaction(() => {
  const insert = sqlite.prepare(
    `insert into assignments (course_id, org_unit_id, include_subunits, tiers, positions, due_on, created_by, created_at, cancelled_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPerson = sqlite.prepare("insert into assignment_people (assignment_id, user_id) values (?, ?)");
  const audit = sqlite.prepare(
    `insert into audit_log (actor_user_id, action, entity_type, entity_id, org_unit_id, before, after, at)
     values (?, 'assignment.create', 'assignment', ?, ?, null, ?, ?)`,
  );
  const add = (input: {
    course: string;
    unit: Unit | null;
    includeSubunits?: boolean;
    tiers?: string[];
    positions?: string[];
    dueOn: string;
    by: Person;
    createdOn: string;
    people?: Person[];
    cancelled?: boolean;
  }) => {
    const c = course(input.course);
    const createdAt = instantOn(input.createdOn);
    const values = {
      includeSubunits: input.includeSubunits ?? true,
      tiers: input.tiers ?? [],
      positions: input.positions ?? [],
    };
    const id = Number(
      insert.run(
        c.id,
        input.unit?.id ?? null,
        values.includeSubunits ? 1 : 0,
        JSON.stringify(values.tiers),
        JSON.stringify(values.positions),
        input.dueOn,
        input.by.id,
        createdAt,
        input.cancelled ? createdAt + 3 * DAY_MS : null,
      ).lastInsertRowid,
    );
    const usernames = (input.people ?? []).map((p) => p.username);
    for (const person of input.people ?? []) insertPerson.run(id, person.id);
    audit.run(
      input.by.id,
      String(id),
      input.unit?.id ?? null,
      JSON.stringify({
        course: c.slug,
        unit: input.unit?.code ?? null,
        courseSlug: c.slug,
        unitCode: input.unit?.code,
        ...values,
        usernames,
        dueOn: input.dueOn,
      }),
      createdAt,
    );
    if (input.cancelled) return;
    const assignment: SeedAssignment = {
      id,
      unitId: input.unit?.id ?? null,
      courseId: c.id,
      unitPath: input.unit?.path ?? null,
      ...values,
      userIds: (input.people ?? []).map((p) => p.id),
      dueOn: input.dueOn,
    };
    assignmentList.push(assignment);
    if (input.unit) {
      const list = assignmentsAtUnit.get(input.unit.id);
      if (list) list.push(assignment);
      else assignmentsAtUnit.set(input.unit.id, [assignment]);
    }
    for (const person of input.people ?? []) {
      const list = namedAssignments.get(person.id);
      if (list) list.push(assignment);
      else namedAssignments.set(person.id, [assignment]);
    }
  };
  const pastDue = () => rng.pick(["2026-03-31", "2026-06-30", "2026-09-30", "2026-10-31"]);
  const futureDue = () => rng.pick(["2026-12-31", "2027-03-31", "2027-06-30"]);

  // The province/district course, nationally, by the administrator.
  add({
    course: REAL.province,
    unit: nation,
    positions: ["province_officer", "district_officer", "steering_committee_member"],
    dueOn: "2026-10-31",
    by: admin,
    createdOn: "2025-12-15",
  });
  for (const province of provinces) {
    const unit = unitOf(province.unitId);
    const by = managers[province.index] as Person;
    const late = rng.chance(0.4);
    add({
      course: REAL.commune,
      unit,
      tiers: ["commune"],
      positions: ["commune_officer", "standing_group_member"],
      dueOn: late ? pastDue() : futureDue(),
      by,
      createdOn: late ? "2025-09-15" : "2026-03-02",
    });
    const lateVillage = rng.chance(0.35);
    add({
      course: REAL.village,
      unit,
      positions: ["village_collaborator", "volunteer"],
      dueOn: lateVillage ? pastDue() : futureDue(),
      by,
      createdOn: lateVillage ? "2025-10-01" : "2026-04-01",
    });
    // Extra courses some provinces give to parts of their staff.
    if (rng.chance(0.9))
      add({
        course: "phat-hien-thong-bao-to-giac-xam-hai",
        unit,
        tiers: ["village"],
        positions: ["village_collaborator", "volunteer"],
        dueOn: rng.chance(0.3) ? pastDue() : futureDue(),
        by,
        createdOn: "2026-02-10",
      });
    if (rng.chance(0.7))
      add({ course: "bao-ve-tre-em-tren-moi-truong-mang", unit, dueOn: futureDue(), by, createdOn: "2026-05-20" });
    if (rng.chance(0.8))
      add({
        course: "quan-ly-truong-hop-tre-em-can-bao-ve",
        unit,
        tiers: ["commune"],
        positions: ["commune_officer", "standing_group_member"],
        dueOn: rng.chance(0.4) ? pastDue() : futureDue(),
        by,
        createdOn: "2026-01-12",
      });
    if (rng.chance(0.6))
      add({
        course: "phong-chong-xam-hai-tinh-duc-tre-em",
        unit,
        positions: ["standing_group_member", "volunteer", "village_collaborator"],
        dueOn: futureDue(),
        by,
        createdOn: "2026-06-01",
      });
    if (rng.chance(0.25))
      add({
        course: "tu-van-tham-van-tre-em-va-gia-dinh",
        unit,
        includeSubunits: false,
        positions: ["province_officer", "trainer"],
        dueOn: futureDue(),
        by,
        createdOn: "2026-07-01",
      });
    // A few communes, the commune itself only (not its villages).
    if (rng.chance(0.3)) {
      for (let i = 0; i < 3; i++)
        add({
          course: "cham-soc-thay-the-cho-tre-em",
          unit: unitOf(rng.pick(province.communes)),
          includeSubunits: false,
          tiers: ["commune"],
          dueOn: rng.chance(0.5) ? pastDue() : futureDue(),
          by,
          createdOn: "2026-02-20",
        });
    }
    if (rng.chance(0.5))
      add({
        course: "phong-chong-bao-luc-boc-lot-lao-dong-tre-em",
        unit,
        tiers: ["commune"],
        positions: ["commune_officer", "standing_group_member"],
        dueOn: rng.chance(0.3) ? pastDue() : futureDue(),
        by,
        createdOn: "2026-02-02",
      });
    // A commune with everything below it.
    if (rng.chance(0.3))
      add({
        course: "phong-chong-bao-luc-boc-lot-lao-dong-tre-em",
        unit: unitOf(rng.pick(province.communes)),
        dueOn: futureDue(),
        by,
        createdOn: "2026-08-05",
      });
    // A district's own assignment (three tiers).
    if (province.districts.length > 0 && rng.chance(0.4))
      add({
        course: "bao-ve-tre-em-tren-moi-truong-mang",
        unit: unitOf(rng.pick(province.districts)),
        positions: ["district_officer", "commune_officer"],
        dueOn: futureDue(),
        by,
        createdOn: "2026-04-15",
      });
  }
  // Named people: a province's core group for the counselling course, and a cancelled one.
  for (let i = 0; i < 6; i++) {
    const province = rng.pick(provinces);
    const named = people.filter(
      (p) => p.province === province.index && p.placements[0]?.position === "standing_group_member" && rng.chance(0.1),
    );
    add({
      course: "tu-van-tham-van-tre-em-va-gia-dinh",
      unit: null,
      dueOn: rng.chance(0.5) ? pastDue() : futureDue(),
      by: managers[province.index] as Person,
      createdOn: "2026-03-10",
      people: named.slice(0, rng.int(20, 60)),
    });
  }
  const cancelledIn = rng.pick(provinces);
  add({
    course: "cham-soc-thay-the-cho-tre-em",
    unit: unitOf(cancelledIn.unitId),
    tiers: ["commune"],
    dueOn: futureDue(),
    by: managers[cancelledIn.index] as Person,
    createdOn: "2026-09-01",
    cancelled: true,
  });
})();
phase(`assignments: ${assignmentList.length} active (+1 cancelled)`);

// =============================================================================================
// 5. Progress: lesson reads, attempts, completions, certificates

type Outcome = "none" | "progress" | "completed" | "expiring" | "expired" | "revoked";
const CORE_MIX: [Outcome, number][] = [
  ["none", 14],
  ["progress", 19],
  ["completed", 57],
  ["expiring", 3.5],
  ["expired", 6],
  ["revoked", 0.5],
];
const EXTRA_MIX: [Outcome, number][] = [
  ["none", 17],
  ["progress", 20],
  ["completed", 52.5],
  ["expiring", 3],
  ["expired", 7],
  ["revoked", 0.5],
];
const UNASSIGNED_MIX: [Outcome, number][] = [
  ["progress", 55],
  ["completed", 40],
  ["expired", 5],
];
const CORE = new Set<string>([REAL.commune, REAL.village, REAL.province]);
const REVOKE_REASONS = [
  "Cấp nhầm người: trùng tên với một học viên khác",
  "Bài kiểm tra do người khác làm thay",
  "Cấp lại theo đề nghị của đơn vị, hồ sơ không đúng",
];
function mixFor(slug: string, factor: number): [Outcome, number][] {
  const base = CORE.has(slug) ? CORE_MIX : EXTRA_MIX;
  return base.map(([o, w]) => [o, o === "completed" ? w * factor : w]);
}

const counts = { lessonReads: 0, attempts: 0, completions: 0, certificates: 0, revoked: 0 };
const outcomes = new Map<Outcome, number>();
const usedCodes = new Set<string>();

const insertRead = sqlite.prepare(
  "insert into lesson_reads (user_id, course_id, lesson_key, first_read_at, last_read_at) values (?, ?, ?, ?, ?)",
);
const insertAttempt = sqlite.prepare(
  `insert into quiz_attempts (user_id, course_id, course_version_id, number, status, draw, pass_mark, answers, started_at,
     deadline_at, submitted_at, points, max_points, percent, passed, late)
   values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
);
const insertCompletion = sqlite.prepare(
  "insert into course_completions (user_id, course_id, course_version_id, attempt_id, completed_at, cycle) values (?, ?, ?, ?, ?, ?)",
);
const insertCertificate = sqlite.prepare(
  `insert into certificates (code, user_id, course_id, course_version_id, completion_id, course_title, course_version_number,
     holder_name, position_name, unit_name, unit_id, issued_on, expires_on, revoked_at, revoked_reason, revoked_by, cycle)
   values (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);
const insertRevokeAudit = sqlite.prepare(
  `insert into audit_log (actor_user_id, action, entity_type, entity_id, org_unit_id, before, after, at)
   values (?, 'certificate.revoke', 'certificate', ?, ?, ?, ?, ?)`,
);

interface AttemptState {
  number: number;
  /** Certification cycles so far (decision 018): a renewal is the next one. */
  cycle: number;
}

function readLessons(person: Person, c: CourseInfo, keys: readonly string[], finishBy: number, spanDays: number) {
  // Read in order, the last one shortly before `finishBy`.
  const reads = keys.map((key) => ({ key, at: 0 }));
  let at = finishBy - rng.int(5, 120) * MINUTE;
  for (let i = reads.length - 1; i >= 0; i--) {
    (reads[i] as { at: number }).at = at;
    at -= rng.chance(0.5) ? rng.int(5, 40) * MINUTE : rng.int(1, Math.max(1, spanDays)) * DAY_MS;
  }
  for (const read of reads) {
    const last = rng.chance(0.2) ? Math.min(finishBy - MINUTE, read.at + rng.int(1, 6) * DAY_MS) : read.at;
    insertRead.run(person.id, c.id, read.key, read.at, Math.max(read.at, last));
    counts.lessonReads++;
  }
}

function attempt(person: Person, c: CourseInfo, state: AttemptState, submittedAt: number, passed: boolean): number {
  const premade = rng.pick(c.draws);
  const sheet = rng.pick(passed ? premade.pass : premade.fail);
  const startedAt = submittedAt - rng.int(6, 25) * MINUTE;
  state.number += 1;
  counts.attempts++;
  return Number(
    insertAttempt.run(
      person.id,
      c.id,
      c.versionId,
      state.number,
      "submitted",
      premade.draw,
      c.passMark,
      sheet.answers,
      startedAt,
      c.quiz.timeLimitMinutes ? startedAt + c.quiz.timeLimitMinutes * MINUTE : null,
      submittedAt,
      sheet.points,
      sheet.max,
      sheet.percent,
      passed ? 1 : 0,
    ).lastInsertRowid,
  );
}

function openAttempt(person: Person, c: CourseInfo, state: AttemptState, startedAt: number) {
  const premade = rng.pick(c.draws);
  state.number += 1;
  counts.attempts++;
  insertAttempt.run(
    person.id,
    c.id,
    c.versionId,
    state.number,
    "in_progress",
    premade.draw,
    c.passMark,
    null,
    startedAt,
    c.quiz.timeLimitMinutes ? startedAt + c.quiz.timeLimitMinutes * MINUTE : null,
    null,
    null,
    null,
    null,
    null,
  );
}

/** A completion on `issuedOn`: (a failed attempt,) a passed attempt, the completion and its certificate. */
function certify(person: Person, c: CourseInfo, state: AttemptState, issuedOn: string, revoke: boolean): void {
  const completedAt = instantOn(issuedOn);
  if (rng.chance(0.22))
    attempt(person, c, state, completedAt - rng.int(1, 12) * DAY_MS - rng.int(0, 600) * MINUTE, false);
  const attemptId = attempt(person, c, state, completedAt, true);
  const completionId = Number(
    insertCompletion.run(person.id, c.id, c.versionId, attemptId, completedAt, ++state.cycle).lastInsertRowid,
  );
  counts.completions++;
  let code = certificateCodeFrom(rng.bytes(8));
  while (usedCodes.has(code)) code = certificateCodeFrom(rng.bytes(8));
  usedCodes.add(code);
  const placement = person.placements.find((p) => p.end === null) ?? person.placements[0];
  const unit = placement ? unitOf(placement.unit) : null;
  const revokedAt = revoke ? Math.min(TODAY_MS - rng.int(1, 5) * DAY_MS, completedAt + rng.int(5, 90) * DAY_MS) : null;
  const reason = revoke ? rng.pick(REVOKE_REASONS) : null;
  const certificateId = Number(
    insertCertificate.run(
      code,
      person.id,
      c.id,
      c.versionId,
      completionId,
      c.title,
      person.fullName,
      placement ? (positionName.get(pid(placement.position)) ?? null) : null,
      unit?.name ?? null,
      unit?.id ?? null,
      issuedOn,
      expiryDate(issuedOn, c.validity),
      revokedAt,
      reason,
      revoke ? admin.id : null,
      state.cycle,
    ).lastInsertRowid,
  );
  counts.certificates++;
  if (revokedAt !== null) {
    counts.revoked++;
    insertRevokeAudit.run(
      admin.id,
      String(certificateId),
      unit?.id ?? null,
      JSON.stringify({ code, holderId: person.id, revokedAt: null, revokedReason: null, revokedBy: null }),
      JSON.stringify({
        code,
        holderId: person.id,
        revokedAt: new Date(revokedAt).toISOString(),
        revokedReason: reason,
        revokedBy: admin.id,
      }),
      revokedAt,
    );
  }
}

/** The first issue day of a certificate of `months` that is neither expired nor in its last 30 days today. */
const windowStarts = new Map<number, string>();
function validWindowStart(months: number): string {
  const known = windowStarts.get(months);
  if (known) return known;
  let day = expiryDate(TODAY, -months);
  while (daysBetween(TODAY, expiryDate(day, months)) < 31) day = addDays(day, 1);
  const first = day > FIRST_ISSUE ? day : FIRST_ISSUE;
  windowStarts.set(months, first);
  return first;
}

function learn(person: Person, c: CourseInfo, outcome: Outcome): void {
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  if (outcome === "none") return;
  const state: AttemptState = { number: 0, cycle: 0 };
  const lessons = c.lessons;
  if (outcome === "progress") {
    const startedOn = dayBetween(addDays(TODAY, -150), addDays(TODAY, -12));
    const finish = instantOn(startedOn);
    const read = rng.chance(0.3) ? lessons.length : rng.int(1, lessons.length);
    readLessons(person, c, lessons.slice(0, read), finish, 6);
    if (rng.chance(0.35)) attempt(person, c, state, finish + rng.int(1, 5) * DAY_MS, false);
    if (rng.chance(0.12) && state.number < 2) attempt(person, c, state, finish + rng.int(6, 9) * DAY_MS, false);
    if (rng.chance(0.02)) openAttempt(person, c, state, finish + 10 * DAY_MS);
    return;
  }
  let issuedOn: string;
  if (outcome === "expiring") {
    // Expires within the next 29 days.
    for (;;) {
      issuedOn = expiryDate(addDays(TODAY, rng.int(0, 29)), -c.validity);
      const left = daysBetween(TODAY, expiryDate(issuedOn, c.validity));
      if (left >= 0 && left < 30 && issuedOn >= FIRST_ISSUE) break;
      if (issuedOn < FIRST_ISSUE) {
        learn(person, c, "completed");
        return;
      }
    }
  } else if (outcome === "expired") {
    issuedOn = addDays(expiryDate(TODAY, -c.validity), -rng.int(1, 240));
    if (issuedOn < FIRST_ISSUE) issuedOn = FIRST_ISSUE;
    if (expiryDate(issuedOn, c.validity) >= TODAY) {
      learn(person, c, "expiring");
      return;
    }
  } else {
    issuedOn = dayBetween(validWindowStart(c.validity), addDays(TODAY, -1));
  }
  const issuedAt = Date.parse(`${issuedOn}T07:00:00+07:00`);
  // A renewal: an earlier certificate that had lapsed (or was about to) when this one was earned.
  if (outcome === "completed" && rng.chance(0.08)) {
    const previous = addDays(expiryDate(issuedOn, -c.validity), -rng.int(-20, 120));
    if (previous >= FIRST_ISSUE) {
      readLessons(person, c, lessons, Date.parse(`${previous}T07:00:00+07:00`), 10);
      certify(person, c, state, previous, false);
      certify(person, c, state, issuedOn, false);
      return;
    }
  }
  readLessons(person, c, lessons, issuedAt, 10);
  certify(person, c, state, issuedOn, outcome === "revoked");
  if (outcome === "expired" && rng.chance(0.15)) {
    // Started again after it lapsed: a failed attempt on the way to renewal.
    attempt(
      person,
      c,
      state,
      instantOn(dayBetween(addDays(expiryDate(issuedOn, c.validity), 1), TODAY)) - DAY_MS,
      false,
    );
  }
}

const BATCH_PEOPLE = 10_000;
let assignedPairs = 0;
let unassignedPairs = 0;
for (let start = 0; start < people.length; start += BATCH_PEOPLE) {
  sqlite.transaction(() => {
    for (const person of people.slice(start, start + BATCH_PEOPLE)) {
      const open = person.placements
        .filter((p) => p.end === null)
        .map((p) => {
          const unit = unitOf(p.unit);
          return { unitPath: unit.path, tierCode: unit.tier, positionCode: p.position, unitId: unit.id };
        });
      const reaching = new Set<SeedAssignment>(namedAssignments.get(person.id) ?? []);
      for (const p of open) {
        for (const id of p.unitPath.split("/").filter(Boolean).map(Number))
          for (const a of assignmentsAtUnit.get(id) ?? []) reaching.add(a);
      }
      const due = assignedCourses([...reaching], { userId: person.id, placements: open });
      const factor = provinces[person.province]?.factor ?? 1;
      for (const courseId of [...due.keys()].sort((a, b) => a - b)) {
        const c = courseById.get(courseId) as CourseInfo;
        learn(person, c, rng.weighted(mixFor(c.slug, factor)));
        assignedPairs++;
      }
      // Learning nobody asked for: a course meant for their position.
      if (rng.chance(0.3)) {
        const meant = courseList.filter(
          (c) => !due.has(c.id) && isMeantFor({ tiers: c.audience.tiers, positions: c.audience.positions }, open),
        );
        for (let i = rng.chance(0.3) ? 2 : 1; i > 0 && meant.length > 0; i--) {
          const [chosen] = meant.splice(rng.int(0, meant.length - 1), 1);
          learn(person, chosen as CourseInfo, rng.weighted(UNASSIGNED_MIX));
          unassignedPairs++;
        }
      }
    }
  })();
}
phase(
  `progress: ${assignedPairs} person×assigned course, ${unassignedPairs} unassigned; ${counts.lessonReads + counts.attempts + counts.completions + counts.certificates} rows`,
);

// =============================================================================================
// 6. Rollups, with the app's own code

sqlite.pragma("synchronous = NORMAL");
sqlite.pragma("wal_checkpoint(TRUNCATE)");
phase("checkpoint (synchronous back to NORMAL)");
const rebuilt = rebuildRollups(TODAY);
phase(`rebuildRollups: ${rebuilt.people} people`);
sqlite.pragma("wal_checkpoint(TRUNCATE)");
sqlite.pragma("cache_size = -2000");

// =============================================================================================
// Report

const tables = [
  "org_units",
  "users",
  "placements",
  "role_grants",
  "courses",
  "course_versions",
  "course_lessons",
  "assignments",
  "assignment_people",
  "lesson_reads",
  "quiz_attempts",
  "course_completions",
  "certificates",
  "learner_rollup_states",
  "unit_rollups",
  "audit_log",
];
console.log("\nRow counts:");
let progressRows = 0;
for (const table of tables) {
  const n = (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  if (["lesson_reads", "quiz_attempts", "course_completions", "certificates"].includes(table)) progressRows += n;
  console.log(`  ${table.padEnd(24)} ${n.toLocaleString("en-US").padStart(12)}`);
}
console.log(`  ${"progress rows in all".padEnd(24)} ${progressRows.toLocaleString("en-US").padStart(12)}`);
const total = [...outcomes.values()].reduce((a, b) => a + b, 0);
console.log(
  `Generated person×course outcomes: ${[...outcomes.entries()].map(([o, n]) => `${o} ${((n / total) * 100).toFixed(1)}%`).join(", ")}`,
);
const status = sqlite
  .prepare(
    `select course_id as courseId, sum(assigned) as assigned, sum(trained) as trained, sum(in_progress) as inProgress,
            sum(not_started) as notStarted, sum(overdue) as overdue, sum(expired) as expired, sum(expiring_soon) as expiringSoon
       from unit_rollups where org_unit_id = ? and tier_id = 0 and position_id = 0 group by course_id order by course_id`,
  )
  .all(nation.id) as Record<string, number>[];
console.log("National indicator (course 0 = all assigned courses):");
for (const row of status) {
  const slug = row.courseId === 0 ? "(all)" : (courseById.get(row.courseId as number)?.slug ?? "?");
  console.log(
    `  ${slug.padEnd(44)} assigned ${row.assigned}, trained ${row.trained} (${(((row.trained ?? 0) / (row.assigned || 1)) * 100).toFixed(1)}%), in progress ${row.inProgress}, not started ${row.notStarted}, overdue ${row.overdue}, expired ${row.expired}, expiring ${row.expiringSoon}`,
  );
}
const fileSize = fs.statSync(FILE).size;
db.$client.close();

console.log("\nTimings:");
for (const [name, ms] of timings) console.log(`  ${name.padEnd(44)} ${(ms / 1000).toFixed(1).padStart(6)} s`);
console.log(`  ${"total".padEnd(44)} ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s`);
console.log(`Database: ${FILE}, ${(fileSize / 1024 / 1024).toFixed(0)} MB`);

console.log(`\nAccounts (password: ${DEMO_PASSWORD}):`);
console.log(`  ${"admin".padEnd(16)} administrator of ${nation.name} (unit ${nation.id})`);
for (const m of managers) {
  const province = provinces[m.province] as Province;
  console.log(`  ${m.username.padEnd(16)} manager of ${province.name} (unit ${province.unitId})`);
}
const xaUnit = unitOf(xaManager.placements[0]?.unit as number);
console.log(
  `  ${"manager.xa".padEnd(16)} manager of ${xaUnit.name}, ${(provinces[xaUnit.province] as Province).name} (unit ${xaUnit.id})`,
);
console.log("  Every other account (e.g. a learner) signs in with the same password.");
