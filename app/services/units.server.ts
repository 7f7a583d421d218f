import crypto from "node:crypto";
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
  successorAudience,
  type UnitPath,
} from "~/domain/tree";
import type { UnitListAction } from "~/domain/unit-list";
import type { MessageKey } from "~/i18n";
import { activeAssignmentsAt, cancelAssignment, insertAssignment } from "~/models/assignments.server";
import { recordAudit } from "~/models/audit.server";
import { usersPlacedIn } from "~/models/rollups.server";
import {
  findUnitByCode,
  findUnitById,
  insertUnit,
  listPositionCodes,
  openPlacementsAt,
  type UnitSummary,
  unitsOfTierWithin,
} from "~/models/units.server";
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

export interface ReformSummary {
  /** What happens to each unit named by the reform. */
  units: { id: number; code: string; name: string; outcome: "merged" | "retired" | "target" }[];
  movedChildren: number;
  placementsEnded: number;
  placementsStarted: number;
  /** People whose placements move (and whose indicator moves with them). */
  people: number;
  /** Assignments given to an ending unit, and what replaces them (decision 013). */
  assignments: { id: number; unitCode: string; copies: number; named: number }[];
}

const emptySummary = (): ReformSummary => ({
  units: [],
  movedChildren: 0,
  placementsEnded: 0,
  placementsStarted: 0,
  people: 0,
  assignments: [],
});

/** The staff placed at the unit itself, with their position codes (before they move on). */
function ownStaff(tx: Tx, unitId: number) {
  const codes = new Map(listPositionCodes(tx).map((p) => [p.id, p.code]));
  return openPlacementsAt([unitId], tx).map((p) => ({ userId: p.userId, positionCode: codes.get(p.positionId) ?? "" }));
}

/** Replaces the assignments of an ending unit by ones that reach the same people. */
function succeedAssignments(
  tx: Tx,
  unit: UnitSummary,
  movedChildIds: number[],
  staff: { userId: string; positionCode: string }[],
  summary: ReformSummary,
): void {
  for (const assignment of activeAssignmentsAt(tx, unit.id)) {
    const successor = successorAudience(assignment, unit, movedChildIds, staff);
    const base = {
      courseId: assignment.courseId,
      tiers: assignment.tiers,
      positions: assignment.positions,
      dueOn: assignment.dueOn,
      createdBy: assignment.createdBy ?? "",
    };
    for (const unitId of successor.unitIds)
      insertAssignment(tx, { ...base, orgUnitId: unitId, includeSubunits: true }, []);
    if (successor.userIds.length > 0)
      insertAssignment(tx, { ...base, orgUnitId: null, includeSubunits: false }, successor.userIds);
    cancelAssignment(tx, assignment.id);
    summary.assignments.push({
      id: assignment.id,
      unitCode: unit.code,
      copies: successor.unitIds.length,
      named: successor.userIds.length,
    });
  }
}

/** Merges units into a target: sub-units move under it, staff continue there, assignments keep their people. */
function performMerge(
  tx: Tx,
  actor: Actor,
  sources: UnitSummary[],
  target: UnitSummary,
  date: string,
  summary: ReformSummary,
): string[] {
  const moved = [...new Set(sources.flatMap((source) => usersPlacedIn(source.path)))];
  for (const source of sources) {
    const staffBefore = ownStaff(tx, source.id);
    const movedChildren = moveChildren(tx, source.id, target);
    succeedAssignments(tx, source, movedChildren, staffBefore, summary);
    const staff = transferStaff(tx, [source.id], target.id, date, "merge");
    tx.update(orgUnits)
      .set({ status: "merged", mergedIntoId: target.id, validTo: date, updatedAt: new Date() })
      .where(eq(orgUnits.id, source.id))
      .run();
    summary.units.push({ id: source.id, code: source.code, name: source.name, outcome: "merged" });
    summary.movedChildren += movedChildren.length;
    summary.placementsEnded += staff.end.length;
    summary.placementsStarted += staff.start.length;
    recordAudit(tx, {
      actorUserId: actor.userId,
      action: "unit.merge",
      entityType: "org_unit",
      entityId: source.id,
      orgUnitId: target.id,
      before: snapshot(source),
      after: {
        status: "merged",
        mergedIntoId: target.id,
        validTo: date,
        movedChildren,
        placementsEnded: staff.end.length,
        placementsStarted: staff.start.length,
      },
    });
  }
  summary.units.push({ id: target.id, code: target.code, name: target.name, outcome: "target" });
  summary.people += moved.length;
  return moved;
}

