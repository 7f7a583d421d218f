import { and, eq, gte, lt, sql } from "drizzle-orm";
import { type Actor, can } from "~/domain/access";
import { searchKey } from "~/domain/text";
import {
  checkMerge,
  checkMove,
  checkRetire,
  childPath,
  depthOf,
  planPlacementTransfer,
  subtreeRange,
  type UnitPath,
} from "~/domain/tree";
import type { MessageKey } from "~/i18n";
import { recordAudit } from "~/models/audit.server";
import { usersPlacedIn } from "~/models/rollups.server";
import { findUnitByCode, findUnitById, insertUnit, openPlacementsAt, type UnitSummary } from "~/models/units.server";
import { refreshLearners } from "~/services/rollups.server";
import type { Tx } from "~/utils/db.server";
import { getDb, writeTransaction } from "~/utils/db.server";
import { orgUnits, placements, tiers } from "../../db/schema";

export type UnitChangeResult = { ok: true; unitId: number } | { ok: false; field: string; error: MessageKey };

const fail = (field: string, error: MessageKey): UnitChangeResult => ({ ok: false, field, error });

function snapshot(unit: UnitSummary) {
  return { code: unit.code, name: unit.name, parentId: unit.parentId, path: unit.path, status: unit.status };
}

/** Moves a unit and its whole subtree under a new parent: one UPDATE over the path range. */
function rebaseSubtree(db: Tx, unit: { id: number; path: UnitPath }, newParent: { id: number; path: UnitPath }) {
  const newPath = childPath(newParent.path, unit.id);
  const { from, to } = subtreeRange(unit.path);
  const shift = depthOf(newPath) - depthOf(unit.path);
  db.update(orgUnits)
    .set({
      path: sql`${newPath} || substr(${orgUnits.path}, ${unit.path.length + 1})`,
      depth: sql`${orgUnits.depth} + ${shift}`,
      updatedAt: new Date(),
    })
    .where(and(gte(orgUnits.path, from), lt(orgUnits.path, to)))
    .run();
  db.update(orgUnits).set({ parentId: newParent.id }).where(eq(orgUnits.id, unit.id)).run();
}

function moveChildren(db: Tx, fromUnitId: number, to: { id: number; path: UnitPath }) {
  const children = db
    .select({ id: orgUnits.id, path: orgUnits.path })
    .from(orgUnits)
    .where(eq(orgUnits.parentId, fromUnitId))
    .all();
  for (const child of children) rebaseSubtree(db, child, to);
  return children.map((c) => c.id);
}

function transferStaff(db: Tx, fromUnitIds: number[], toUnitId: number, date: string, reason: string) {
  const plan = planPlacementTransfer(openPlacementsAt([...fromUnitIds, toUnitId], db), fromUnitIds, toUnitId, date);
  for (const ended of plan.end) {
    db.update(placements).set({ endDate: ended.endDate, endReason: reason }).where(eq(placements.id, ended.id)).run();
  }
  if (plan.start.length > 0) db.insert(placements).values(plan.start).run();
  return plan;
}

export function createUnit(
  actor: Actor,
  input: { parentId: number; tierId: number; code: string; name: string; validFrom?: string },
): UnitChangeResult {
  const parent = findUnitById(input.parentId);
  if (!parent || !can(actor, "unit.edit", parent.path)) return fail("parentId", "units.error.outOfScope");
  if (parent.status !== "active") return fail("parentId", "units.error.inactive");
  const db = getDb();
  const tier = db.select().from(tiers).where(eq(tiers.id, input.tierId)).get();
  if (!tier) return fail("tierId", "units.error.unknownTier");
  if (findUnitByCode(input.code)) return fail("code", "units.error.codeTaken");
  const unitId = writeTransaction((tx) => {
    const id = insertUnit(tx, {
      parent,
      tierId: tier.id,
      code: input.code,
      name: input.name,
      validFrom: input.validFrom,
    });
    recordAudit(tx, {
      actorUserId: actor.userId,
      action: "unit.create",
      entityType: "org_unit",
      entityId: id,
      orgUnitId: id,
      after: { code: input.code, name: input.name, tier: tier.code, parentId: parent.id },
    });
    return id;
  });
  return { ok: true, unitId };
}

export function renameUnit(actor: Actor, unitId: number, input: { name: string; code: string }): UnitChangeResult {
  const unit = findUnitById(unitId);
  if (!unit || !can(actor, "unit.edit", unit.path)) return fail("_form", "units.error.outOfScope");
  const clash = input.code !== unit.code ? findUnitByCode(input.code) : undefined;
  if (clash) return fail("code", "units.error.codeTaken");
  writeTransaction((tx) => {
    tx.update(orgUnits)
      .set({ name: input.name, nameSearch: searchKey(input.name), code: input.code, updatedAt: new Date() })
      .where(eq(orgUnits.id, unit.id))
      .run();
    recordAudit(tx, {
      actorUserId: actor.userId,
      action: "unit.rename",
      entityType: "org_unit",
      entityId: unit.id,
      orgUnitId: unit.id,
      before: { code: unit.code, name: unit.name },
      after: { code: input.code, name: input.name },
    });
  });
  return { ok: true, unitId };
}

