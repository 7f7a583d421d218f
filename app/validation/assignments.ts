import { z } from "zod";
import { field, optional } from "./form";

/** Checkbox groups arrive as one string, several strings or nothing. */
const codes = z.preprocess(
  (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.string().regex(/^[a-z0-9_]{1,40}$/, "form.invalidChoice")).max(20),
);

export const NewAssignmentSchema = z.object({
  courseSlug: z.string({ required_error: "form.required" }).regex(/^[a-z0-9-]{1,100}$/, "form.invalidChoice"),
  unitCode: optional(field.code),
  includeSubunits: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
  tiers: codes,
  positions: codes,
  usernames: z.preprocess(
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
      .pipe(z.array(z.string().regex(/^[a-z0-9._-]{3,40}$/, "form.invalidUsername")).max(500, "form.tooLong")),
  ),
  dueOn: field.date,
});