/** Retires units: sub-units and staff move up to each one's parent, assignments keep their people. */
function performRetire(tx: Tx, actor: Actor, units: UnitSummary[], date: string, summary: ReformSummary): string[] {
  const moved = [...new Set(units.flatMap((unit) => usersPlacedIn(unit.path)))];
  for (const unit of units) {
    const parent = findUnitById(unit.parentId as number, tx);
    if (!parent) continue;
    const staffBefore = ownStaff(tx, unit.id);
    const movedChildren = moveChildren(tx, unit.id, parent);
    succeedAssignments(tx, unit, movedChildren, staffBefore, summary);
    const staff = transferStaff(tx, [unit.id], parent.id, date, "retire");
    tx.update(orgUnits)
      .set({ status: "retired", validTo: date, updatedAt: new Date() })
      .where(eq(orgUnits.id, unit.id))
      .run();
    summary.units.push({ id: unit.id, code: unit.code, name: unit.name, outcome: "retired" });
    summary.movedChildren += movedChildren.length;
    summary.placementsEnded += staff.end.length;
    summary.placementsStarted += staff.start.length;
    recordAudit(tx, {
      actorUserId: actor.userId,
      action: "unit.retire",
      entityType: "org_unit",
      entityId: unit.id,
      orgUnitId: parent.id,
      before: snapshot(unit),
      after: {
        status: "retired",
        validTo: date,
        movedChildren,
        placementsEnded: staff.end.length,
        placementsStarted: staff.start.length,
      },
    });
  }
  summary.people += moved.length;
  return moved;
}

class PreviewOnly extends Error {
  constructor(readonly summary: ReformSummary) {
    super("preview: rolled back");
  }
}

/**
 * Runs a reform for real inside a transaction and then either keeps it (rollups moved in the
 * same transaction) or rolls it back: the preview is exactly what applying would do.
 */
function runReform(apply: boolean, work: (tx: Tx, summary: ReformSummary) => string[]): ReformSummary {
  try {
    return writeTransaction((tx) => {
      const summary = emptySummary();
      const moved = work(tx, summary);
      if (!apply) throw new PreviewOnly(summary);
      refreshLearners(moved);
      return summary;
    });
  } catch (error) {
    if (error instanceof PreviewOnly) return error.summary;
    throw error;
  }
}

export type ReformResult =
  | { ok: true; summary: ReformSummary; unitId: number }
  | { ok: false; field: string; error: MessageKey };

export type ReviewedReform =
  | { ok: true; applied: boolean; summary: ReformSummary; token: string }
  | { ok: false; field: string; error: MessageKey; summary?: ReformSummary; token?: string };

/**
 * A reform is applied only as it was previewed: the preview hands out a token (a hash of the
 * request and of what it would change), and applying re-runs the preview and refuses unless the
 * token still matches. better-sqlite3 is synchronous, so nothing can write between that last
 * preview and the application.
 */
export function reviewReform(
  run: (apply: boolean) => ReformResult,
  request: unknown,
  confirmedToken: string | null,
): ReviewedReform {
  const preview = run(false);
  if (!preview.ok) return preview;
  const token = crypto
    .createHash("sha256")
    .update(JSON.stringify([request, preview.summary]))
    .digest("hex");
  if (confirmedToken === null) return { ok: true, applied: false, summary: preview.summary, token };
  if (confirmedToken !== token)
    return { ok: false, field: "_form", error: "units.reforms.error.stale", summary: preview.summary, token };
  const applied = run(true);
  return applied.ok ? { ok: true, applied: true, summary: applied.summary, token } : applied;
}

const MERGE_ERRORS = {
  "no-sources": "units.error.noSources",
  "target-among-sources": "units.error.sameUnit",
  "target-inactive": "units.error.inactive",
  "source-inactive": "units.error.inactive",
  nested: "units.error.nested",
} as const;

/**
 * Merges several units (e.g. three communes) into an existing unit or a new one created under
 * `newUnit.parentCode`, from `date`. `apply: false` previews without writing anything.
 */
export function mergeUnits(
  actor: Actor,
  input: {
    sourceCodes: string[];
    targetCode?: string;
    newUnit?: { code: string; name: string; parentCode: string };
    date: string;
  },
  apply: boolean,
): ReformResult {
  const sources: UnitSummary[] = [];
  for (const code of [...new Set(input.sourceCodes)]) {
    const unit = findUnitByCode(code);
    if (!unit) return { ok: false, field: "sourceCodes", error: "units.error.unknownCode" };
    if (!can(actor, "unit.edit", unit.path))
      return { ok: false, field: "sourceCodes", error: "units.error.outOfScope" };
    sources.push(unit);
  }
  let target: UnitSummary | undefined;
  let parent: UnitSummary | undefined;
  if (input.newUnit) {
    parent = findUnitByCode(input.newUnit.parentCode);
    if (!parent) return { ok: false, field: "parentCode", error: "units.error.unknownCode" };
    if (!can(actor, "unit.edit", parent.path))
      return { ok: false, field: "parentCode", error: "units.error.outOfScope" };
    if (findUnitByCode(input.newUnit.code)) return { ok: false, field: "newCode", error: "units.error.codeTaken" };
  } else {
    target = input.targetCode ? findUnitByCode(input.targetCode) : undefined;
    if (!target) return { ok: false, field: "targetCode", error: "units.error.unknownCode" };
    if (!can(actor, "unit.edit", target.path))
      return { ok: false, field: "targetCode", error: "units.error.outOfScope" };
    const check = checkMerge(sources, target);
    if (!check.ok) return { ok: false, field: "targetCode", error: MERGE_ERRORS[check.reason] };
  }
  if (parent) {
    const check = checkMerge(sources, { ...parent, id: -1, path: `${parent.path}new/` });
    if (!check.ok) return { ok: false, field: "sourceCodes", error: MERGE_ERRORS[check.reason] };
  }
  let unitId = target?.id ?? 0;
  const summary = runReform(apply, (tx, summary) => {
    let into = target;
    if (!into && parent && input.newUnit) {
      const tierOfSources = sources[0]?.tierId ?? parent.tierId;
      const id = insertUnit(tx, {
        parent,
        tierId: tierOfSources,
        code: input.newUnit.code,
        name: input.newUnit.name,
        validFrom: input.date,
      });
      into = findUnitById(id, tx) as UnitSummary;
      recordAudit(tx, {
        actorUserId: actor.userId,
        action: "unit.create",
        entityType: "org_unit",
        entityId: id,
        orgUnitId: id,
        after: { code: input.newUnit.code, name: input.newUnit.name, parentId: parent.id, reform: "merge" },
      });
    }
    unitId = (into as UnitSummary).id;
    return performMerge(tx, actor, sources, into as UnitSummary, input.date, summary);
  });
  return { ok: true, summary, unitId };
}