export function moveUnit(actor: Actor, unitId: number, input: { parentCode: string }): UnitChangeResult {
  const unit = findUnitById(unitId);
  if (!unit || !can(actor, "unit.edit", unit.path)) return fail("_form", "units.error.outOfScope");
  if (unit.status !== "active") return fail("_form", "units.error.inactive");
  const parent = findUnitByCode(input.parentCode);
  if (!parent) return fail("parentCode", "units.error.unknownCode");
  if (!can(actor, "unit.edit", parent.path)) return fail("parentCode", "units.error.outOfScope");
  const check = checkMove(unit, parent);
  if (!check.ok) {
    const errors = {
      "same-unit": "units.error.sameUnit",
      "into-own-subtree": "units.error.intoOwnSubtree",
      "target-inactive": "units.error.inactive",
    } as const;
    return fail("parentCode", errors[check.reason]);
  }
  writeTransaction((tx) => {
    // Everyone below the unit now counts under other ancestors.
    const moved = usersPlacedIn(unit.path);
    rebaseSubtree(tx, unit, parent);
    refreshLearners(moved);
    recordAudit(tx, {
      actorUserId: actor.userId,
      action: "unit.move",
      entityType: "org_unit",
      entityId: unit.id,
      orgUnitId: unit.id,
      before: snapshot(unit),
      after: { parentId: parent.id, path: childPath(parent.path, unit.id) },
    });
  });
  return { ok: true, unitId };
}

/**
 * Merges a unit into another from `date`: the unit is kept as history (status merged),
 * its sub-units move under the target, and its current staff continue at the target.
 */
export function mergeUnit(actor: Actor, unitId: number, input: { targetCode: string; date: string }): UnitChangeResult {
  const unit = findUnitById(unitId);
  if (!unit || !can(actor, "unit.edit", unit.path)) return fail("_form", "units.error.outOfScope");
  const target = findUnitByCode(input.targetCode);
  if (!target) return fail("targetCode", "units.error.unknownCode");
  if (!can(actor, "unit.edit", target.path)) return fail("targetCode", "units.error.outOfScope");
  const check = checkMerge([unit], target);
  if (!check.ok) {
    const errors = {
      "no-sources": "form.invalid",
      "target-among-sources": "units.error.sameUnit",
      "target-inactive": "units.error.inactive",
      "source-inactive": "units.error.inactive",
      nested: "units.error.nested",
    } as const;
    return fail("targetCode", errors[check.reason]);
  }
  writeTransaction((tx) => {
    const moved = usersPlacedIn(unit.path);
    const movedChildren = moveChildren(tx, unit.id, target);
    const staff = transferStaff(tx, [unit.id], target.id, input.date, "merge");
    tx.update(orgUnits)
      .set({ status: "merged", mergedIntoId: target.id, validTo: input.date, updatedAt: new Date() })
      .where(eq(orgUnits.id, unit.id))
      .run();
    refreshLearners(moved);
    recordAudit(tx, {
      actorUserId: actor.userId,
      action: "unit.merge",
      entityType: "org_unit",
      entityId: unit.id,
      orgUnitId: target.id,
      before: snapshot(unit),
      after: {
        status: "merged",
        mergedIntoId: target.id,
        validTo: input.date,
        movedChildren,
        placementsEnded: staff.end.length,
        placementsStarted: staff.start.length,
      },
    });
  });
  return { ok: true, unitId: target.id };
}

/** Retires a unit from `date`: its sub-units and current staff move up to its parent. */
export function retireUnit(actor: Actor, unitId: number, input: { date: string }): UnitChangeResult {
  const unit = findUnitById(unitId);
  if (!unit || !can(actor, "unit.edit", unit.path)) return fail("_form", "units.error.outOfScope");
  const check = checkRetire(unit);
  if (!check.ok) return fail("_form", check.reason === "root" ? "units.error.root" : "units.error.inactive");
  const parent = findUnitById(unit.parentId as number);
  if (!parent) return fail("_form", "units.error.root");
  writeTransaction((tx) => {
    const moved = usersPlacedIn(unit.path);
    const movedChildren = moveChildren(tx, unit.id, parent);
    const staff = transferStaff(tx, [unit.id], parent.id, input.date, "retire");
    tx.update(orgUnits)
      .set({ status: "retired", validTo: input.date, updatedAt: new Date() })
      .where(eq(orgUnits.id, unit.id))
      .run();
    refreshLearners(moved);
    recordAudit(tx, {
      actorUserId: actor.userId,
      action: "unit.retire",
      entityType: "org_unit",
      entityId: unit.id,
      orgUnitId: parent.id,
      before: snapshot(unit),
      after: {
        status: "retired",
        validTo: input.date,
        movedChildren,
        placementsEnded: staff.end.length,
        placementsStarted: staff.start.length,
      },
    });
  });
  return { ok: true, unitId: parent.id };
}
