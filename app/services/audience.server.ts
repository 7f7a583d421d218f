/**
 * Who an assignment or an event's invitations reach: a unit (with or without its sub-units,
 * narrowed to tiers and positions) and people named one by one. One function checks the
 * choices and counts the people, so "142 người sẽ được giao" before submitting is the number
 * the submission then reaches.
 */
import { type Actor, can, canReachPerson, type Permission } from "~/domain/access";
import type { MessageKey } from "~/i18n";
import { findUsersByUsernames, unitAudienceUserIds } from "~/models/assignments.server";
import { findUnitByCode, isTreeRootPath, type UnitSummary } from "~/models/units.server";
import { attachedUnitPaths } from "~/models/users.server";
import { replyAsTyped } from "~/validation/form";

export interface AudienceInput {
  unitCode?: string;
  includeSubunits: boolean;
  tiers: string[];
  positions: string[];
  usernames: string[];
}

export type AudienceFailure = { ok: false; field: string; error: MessageKey; params?: Record<string, string> };

export type Audience = {
  ok: true;
  unit: UnitSummary | undefined;
  people: { id: string; username: string; fullName: string }[];
  /** People the unit part reaches now (live placements). */
  unitUserIds: string[];
  /** Everyone reached, each once. */
  userIds: string[];
};

/** The unit chosen in `field`, if it exists, is active and the actor may act there. */
export function checkUnit(
  actor: Actor,
  permission: Permission,
  code: string,
  field: string,
): { ok: true; unit: UnitSummary } | AudienceFailure {
  const unit = findUnitByCode(code);
  if (!unit) return { ok: false, field, error: "pickers.error.unknownUnit", params: { code } };
  if (!can(actor, permission, unit.path))
    return { ok: false, field, error: "pickers.error.unitOutOfReach", params: { code } };
  if (unit.status !== "active")
    return { ok: false, field, error: "pickers.error.unitInactive", params: { code, name: unit.name } };
  return { ok: true, unit };
}

/** The people named in `field`, if each exists and the actor may reach them. */
export function checkPeople(
  actor: Actor,
  permission: Permission,
  usernames: readonly string[],
  field: string,
): { ok: true; people: { id: string; username: string; fullName: string }[] } | AudienceFailure {
  const people = findUsersByUsernames(usernames);
  const missing = usernames.filter((u) => !people.some((p) => p.username === u));
  if (missing.length > 0)
    return { ok: false, field, error: "pickers.error.unknownPeople", params: { usernames: missing.join(", ") } };
  // Who they are and where they work is not told: only that someone chosen is out of reach.
  if (people.some((p) => !canReachPerson(actor, permission, attachedUnitPaths(p.id), isTreeRootPath)))
    return { ok: false, field, error: "pickers.error.peopleOutOfReach" };
  return { ok: true, people };
}

/** Checks an audience and tells whom it reaches now; `fields` name the form's unit and people fields. */
export function resolveAudience(
  actor: Actor,
  permission: Permission,
  input: AudienceInput,
  fields: { unit: string; people: string },
): Audience | AudienceFailure {
  let unit: UnitSummary | undefined;
  if (input.unitCode) {
    const checked = checkUnit(actor, permission, input.unitCode, fields.unit);
    if (!checked.ok) return checked;
    unit = checked.unit;
  }
  const named = checkPeople(actor, permission, input.usernames, fields.people);
  if (!named.ok) return named;
  const unitUserIds = unit
    ? unitAudienceUserIds({
        unitPath: unit.path,
        includeSubunits: input.includeSubunits,
        tiers: input.tiers,
        positions: input.positions,
      })
    : [];
  const userIds = [...new Set([...unitUserIds, ...named.people.map((p) => p.id)])];
  return { ok: true, unit, people: named.people, unitUserIds, userIds };
}

/**
 * The "Xem số người" answer of a form that names an audience: read only the audience fields
 * (the rest of the form may not be filled in yet), then count whom they reach, or say why not
 * beside the field. The form comes back as typed either way.
 */
export function countAudienceOfForm<T>(
  actor: Actor,
  permission: Permission,
  formData: FormData,
  audience: { status: "success"; value: T } | { status?: "error"; error?: Record<string, MessageKey[] | null> | null },
  toInput: (value: T) => AudienceInput,
  fields: { unit: string; people: string },
) {
  if (audience.status !== "success")
    return { result: replyAsTyped(formData, audience.error ?? {}), count: null, params: null, status: 400 };
  const reached = resolveAudience(actor, permission, toInput(audience.value), fields);
  if (!reached.ok) {
    const result = replyAsTyped(formData, { [reached.field]: [reached.error] });
    return { result, count: null, params: reached.params ?? null, status: 400 };
  }
  return { result: replyAsTyped(formData), count: reached.userIds.length, params: null, status: 200 };
}
