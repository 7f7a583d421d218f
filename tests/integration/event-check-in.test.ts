/**
 * Issue 14, item 3: someone not on the list who opens the check-in link is told so and what to
 * do (not "page not found"); before check-in opens the page says when it will, after the
 * event that it is over; the trainer records the walk-in in one step.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { vietnamTime } from "~/domain/events";
import { addDays } from "~/domain/indicator";
import { todayInVietnam } from "~/i18n";
import { findUserByUsername } from "~/models/users.server";
import * as checkInRoute from "~/routes/events.$eventId.check-in";
import * as dayPage from "~/routes/events.$eventId.days.$day";
import { checkIn, checkInCode, checkInPage, createEvent, eventDetail } from "~/services/events.server";
import { getDb } from "~/utils/db.server";
import { trainingEvents } from "../../db/schema";
import { cookieFor, get, post, run } from "../setup/requests";
import { viewerFor } from "../setup/training";

const today = todayInVietnam();

/** Days given; invited: the commune officers of the city (094), or only the people named. */
function newEvent(days: { date: string; startsAt: string; endsAt: string }[], only?: string[]) {
  const result = createEvent(viewerFor("trainer"), {
    title: "Tập huấn kỹ năng hỗ trợ trẻ em",
    place: "Hội trường UBND tỉnh",
    capacity: null,
    organiserCode: "11",
    courseSlugs: ["can-bo-cap-xa"],
    days,
    audience: only ? null : { unitCode: "094", includeSubunits: true, tiers: [], positions: ["commune_officer"] },
    usernames: only ?? [],
    trainerUsernames: ["trainer"],
  });
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result.eventId;
}

describe("the check-in link (issue 14)", () => {
  it("tells someone not on the list to ask the trainer, with their name; the trainer adds and marks them in one step", async () => {
    // Only Cà Thị Mai is invited; the learner (a commune officer of the same city) is not.
    const eventId = newEvent([{ date: today, startsAt: "00:00", endsAt: "23:59" }], ["ca.thi.mai"]);
    const params = { eventId: String(eventId) };
    const page = await run(
      checkInRoute.loader,
      get(`/events/${eventId}/check-in?code=ABC`, await cookieFor("learner")),
      params,
    );
    expect(page.status).toBe(403);
    const body = await page.json();
    expect(body.page).toMatchObject({ invited: false, username: "learner" });
    expect(body.page.title).toBeUndefined();
    const secret = getDb().select().from(trainingEvents).where(eq(trainingEvents.id, eventId)).get()
      ?.checkInSecret as string;
    const now = Date.now();
    expect(checkIn(viewerFor("learner"), eventId, checkInCode(secret, Math.floor(now / 60_000)), now)).toMatchObject({
      ok: false,
      error: "events.checkIn.not-invited",
    });
    // A missing event is still "not found".
    expect(
      (
        await run(checkInRoute.loader, get("/events/999999/check-in", await cookieFor("learner")), {
          eventId: "999999",
        })
      ).status,
    ).toBe(404);

    // The trainer finds them by name and adds them as a walk-in: on the list and present, at once.
    const trainer = await cookieFor("trainer");
    const walkIn = findUserByUsername("learner")?.id as string;
    const found = await (
      await run(dayPage.loader, get(`/events/${eventId}/days/1?walkin=luong%20van%20tam`, trainer), {
        ...params,
        day: "1",
      })
    ).json();
    expect(found.walkInResults.map((p: { id: string }) => p.id)).toContain(walkIn);
    const added = await run(dayPage.action, post(`/events/${eventId}/days/1`, { walkIn }, { cookie: trainer }), {
      ...params,
      day: "1",
    });
    expect(added.status).toBe(302);
    expect(eventDetail(viewerFor("trainer"), eventId).invitees.find((p) => p.userId === walkIn)).toMatchObject({
      source: "walk_in",
      attendance: { 1: "full" },
    });
    // Now on the list, the same link works for them.
    expect(checkInPage(viewerFor("learner"), eventId)).toMatchObject({ invited: true, window: { state: "open" } });
  });

  it("says when check-in opens (Vietnam time) before the event, and that it is over after it", async () => {
    const nextWeek = addDays(today, 7);
    const eventId = newEvent([{ date: nextWeek, startsAt: "07:30", endsAt: "17:00" }]);
    const learner = viewerFor("learner");
    expect(checkInPage(learner, eventId)).toMatchObject({
      invited: true,
      window: { state: "not-yet", opens: { date: nextWeek, time: "06:30" } },
    });
    expect(checkInPage(learner, eventId, vietnamTime(nextWeek, "17:01"))).toMatchObject({ window: { state: "over" } });
    const html = await run(checkInRoute.loader, get(`/events/${eventId}/check-in`, await cookieFor("learner")), {
      eventId: String(eventId),
    });
    expect(html.status).toBe(200);
    expect((await html.json()).page.window).toEqual({ state: "not-yet", opens: { date: nextWeek, time: "06:30" } });
  });
});
