import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { vietnamTime } from "~/domain/events";
import { addDays } from "~/domain/indicator";
import { todayInVietnam } from "~/i18n";
import { listCurrentCourses } from "~/models/courses.server";
import { unreadNotifications } from "~/models/events.server";
import { findUnitByCode } from "~/models/units.server";
import { findUserByUsername } from "~/models/users.server";
import * as eventPage from "~/routes/events.$eventId._index";
import * as newEventPage from "~/routes/events.new";
import { createAssignment } from "~/services/assignments.server";
import {
  addInvitee,
  answerInvitation,
  cancelEvent,
  checkIn,
  checkInCode,
  createEvent,
  eventDetail,
  myInvitations,
  recordAttendance,
} from "~/services/events.server";
import { checkRollups } from "~/services/rollups.server";
import { getDb } from "~/utils/db.server";
import { certificates, placements, positions, trainingEvents } from "../../db/schema";
import { cookieFor, get, run } from "../setup/requests";
import { actorFor, addStaff, setCourseOwner, viewerFor } from "../setup/training";

const today = todayInVietnam();
const userId = (username: string) => findUserByUsername(username)?.id as string;
const course = () => listCurrentCourses().find((c) => c.slug === "can-bo-cap-xa") ?? (null as never);
const validCertificates = (username: string) =>
  getDb()
    .select()
    .from(certificates)
    .where(and(eq(certificates.userId, userId(username)), isNull(certificates.revokedAt)))
    .all();
const trained = (unitCode: string) =>
  getDb()
    .$client.prepare(
      "select assigned, trained, trained_in_person as inPerson from unit_rollups where org_unit_id = ? and course_id = 0 and tier_id = 0 and position_id = 0",
    )
    .get(findUnitByCode(unitCode)?.id) as { assigned: number; trained: number; inPerson: number };

function newEvent(organiser = viewerFor("trainer"), days = [{ date: today, startsAt: "07:30", endsAt: "17:00" }]) {
  const result = createEvent(organiser, {
    title: "Hội nghị tập huấn công tác bảo vệ trẻ em",
    place: "Hội trường UBND thành phố Điện Biên Phủ",
    capacity: 80,
    organiserCode: "11",
    courseSlugs: ["can-bo-cap-xa"],
    days,
    audience: { unitCode: "094", includeSubunits: true, tiers: [], positions: ["commune_officer"] },
    usernames: [],
    trainerUsernames: ["trainer"],
  });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.eventId;
}

