import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as home from "~/routes/_index";
import * as list from "~/routes/assignments._index";
import * as create from "~/routes/assignments.new";
import { getDb } from "~/utils/db.server";
import { assignments, auditLog } from "../../db/schema";
import { cookieFor, get, ORIGIN, run } from "../setup/requests";

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
        { unitCode: "assignments.error.outOfScope" },
      ],
      [
        { courseSlug: "can-bo-cap-xa", usernames: "learner2", dueOn: "2099-01-01" },
        { usernames: "assignments.error.outOfScope" },
      ],
      [
        { courseSlug: "can-bo-cap-xa", usernames: "khong.co.ai", dueOn: "2099-01-01" },
        { usernames: "assignments.error.unknownUser" },
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
      expect((await response.json()).errors).toEqual(errors);
    }
    expect(getDb().select({ n: count() }).from(assignments).get()?.n).toBe(before);
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
});
