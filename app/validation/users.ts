import { z } from "zod";
import { ROLES } from "~/domain/access";
import { field, intent, optional } from "./form";

export const NewUserSchema = z.object({
  username: field.username,
  fullName: field.name,
  phone: optional(field.phone),
  email: optional(field.email),
  unitCode: field.code,
  positionId: field.id,
  startDate: field.date,
});

export const PersonActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("profile"),
    fullName: field.name,
    phone: optional(field.phone),
    email: optional(field.email),
  }),
  z.object({ intent: z.literal("place"), unitCode: field.code, positionId: field.id, startDate: field.date }),
  z.object({ intent: z.literal("endPlacement"), placementId: field.id, endDate: field.date }),
  z.object({
    intent: z.literal("grant"),
    role: z.enum(ROLES, { errorMap: () => ({ message: "form.invalidChoice" }) }),
    unitCode: field.code,
  }),
  z.object({ intent: z.literal("revoke"), grantId: field.id }),
  z.object({ intent: z.literal("resetPassword") }),
  z.object({ intent: z.literal("setActive"), active: intent(["true", "false"]) }),
]);

export const PERSON_INTENTS = [
  "profile",
  "place",
  "endPlacement",
  "grant",
  "revoke",
  "resetPassword",
  "setActive",
] as const;
