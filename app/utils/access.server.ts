import { can, canAnywhere, canReachPerson, type Permission, scopeRoots } from "~/domain/access";
import { findImport } from "~/models/roster.server";
import { findUnitById, isTreeRootPath, type UnitSummary } from "~/models/units.server";
import { attachedUnitPaths, findUserProfile, type UserProfile } from "~/models/users.server";
import type { Viewer } from "./auth.server";
import { forbidden, notFound } from "./http.server";

/**
 * Loaders and actions call these after `requireViewer`. Something outside the viewer's
 * subtree answers 404, the same as something that does not exist, so nothing leaks.
 */
export function requireAnywhere(viewer: Viewer, permission: Permission): void {
  if (!canAnywhere(viewer.actor, permission)) throw forbidden();
}

/** For what covers the whole database (backups): a grant at the root of the tree. */
export function requireWholeTree(viewer: Viewer, permission: Permission): void {
  requireAnywhere(viewer, permission);
  if (!reachesUnattached(viewer, permission)) throw forbidden();
}

export function requireUnit(viewer: Viewer, permission: Permission, unitId: number): UnitSummary {
  requireAnywhere(viewer, permission);
  const unit = findUnitById(unitId);
  if (!unit || !can(viewer.actor, permission, unit.path)) throw notFound();
  return unit;
}

export function requirePerson(viewer: Viewer, permission: Permission, userId: string): UserProfile {
  requireAnywhere(viewer, permission);
  const person = findUserProfile(userId);
  if (!person || !canReachPerson(viewer.actor, permission, attachedUnitPaths(userId), isTreeRootPath)) {
    throw notFound();
  }
  return person;
}

export function scopePaths(viewer: Viewer, permission: Permission): string[] {
  return scopeRoots(viewer.actor, permission).map((g) => g.unitPath);
}

export function reachesUnattached(viewer: Viewer, permission: Permission): boolean {
  return scopePaths(viewer, permission).some(isTreeRootPath);
}

/** A spreadsheet import is its uploader's alone; pages check first that they may still import. */
export function requireOwnImport(viewer: Viewer, id: number, kind: "staff" | "units") {
  const found = findImport(id);
  if (!found || found.createdBy !== viewer.user.id || found.kind !== kind) throw notFound();
  return found;
}
