/**
 * In-person training events: when check-in is open, and the rotating check-in code's
 * window. Pure: the code itself is an HMAC computed by the service with the event's secret.
 */

export interface EventDay {
  dayIndex: number;
  /** Vietnam calendar date, YYYY-MM-DD. */
  date: string;
  /** "07:30", Vietnam time. */
  startsAt: string;
  endsAt: string;
}

/** Vietnam has no daylight saving: UTC+7 all year. */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
export const CHECK_IN_OPENS_BEFORE_MS = 60 * 60_000;
/** The code shown changes every minute. */
export const CODE_PERIOD_MS = 60_000;

export function vietnamTime(date: string, time: string): number {
  return Date.parse(`${date}T${time}:00Z`) - VIETNAM_OFFSET_MS;
}

/** The day of the event whose check-in is open at `now` (from an hour before it starts to its end), if any. */
export function openDay(days: readonly EventDay[], now: number): EventDay | null {
  return (
    days.find(
      (d) => now >= vietnamTime(d.date, d.startsAt) - CHECK_IN_OPENS_BEFORE_MS && now <= vietnamTime(d.date, d.endsAt),
    ) ?? null
  );
}

/** The code periods a scanned code may belong to: this minute's, and the last one's (a scan at :59 arrives at :00). */
export function acceptedPeriods(now: number): number[] {
  const current = Math.floor(now / CODE_PERIOD_MS);
  return [current, current - 1];
}

/**
 * A check-in code is valid when the event is not cancelled, a day of it is open now, and the
 * code is the one of this minute or the last: a photo of the screen sent to a friend stops
 * working a minute later, and never works outside the event's hours.
 */
export function checkCheckIn(
  input: { cancelled: boolean; days: readonly EventDay[]; given: string; now: number },
  codeFor: (period: number) => string,
): { ok: true; day: EventDay } | { ok: false; reason: "cancelled" | "closed" | "wrong-code" } {
  if (input.cancelled) return { ok: false, reason: "cancelled" };
  const day = openDay(input.days, input.now);
  if (!day) return { ok: false, reason: "closed" };
  const given = input.given.trim().toUpperCase();
  const valid = acceptedPeriods(input.now).some((period) => codeFor(period) === given);
  return valid ? { ok: true, day } : { ok: false, reason: "wrong-code" };
}

export interface DayInput {
  date: string;
  startsAt: string;
  endsAt: string;
}

/** Days in order, each ending after it starts, no date twice; numbered from 1. */
export function checkDays(days: readonly DayInput[]): { ok: true; days: EventDay[] } | { ok: false; message: string } {
  if (days.length === 0) return { ok: false, message: "events.error.noDays" };
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date));
  for (const [i, day] of sorted.entries()) {
    if (day.endsAt <= day.startsAt) return { ok: false, message: "events.error.dayTimes" };
    if (i > 0 && sorted[i - 1]?.date === day.date) return { ok: false, message: "events.error.dayTwice" };
  }
  return { ok: true, days: sorted.map((d, i) => ({ ...d, dayIndex: i + 1 })) };
}

/** What a person's mark for a day can be: present for the whole day or half of it, or absent. */
export type AttendanceMark = "full" | "half" | "absent";
/** A mark, or none yet: "not yet marked" is never the same as "absent". */
export type AttendanceState = AttendanceMark | "unmarked";

/** Only presence (whole or half day) counts as having been there; a half day does not complete a course. */
export function isPresent(mark: AttendanceMark | null | undefined): mark is "full" | "half" {
  return mark === "full" || mark === "half";
}

export function attendanceState(mark: AttendanceMark | null | undefined): AttendanceState {
  return mark ?? "unmarked";
}

/** A day's running count: how many of the list are marked (any way), present, absent, not yet marked. */
export function tallyDay(marks: readonly (AttendanceMark | null | undefined)[]): {
  total: number;
  marked: number;
  present: number;
  absent: number;
  unmarked: number;
} {
  const present = marks.filter(isPresent).length;
  const absent = marks.filter((m) => m === "absent").length;
  return { total: marks.length, marked: present + absent, present, absent, unmarked: marks.length - present - absent };
}

/** A moment written as Vietnam calendar date and clock time. */
export function vietnamClock(at: number): { date: string; time: string } {
  const iso = new Date(at + VIETNAM_OFFSET_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/**
 * Where check-in stands at `now`: open for a day, not open yet (with the moment the next day
 * opens, in Vietnam time), or over for good. Between two days of an event it is "not yet".
 */
export function checkInWindow(
  days: readonly EventDay[],
  now: number,
): { state: "open"; day: EventDay } | { state: "not-yet"; opens: { date: string; time: string } } | { state: "over" } {
  const day = openDay(days, now);
  if (day) return { state: "open", day };
  const next = days
    .map((d) => vietnamTime(d.date, d.startsAt) - CHECK_IN_OPENS_BEFORE_MS)
    .filter((opens) => opens > now)
    .sort((a, b) => a - b)[0];
  return next === undefined ? { state: "over" } : { state: "not-yet", opens: vietnamClock(next) };
}
