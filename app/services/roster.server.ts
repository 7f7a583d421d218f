/**
 * Staff rosters from spreadsheets. Upload → every row checked and planned (nothing written
 * but the file itself) → the manager confirms a file with no errors → one transaction applies
 * the whole plan, re-checked against the database as it is then. Importing the same file
 * again plans nothing. Decision 012.
 */
import crypto from "node:crypto";
import ExcelJS from "exceljs";
import { canReachPerson, scopeRoots } from "~/domain/access";
import {
  checkRosterRow,
  type ExistingPerson,
  knownRosterHeaders,
  type MatchChoice,
  mapColumns,
  type PlanSummary,
  type PossibleMatch,
  planRoster,
  positionOutsideItsTier,
  ROSTER_COLUMNS,
  type RosterKey,
  type RosterRow,
  type RowProblem,
  repairedFrom,
  summarisePlan,
} from "~/domain/roster";
import { searchKey } from "~/domain/text";
import { formatDateTime, todayInVietnam } from "~/i18n";
import { recordAudit } from "~/models/audit.server";
import {
  claimImport,
  existingPeople,
  importFile,
  insertImport,
  markCommitted,
  peopleByNameInUnits,
  rosterPositions,
  rosterUnits,
  rosterWrites,
  setPreview,
  storeAccountSheet,
  takeAccountSheet,
  takenUsernames,
  tiersWithUnits,
  unitsByCodes,
} from "~/models/roster.server";
import { isTreeRootPath, listTiers, listUnitsByIds } from "~/models/units.server";
import { accountSheetPdf } from "~/services/account-sheet-pdf.server";
import { refreshLearners } from "~/services/rollups.server";
import type { ReportSheet } from "~/services/spreadsheet.server";
import { readErrorProblems, readSheet, type SheetReadError } from "~/services/spreadsheet-read.server";
import { requireOwnImport } from "~/utils/access.server";
import type { Viewer } from "~/utils/auth.server";
import { writeTransaction } from "~/utils/db.server";
import { generateInitialPassword, hashInitialPassword } from "~/utils/password.server";

export const MAX_ROSTER_ROWS = 50_000;
export const MAX_ROSTER_BYTES = 20 * 1024 * 1024;
/** Initial passwords of imported accounts: 12 symbols of 31 (~59 bits), typed once from paper. */
const IMPORT_PASSWORD_LENGTH = 12;
const PREVIEW_ROWS = 300;

type TierName = { nameVi: string; nameEn: string };
const tierName = (tier: TierName | undefined): TierName => ({ nameVi: tier?.nameVi ?? "", nameEn: tier?.nameEn ?? "" });

export interface PreviewRow {
  row: number;
  fullName: string;
  unit: string;
  position: string;
  action: "create" | "update" | "move" | "unchanged";
  username: string;
  /** Set when the position usually sits at another tier than the unit's (issue 14.13). */
  tierNote?: { positionTier: TierName; unitTier: TierName };
}

export interface RosterPreview {
  summary: PlanSummary;
  problems: RowProblem[];
  /** What each row that changes something will do, in file order (the first 300 are kept for the page). */
  rows: PreviewRow[];
  changedRows: number;
  rowCount: number;
  /** Names converted from an old font or a wrong decoding: shown before anything is written. */
  conversions?: { row: number; original: string; name: string; from: string }[];
  /** Rows that may be someone already in the system: the manager chooses before confirming. */
  possibleMatches?: PossibleMatch[];
  fileError: SheetReadError["code"] | null;
  result?: { created: number; updated: number; moved: number; accountSheet: boolean };
}

function scopeOf(viewer: Viewer): string[] {
  return scopeRoots(viewer.actor, "roster.import").map((g) => g.unitPath);
}

interface Analysis {
  preview: RosterPreview;
  plan: ReturnType<typeof planRoster> | null;
}

