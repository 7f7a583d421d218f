/**
 * Attendance has three states (issue 14): not yet marked, present (whole or half day), absent.
 * Only presence counts; the list counts how many are marked and filters those not yet marked;
 * a walk-in is put on the list and marked in one transaction.
 */
import { and, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { todayInVietnam } from "~/i18n";
import { eventStatsWithin } from "~/models/events.server";
import { findUnitByCode } from "~/models/units.server";
import { findUserByUsername } from "~/models/users.server";
import * as dayPage from "~/routes/events.$eventId.days.$day";
import { cancelEvent, createEvent, eventDetail, recordAttendance, recordWalkIn } from "~/services/events.server";
import { checkRollups } from "~/services/rollups.server";
import { getDb } from "~/utils/db.server";
import { certificates, positions, trainingAttendance, trainingInvitations } from "../../db/schema";
import { cookieFor, get, post, run } from "../setup/requests";
import { addStaff, viewerFor } from "../setup/training";

const today = todayInVietnam();
const userId = (username: string) => findUserByUsername(username)?.id as string;
const validCertificates = (id: string) =>
  getDb()
    .select()
    .from(certificates)
    .where(and(eq(certificates.userId, id), isNull(certificates.revokedAt)))
    .all();

function newEvent() {
  const result = createEvent(viewerFor("trainer"), {
    title: "Tập huấn điểm danh",
    place: "Hội trường",
    capacity: null,
    organiserCode: "11",
    courseSlugs: ["can-bo-cap-xa"],
    days: [{ date: today, startsAt: "07:30", endsAt: "17:00" }],
    audience: { unitCode: "094", includeSubunits: true, tiers: [], positions: ["commune_officer"] },
    usernames: [],
    trainerUsernames: ["trainer"],
  });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.eventId;
}

const mark = (eventId: number, username: string, portion: "full" | "half" | "absent" | null) =>
  recordAttendance(viewerFor("trainer"), eventId, { userId: userId(username), dayIndex: 1, portion, method: "list" });

describe("attendance: not yet marked, present, absent", () => {
  it("records absent apart from not yet marked; absent never completes, never counts as attended", () => {
    const eventId = newEvent();
    const trainer = viewerFor("trainer");
    const province = findUnitByCode("11")?.path as string;
    const statsBefore = eventStatsWithin(province, today);
    let detail = eventDetail(trainer, eventId);
    expect(detail.tallies[1]).toEqual({ total: 2, marked: 0, present: 0, absent: 0, unmarked: 2 });

    expect(mark(eventId, "learner", "absent")).toEqual({ ok: true });
    detail = eventDetail(trainer, eventId);
    expect(detail.invitees.find((p) => p.username === "learner")?.attendance[1]).toBe("absent");
    expect(detail.invitees.find((p) => p.username === "ca.thi.mai")?.attendance[1]).toBeUndefined();
    expect(detail.tallies[1]).toEqual({ total: 2, marked: 1, present: 0, absent: 1, unmarked: 1 });
    expect(detail.counts.attended).toBe(0);
    expect(validCertificates(userId("learner"))).toHaveLength(0);
    expect(eventStatsWithin(province, today).attended).toBe(statsBefore.attended);

    // Present after all: completes; then absent again: the completion is taken back.
    mark(eventId, "learner", "full");
    expect(validCertificates(userId("learner"))).toHaveLength(1);
    expect(eventDetail(trainer, eventId).counts.attended).toBe(1);
    expect(eventStatsWithin(province, today).attended).toBe(statsBefore.attended + 1);
    mark(eventId, "learner", "absent");
    expect(validCertificates(userId("learner"))).toHaveLength(0);
    expect(eventDetail(trainer, eventId).counts.attended).toBe(0);
    expect(eventStatsWithin(province, today).attended).toBe(statsBefore.attended);
    expect(checkRollups(today).differences).toEqual([]);

    // Cleared: back to not yet marked (no row at all).
    mark(eventId, "learner", null);
    expect(eventDetail(trainer, eventId).tallies[1]).toMatchObject({ marked: 0, unmarked: 2 });
    cancelEvent(trainer, eventId, "Dọn dẹp sau kiểm thử");
  });

  it("the day's list counts x/y marked and, with ?show=unmarked (no JavaScript needed), lists only those not yet marked", async () => {
    const eventId = newEvent();
    mark(eventId, "learner", "half");
    const cookie = await cookieFor("trainer");
    const params = { eventId: String(eventId), day: "1" };
    const all = await (await run(dayPage.loader, get(`/events/${eventId}/days/1`, cookie), params)).json();
    expect(all.tally).toMatchObject({ total: 2, marked: 1, present: 1 });
    expect(all.people.map((p: { state: string }) => p.state).sort()).toEqual(["half", "unmarked"]);
    const unmarked = await (
      await run(dayPage.loader, get(`/events/${eventId}/days/1?show=unmarked`, cookie), params)
    ).json();
    expect(unmarked.people.map((p: { fullName: string; state: string }) => p.state)).toEqual(["unmarked"]);
    expect(unmarked.tally).toMatchObject({ total: 2, marked: 1 });
    // A mark posted from the filtered list returns to the filtered list.
    const posted = await run(
      dayPage.action,
      post(`/events/${eventId}/days/1?show=unmarked`, { userId: userId("ca.thi.mai"), portion: "absent" }, { cookie }),
      params,
    );
    expect(posted.status).toBe(302);
    expect(posted.headers.get("Location")).toBe(`/events/${eventId}/days/1?show=unmarked#p-${userId("ca.thi.mai")}`);
    const none = await (
      await run(dayPage.loader, get(`/events/${eventId}/days/1?show=unmarked`, cookie), params)
    ).json();
    expect(none.people).toEqual([]);
    expect(none.tally).toMatchObject({ total: 2, marked: 2, present: 1, absent: 1, unmarked: 0 });
    // A learner cannot open the list.
    const denied = await run(dayPage.loader, get(`/events/${eventId}/days/1`, await cookieFor("learner")), params);
    expect(denied.status).toBe(404);
  });

  it("a walk-in is put on the list and marked present in one transaction, or not at all", () => {
    const eventId = newEvent();
    const trainer = viewerFor("trainer");
    const volunteer = getDb().select().from(positions).where(eq(positions.code, "volunteer")).get()?.id as number;
    const walkIn = addStaff(findUnitByCode("09401")?.id as number, volunteer, "Quàng Văn Đến");
    expect(eventDetail(trainer, eventId).invitees.map((p) => p.userId)).not.toContain(walkIn);

    expect(recordWalkIn(trainer, eventId, { userId: walkIn, dayIndex: 1, method: "list" })).toEqual({ ok: true });
    const detail = eventDetail(trainer, eventId);
    expect(detail.invitees.find((p) => p.userId === walkIn)).toMatchObject({
      source: "walk_in",
      attendance: { 1: "full" },
    });
    expect(validCertificates(walkIn)).toHaveLength(1);
    expect(checkRollups(today).differences).toEqual([]);

    // Refused (the event is cancelled): neither the invitation nor the mark is written.
    const other = addStaff(findUnitByCode("09401")?.id as number, volunteer, "Lường Thị Muộn");
    cancelEvent(trainer, eventId, "Mưa lũ");
    expect(recordWalkIn(trainer, eventId, { userId: other, dayIndex: 1, method: "list" })).toMatchObject({
      ok: false,
      error: "events.error.cancelled",
    });
    const rows = (table: typeof trainingInvitations | typeof trainingAttendance) =>
      getDb().select().from(table).where(eq(table.userId, other)).all();
    expect(rows(trainingInvitations)).toHaveLength(0);
    expect(rows(trainingAttendance)).toHaveLength(0);
    // Someone the trainer does not reach is refused.
    const newer = newEvent();
    expect(() => recordWalkIn(trainer, newer, { userId: userId("learner2"), dayIndex: 1, method: "list" })).toThrow();
  });
});
