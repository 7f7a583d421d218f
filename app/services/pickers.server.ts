/**
 * Choosing units and people by name instead of typing codes and usernames: the same answers
 * for the search form without JavaScript and the typeahead with it, each limited to what the
 * viewer may reach for the purpose of the form (decision 023).
 */
import { can, canReachPerson, type Permission, scopeRoots } from "~/domain/access";
import { sortByVi } from "~/domain/text";
import { findUsersByUsernames } from "~/models/assignments.server";
import {
  countChildren,
  findUnitByCode,
  isTreeRootPath,
  listChildren,
  listUnitsByIds,
  searchUnits,
  type UnitSummary,
} from "~/models/units.server";
import { attachedUnitPaths, openPlacementsOfUsers, searchUsers } from "~/models/users.server";
import { scopePaths } from "~/utils/access.server";
import type { Viewer } from "~/utils/auth.server";

/** What each form chooses for, and the permission that bounds its choices. */
export const PICKER_PURPOSES = {
  assignment: "assignment.manage",
  event: "event.manage",
  reform: "unit.edit",
} as const satisfies Record<string, Permission>;

export type PickerPurpose = keyof typeof PICKER_PURPOSES;

/** At most this many choices in one answer: narrow the search for more. */
export const MAX_CHOICES = 30;

export interface UnitChoice {
  code: string;
  name: string;
  tierNameVi: string;
  tierNameEn: string;
  /** The unit above it, so two communes of the same name can be told apart. */
  parentName: string | null;
  children: number;
}

export interface PersonChoice {
  username: string;
  fullName: string;
  unitName: string | null;
  positionNameVi: string | null;
  positionNameEn: string | null;
}

export interface UnitChoices {
  units: UnitChoice[];
  /** The unit whose sub-units are listed, when browsing the tree. */
  under: UnitChoice | null;
  truncated: boolean;
}

export function permissionFor(purpose: PickerPurpose): Permission {
  return PICKER_PURPOSES[purpose];
}

function toChoices(units: readonly UnitSummary[]): UnitChoice[] {
  const parents = new Map(
    listUnitsByIds([...new Set(units.map((u) => u.parentId).filter((id): id is number => id !== null))]).map((u) => [
      u.id,
      u.name,
    ]),
  );
  const children = countChildren(units.map((u) => u.id));
  return units.map((u) => ({
    code: u.code,
    name: u.name,
    tierNameVi: u.tierNameVi,
    tierNameEn: u.tierNameEn,
    parentName: u.parentId === null ? null : (parents.get(u.parentId) ?? null),
    children: children.get(u.id) ?? 0,
  }));
}

function bounded(units: UnitSummary[]) {
  const active = units.filter((u) => u.status === "active");
  return { units: active.slice(0, MAX_CHOICES), truncated: active.length > MAX_CHOICES };
}

/**
 * Units the viewer may choose for `purpose`: those matching `query` (name without diacritics,
 * or code), else the sub-units of `under`, else the top of their area and the level below it.
 */
export function unitChoices(
  viewer: Viewer,
  purpose: PickerPurpose,
  options: { query?: string; under?: string },
): UnitChoices {
  const permission = permissionFor(purpose);
  const query = options.query?.trim() ?? "";
  if (query) {
    const found = bounded(searchUnits(query, scopePaths(viewer, permission), MAX_CHOICES * 2));
    return { units: toChoices(found.units), under: null, truncated: found.truncated };
  }
  if (options.under) {
    const parent = findUnitByCode(options.under.trim().toUpperCase());
    if (parent?.status !== "active" || !can(viewer.actor, permission, parent.path))
      return { units: [], under: null, truncated: false };
    const found = bounded(listChildren(parent.id));
    return { units: toChoices(found.units), under: toChoices([parent])[0] ?? null, truncated: found.truncated };
  }
  const roots = listUnitsByIds(scopeRoots(viewer.actor, permission).map((g) => g.unitId));
  const tops = sortByVi(roots, (u) => u.name).flatMap((root) => [root, ...listChildren(root.id)]);
  const found = bounded(tops);
  return { units: toChoices(found.units), under: null, truncated: found.truncated };
}