/** Reads and checks a file against the database as it is now; writes nothing. */
async function analyse(
  viewer: Viewer,
  fileName: string,
  bytes: Buffer,
  choices: ReadonlyMap<number, MatchChoice> = new Map(),
): Promise<Analysis> {
  const empty = (fileError: SheetReadError["code"] | null, problems: RowProblem[] = []): Analysis => ({
    preview: {
      summary: { create: 0, update: 0, move: 0, unchanged: 0, errors: problems.length },
      problems,
      rows: [],
      changedRows: 0,
      rowCount: 0,
      fileError,
    },
    plan: null,
  });
  const read = await readSheet(fileName, bytes, { expectedHeaders: knownRosterHeaders(), maxRows: MAX_ROSTER_ROWS });
  if (!read.ok) return empty(read.error.code, readErrorProblems(read.error));
  const { table } = read;
  const { columns, missing } = mapColumns(table.headers);
  if (missing.length > 0)
    return empty(null, [
      { row: table.headerRow, column: null, message: `Thiếu cột: ${missing.join(", ")}. Hãy dùng tệp mẫu.` },
    ]);

  const scopePaths = scopeOf(viewer);
  const unitsByCode = rosterUnits(scopePaths);
  // Codes outside the area are looked up too, so the message can say "outside your area"
  // (by code only: checkRosterRow names no unit outside the area).
  const unknownCodes = [
    ...new Set(
      table.rows
        .map((r) => (r.cells[columns.unitCode as number] ?? "").trim().toUpperCase())
        .filter((code) => code && !unitsByCode.has(code))
        // A code that lost its leading zero is looked up with it, for "có thể là 0…?".
        .flatMap((code) => (/^\d+$/.test(code) ? [code, `0${code}`] : [code])),
    ),
  ];
  for (const [code, unit] of unitsByCodes(unknownCodes)) unitsByCode.set(code, unit);
  const context = { unitsByCode, positions: rosterPositions(), scopePaths, today: todayInVietnam() };

  const problems: RowProblem[] = [];
  const valid: RosterRow[] = [];
  for (const { row, cells } of table.rows) {
    const byKey: Partial<Record<RosterKey, string>> = {};
    for (const column of ROSTER_COLUMNS) {
      const index = columns[column.key];
      if (index !== undefined) byKey[column.key] = cells[index] ?? "";
    }
    const checked = checkRosterRow(row, byKey, context);
    if (checked.ok) valid.push(checked.value);
    else problems.push(...checked.problems);
  }

  // Same-name people in the row's unit (or one merged into it), for rows nothing else matches.
  const sameName = peopleByNameInUnits(
    [...new Set(valid.map((r) => searchKey(r.fullName)))],
    [...new Set(valid.map((r) => r.unit.id))],
  );
  const people = existingPeople(
    [...new Set(valid.map((r) => r.phone))],
    [...new Set([...valid.flatMap((r) => (r.username ? [r.username] : [])), ...[...sameName.values()].flat()])],
  );
  const byUsername = new Map(people.map((p) => [p.username, p]));
  const byName = new Map(
    [...sameName].map(([key, usernames]) => [key, usernames.flatMap((username) => byUsername.get(username) ?? [])]),
  );
  const byPhone = new Map<string, ExistingPerson[]>();
  for (const person of people) {
    if (!person.phone) continue;
    byPhone.set(person.phone, [...(byPhone.get(person.phone) ?? []), person]);
  }
  // People placed nowhere are within reach only of those who reach the whole tree.
  const plan = planRoster(
    valid,
    { byUsername, byPhone, takenUsernames: takenUsernames(), byName },
    scopePaths,
    (person) =>
      canReachPerson(
        viewer.actor,
        "roster.import",
        person.placements.map((p) => p.unitPath),
        isTreeRootPath,
      ),
    choices,
  );
  const allProblems = [...problems, ...plan.problems].sort((a, b) => a.row - b.row);
  const summary = summarisePlan({ ...plan, problems: allProblems });
  const allTiers = listTiers();
  const tierById = new Map(allTiers.map((tier) => [tier.id, tier]));
  const withUnits = tiersWithUnits();
  const tiersWithUnitsList = allTiers.filter((tier) => withUnits.has(tier.id));
  const rows: PreviewRow[] = plan.actions
    .filter((action) => action.kind !== "unchanged")
    .flatMap((action) =>
      action.rows.map((r) => ({
        row: r.row,
        fullName: r.fullName,
        unit: `${r.unit.name} (${r.unit.code})`,
        position: r.position.nameVi,
        action: action.kind,
        username: action.kind === "create" ? action.username : action.person.username,
        ...(positionOutsideItsTier(r.unit.tierId, tierById.get(r.position.tierId ?? 0), tiersWithUnitsList)
          ? {
              tierNote: {
                positionTier: tierName(tierById.get(r.position.tierId ?? 0)),
                unitTier: tierName(tierById.get(r.unit.tierId ?? 0)),
              },
            }
          : {}),
      })),
    )
    .sort((a, b) => a.row - b.row);
  return {
    preview: {
      summary,
      problems: allProblems,
      rows: rows.slice(0, PREVIEW_ROWS),
      changedRows: rows.length,
      rowCount: table.rows.length,
      conversions: valid
        .flatMap((r) =>
          r.nameRepair
            ? [{ row: r.row, original: r.nameRepair.original, name: r.fullName, from: repairedFrom(r.nameRepair.kind) }]
            : [],
        )
        .slice(0, PREVIEW_ROWS),
      possibleMatches: plan.possibleMatches,
      fileError: null,
    },
    plan: allProblems.length === 0 && plan.possibleMatches.length === 0 ? plan : null,
  };
}

