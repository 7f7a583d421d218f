import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { todayInVietnam } from "~/i18n";
import { listCurrentCourses } from "~/models/courses.server";
import { findUnitByCode } from "~/models/units.server";
import { findUserByUsername } from "~/models/users.server";
import * as index from "~/routes/reports._index";
import * as dashboard from "~/routes/reports.$unitId._index";
import * as exportFile from "~/routes/reports.$unitId.export.$format";
import * as people from "~/routes/reports.$unitId.people";
import { createAssignment } from "~/services/assignments.server";
import { checkRollups } from "~/services/rollups.server";
import { cookieFor, get, run } from "../setup/requests";
import { actorFor, passCourse } from "../setup/training";

const unitId = (code: string) => String(findUnitByCode(code)?.id);

async function body(response: Response) {
  expect(response.status).toBe(200);
  return response.json();
}

async function download(path: string, cookie: string, format: "xlsx" | "csv") {
  const [, id] = path.match(/^\/reports\/(\d+)/) ?? [];
  return run(exportFile.loader, get(path, cookie), { unitId: id as string, format });
}

describe("reports", () => {
  let manager: string;
  beforeAll(async () => {
    manager = await cookieFor("manager");
    const today = todayInVietnam();
    const result = createAssignment(
      actorFor("manager"),
      {
        courseSlug: "can-bo-cap-xa",
        unitCode: "11",
        includeSubunits: true,
        tiers: [],
        positions: ["commune_officer"],
        usernames: [],
        dueOn: "2099-12-31",
      },
      today,
    );
    expect(result.ok).toBe(true);
  });

  it("sends a manager to their province; another province's dashboard, people and exports are not found", async () => {
    const start = await run(index.loader, get("/reports", manager));
    expect(start.status).toBe(302);
    expect(start.headers.get("Location")).toBe(`/reports/${unitId("11")}`);
    const bacNinh = unitId("27");
    expect((await run(dashboard.loader, get(`/reports/${bacNinh}`, manager), { unitId: bacNinh })).status).toBe(404);
    expect((await run(people.loader, get(`/reports/${bacNinh}/people`, manager), { unitId: bacNinh })).status).toBe(
      404,
    );
    for (const format of ["xlsx", "csv"] as const) {
      expect((await download(`/reports/${bacNinh}/export/${format}?view=people`, manager, format)).status).toBe(404);
      expect((await download(`/reports/${bacNinh}/export/${format}`, manager, format)).status).toBe(404);
    }
    const nation = unitId("VN");
    expect((await run(dashboard.loader, get(`/reports/${nation}`, manager), { unitId: nation })).status).toBe(404);
    const learner = await cookieFor("learner");
    expect((await run(index.loader, get("/reports", learner))).status).toBe(403);
    const province = unitId("11");
    expect((await run(dashboard.loader, get(`/reports/${province}`, learner), { unitId: province })).status).toBe(403);
  });

  it("counts the commune officers assigned, rises when one completes, and lists exactly the people behind each number", async () => {
    const province = unitId("11");
    const before = await body(await run(dashboard.loader, get(`/reports/${province}`, manager), { unitId: province }));
    expect(before.total.counts).toMatchObject({ assigned: 4, trained: 0, notStarted: 4 });
    expect(before.total.percent).toBe(0);
    expect(before.total.coverage).toEqual({ covered: 0, total: 15 });
    expect(before.children.map((c: { name: string }) => c.name)).toEqual([
      "Huyện Mường Ảng",
      "Huyện Tuần Giáo",
      "Thành phố Điện Biên Phủ",
    ]);

    const course = listCurrentCourses().find((c) => c.slug === "can-bo-cap-xa");
    const learner = findUserByUsername("learner");
    if (!course || !learner) throw new Error("seed missing");
    passCourse(learner.id, course.courseId, course.versionId, Date.now());

    const after = await body(await run(dashboard.loader, get(`/reports/${province}`, manager), { unitId: province }));
    expect(after.total.counts).toMatchObject({ assigned: 4, trained: 1, notStarted: 3 });
    expect(after.total.percent).toBe(25);
    expect(after.total.coverage).toEqual({ covered: 1, total: 15 });
    const city = after.children.find((c: { code: string }) => c.code === "094");
    expect(city.counts).toMatchObject({ assigned: 2, trained: 1 });
    expect(city.percent).toBe(50);
    expect(after.trend.at(-1)).toEqual({ month: "now", percent: 25 });

    const notTrained = await body(
      await run(people.loader, get(`/reports/${province}/people?status=not_trained`, manager), { unitId: province }),
    );
    expect(notTrained.total).toBe(3);
    expect(notTrained.expected).toBe(3);
    expect(notTrained.lines.map((l: { fullName: string }) => l.fullName)).not.toContain("Lường Văn Tâm");
    const trained = await body(
      await run(people.loader, get(`/reports/${province}/people?status=trained`, manager), { unitId: province }),
    );
    expect(trained.lines).toHaveLength(1);
    expect(trained.lines[0]).toMatchObject({ fullName: "Lường Văn Tâm", status: "completed" });
    expect(trained.lines[0].placements[0].unitName).toBe("Phường Him Lam");
    expect(checkRollups().differences).toEqual([]);
  });

  it("filters by course, tier and position, and ignores a filter that names nothing", async () => {
    const province = unitId("11");
    const byPosition = await body(
      await run(dashboard.loader, get(`/reports/${province}?position=standing_group_member`, manager), {
        unitId: province,
      }),
    );
    expect(byPosition.total.counts.assigned).toBe(0);
    expect(byPosition.trend).toBeNull();
    const byCourse = await body(
      await run(dashboard.loader, get(`/reports/${province}?course=can-bo-cap-xa&tier=commune`, manager), {
        unitId: province,
      }),
    );
    expect(byCourse.total.counts).toMatchObject({ assigned: 4, trained: 1 });
    const bogus = await body(
      await run(dashboard.loader, get(`/reports/${province}?course=khong-co&tier=%3Cscript%3E&page=abc`, manager), {
        unitId: province,
      }),
    );
    expect(bogus.ignored).toBe(true);
    expect(bogus.total.counts.assigned).toBe(4);
    const badPage = await run(people.loader, get(`/reports/${province}/people?page=-4&status=nope`, manager), {
      unitId: province,
    });
    expect(badPage.status).toBe(200);
  });

  it("exports what is on screen: the unit table and the people, as xlsx with a title block and as csv with a BOM", async () => {
    const province = unitId("11");
    const xlsx = await download(`/reports/${province}/export/xlsx?view=people&status=all`, manager, "xlsx");
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("Content-Type")).toContain("spreadsheetml");
    expect(xlsx.headers.get("Content-Disposition")).toContain(".xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error("no sheet");
    const values: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      values.push(Array.isArray(row.values) ? row.values.slice(1) : []);
    });
    const text = values.map((row) => row.join("|"));
    expect(text[0]).toContain("Tỉnh Điện Biên");
    expect(text.some((line) => line.includes("Bộ lọc: khóa học: Mọi khóa học được giao"))).toBe(true);
    const header = values.findIndex((row) => row[1] === "Họ và tên");
    expect(header).toBeGreaterThan(0);
    const rows = values.slice(header + 1).filter((row) => row.length > 0);
    expect(rows).toHaveLength(4);
    expect(rows.find((row) => row[1] === "Lường Văn Tâm")).toEqual(
      expect.arrayContaining(["Phường Him Lam", "Đã hoàn thành"]),
    );

    const csv = await download(`/reports/${province}/export/csv`, manager, "csv");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split("\r\n");
    expect(lines.some((line) => line.startsWith("Toàn Tỉnh Điện Biên,11,"))).toBe(true);
    expect(lines.some((line) => line.startsWith("Thành phố Điện Biên Phủ,094,"))).toBe(true);
    // The percentages say how they are rounded.
    expect(lines.some((line) => line.includes("Tỷ lệ % được làm tròn xuống đến một chữ số thập phân"))).toBe(true);

    expect((await download(`/reports/${province}/export/pdf`, manager, "pdf" as "csv")).status).toBe(404);
  });
});