describe("in-person training", () => {
  it("invites the commune officers of a district; attendance completes the course, issues the certificate and moves the indicator; taking it back reverts both", () => {
    expect(
      createAssignment(
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
      ).ok,
    ).toBe(true);
    const eventId = newEvent();
    const learner = viewerFor("learner");
    expect(myInvitations(learner).map((i) => i.eventId)).toContain(eventId);
    expect(answerInvitation(learner, eventId, "confirmed")).toBe(true);
    const trainer = viewerFor("trainer");
    const detail = eventDetail(trainer, eventId);
    // Him Lam's officer and Mường Thanh's officer are in the city (094); Tuần Giáo's is not.
    expect(detail.invitees.map((i) => i.username).sort()).toEqual(["ca.thi.mai", "learner"]);
    expect(detail.counts).toMatchObject({ invited: 2, confirmed: 1 });

    const before = trained("094");
    expect(
      recordAttendance(trainer, eventId, { userId: userId("learner"), dayIndex: 1, portion: "half", method: "list" })
        .ok,
    ).toBe(true);
    expect(validCertificates("learner")).toHaveLength(0);
    recordAttendance(trainer, eventId, { userId: userId("learner"), dayIndex: 1, portion: "full", method: "list" });
    const issued = validCertificates("learner");
    expect(issued).toHaveLength(1);
    expect(issued[0]?.courseId).toBe(course().courseId);
    expect(trained("094")).toEqual({
      assigned: before.assigned,
      trained: before.trained + 1,
      inPerson: before.inPerson + 1,
    });
    expect(checkRollups(today).differences).toEqual([]);

    recordAttendance(trainer, eventId, { userId: userId("learner"), dayIndex: 1, portion: null, method: "list" });
    expect(validCertificates("learner")).toHaveLength(0);
    expect(trained("094")).toEqual(before);
    expect(checkRollups(today).differences).toEqual([]);

    // Marked again (from the paper sheet this time): completed again, once.
    recordAttendance(trainer, eventId, { userId: userId("learner"), dayIndex: 1, portion: "full", method: "sheet" });
    expect(validCertificates("learner")).toHaveLength(1);
    recordAttendance(trainer, eventId, { userId: userId("learner"), dayIndex: 1, portion: "full", method: "list" });
    expect(validCertificates("learner")).toHaveLength(1);
  });

  it("checks a learner in with the code of this minute during the event only; a cancelled event stops counting and tells the invited", () => {
    const eventId = newEvent();
    const event = getDb().select().from(trainingEvents).where(eq(trainingEvents.id, eventId)).get();
    const secret = event?.checkInSecret as string;
    const ca = viewerFor("ca.thi.mai");
    const during = vietnamTime(today, "09:00");
    const code = checkInCode(secret, Math.floor(during / 60_000));
    expect(checkIn(ca, eventId, "XXXXXX", during)).toMatchObject({ ok: false, error: "events.checkIn.wrong-code" });
    // The code of two minutes ago (a photo sent on) no longer works; this minute's does.
    expect(checkIn(ca, eventId, checkInCode(secret, Math.floor(during / 60_000) - 2), during)).toMatchObject({
      ok: false,
    });
    expect(checkIn(ca, eventId, code, vietnamTime(addDays(today, 1), "09:00"))).toMatchObject({
      ok: false,
      error: "events.checkIn.closed",
    });
    expect(checkIn(ca, eventId, code.toLowerCase(), during)).toEqual({ ok: true, dayIndex: 1 });
    expect(validCertificates("ca.thi.mai")).toHaveLength(1);

    cancelEvent(viewerFor("trainer"), eventId, "Mưa lũ");
    expect(validCertificates("ca.thi.mai")).toHaveLength(0);
    expect(unreadNotifications(userId("ca.thi.mai")).map((n) => n.kind)).toContain("event.cancelled");
    expect(checkRollups(today).differences).toEqual([]);
  });

  it("completes only when every day of a two-day event is attended, and keeps events to the organiser's area", () => {
    const eventId = newEvent(viewerFor("trainer"), [
      { date: today, startsAt: "07:30", endsAt: "17:00" },
      { date: addDays(today, 1), startsAt: "07:30", endsAt: "11:30" },
    ]);
    const trainer = viewerFor("trainer");
    const before = validCertificates("learner").length;
    recordAttendance(trainer, eventId, { userId: userId("learner"), dayIndex: 1, portion: "full", method: "list" });
    expect(validCertificates("learner")).toHaveLength(before);
    recordAttendance(trainer, eventId, { userId: userId("learner"), dayIndex: 2, portion: "full", method: "list" });
    expect(validCertificates("learner").length).toBeGreaterThanOrEqual(before);
    // Someone outside the trainer's province cannot be marked; another province's manager cannot open it.
    expect(
      recordAttendance(trainer, eventId, { userId: userId("learner2"), dayIndex: 1, portion: "full", method: "list" }),
    ).toMatchObject({
      ok: false,
      error: "events.error.notInvited",
    });
    expect(() => eventDetail(viewerFor("learner2"), eventId)).toThrow();
    expect(
      createEvent(viewerFor("trainer"), {
        title: "X",
        place: "Y",
        capacity: null,
        organiserCode: "27",
        courseSlugs: ["can-bo-cap-xa"],
        days: [{ date: today, startsAt: "08:00", endsAt: "11:00" }],
        audience: null,
        usernames: [],
        trainerUsernames: [],
      }),
    ).toMatchObject({ ok: false, field: "organiserCode", error: "pickers.error.unitOutOfReach" });
  });

  it("holds an event only with courses whose owner covers the organiser and everyone invited, offers no other, and adds no one outside them (issue 12, 7.4)", async () => {
    setCourseOwner("cong-tac-vien-thon-ban", "27");
    setCourseOwner("can-bo-cap-tinh-huyen", "094");
    try {
      const form = await (await run(newEventPage.loader, get("/events/new", await cookieFor("trainer")))).json();
      const offered = form.courses.map((c: { slug: string }) => c.slug);
      expect(offered).toEqual(expect.arrayContaining(["can-bo-cap-xa", "can-bo-cap-tinh-huyen"]));
      expect(offered).not.toContain("cong-tac-vien-thon-ban");

      const trainer = viewerFor("trainer");
      const event = (over: Partial<Parameters<typeof createEvent>[1]>) =>
        createEvent(trainer, {
          title: "Tập huấn kỹ năng",
          place: "Hội trường",
          capacity: null,
          organiserCode: "11",
          courseSlugs: ["can-bo-cap-xa"],
          days: [{ date: today, startsAt: "08:00", endsAt: "11:00" }],
          audience: { unitCode: "094", includeSubunits: true, tiers: [], positions: [] },
          usernames: [],
          trainerUsernames: [],
          ...over,
        });
      const refused = { ok: false, field: "courseSlugs", error: "events.error.courseOutsideAudience" };
      expect(event({ courseSlugs: ["cong-tac-vien-thon-ban"] })).toMatchObject(refused);
      expect(event({ courseSlugs: ["can-bo-cap-xa", "can-bo-cap-tinh-huyen"] })).toMatchObject(refused);
      expect(
        event({ organiserCode: "094", courseSlugs: ["can-bo-cap-tinh-huyen"], usernames: ["vi.van.hung"] }),
      ).toMatchObject(refused);
      const held = event({ organiserCode: "094", courseSlugs: ["can-bo-cap-tinh-huyen"] });
      expect(held).toMatchObject({ ok: true });
      const eventId = (held as { eventId: number }).eventId;
      // The trainer reaches Tuần Giáo, but the district's course is not for its people.
      expect(() => addInvitee(trainer, eventId, userId("vi.van.hung"))).toThrow();
      expect(eventDetail(trainer, eventId).invitees.map((i) => i.username)).not.toContain("vi.van.hung");
    } finally {
      setCourseOwner("cong-tac-vien-thon-ban", null);
      setCourseOwner("can-bo-cap-tinh-huyen", null);
    }
  });

  it("does not tell the organiser where an invitee went after leaving their area (issue 12)", async () => {
    const officer = getDb().select().from(positions).where(eq(positions.code, "commune_officer")).get()?.id as number;
    const guest = addStaff(findUnitByCode("09401")?.id as number, officer, "Lò Văn Chiến");
    const eventId = newEvent();
    expect(eventDetail(viewerFor("trainer"), eventId).invitees.find((i) => i.userId === guest)?.unitName).toBe(
      "Phường Him Lam",
    );
    // The guest moves to Bắc Ninh.
    getDb().update(placements).set({ endDate: today }).where(eq(placements.userId, guest)).run();
    getDb()
      .insert(placements)
      .values({ userId: guest, orgUnitId: findUnitByCode("2701")?.id as number, positionId: officer, startDate: today })
      .run();
    const detail = eventDetail(viewerFor("trainer"), eventId);
    expect(detail.invitees.find((i) => i.userId === guest)).toMatchObject({ unitName: null, positionName: null });
    const page = await run(eventPage.loader, get(`/events/${eventId}`, await cookieFor("trainer")), {
      eventId: String(eventId),
    });
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain("Lò Văn Chiến");
    for (const where of ["Kinh Bắc", "Bắc Ninh"]) expect(body).not.toContain(where);
  });
});