/** Stores the uploaded file and its check; nothing else is written. */
export async function checkRosterFile(viewer: Viewer, fileName: string, bytes: Buffer): Promise<number> {
  const { preview } = await analyse(viewer, fileName, bytes);
  return insertImport({
    kind: "staff",
    createdBy: viewer.user.id,
    fileName,
    bytes,
    preview,
  });
}

/** An import of the viewer's own; 404 for anyone else's. */
export function requireImport(viewer: Viewer, id: number) {
  const found = requireOwnImport(viewer, id, "staff");
  return { ...found, preview: found.preview as RosterPreview };
}

export type CommitResult = { ok: true } | { ok: false; reason: "problems" | "already" | "undecided" };

/**
 * Applies a checked file: re-checks it first (the database may have changed since the
 * preview), then writes everything in one transaction, or nothing.
 */
export async function commitRosterImport(
  viewer: Viewer,
  id: number,
  signInUrl: string,
  choices: ReadonlyMap<number, MatchChoice> = new Map(),
): Promise<CommitResult> {
  const stored = requireImport(viewer, id);
  if (stored.status !== "checked") return { ok: false, reason: "already" };
  const { preview, plan } = await analyse(viewer, stored.fileName, importFile(id), choices);
  if (!plan || preview.problems.length > 0) {
    const undecided = preview.problems.length === 0 && (preview.possibleMatches?.length ?? 0) > 0;
    // The stored check keeps what the manager has to decide, without their partial choices.
    if (!undecided) writeTransaction((tx) => setPreview(tx, id, preview));
    return { ok: false, reason: undecided ? "undecided" : "problems" };
  }
  // Hash outside the transaction: argon2 is asynchronous.
  const creations = plan.actions.filter((a) => a.kind === "create");
  const credentials = await Promise.all(
    creations.map(async () => {
      const password = generateInitialPassword(IMPORT_PASSWORD_LENGTH);
      return { password, hash: await hashInitialPassword(password) };
    }),
  );
  const today = todayInVietnam();
  const writes = rosterWrites();
  const created: {
    fullName: string;
    username: string;
    initialPassword: string;
    unitName: string;
    positionName: string;
  }[] = [];
  const committed = writeTransaction((tx) => {
    if (!claimImport(tx, id)) return false;
    const touched: string[] = [];
    const phonesAdded: { userId: string; before: string | null; after: string }[] = [];
    const matchedByName: { row: number; userId: string }[] = [];
    let updated = 0;
    let moved = 0;
    creations.forEach((action, index) => {
      if (action.kind !== "create") return;
      const first = action.rows[0] as RosterRow;
      const userId = crypto.randomUUID();
      const credential = credentials[index] as { password: string; hash: string };
      writes.insertUser.run(
        userId,
        action.username,
        first.fullName,
        searchKey(first.fullName),
        first.phone,
        first.email,
        first.birthDate,
        credential.hash,
      );
      for (const row of action.rows) {
        writes.startPlacement.run(userId, row.unit.id, row.position.id, today);
        writes.grantLearner.run(userId, row.unit.id, viewer.user.id);
      }
      touched.push(userId);
      created.push({
        fullName: first.fullName,
        username: action.username,
        initialPassword: credential.password,
        unitName: first.unit.name,
        positionName: first.position.nameVi,
      });
    });
    for (const action of plan.actions) {
      if (action.kind === "create" || action.kind === "unchanged") continue;
      const { person, changes } = action;
      const profile = changes.profile;
      if (Object.keys(profile).length > 0) {
        const fullName = profile.fullName ?? person.fullName;
        writes.updateProfile.run(
          fullName,
          searchKey(fullName),
          profile.email ?? null,
          profile.birthDate ?? null,
          profile.phone ?? null,
          person.userId,
        );
        if (profile.phone) phonesAdded.push({ userId: person.userId, before: person.phone, after: profile.phone });
      }
      const first = action.rows[0] as RosterRow;
      if (choices.get(first.row) === person.userId) matchedByName.push({ row: first.row, userId: person.userId });
      for (const placementId of changes.end) writes.endPlacement.run(today, "roster-import", placementId);
      for (const start of changes.start) {
        writes.startPlacement.run(person.userId, start.unitId, start.positionId, today);
        writes.grantLearner.run(person.userId, start.unitId, viewer.user.id);
      }
      if (action.kind === "move") moved += 1;
      else updated += 1;
      touched.push(person.userId);
    }
    refreshLearners(touched, today);
    const result = { created: created.length, updated, moved, accountSheet: created.length > 0 };
    markCommitted(tx, id, { ...preview, result });
    recordAudit(tx, {
      actorUserId: viewer.user.id,
      action: "roster.import",
      entityType: "roster_import",
      entityId: id,
      orgUnitId: scopeRoots(viewer.actor, "roster.import")[0]?.unitId ?? null,
      after: {
        fileName: stored.fileName,
        fileHash: stored.fileHash,
        rows: preview.rowCount,
        ...result,
        unchanged: preview.summary.unchanged,
        userIds: touched,
        phonesAdded,
        matchedByName,
      },
    });
    return true;
  });
  if (!committed) return { ok: false, reason: "already" };
  if (created.length > 0) {
    try {
      const pdf = await accountSheetPdf({
        title: "Tài khoản mới — nhập danh sách cán bộ",
        unitName: listUnitsByIds(scopeRoots(viewer.actor, "roster.import").map((g) => g.unitId))
          .map((u) => u.name)
          .join(", "),
        importedBy: viewer.user.fullName,
        importedAt: formatDateTime("vi", new Date()),
        fileName: stored.fileName,
        signInUrl,
        entries: created,
      });
      storeAccountSheet(id, pdf);
    } catch (error) {
      // The accounts exist; without the sheet the manager resets passwords one by one.
      console.error("account sheet failed", error);
    }
  }
  return { ok: true };
}