/** The chosen units the viewer may see, named (a value they may not reach is left out). */
export function describeUnits(viewer: Viewer, purpose: PickerPurpose, codes: readonly string[]): UnitChoice[] {
  const permission = permissionFor(purpose);
  const units = [...new Set(codes)]
    .slice(0, 500)
    .map((code) => findUnitByCode(code))
    .filter((u): u is UnitSummary => u !== undefined && can(viewer.actor, permission, u.path));
  return toChoices(units);
}

function toPeople(
  viewer: Viewer,
  permission: Permission,
  people: readonly { id: string; username: string; fullName: string }[],
) {
  const where = openPlacementsOfUsers(people.map((p) => p.id));
  return people.map((p): PersonChoice => {
    // Where they work is told only within the viewer's area.
    const placement = where.find((w) => w.userId === p.id && can(viewer.actor, permission, w.unitPath));
    return {
      username: p.username,
      fullName: p.fullName,
      unitName: placement?.unitName ?? null,
      positionNameVi: placement?.positionNameVi ?? null,
      positionNameEn: placement?.positionNameEn ?? null,
    };
  });
}

/** People the viewer may choose for `purpose` whose name matches (without diacritics); never by phone. */
export function peopleChoices(viewer: Viewer, purpose: PickerPurpose, query: string): PersonChoice[] {
  const permission = permissionFor(purpose);
  if (query.trim().length < 2) return [];
  const found = searchUsers({
    query,
    scopePaths: scopePaths(viewer, permission),
    includeUnattached: false,
    nameOnly: true,
    limit: MAX_CHOICES,
  });
  return toPeople(viewer, permission, found);
}

/** The chosen people the viewer may reach, named (anyone else is left out). */
export function describePeople(viewer: Viewer, purpose: PickerPurpose, usernames: readonly string[]): PersonChoice[] {
  const permission = permissionFor(purpose);
  const found = findUsersByUsernames([...new Set(usernames)].slice(0, 2000)).filter((p) =>
    canReachPerson(viewer.actor, permission, attachedUnitPaths(p.id), isTreeRootPath),
  );
  return toPeople(viewer, permission, found);
}

/** The unit and people fields of a form, by name. */
export interface PickerFields {
  units: readonly string[];
  people: readonly string[];
}

/** A search asked for without JavaScript: its field, its words and what it found. */
export interface PickerFound {
  field: string;
  query: string;
  units: UnitChoices | null;
  people: PersonChoice[] | null;
}

/** What a form with pickers needs back from the server: the names of its chosen values, and a search's results. */
export interface PickerState {
  labels: { units: UnitChoice[]; people: PersonChoice[] };
  found: PickerFound | null;
}

const valuesOf = (formData: FormData, names: readonly string[]) =>
  names.flatMap((name) => formData.getAll(name).filter((v): v is string => typeof v === "string" && v !== ""));

/**
 * A form's picker state from what it sent: the chosen values named, and, when a picker's
 * search (`intent=find:<field>`) or a unit's sub-units (`intent=open:<field>:<code>`) was
 * asked for, the choices.
 */
export function pickerState(
  viewer: Viewer,
  purpose: PickerPurpose,
  formData: FormData,
  fields: PickerFields,
): PickerState {
  const labels = {
    units: describeUnits(
      viewer,
      purpose,
      valuesOf(formData, fields.units).map((c) => c.toUpperCase()),
    ),
    people: describePeople(
      viewer,
      purpose,
      valuesOf(formData, fields.people).map((u) => u.toLowerCase()),
    ),
  };
  const intent = String(formData.get("intent") ?? "");
  const [verb, field = "", code = ""] = intent.split(":");
  if ((verb !== "find" && verb !== "open") || ![...fields.units, ...fields.people].includes(field))
    return { labels, found: null };
  const query = String(formData.get(`find_${field}`) ?? "").slice(0, 100);
  if (fields.people.includes(field))
    return { labels, found: { field, query, units: null, people: peopleChoices(viewer, purpose, query) } };
  const units =
    verb === "open" ? unitChoices(viewer, purpose, { under: code }) : unitChoices(viewer, purpose, { query });
  return { labels, found: { field, query: verb === "open" ? "" : query, units, people: null } };
}
