import { describe, expect, it } from "vitest";
import { attendedInFull } from "./completion";
import {
  acceptedPeriods,
  attendanceState,
  CODE_PERIOD_MS,
  checkCheckIn,
  checkDays,
  checkInWindow,
  isPresent,
  openDay,
  tallyDay,
  vietnamClock,
  vietnamTime,
} from "./events";

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

describe("attendance states (issue 14)", () => {
  it("keeps 'not yet marked' apart from 'absent', and counts only presence as having been there", () => {
    expect(attendanceState(undefined)).toBe("unmarked");
    expect(attendanceState(null)).toBe("unmarked");
    expect(attendanceState("absent")).toBe("absent");
    expect(isPresent("full")).toBe(true);
    expect(isPresent("half")).toBe(true);
    expect(isPresent("absent")).toBe(false);
    expect(isPresent(undefined)).toBe(false);
  });

  it("tallies a day: marked = present + absent, the rest not yet marked", () => {
    expect(tallyDay(["full", "half", "absent", undefined, null])).toEqual({
      total: 5,
      marked: 3,
      present: 2,
      absent: 1,
      unmarked: 2,
    });
    expect(tallyDay([])).toEqual({ total: 0, marked: 0, present: 0, absent: 0, unmarked: 0 });
  });

  it("never completes a course from a day marked absent", () => {
    expect(attendedInFull([1], [{ dayIndex: 1, portion: "absent" }])).toBe(false);
    expect(
      attendedInFull(
        [1, 2],
        [
          { dayIndex: 1, portion: "full" },
          { dayIndex: 2, portion: "absent" },
        ],
      ),
    ).toBe(false);
  });
});

describe("when check-in opens (issue 14)", () => {
  it("says when the next day opens (an hour before it starts, Vietnam time), and when it is over", () => {
    expect(checkInWindow(days, vietnamTime("2026-11-26", "10:00"))).toEqual({
      state: "not-yet",
      opens: { date: "2026-12-03", time: "06:30" },
    });
    expect(checkInWindow(days, vietnamTime("2026-12-03", "07:00"))).toMatchObject({
      state: "open",
      day: { dayIndex: 1 },
    });
    // Between the two days: the second one's opening.
    expect(checkInWindow(days, vietnamTime("2026-12-03", "18:00"))).toEqual({
      state: "not-yet",
      opens: { date: "2026-12-04", time: "06:30" },
    });
    expect(checkInWindow(days, vietnamTime("2026-12-04", "11:31"))).toEqual({ state: "over" });
  });

  it("writes a moment in Vietnam's date and clock, across midnight UTC", () => {
    expect(vietnamClock(Date.parse("2026-12-02T18:30:00Z"))).toEqual({ date: "2026-12-03", time: "01:30" });
  });
});