/** Merges a unit into another from `date` (one source: the unit page's form). */
export function mergeUnit(actor: Actor, unitId: number, input: { targetCode: string; date: string }): UnitChangeResult {
  const unit = findUnitById(unitId);
  if (!unit || !can(actor, "unit.edit", unit.path)) return fail("_form", "units.error.outOfScope");
  const result = mergeUnits(actor, { sourceCodes: [unit.code], targetCode: input.targetCode, date: input.date }, true);
  return result.ok ? { ok: true, unitId: result.unitId } : fail(result.field, result.error);
}

/**
 * Retires every active unit of a tier inside a unit (the abolition of districts on
 * 1 July 2025: communes move under their province). `apply: false` previews.
 */
export function retireTier(
  actor: Actor,
  input: { tierCode: string; withinCode: string; date: string },
  apply: boolean,
): ReformResult {
  const within = findUnitByCode(input.withinCode);
  if (!within) return { ok: false, field: "withinCode", error: "units.error.unknownCode" };
  if (!can(actor, "unit.edit", within.path)) return { ok: false, field: "withinCode", error: "units.error.outOfScope" };
  const units = unitsOfTierWithin(input.tierCode, within.path).filter((u) => u.id !== within.id);
  if (units.length === 0) return { ok: false, field: "tierCode", error: "units.error.noneOfTier" };
  if (units.some((u) => !checkRetire(u).ok)) return { ok: false, field: "tierCode", error: "units.error.root" };
  const summary = runReform(apply, (tx, summary) => performRetire(tx, actor, units, input.date, summary));
  return { ok: true, summary, unitId: within.id };
}

/** Retires a unit from `date`: its sub-units and current staff move up to its parent. */
export function retireUnit(actor: Actor, unitId: number, input: { date: string }): UnitChangeResult {
  const unit = findUnitById(unitId);
  if (!unit || !can(actor, "unit.edit", unit.path)) return fail("_form", "units.error.outOfScope");
  const check = checkRetire(unit);
  if (!check.ok) return fail("_form", check.reason === "root" ? "units.error.root" : "units.error.inactive");
  const parent = findUnitById(unit.parentId as number);
  if (!parent) return fail("_form", "units.error.root");
  runReform(true, (tx, summary) => performRetire(tx, actor, [unit], input.date, summary));
  return { ok: true, unitId: parent.id };
}

/**
 * Applies a checked unit list inside the caller's transaction, parents first: new units
 * created, names corrected, units moved under their listed parent (subtree and all).
 * Returns the people whose ancestors changed, for the rollups.
 */
export function applyUnitList(
  tx: Tx,
  actions: readonly UnitListAction[],
  date: string,
): { created: number; renamed: number; moved: number; people: string[] } {
  const result = { created: 0, renamed: 0, moved: 0, people: [] as string[] };
  for (const action of actions) {
    const parent = findUnitByCode(action.parentCode, tx);
    if (!parent) throw new Error(`parent ${action.parentCode} vanished during the import`);
    if (action.kind === "create") {
      insertUnit(tx, { parent, tierId: action.tier.id, code: action.code, name: action.name, validFrom: date });
      result.created += 1;
      continue;
    }
    const unit = findUnitByCode(action.code, tx);
    if (!unit) throw new Error(`unit ${action.code} vanished during the import`);
    if (action.kind === "rename" || action.kind === "rename-move") {
      tx.update(orgUnits)
        .set({ name: action.name, nameSearch: searchKey(action.name), updatedAt: new Date() })
        .where(eq(orgUnits.id, unit.id))
        .run();
      result.renamed += 1;
    }
    if (action.kind === "move" || action.kind === "rename-move") {
      result.people.push(...usersPlacedIn(unit.path));
      rebaseSubtree(tx, unit, parent);
      result.moved += 1;
    }
  }
  return result;
}
