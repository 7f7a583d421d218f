/**
 * Queries of roster imports: who already exists (by phone and username), the units and
 * positions a file may name, the stored files, and the bulk writes of a confirmed import.
 */
import crypto from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { ExistingPerson, RosterPosition, RosterUnit } from "~/domain/roster";
import { getDb, prepared, type Tx } from "~/utils/db.server";
import { orgUnits, positions, rosterImports } from "../../db/schema";
import { inAnySubtree } from "./units.server";

const successors = alias(orgUnits, "successor");
/** A unit as a roster row names it, with the unit it was merged into (for the message). */
const rosterUnitColumns = {
  id: orgUnits.id,
  code: orgUnits.code,
  name: orgUnits.name,
  path: orgUnits.path,
  status: orgUnits.status,
  tierId: orgUnits.tierId,
  successorName: successors.name,
  successorCode: successors.code,
};
function toRosterUnit(
  row: { successorName: string | null; successorCode: string | null } & Omit<RosterUnit, "successor">,
) {
  const { successorName, successorCode, ...unit } = row;
  return {
    ...unit,
    successor: successorName && successorCode ? { name: successorName, code: successorCode } : null,
  };
}

export function rosterUnits(scopePaths: readonly string[]): Map<string, RosterUnit> {
  const rows = getDb()
    .select(rosterUnitColumns)
    .from(orgUnits)
    .leftJoin(successors, eq(successors.id, orgUnits.mergedIntoId))
    .where(inAnySubtree(scopePaths))
    .all();
  return new Map(rows.map((u) => [u.code.toUpperCase(), toRosterUnit(u)]));
}

/** Every unit by code (for messages about codes outside the importer's area). */
export function unitsByCodes(codes: readonly string[]): Map<string, RosterUnit> {
  if (codes.length === 0) return new Map();
  const rows = getDb()
    .select(rosterUnitColumns)
    .from(orgUnits)
    .leftJoin(successors, eq(successors.id, orgUnits.mergedIntoId))
    .where(inArray(orgUnits.code, [...codes]))
    .all();
  return new Map(rows.map((u) => [u.code.toUpperCase(), toRosterUnit(u)]));
}

/** Tiers that have active units: a position of another tier is placed in the nearest one above. */
export function tiersWithUnits(): Set<number> {
  return new Set(
    getDb()
      .selectDistinct({ tierId: orgUnits.tierId })
      .from(orgUnits)
      .where(eq(orgUnits.status, "active"))
      .all()
      .map((row) => row.tierId),
  );
}

export function rosterPositions(): RosterPosition[] {
  return getDb()
    .select({ id: positions.id, code: positions.code, nameVi: positions.nameVi, tierId: positions.tierId })
    .from(positions)
    .all();
}

const peopleByKeys = prepared((db) =>
  db.$client.prepare<
    [string, string],
    {
      userId: string;
      username: string;
      fullName: string;
      phone: string | null;
      email: string | null;
      birthDate: string | null;
      placementId: number | null;
      unitId: number | null;
      unitPath: string | null;
      positionId: number | null;
    }
  >(
    `select u.id as userId, u.username, u.full_name as fullName, u.phone, u.email, u.birth_date as birthDate,
            p.id as placementId, p.org_unit_id as unitId, ou.path as unitPath, p.position_id as positionId
       from users u
       left join placements p on p.user_id = u.id and p.end_date is null
       left join org_units ou on ou.id = p.org_unit_id
      where u.phone in (select value from json_each(?)) or u.username in (select value from json_each(?))`,
  ),
);

/** The people a file may refer to, by their phone numbers and usernames, with their open placements. */
export function existingPeople(phones: readonly string[], usernames: readonly string[]): ExistingPerson[] {
  const people = new Map<string, ExistingPerson>();
  const BATCH = 5000;
  for (let start = 0; start < Math.max(phones.length, usernames.length); start += BATCH) {
    const rows = peopleByKeys().all(
      JSON.stringify(phones.slice(start, start + BATCH)),
      JSON.stringify(usernames.slice(start, start + BATCH)),
    );
    for (const row of rows) {
      let person = people.get(row.userId);
      if (!person) {
        person = {
          userId: row.userId,
          username: row.username,
          fullName: row.fullName,
          phone: row.phone,
          email: row.email,
          birthDate: row.birthDate,
          placements: [],
        };
        people.set(row.userId, person);
      }
      if (row.placementId !== null && !person.placements.some((p) => p.placementId === row.placementId))
        person.placements.push({
          placementId: row.placementId,
          unitId: row.unitId as number,
          unitPath: row.unitPath as string,
          positionId: row.positionId as number,
        });
    }
  }
  return [...people.values()];
}

const sameNameInUnits = prepared((db) =>
  db.$client.prepare<[string, string, string], { username: string; nameSearch: string; unitId: number }>(
    `select u.username, u.full_name_search as nameSearch, coalesce(ou.merged_into_id, ou.id) as unitId
       from users u
       join placements p on p.user_id = u.id and p.end_date is null
       join org_units ou on ou.id = p.org_unit_id
      where u.full_name_search in (select value from json_each(?))
        and (ou.id in (select value from json_each(?)) or ou.merged_into_id in (select value from json_each(?)))`,
  ),
);

/**
 * People whose name (as a search key) someone in the file has, placed in a unit the file names
 * or in one merged into it: by key (name search key, then "|", then the file's unit id).
 */
