import { z } from "zod";
import { field, optional } from "./form";

const lines = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v : ""),
    z
      .string()
      .max(20_000, "form.tooLong")
      .transform((text) => [
        ...new Set(
          text
            .split(/[\s,;]+/)
            .map((u) => u.trim().toLowerCase())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(z.string().regex(/^[a-z0-9._-]{3,40}$/, "form.invalidUsername")).max(max, "form.tooLong")),
  );
const list = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()).max(20));
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "form.invalid");
const optionalDay = z.preprocess((v) => (v === "" ? undefined : v), field.date.optional());

export const NewEventSchema = z.object({
  title: field.name,
  place: field.name,
  capacity: optional(z.coerce.number().int().min(1, "form.invalid").max(100_000, "form.invalid")),
  organiserCode: field.code,
  courseSlugs: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().regex(/^[a-z0-9-]{1,100}$/)).min(1, "events.error.course"),
  ),
  date1: field.date,
  start1: time,
  end1: time,
  date2: optionalDay,
  start2: optional(time),
  end2: optional(time),
  date3: optionalDay,
  start3: optional(time),
  end3: optional(time),
  audienceCode: optional(field.code),
  includeSubunits: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
  tiers: list,
  positions: list,
  usernames: lines(2000),
  trainerUsernames: lines(20),
});

export type NewEventForm = z.infer<typeof NewEventSchema>;

/** The days the form gives (the second and third only when filled in). */
export function daysFromForm(form: NewEventForm) {
  const days = [{ date: form.date1, startsAt: form.start1, endsAt: form.end1 }];
  if (form.date2) days.push({ date: form.date2, startsAt: form.start2 ?? form.start1, endsAt: form.end2 ?? form.end1 });
  if (form.date3) days.push({ date: form.date3, startsAt: form.start3 ?? form.start1, endsAt: form.end3 ?? form.end1 });
  return days;
}

export const AttendanceSchema = z.object({
  userId: z.string().uuid(),
  portion: z.enum(["full", "half", "absent"]),
  sheet: z.preprocess((v) => v === "1", z.boolean()),
});

export const EventActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), userId: z.string().uuid() }),
  z.object({ intent: z.literal("remove"), userId: z.string().uuid() }),
  z.object({ intent: z.literal("cancel"), reason: field.name }),
  z.object({ intent: z.literal("move"), date1: field.date, start1: time, end1: time }),
]);
