import { describe, expect, it } from "vitest";
import { acceptedPeriods, CODE_PERIOD_MS, checkCheckIn, checkDays, openDay, vietnamTime } from "./events";

const days = [
  { dayIndex: 1, date: "2026-12-03", startsAt: "07:30", endsAt: "17:00" },
  { dayIndex: 2, date: "2026-12-04", startsAt: "07:30", endsAt: "11:30" },
];
const codeFor = (period: number) => `C${period}`;

describe("the check-in window", () => {
  it("opens an hour before each day starts and closes when it ends, in Vietnam time", () => {
    expect(vietnamTime("2026-12-03", "07:30")).toBe(Date.parse("2026-12-03T00:30:00Z"));
    expect(openDay(days, vietnamTime("2026-12-03", "06:29"))).toBeNull();
    expect(openDay(days, vietnamTime("2026-12-03", "06:30"))?.dayIndex).toBe(1);
    expect(openDay(days, vietnamTime("2026-12-03", "17:00"))?.dayIndex).toBe(1);
    expect(openDay(days, vietnamTime("2026-12-03", "17:01"))).toBeNull();
    expect(openDay(days, vietnamTime("2026-12-04", "09:00"))?.dayIndex).toBe(2);
  });
});

describe("the rotating code", () => {
  const now = vietnamTime("2026-12-03", "09:00") + 30_000;
  const period = Math.floor(now / CODE_PERIOD_MS);

  it("accepts this minute's code and the last one's, nothing older", () => {
    expect(acceptedPeriods(now)).toEqual([period, period - 1]);
    expect(checkCheckIn({ cancelled: false, days, given: `c${period}`, now }, codeFor)).toMatchObject({ ok: true });
    expect(checkCheckIn({ cancelled: false, days, given: `C${period - 1}`, now }, codeFor)).toMatchObject({ ok: true });
    expect(checkCheckIn({ cancelled: false, days, given: `C${period - 2}`, now }, codeFor)).toEqual({
      ok: false,
      reason: "wrong-code",
    });
  });

  it("works only during the event, and never for a cancelled one", () => {
    const evening = vietnamTime("2026-12-03", "20:00");
    const eveningCode = codeFor(Math.floor(evening / CODE_PERIOD_MS));
    expect(checkCheckIn({ cancelled: false, days, given: eveningCode, now: evening }, codeFor)).toEqual({
      ok: false,
      reason: "closed",
    });
    expect(checkCheckIn({ cancelled: true, days, given: `C${period}`, now }, codeFor)).toEqual({
      ok: false,
      reason: "cancelled",
    });
  });
});

describe("checkDays", () => {
  it("orders and numbers the days, and refuses ends before starts or a date twice", () => {
    const checked = checkDays([
      { date: "2026-12-04", startsAt: "07:30", endsAt: "11:30" },
      { date: "2026-12-03", startsAt: "07:30", endsAt: "17:00" },
    ]);
    expect(checked.ok && checked.days.map((d) => [d.dayIndex, d.date])).toEqual([
      [1, "2026-12-03"],
      [2, "2026-12-04"],
    ]);
    expect(checkDays([{ date: "2026-12-03", startsAt: "17:00", endsAt: "07:30" }])).toMatchObject({ ok: false });
    expect(
      checkDays([
        { date: "2026-12-03", startsAt: "07:30", endsAt: "17:00" },
        { date: "2026-12-03", startsAt: "13:00", endsAt: "17:00" },
      ]),
    ).toMatchObject({ ok: false });
    expect(checkDays([])).toMatchObject({ ok: false });
  });
});
