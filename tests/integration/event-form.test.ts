/**
 * Issue 14, items 14 and 17: the event form shows one day; "Thêm ngày" (a submit button with
 * its own intent) brings the form back with one more day and everything typed kept, without
 * JavaScript; a refused form comes back as typed with each error beside its field.
 */
import { describe, expect, it } from "vitest";
import { addDays } from "~/domain/indicator";
import { todayInVietnam } from "~/i18n";
import * as newEventPage from "~/routes/events.new";
import { eventDetail } from "~/services/events.server";
import { cookieFor, formErrorsOf, post, run } from "../setup/requests";
import { viewerFor } from "../setup/training";

const today = todayInVietnam();
const filled = {
  title: "Tập huấn kỹ năng làm việc với trẻ em",
  place: "Hội trường UBND tỉnh",
  organiserCode: "11",
  courseSlugs: "can-bo-cap-xa",
  "days[0].date": addDays(today, 3),
  "days[0].startsAt": "07:30",
  "days[0].endsAt": "17:00",
  audienceCode: "094",
  includeSubunits: "on",
  positions: "commune_officer",
  usernames: "",
  trainerUsernames: "trainer",
};
const send = async (fields: Record<string, string>, username = "trainer") =>
  run(newEventPage.action, post("/events/new", fields, { cookie: await cookieFor(username) }));

describe("the event form (issue 14)", () => {
  it("adds a day without JavaScript, keeping what was typed", async () => {
    const added = await send({
      ...filled,
      __intent__: JSON.stringify({
        type: "insert",
        payload: { name: "days", defaultValue: { date: "", startsAt: "07:30", endsAt: "17:00" } },
      }),
    });
    expect(added.status).toBe(200);
    const { result } = await added.json();
    expect(result.initialValue).toMatchObject({
      title: filled.title,
      audienceCode: "094",
      positions: "commune_officer",
      days: [{ date: filled["days[0].date"], startsAt: "07:30", endsAt: "17:00" }, { startsAt: "07:30" }],
    });
    // The new day is empty but not yet marked wrong: its errors wait until it is filled in.
    expect(result.state?.validated?.["days[1].date"]).toBeFalsy();
    expect(result.state?.validated?.title).toBeFalsy();
  });

  it("comes back as typed with each error beside its field", async () => {
    const refused = await send({ ...filled, place: " ", "days[0].endsAt": "25:00" });
    expect(refused.status).toBe(400);
    const body = await refused.json();
    expect(formErrorsOf(body)).toMatchObject({ place: "form.required", "days[0].endsAt": "form.invalid" });
    expect(body.result.initialValue).toMatchObject({ title: filled.title, organiserCode: "11" });
    // A rule of the service (the end before the start) is told beside the days.
    const times = await send({ ...filled, "days[0].startsAt": "17:00", "days[0].endsAt": "07:30" });
    expect(formErrorsOf(await times.json())).toEqual({ days: "events.error.dayTimes" });
    // Unknown people are named.
    const unknown = await send({ ...filled, usernames: "khong.co.ai" });
    const unknownBody = await unknown.json();
    expect(formErrorsOf(unknownBody)).toEqual({ usernames: "pickers.error.unknownPeople" });
    expect(unknownBody.params).toEqual({ usernames: "khong.co.ai" });
  });

  it("creates an event of two days; a learner may not", async () => {
    const created = await send({
      ...filled,
      "days[1].date": addDays(today, 4),
      "days[1].startsAt": "07:30",
      "days[1].endsAt": "11:30",
    });
    expect(created.status).toBe(302);
    const eventId = Number(created.headers.get("Location")?.split("/").at(-1));
    expect(eventDetail(viewerFor("trainer"), eventId).days.map((d) => d.endsAt)).toEqual(["17:00", "11:30"]);
    expect((await send(filled, "learner")).status).toBe(403);
  });
});
