import { z } from "zod";
import { catalogueCodes, checkbox, optional, repeated } from "./form";

const PURPOSES = ["assignment", "event", "reform"] as const;

/** A picker's typeahead asks: for which form, with which words, or under which unit. */
export const PickerQuery = z.object({
  purpose: z.enum(PURPOSES),
  q: z.string().max(100).optional(),
  under: z
    .string()
    .regex(/^[0-9A-Za-z._-]{1,20}$/)
    .optional(),
});

/** A unit chosen in a picker: its code, or a message naming the field when it is not one. */
export const unitCode = z
  .string({ required_error: "pickers.error.required", invalid_type_error: "pickers.error.badUnit" })
  .trim()
  .toUpperCase()
  .pipe(
    z
      .string()
      .min(1, "pickers.error.required")
      .regex(/^[0-9A-Z._-]{1,20}$/, "pickers.error.badUnit"),
  );

/** Units chosen in a many-unit picker. */
export function unitCodes(max: number) {
  return repeated(unitCode, max).pipe(z.array(z.string()).max(max, "pickers.error.tooMany"));
}

/** People chosen in a picker, by username (each once); a list typed as text is read too. */
export function usernames(max: number) {
  return z.preprocess(
    (value) =>
      (value === undefined ? [] : Array.isArray(value) ? value : [value]).flatMap((v) =>
        typeof v === "string" ? v.split(/[\s,;]+/).filter(Boolean) : [v],
      ),
    z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .pipe(z.string().regex(/^[a-z0-9._-]{3,40}$/, "pickers.error.badPerson")),
      )
      .max(max, "pickers.error.tooMany")
      .transform((list) => [...new Set(list)]),
  );
}

/** The fields that say whom an assignment or event reaches, as the count asks for them. */
export const AudienceQuery = z.object({
  purpose: z.enum(["assignment", "event"]),
  unit: optional(unitCode),
  includeSubunits: checkbox,
  tiers: catalogueCodes,
  positions: catalogueCodes,
  people: usernames(2000),
});
