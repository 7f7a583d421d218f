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
