import { z } from "zod";
import { catalogueCodes, checkbox, field, optional, repeated } from "./form";
import { unitCode, usernames } from "./pickers";

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "form.invalid");

/** Whom an event invites: what the count before creating it reads too. */
export const EventAudienceSchema = z.object({
  audienceCode: optional(unitCode),
  includeSubunits: checkbox,
  tiers: catalogueCodes,
  positions: catalogueCodes,
  usernames: usernames(2000),
});

export const NewEventSchema = z.object({
  title: field.name,
  place: field.name,
  capacity: optional(z.coerce.number().int().min(1, "form.invalid").max(100_000, "form.invalid")),
  organiserCode: unitCode,
  courseSlugs: repeated(z.string().regex(/^[a-z0-9-]{1,100}$/, "form.invalidChoice")).pipe(
    z.array(z.string()).min(1, "events.error.course"),
  ),
  date1: field.date,
  start1: time,
  end1: time,
  date2: optional(field.date),
  start2: optional(time),
  end2: optional(time),
  date3: optional(field.date),
  start3: optional(time),
  end3: optional(time),
  ...EventAudienceSchema.shape,
  trainerUsernames: usernames(20),
});

export type NewEventForm = z.infer<typeof NewEventSchema>;

/** The days the form gives (the second and third only when filled in). */
export function daysFromForm(form: NewEventForm) {
  const days = [{ date: form.date1, startsAt: form.start1, endsAt: form.end1 }];
  if (form.date2) days.push({ date: form.date2, startsAt: form.start2 ?? form.start1, endsAt: form.end2 ?? form.end1 });
  if (form.date3) days.push({ date: form.date3, startsAt: form.start3 ?? form.start1, endsAt: form.end3 ?? form.end1 });
  return days;
}

/** Attendance entered afterwards from the signed paper sheet (audited as such). */
const fromSheet = z.preprocess((v) => v === "1", z.boolean());

export const AttendanceSchema = z.object({
  userId: z.string().uuid(),
  portion: z.enum(["full", "half", "absent"]),
  sheet: fromSheet,
});

export const WalkInSchema = z.object({ walkIn: z.string().uuid(), sheet: fromSheet });

export const EventActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), userId: z.string().uuid() }),
  z.object({ intent: z.literal("remove"), userId: z.string().uuid() }),
  z.object({ intent: z.literal("cancel"), reason: field.name }),
  z.object({ intent: z.literal("move"), date1: field.date, start1: time, end1: time }),
]);
