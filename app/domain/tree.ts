/**
 * Rules of the unit tree over materialised paths ("/1/12/305/"). Pure: the models turn
 * these into index range scans, and the services apply the plans in one transaction.
 */

export type UnitPath = string;

export function childPath(parentPath: UnitPath | null, id: number): UnitPath {
  return `${parentPath ?? "/"}${id}/`;
}

export function depthOf(path: UnitPath): number {
  return path.split("/").length - 3;
}

export function idsOnPath(path: UnitPath): number[] {
  return path
    .split("/")
    .filter((part) => part !== "")
    .map(Number);
}

/** True when `path` is `ancestor` itself or lies below it. */
export function isWithin(path: UnitPath, ancestor: UnitPath): boolean {
  return path.startsWith(ancestor);
}

/**
 * The half-open key range [from, to) of a subtree. Path segments are digits and "/", and
 * the character after "/" is "0", so swapping the final "/" for "0" bounds every descendant.
 */
export function subtreeRange(path: UnitPath): { from: string; to: string } {
  return { from: path, to: `${path.slice(0, -1)}0` };
}

/** The path of a descendant after its subtree root moved from `oldRoot` to `newRoot`. */
export function rebasePath(path: UnitPath, oldRoot: UnitPath, newRoot: UnitPath): UnitPath {
  if (!isWithin(path, oldRoot)) throw new Error(`${path} is not below ${oldRoot}`);
  return newRoot + path.slice(oldRoot.length);
}

export type MoveCheck = { ok: true } | { ok: false; reason: "same-unit" | "into-own-subtree" | "target-inactive" };

export function checkMove(unit: { path: UnitPath }, newParent: { path: UnitPath; status: string }): MoveCheck {
  if (unit.path === newParent.path) return { ok: false, reason: "same-unit" };
  if (isWithin(newParent.path, unit.path)) return { ok: false, reason: "into-own-subtree" };
  if (newParent.status !== "active") return { ok: false, reason: "target-inactive" };
  return { ok: true };
}

export interface PlacementRow {
  id: number;
  userId: string;
  orgUnitId: number;
  positionId: number;
  startDate: string;
  endDate: string | null;
}

export interface PlacementTransfer {
  /** Placements that end on `date`; their rows stay, so the history is kept. */
  end: { id: number; endDate: string }[];
  /** New placements that continue the same person in the same position at the new unit. */
  start: { userId: string; orgUnitId: number; positionId: number; startDate: string }[];
}

/**
 * Moves the open placements of `fromUnitIds` to `toUnitId` from `date`: each is ended and
 * continued at the target. A person already holding the same position at the target is not
 * placed twice, so nobody is counted twice after a merge.
 */
export function planPlacementTransfer(
  placements: readonly PlacementRow[],
  fromUnitIds: readonly number[],
  toUnitId: number,
  date: string,
): PlacementTransfer {
  const from = new Set(fromUnitIds);
  const open = placements.filter((p) => p.endDate === null);
  const held = new Set(open.filter((p) => p.orgUnitId === toUnitId).map((p) => `${p.userId}:${p.positionId}`));
  const transfer: PlacementTransfer = { end: [], start: [] };
  for (const placement of open) {
    if (!from.has(placement.orgUnitId)) continue;
    transfer.end.push({ id: placement.id, endDate: date });
    const key = `${placement.userId}:${placement.positionId}`;
    if (held.has(key)) continue;
    held.add(key);
    transfer.start.push({
      userId: placement.userId,
      orgUnitId: toUnitId,
      positionId: placement.positionId,
      startDate: date,
    });
  }
  return transfer;
}

export interface TreeUnit {
  id: number;
  parentId: number | null;
  path: UnitPath;
  status: string;
}

export type MergeCheck =
  | { ok: true }
  | { ok: false; reason: "no-sources" | "target-among-sources" | "target-inactive" | "source-inactive" | "nested" };

/** Units can merge into a target when all are active and none contains another or the target. */
export function checkMerge(sources: readonly TreeUnit[], target: TreeUnit): MergeCheck {
  if (sources.length === 0) return { ok: false, reason: "no-sources" };
  if (sources.some((s) => s.id === target.id)) return { ok: false, reason: "target-among-sources" };
  if (target.status !== "active") return { ok: false, reason: "target-inactive" };
  if (sources.some((s) => s.status !== "active")) return { ok: false, reason: "source-inactive" };
  const all = [...sources, target];
  for (const a of all) {
    for (const b of all) {
      if (a.id !== b.id && isWithin(b.path, a.path)) return { ok: false, reason: "nested" };
    }
  }
  return { ok: true };
}

export type RetireCheck = { ok: true } | { ok: false; reason: "root" | "inactive" };

/** A retired unit's children move up to its parent (the abolition of districts in 2025). */
export function checkRetire(unit: TreeUnit): RetireCheck {
  if (unit.parentId === null) return { ok: false, reason: "root" };
  if (unit.status !== "active") return { ok: false, reason: "inactive" };
  return { ok: true };
}

export interface AssignmentAtUnit {
  id: number;
  includeSubunits: boolean;
  tiers: readonly string[];
  positions: readonly string[];
}

export interface SuccessorAudience {
  /** Copies of the assignment given to each former sub-unit (with their sub-units). */
  unitIds: number[];
  /** The people placed at the unit itself when it ended, named one by one. */
  userIds: string[];
}

/**
 * When a unit ends (merged or retired), an assignment given to it keeps reaching exactly the
 * people it reached, and nobody new: each former sub-unit gets a copy, and the unit's own
 * staff (who moved on to the successor unit) are named. Giving it to the successor instead
 * would widen it to that unit's own staff.
 */
export function successorAudience(
  assignment: AssignmentAtUnit,
  unit: { tierCode: string },
  movedChildIds: readonly number[],
  ownStaff: readonly { userId: string; positionCode: string }[],
): SuccessorAudience {
  const tierMatches = assignment.tiers.length === 0 || assignment.tiers.includes(unit.tierCode);
  const userIds = tierMatches
    ? [
        ...new Set(
          ownStaff
            .filter((p) => assignment.positions.length === 0 || assignment.positions.includes(p.positionCode))
            .map((p) => p.userId),
        ),
      ]
    : [];
  return { unitIds: assignment.includeSubunits ? [...movedChildIds] : [], userIds };
}
