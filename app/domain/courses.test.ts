import { describe, expect, it } from "vitest";
import {
  courseMeetsScope,
  courseProgress,
  isMeantFor,
  mayLearn,
  neighbours,
  ownerCovers,
  ownerCoversAudience,
} from "./courses";

const lessons = [
  { key: "c", position: 3 },
  { key: "a", position: 1 },
  { key: "b", position: 2 },
  { key: "d", position: 4 },
];

describe("isMeantFor", () => {
  const commune = { tiers: ["commune"], positions: ["commune_officer", "standing_group_member"] };
  it("matches the tier of the unit and the position", () => {
    expect(isMeantFor(commune, [{ tierCode: "commune", positionCode: "commune_officer" }])).toBe(true);
    expect(isMeantFor(commune, [{ tierCode: "province", positionCode: "commune_officer" }])).toBe(false);
    expect(isMeantFor(commune, [{ tierCode: "commune", positionCode: "volunteer" }])).toBe(false);
  });
  it("treats an empty list as any, and any placement as enough", () => {
    expect(isMeantFor({ tiers: [], positions: ["trainer"] }, [{ tierCode: "province", positionCode: "trainer" }])).toBe(
      true,
    );
    expect(
      isMeantFor(commune, [
        { tierCode: "village", positionCode: "village_collaborator" },
        { tierCode: "commune", positionCode: "standing_group_member" },
      ]),
    ).toBe(true);
    expect(isMeantFor(commune, [])).toBe(false);
  });
});

describe("course ownership", () => {
  // Province 11 is /1/2/ with district /1/2/5/; province 27 is /1/3/.
  const dienBien = "/1/2/";
  it("a unit's own course covers that unit's subtree; a national course covers everyone", () => {
    expect(ownerCovers(dienBien, "/1/2/5/9/")).toBe(true);
    expect(ownerCovers(dienBien, "/1/3/30/")).toBe(false);
    expect(ownerCovers(dienBien, "/1/")).toBe(false);
    expect(ownerCovers(null, "/1/3/30/")).toBe(true);
    expect(ownerCovers(dienBien, undefined)).toBe(false);
  });

  it("covers an audience only when every unit and every named person is covered", () => {
    expect(ownerCoversAudience(dienBien, { unitPaths: ["/1/2/5/"], people: [["/1/3/30/", "/1/2/5/9/"]] })).toBe(true);
    expect(ownerCoversAudience(dienBien, { unitPaths: ["/1/2/5/", "/1/3/"], people: [] })).toBe(false);
    expect(ownerCoversAudience(dienBien, { unitPaths: [], people: [["/1/2/5/9/"], ["/1/3/30/"]] })).toBe(false);
    // Someone placed nowhere: national courses only.
    expect(ownerCoversAudience(dienBien, { unitPaths: [], people: [[]] })).toBe(false);
    expect(ownerCoversAudience(null, { unitPaths: ["/1/3/"], people: [[]] })).toBe(true);
  });

  it("offers a course to those whose area meets its owner's", () => {
    expect(courseMeetsScope(null, ["/1/3/"])).toBe(true);
    expect(courseMeetsScope(dienBien, ["/1/2/"])).toBe(true);
    expect(courseMeetsScope("/1/2/5/", ["/1/2/"])).toBe(true);
    expect(courseMeetsScope(dienBien, ["/1/2/5/"])).toBe(true);
    expect(courseMeetsScope(dienBien, ["/1/3/"])).toBe(false);
    expect(courseMeetsScope(dienBien, ["/1/"])).toBe(true);
    expect(courseMeetsScope(dienBien, [])).toBe(false);
  });

  it("lets an assignment widen tiers and positions, never the owner", () => {
    const own = { tiers: ["province"], positions: [], ownerPath: dienBien };
    const officer = { tierCode: "commune", positionCode: "commune_officer", unitPath: "/1/2/5/9/" };
    const elsewhere = { tierCode: "commune", positionCode: "commune_officer", unitPath: "/1/3/30/" };
    expect(mayLearn(own, [officer], false)).toBe(false);
    expect(mayLearn(own, [officer], true)).toBe(true);
    expect(mayLearn({ ...own, tiers: [] }, [elsewhere], false)).toBe(false);
    expect(mayLearn(own, [elsewhere], true)).toBe(false);
    expect(mayLearn(own, [], true)).toBe(false);
    expect(mayLearn({ ...own, ownerPath: null }, [], true)).toBe(true);
  });
});

describe("courseProgress", () => {
  it("starts at the first lesson", () => {
    expect(courseProgress(lessons, [])).toEqual({
      read: 0,
      total: 4,
      percent: 0,
      allRead: false,
      resumeKey: "a",
      started: false,
    });
  });

  it("resumes after the lesson read last", () => {
    const reads = [
      { lessonKey: "a", lastReadAt: 1 },
      { lessonKey: "b", lastReadAt: 2 },
    ];
    expect(courseProgress(lessons, reads)).toMatchObject({ read: 2, percent: 50, resumeKey: "c", started: true });
  });

  it("goes back to a skipped lesson when the last one read was the end", () => {
    const reads = [
      { lessonKey: "a", lastReadAt: 1 },
      { lessonKey: "d", lastReadAt: 5 },
    ];
    expect(courseProgress(lessons, reads).resumeKey).toBe("b");
  });

  it("ignores reads of lessons no longer in the course and rounds down", () => {
    const three = lessons.slice(0, 3);
    const reads = [
      { lessonKey: "a", lastReadAt: 1 },
      { lessonKey: "gone", lastReadAt: 9 },
    ];
    expect(courseProgress(three, reads)).toMatchObject({ read: 1, total: 3, percent: 33, resumeKey: "b" });
  });

  it("has nothing to resume when every lesson is read", () => {
    const reads = lessons.map((l, i) => ({ lessonKey: l.key, lastReadAt: i }));
    expect(courseProgress(lessons, reads)).toMatchObject({ allRead: true, resumeKey: null, percent: 100 });
  });
});

describe("neighbours", () => {
  it("finds previous and next in lesson order", () => {
    expect(neighbours(lessons, "b")).toEqual({ previous: { key: "a", position: 1 }, next: { key: "c", position: 3 } });
    expect(neighbours(lessons, "a").previous).toBeNull();
    expect(neighbours(lessons, "d").next).toBeNull();
    expect(neighbours(lessons, "x")).toEqual({ previous: null, next: null });
  });
});