/** The printable sheet of new accounts: handed out once, then deleted; audited. */
export function downloadAccountSheet(viewer: Viewer, id: number): Buffer | null {
  const stored = requireImport(viewer, id);
  return writeTransaction((tx) => {
    const pdf = takeAccountSheet(tx, id);
    if (pdf)
      recordAudit(tx, {
        actorUserId: viewer.user.id,
        action: "roster.accounts.download",
        entityType: "roster_import",
        entityId: id,
        after: { fileName: stored.fileName, fileHash: stored.fileHash },
      });
    return pdf;
  });
}

/**
 * The template managers fill in: the columns with Vietnamese headers, a second sheet listing
 * the positions and the unit codes of the manager's area, and a third with one example row.
 * The example is on a sheet of its own because only the first sheet is imported: left in
 * place, it can never become a person (issue 14.13).
 */
export async function rosterTemplateXlsx(viewer: Viewer): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Danh sách cán bộ", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = ROSTER_COLUMNS.map((c) => ({
    header: c.required ? `${c.header} *` : c.header,
    width: c.key === "fullName" || c.key === "position" ? 34 : 18,
  }));
  sheet.getRow(1).font = { bold: true };
  const positions = rosterPositions();
  const units = [...rosterUnits(scopeOf(viewer)).values()].filter((u) => u.status === "active");
  // Phones and codes are text: Excel must not turn 0912345678 into a number.
  for (const key of ["phone", "unitCode", "username"] as const) {
    const index = ROSTER_COLUMNS.findIndex((c) => c.key === key) + 1;
    sheet.getColumn(index).numFmt = "@";
  }
  const catalogue = workbook.addWorksheet("Danh mục");
  catalogue.columns = [
    { header: "Chức danh (ghi đúng tên)", width: 52 },
    { header: "Mã chức danh", width: 26 },
    { header: "", width: 4 },
    { header: "Mã đơn vị", width: 14 },
    { header: "Tên đơn vị", width: 40 },
  ];
  catalogue.getRow(1).font = { bold: true };
  const sorted = units.sort((a, b) => a.path.localeCompare(b.path)).slice(0, 20_000);
  for (let i = 0; i < Math.max(positions.length, sorted.length); i++) {
    const position = positions[i];
    const unit = sorted[i];
    catalogue.addRow([position?.nameVi ?? "", position?.code ?? "", "", unit?.code ?? "", unit?.name ?? ""]);
  }
  const example = workbook.addWorksheet("Ví dụ (không được nhập)");
  example.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width }));
  example.getRow(1).font = { bold: true };
  const exampleUnit = units.find((u) => u.path.split("/").length > 3) ?? units[0];
  example.addRow([
    "Nguyễn Thị Lan",
    "05/09/1985",
    "0912345678",
    "",
    exampleUnit?.code ?? "",
    positions[0]?.nameVi ?? "",
    "",
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function rosterTemplateCsv(): ReportSheet {
  return {
    sheetName: "Danh sách cán bộ",
    title: [],
    headers: ROSTER_COLUMNS.map((c) => c.header),
    // No example row: a CSV has one sheet, and an example there would be imported as a person.
    rows: [],
  };
}
