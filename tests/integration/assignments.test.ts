import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { insertAssignment } from "~/models/assignments.server";
import { findCurrentCourse } from "~/models/courses.server";
import { findUserByUsername } from "~/models/users.server";
import * as home from "~/routes/_index";
import * as list from "~/routes/assignments._index";
import * as create from "~/routes/assignments.new";
import * as coursePage from "~/routes/courses.$slug._index";
import { openCourse } from "~/services/learning.server";
import { getDb, writeTransaction } from "~/utils/db.server";
import { assignments, auditLog } from "../../db/schema";
import { cookieFor, formErrorsOf, get, ORIGIN, run } from "../setup/requests";
import { setCourseOwner, viewerFor } from "../setup/training";

const assign = (fields: Record<string, string | string[]>, cookie: string) => {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
  return run(
    create.action,
    new Request(`${ORIGIN}/assignments/new`, {
      method: "POST",
      headers: { Origin: ORIGIN, Host: new URL(ORIGIN).host, Cookie: cookie },
      body,
    }),
  );
};

const myTraining = async (username: string) =>
  (await (await run(home.loader, get("/", await cookieFor(username)))).json()).courses;

describe("assignments", () => {
  it("a province manager assigns the commune course to the province's commune officers; they see it with its due date", async () => {
    const manager = await cookieFor("manager");
    const before = await myTraining("learner");
    expect(before[0].assignment).toBeNull();

    const response = await assign(
      {
        courseSlug: "can-bo-cap-xa",
        unitCode: "11",
        includeSubunits: "on",
        positions: "commune_officer",
        dueOn: "2099-12-31",
      },
      manager,
    );
    expect(response.status).toBe(302);

    const after = await myTraining("learner");
    expect(after[0]).toMatchObject({
      slug: "can-bo-cap-xa",
      assignment: { dueOn: "2099-12-31", status: "not_started" },
    });
    // Another province's officer is not in the audience.
    expect((await myTraining("learner2"))[0].assignment).toBeNull();

    const listed = await (await run(list.loader, get("/assignments", manager))).json();
    expect(listed.assignments[0]).toMatchObject({ unitName: "Tỉnh Điện Biên", includeSubunits: true, named: 0 });
    expect(listed.assignments[0].peopleNow).toBeGreaterThanOrEqual(4);
    const audit = getDb().select().from(auditLog).where(eq(auditLog.action, "assignment.create")).all();
    expect(audit).toHaveLength(1);
  });

  it("refuses a unit or a person outside the manager's province, a past due date, and an empty audience", async () => {
    const manager = await cookieFor("manager");
    const before = getDb().select({ n: count() }).from(assignments).get()?.n;
    const cases: [Record<string, string>, Record<string, string>][] = [
      [
        { courseSlug: "can-bo-cap-xa", unitCode: "27", dueOn: "2099-01-01" },
        { unitCode: "pickers.error.unitOutOfReach" },
      ],
      [
        { courseSlug: "can-bo-cap-xa", usernames: "learner2", dueOn: "2099-01-01" },
        { usernames: "pickers.error.peopleOutOfReach" },
      ],
      [
        { courseSlug: "can-bo-cap-xa", usernames: "khong.co.ai", dueOn: "2099-01-01" },
        { usernames: "pickers.error.unknownPeople" },
      ],
      [{ courseSlug: "can-bo-cap-xa", unitCode: "11", dueOn: "2020-01-01" }, { dueOn: "assignments.error.pastDue" }],
      [{ courseSlug: "can-bo-cap-xa", dueOn: "2099-01-01" }, { _form: "assignments.error.noAudience" }],
      [
        { courseSlug: "khong-co", unitCode: "11", dueOn: "2099-01-01" },
        { courseSlug: "assignments.error.unknownCourse" },
      ],
      [{ courseSlug: "can-bo-cap-xa", unitCode: "11", dueOn: "31/12/2099" }, { dueOn: "form.invalidDate" }],
    ];
    for (const [fields, errors] of cases) {
      const response = await assign(fields, manager);
      expect(response.status, JSON.stringify(fields)).toBe(400);
      expect(formErrorsOf(await response.json())).toEqual(errors);
    }
    expect(getDb().select({ n: count() }).from(assignments).get()?.n).toBe(before);
  });

  it("says only that a named person is outside the area, never who they are or where they work (issue 12)", async () => {
    const manager = await cookieFor("manager");
    for (const usernames of ["learner2", "admin", "learner2\nlearner"]) {
      const response = await assign({ courseSlug: "can-bo-cap-xa", usernames, dueOn: "2099-01-01" }, manager);
      expect(response.status).toBe(400);
      const body = await response.text();
      const answer = JSON.parse(body);
      expect(formErrorsOf(answer)).toEqual({ usernames: "pickers.error.peopleOutOfReach" });
      // The form comes back as it was sent (the usernames the manager ticked), but the people
      // picker names only people the manager may reach, and the message names nobody.
      expect(answer.pickers.labels.people.map((p: { username: string }) => p.username)).not.toContain("learner2");
      expect(answer.pickers.labels.people.map((p: { username: string }) => p.username)).not.toContain("admin");
      expect(answer.params).toBeNull();
      for (const secret of ["Nguyễn Thị Lan", "Trần Thị Minh Hằng", "Kinh Bắc", "Bắc Ninh", "2701"])
        expect(body).not.toContain(secret);
    }
  });

  it("names people one by one, and a learner cannot assign anything", async () => {
    const admin = await cookieFor("admin");
    const response = await assign(
      { courseSlug: "can-bo-cap-tinh-huyen", usernames: "learner2", dueOn: "2099-06-30" },
      admin,
    );
    expect(response.status).toBe(302);
    const courses = await myTraining("learner2");
    expect(courses.map((c: { slug: string }) => c.slug)).toContain("can-bo-cap-tinh-huyen");
    expect(courses[0]).toMatchObject({ slug: "can-bo-cap-tinh-huyen", assignment: { status: "not_started" } });
    const learner = await cookieFor("learner");
    expect((await run(create.loader, get("/assignments/new", learner))).status).toBe(403);
    expect(
      (await assign({ courseSlug: "can-bo-cap-xa", unitCode: "09401", dueOn: "2099-01-01" }, learner)).status,
    ).toBe(403);
  });

  it("assigns a course only where its owner covers the whole audience, offers no other, and an assignment never opens another unit's course (issue 12, 7.4)", async () => {
    // Bắc Ninh's own course, and a course of the district of Điện Biên Phủ.
    setCourseOwner("cong-tac-vien-thon-ban", "27");
    setCourseOwner("can-bo-cap-tinh-huyen", "094");
    try {
      const manager = await cookieFor("manager");
      const form = await (await run(create.loader, get("/assignments/new", manager))).json();
      const offered = form.courses.map((c: { slug: string }) => c.slug);
      expect(offered).toEqual(expect.arrayContaining(["can-bo-cap-xa", "can-bo-cap-tinh-huyen"]));
      expect(offered).not.toContain("cong-tac-vien-thon-ban");

      const before = getDb().select({ n: count() }).from(assignments).get()?.n;
      const refused: Record<string, string>[] = [
        { courseSlug: "cong-tac-vien-thon-ban", unitCode: "11", includeSubunits: "on", dueOn: "2099-01-01" },
        { courseSlug: "cong-tac-vien-thon-ban", usernames: "learner", dueOn: "2099-01-01" },
        { courseSlug: "can-bo-cap-tinh-huyen", unitCode: "11", includeSubunits: "on", dueOn: "2099-01-01" },
        { courseSlug: "can-bo-cap-tinh-huyen", unitCode: "094", usernames: "vi.van.hung", dueOn: "2099-01-01" },
      ];
      for (const fields of refused) {
        const response = await assign(fields, manager);
        expect(response.status, JSON.stringify(fields)).toBe(400);
        expect(formErrorsOf(await response.json())).toEqual({ courseSlug: "assignments.error.courseOutsideAudience" });
      }
      expect(getDb().select({ n: count() }).from(assignments).get()?.n).toBe(before);
      // The district's course goes to the district's people.
      const ok = await assign(
        { courseSlug: "can-bo-cap-tinh-huyen", unitCode: "094", includeSubunits: "on", dueOn: "2099-01-01" },
        manager,
      );
      expect(ok.status).toBe(302);

      // An assignment written before this rule names the learner for Bắc Ninh's course: it opens nothing.
      const course = findCurrentCourse("cong-tac-vien-thon-ban");
      const learnerId = findUserByUsername("learner")?.id as string;
      writeTransaction((tx) =>
        insertAssignment(
          tx,
          {
            courseId: course?.courseId as number,
            orgUnitId: null,
            includeSubunits: false,
            tiers: [],
            positions: [],
            dueOn: "2099-01-01",
            createdBy: learnerId,
          },
          [learnerId],
        ),
      );
      const learner = await cookieFor("learner");
      expect((await myTraining("learner")).map((c: { slug: string }) => c.slug)).not.toContain(
        "cong-tac-vien-thon-ban",
      );
      const page = await run(coursePage.loader, get("/courses/cong-tac-vien-thon-ban", learner), {
        slug: "cong-tac-vien-thon-ban",
      });
      expect(page.status).toBe(404);
      // Nor does a trainer of another province read it, or find it among the courses they look after.
      const trainer = await cookieFor("trainer");
      const trainerPage = await run(coursePage.loader, get("/courses/cong-tac-vien-thon-ban", trainer), {
        slug: "cong-tac-vien-thon-ban",
      });
      expect(trainerPage.status).toBe(404);
      const trainerHome = await (await run(home.loader, get("/", trainer))).json();
      expect(trainerHome.authored.map((c: { slug: string }) => c.slug)).not.toContain("cong-tac-vien-thon-ban");
      // Bắc Ninh's own volunteer reads it.
      expect(openCourse(viewerFor("pham.thu.trang"), "cong-tac-vien-thon-ban").course.slug).toBe(
        "cong-tac-vien-thon-ban",
      );
    } finally {
      setCourseOwner("cong-tac-vien-thon-ban", null);
      setCourseOwner("can-bo-cap-tinh-huyen", null);
    }
  });
});
