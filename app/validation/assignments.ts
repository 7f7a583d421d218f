import { z } from "zod";
import { catalogueCodes, checkbox, field, optional, usernameList } from "./form";

export const NewAssignmentSchema = z.object({
  courseSlug: z.string({ required_error: "form.required" }).regex(/^[a-z0-9-]{1,100}$/, "form.invalidChoice"),
  unitCode: optional(field.code),
  includeSubunits: checkbox,
  tiers: catalogueCodes,
  positions: catalogueCodes,
  usernames: usernameList(500),
  dueOn: field.date,
});
