import { z } from "zod";
import { catalogueCodes, checkbox, field, optional, repeated } from "./form";
import { unitCode, usernames } from "./pickers";

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "form.invalid");

/** One day of an event: its date and hours, Vietnam time. */
export const EventDaySchema = z.object({ date: field.date, startsAt: time, endsAt: time });
export const MAX_EVENT_DAYS = 10;
/** What a day added with "Thêm ngày" starts with. */
export const NEW_DAY = { startsAt: "07:30", endsAt: "17:00" } as const;

/**
 * The event form. Days are a list (`days[0].date`, …): one is shown, "Thêm ngày" adds one
 * (a Conform intent: on the server without JavaScript, in the browser with it).
 */

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
  days: z
    .array(EventDaySchema, { required_error: "events.error.noDays" })
    .min(1, "events.error.noDays")
    .max(MAX_EVENT_DAYS, "events.error.tooManyDays"),
  ...EventAudienceSchema.shape,
  trainerUsernames: usernames(20),
});

export type NewEventForm = z.infer<typeof NewEventSchema>;

/** Attendance entered afterwards from the signed paper sheet (audited as such). */
const fromSheet = z.preprocess((v) => v === "1", z.boolean());

export const AttendanceSchema = z.object({
  userId: z.string().uuid(),
  /** "clear" takes a mark back: the person is "not yet marked" again. */
  portion: z.enum(["full", "half", "absent", "clear"]),
  sheet: fromSheet,
});

export const WalkInSchema = z.object({ walkIn: z.string().uuid(), sheet: fromSheet });

/** The attendance list, all of it or only the people not yet marked (`?show=unmarked`, works without JavaScript). */
export const AttendanceListQuery = z.object({
  q: z
    .string()
    .transform((v) => v.slice(0, 100))
    .catch(""),
  walkin: z
    .string()
    .transform((v) => v.slice(0, 100))
    .catch(""),
  sheet: z.literal("1").optional().catch(undefined),
  show: z.enum(["all", "unmarked"]).catch("all"),
});

export const EventActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), userId: z.string().uuid() }),
  z.object({ intent: z.literal("remove"), userId: z.string().uuid() }),
  z.object({ intent: z.literal("cancel"), reason: field.name }),
  z.object({ intent: z.literal("move"), date1: field.date, start1: time, end1: time }),
]);
