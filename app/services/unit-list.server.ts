/**
 * The official list of units from a spreadsheet, with the same two steps as staff rosters:
 * every row checked and previewed, then the whole file applied in one transaction, or nothing.
 */
import { scopeRoots } from "~/domain/access";
import type { RowProblem } from "~/domain/roster";
import {
  knownUnitListHeaders,
  mapUnitListColumns,
  planUnitList,
  UNIT_LIST_COLUMNS,
  type UnitListAction,
  type UnitListKey,
} from "~/domain/unit-list";
import { todayInVietnam } from "~/i18n";
import { recordAudit } from "~/models/audit.server";
import { claimImport, importFile, insertImport, markCommitted, setPreview } from "~/models/roster.server";
import { listedUnits, listTiers } from "~/models/units.server";
import { refreshLearners } from "~/services/rollups.server";
import { readErrorProblems, readSheet, type SheetReadError } from "~/services/spreadsheet-read.server";
import { applyUnitList } from "~/services/units.server";
import { requireOwnImport } from "~/utils/access.server";
import type { Viewer } from "~/utils/auth.server";
import { writeTransaction } from "~/utils/db.server";

export const MAX_UNIT_ROWS = 100_000;

export interface UnitListPreview {
  counts: Record<UnitListAction["kind"], number> & { errors: number };
  problems: RowProblem[];
  actions: {
    row: number;
    code: string;
    name: string;
    tier: string;
    parentCode: string;
    kind: UnitListAction["kind"];
  }[];
  rowCount: number;
  fileError: SheetReadError["code"] | null;
  result?: { created: number; renamed: number; moved: number };
}

async function analyse(viewer: Viewer, fileName: string, bytes: Buffer) {
  const empty = (fileError: SheetReadError["code"] | null, problems: RowProblem[] = []) => ({
    preview: {
      counts: { create: 0, rename: 0, move: 0, "rename-move": 0, unchanged: 0, errors: problems.length },
      problems,
      actions: [],
      rowCount: 0,
      fileError,
    } as UnitListPreview,
    actions: null as UnitListAction[] | null,
  });
  const read = await readSheet(fileName, bytes, { expectedHeaders: knownUnitListHeaders(), maxRows: MAX_UNIT_ROWS });
  if (!read.ok) return empty(read.error.code, readErrorProblems(read.error));
  const { columns, missing } = mapUnitListColumns(read.table.headers);
  if (missing.length > 0)
    return empty(null, [{ row: read.table.headerRow, column: null, message: `Thiếu cột: ${missing.join(", ")}.` }]);
  const rows = read.table.rows.map(({ row, cells }) => {
    const byKey: Partial<Record<UnitListKey, string>> = {};
    for (const column of UNIT_LIST_COLUMNS) byKey[column.key] = cells[columns[column.key] as number] ?? "";
    return { row, cells: byKey };
  });
  const plan = planUnitList(rows, {
    existingByCode: listedUnits(),
    tiers: listTiers().filter((t) => t.active),
    scopePaths: scopeRoots(viewer.actor, "unit.edit").map((g) => g.unitPath),
  });
  const counts = {
    create: 0,
    rename: 0,
    move: 0,
    "rename-move": 0,
    unchanged: 0,
    errors: new Set(plan.problems.map((p) => p.row)).size,
  };
  for (const action of plan.actions) counts[action.kind] += 1;
  const preview: UnitListPreview = {
    counts,
    problems: plan.problems,
    actions: plan.actions
      .filter((a) => a.kind !== "unchanged")
      .slice(0, 2000)
      .map((a) => ({
        row: a.row,
        code: a.code,
        name: a.name,
        tier: a.tier.nameVi,
        parentCode: a.parentCode,
        kind: a.kind,
      })),
    rowCount: rows.length,
    fileError: null,
  };
  return { preview, actions: plan.problems.length === 0 ? plan.actions : null };
}

export async function checkUnitFile(viewer: Viewer, fileName: string, bytes: Buffer): Promise<number> {
  const { preview } = await analyse(viewer, fileName, bytes);
  return insertImport({
    kind: "units",
    createdBy: viewer.user.id,
    fileName,
    bytes,
    preview,
  });
}

export function requireUnitImport(viewer: Viewer, id: number) {
  const found = requireOwnImport(viewer, id, "units");
  return { ...found, preview: found.preview as UnitListPreview };
}

/** Re-checks the stored file against the tree as it is now, then applies all of it or nothing. */
export async function commitUnitImport(
  viewer: Viewer,
  id: number,
): Promise<{ ok: boolean; reason?: "problems" | "already" }> {
  const stored = requireUnitImport(viewer, id);
  if (stored.status !== "checked") return { ok: false, reason: "already" };
  const { preview, actions } = await analyse(viewer, stored.fileName, importFile(id));
  if (!actions) {
    writeTransaction((tx) => setPreview(tx, id, preview));
    return { ok: false, reason: "problems" };
  }
  const today = todayInVietnam();
  const done = writeTransaction((tx) => {
    if (!claimImport(tx, id)) return false;
    const result = applyUnitList(tx, actions, today);
    refreshLearners(result.people, today);
    const { people, ...counts } = result;
    markCommitted(tx, id, { ...preview, result: counts });
    recordAudit(tx, {
      actorUserId: viewer.user.id,
      action: "units.import",
      entityType: "roster_import",
      entityId: id,
      orgUnitId: scopeRoots(viewer.actor, "unit.edit")[0]?.unitId ?? null,
      after: {
        fileName: stored.fileName,
        fileHash: stored.fileHash,
        rows: preview.rowCount,
        ...counts,
        peopleMoved: people.length,
      },
    });
    return true;
  });
  return done ? { ok: true } : { ok: false, reason: "already" };
}
