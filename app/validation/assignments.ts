import { z } from "zod";
import { catalogueCodes, checkbox, field, optional } from "./form";
import { unitCode, usernames } from "./pickers";

/** Whom an assignment reaches: what the count before assigning reads too. */
export const AssignmentAudienceSchema = z.object({
  unitCode: optional(unitCode),
  includeSubunits: checkbox,
  tiers: catalogueCodes,
  positions: catalogueCodes,
  usernames: usernames(500),
});

export const NewAssignmentSchema = AssignmentAudienceSchema.extend({
  courseSlug: z.string({ required_error: "form.required" }).regex(/^[a-z0-9-]{1,100}$/, "form.invalidChoice"),
  dueOn: field.date,
});
