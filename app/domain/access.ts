/**
 * The one authorisation module. Every loader and action asks it, through
 * `app/utils/access.server.ts`, whether the signed-in person may do a thing at a unit.
 * A role granted at a unit reaches that unit's whole subtree and nothing else.
 */
import { isWithin, type UnitPath } from "./tree";

export const ROLES = ["learner", "trainer", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

export interface Grant {
  role: Role;
  unitId: number;
  unitPath: UnitPath;
}

export interface Actor {
  userId: string;
  grants: readonly Grant[];
}

/** What can be done, and which roles may do it within the subtree of their grant. */
const PERMISSIONS = {
  "unit.view": ["manager", "admin"],
  "unit.edit": ["admin"],
  "user.view": ["manager", "admin"],
  "user.edit": ["admin"],
  "role.grant": ["admin"],
  "audit.view": ["admin"],
  "course.author": ["trainer", "admin"],
  "assignment.manage": ["manager", "admin"],
  "report.view": ["manager", "admin"],
  "roster.import": ["manager", "admin"],
  "event.manage": ["trainer", "manager", "admin"],
  "certificate.revoke": ["admin"],
  "privacy.manage": ["admin"],
  /** Whole-database backups (decision 020): administrators at the root of the tree only. */
  "backup.manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

function rolesFor(permission: Permission): readonly Role[] {
  return PERMISSIONS[permission];
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.grants.some((g) => g.role === role);
}

/** May the actor do `permission` at the unit whose path is `unitPath`? */
export function can(actor: Actor, permission: Permission, unitPath: UnitPath): boolean {
  const roles = rolesFor(permission);
  return actor.grants.some((g) => roles.includes(g.role) && isWithin(unitPath, g.unitPath));
}

/** May the actor do `permission` anywhere at all (used for navigation)? */
export function canAnywhere(actor: Actor, permission: Permission): boolean {
  const roles = rolesFor(permission);
  return actor.grants.some((g) => roles.includes(g.role));
}

/**
 * The top units of the actor's reach for `permission`: grant units that are not inside
 * another grant's subtree. Queries scope themselves to these paths.
 */
export function scopeRoots(actor: Actor, permission: Permission): Grant[] {
  const roles = rolesFor(permission);
  const relevant = actor.grants.filter((g) => roles.includes(g.role));
  const roots = relevant.filter(
    (g) => !relevant.some((other) => other.unitPath !== g.unitPath && isWithin(g.unitPath, other.unitPath)),
  );
  return [...new Map(roots.map((g) => [g.unitPath, g])).values()];
}

/**
 * A person is within reach when any unit they are attached to (an open placement or a
 * grant) lies in the actor's subtree. Someone attached nowhere is reached only by an
 * actor whose scope is a root of the tree (a national administrator).
 */
export function canReachPerson(
  actor: Actor,
  permission: Permission,
  personUnitPaths: readonly UnitPath[],
  isTreeRoot: (path: UnitPath) => boolean,
): boolean {
  if (personUnitPaths.length === 0) {
    return scopeRoots(actor, permission).some((g) => isTreeRoot(g.unitPath));
  }
  return personUnitPaths.some((path) => can(actor, permission, path));
}

export type NavItem =
  | "myTraining"
  | "certificates"
  | "reports"
  | "assignments"
  | "roster"
  | "events"
  | "authoring"
  | "units"
  | "users"
  | "corrections"
  | "audit";

export function navigationFor(actor: Actor): NavItem[] {
  // Everyone signed in may hold certificates, whatever their role.
  const items: NavItem[] = ["myTraining", "certificates"];
  if (canAnywhere(actor, "report.view")) items.push("reports");
  if (canAnywhere(actor, "assignment.manage")) items.push("assignments");
  if (canAnywhere(actor, "roster.import")) items.push("roster");
  if (canAnywhere(actor, "event.manage")) items.push("events");
  if (canAnywhere(actor, "course.author")) items.push("authoring");
  if (canAnywhere(actor, "unit.view")) items.push("units");
  if (canAnywhere(actor, "user.view")) items.push("users", "corrections");
  if (canAnywhere(actor, "audit.view")) items.push("audit");
  return items;
}