export function peopleByNameInUnits(nameKeys: readonly string[], unitIds: readonly number[]) {
  if (nameKeys.length === 0 || unitIds.length === 0) return new Map<string, string[]>();
  const units = JSON.stringify([...unitIds]);
  const byKey = new Map<string, string[]>();
  for (const row of sameNameInUnits().all(JSON.stringify([...nameKeys]), units, units)) {
    const key = `${row.nameSearch}|${row.unitId}`;
    const usernames = byKey.get(key) ?? [];
    if (!usernames.includes(row.username)) usernames.push(row.username);
    byKey.set(key, usernames);
  }
  return byKey;
}

const usernames = prepared((db) => db.$client.prepare<[], { username: string }>("select username from users"));

export function takenUsernames(): Set<string> {
  return new Set(
    usernames()
      .all()
      .map((r) => r.username),
  );
}

export type RosterImportRow = typeof rosterImports.$inferSelect;

/** Stores an uploaded spreadsheet with its check; the file is kept so the commit re-reads exactly it. */
export function insertImport(
  values: Pick<RosterImportRow, "kind" | "createdBy" | "fileName" | "bytes" | "preview">,
): number {
  return getDb()
    .insert(rosterImports)
    .values({
      ...values,
      fileName: values.fileName.normalize("NFC").slice(0, 200),
      fileHash: crypto.createHash("sha256").update(values.bytes).digest("hex"),
    })
    .returning({ id: rosterImports.id })
    .get().id;
}

/** An import as its pages need it: the file itself and the account sheet stay in the database. */
export function findImport(id: number) {
  return getDb()
    .select({
      id: rosterImports.id,
      kind: rosterImports.kind,
      createdBy: rosterImports.createdBy,
      fileName: rosterImports.fileName,
      fileHash: rosterImports.fileHash,
      status: rosterImports.status,
      preview: rosterImports.preview,
      hasAccountSheet: sql<boolean>`${rosterImports.accountSheet} IS NOT NULL`.mapWith(Boolean),
    })
    .from(rosterImports)
    .where(eq(rosterImports.id, id))
    .get();
}

/** The uploaded file, read again only when the import is committed. */
export function importFile(id: number): Buffer {
  const row = getDb().select({ bytes: rosterImports.bytes }).from(rosterImports).where(eq(rosterImports.id, id)).get();
  if (!row) throw new Error(`import ${id} has no file`);
  return row.bytes;
}

export function listImportsBy(userId: string, kind: RosterImportRow["kind"]) {
  return getDb()
    .select({
      id: rosterImports.id,
      fileName: rosterImports.fileName,
      status: rosterImports.status,
      createdAt: rosterImports.createdAt,
      committedAt: rosterImports.committedAt,
    })
    .from(rosterImports)
    .where(and(eq(rosterImports.createdBy, userId), eq(rosterImports.kind, kind)))
    .orderBy(desc(rosterImports.id))
    .limit(20)
    .all();
}

export function setPreview(tx: Tx, id: number, preview: unknown): void {
  tx.update(rosterImports).set({ preview }).where(eq(rosterImports.id, id)).run();
}

/** Takes the import for committing: a conditional update, so a double click commits once. */
export function claimImport(tx: Tx, id: number): boolean {
  return (
    tx
      .update(rosterImports)
      .set({ status: "committing" })
      .where(and(eq(rosterImports.id, id), eq(rosterImports.status, "checked")))
      .run().changes === 1
  );
}

export function markCommitted(tx: Tx, id: number, preview: unknown): void {
  tx.update(rosterImports)
    .set({ status: "committed", committedAt: new Date(), preview })
    .where(eq(rosterImports.id, id))
    .run();
}

export function storeAccountSheet(id: number, pdf: Buffer): void {
  getDb().update(rosterImports).set({ accountSheet: pdf }).where(eq(rosterImports.id, id)).run();
}

/** The sheet of initial passwords, handed out once: it is deleted as it is read. */
export function takeAccountSheet(tx: Tx, id: number): Buffer | null {
  const row = tx
    .select({ sheet: rosterImports.accountSheet })
    .from(rosterImports)
    .where(eq(rosterImports.id, id))
    .get();
  if (!row?.sheet) return null;
  tx.update(rosterImports).set({ accountSheet: null }).where(eq(rosterImports.id, id)).run();
  return row.sheet;
}

// ---- Bulk writes of a confirmed import (prepared once, run per row) ----

export const rosterWrites = prepared((db) => ({
  insertUser: db.$client.prepare<[string, string, string, string, string, string | null, string | null, string]>(
    `insert into users (id, username, full_name, full_name_search, phone, email, birth_date, password_hash, must_change_password)
     values (?, ?, ?, ?, ?, ?, ?, ?, 1)`,
  ),
  updateProfile: db.$client.prepare<[string, string, string | null, string | null, string | null, string]>(
    `update users set full_name = ?, full_name_search = ?, email = coalesce(?, email), birth_date = coalesce(?, birth_date),
            phone = coalesce(?, phone), updated_at = unixepoch() * 1000 where id = ?`,
  ),
  startPlacement: db.$client.prepare<[string, number, number, string]>(
    "insert into placements (user_id, org_unit_id, position_id, start_date) values (?, ?, ?, ?)",
  ),
  endPlacement: db.$client.prepare<[string, string, number]>(
    "update placements set end_date = ?, end_reason = ? where id = ? and end_date is null",
  ),
  grantLearner: db.$client.prepare<[string, number, string]>(
    "insert or ignore into role_grants (user_id, role, org_unit_id, granted_by) values (?, 'learner', ?, ?)",
  ),
}));
