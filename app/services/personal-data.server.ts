/**
 * Everything held about one person, for "Dữ liệu của tôi" (Law 91/2025/QH15, the right to
 * access). The schema is walked, not listed: every table with a column that references a
 * person is read by that column, so a table added later is covered without a change here.
 * Decision 027.
 */
import { is } from "drizzle-orm";
import { getTableConfig, type SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { getDb } from "~/utils/db.server";
import * as schema from "../../db/schema";

type PersonalTable = {
  name: string;
  /** Columns holding a user id, in this table. */
  personColumns: string[];
  /** Columns read for the person (secrets, other people's data and file bytes left out). */
  shownColumns: SQLiteColumn[];
};

/**
 * What a person does not get back even about themselves: secrets (their password hash, the
 * session tokens), search keys derived from what is shown, and what describes other people
 * (the staff list a manager uploaded, the changes they made to someone else).
 */
export const WITHHELD_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  users: ["password_hash", "full_name_search"],
  sessions: ["id"],
  roster_imports: ["file_hash", "preview"],
  audit_log: ["before", "after"],
};

/**
 * Tables that name a person without a foreign key, and why they are not exported. The test
 * of this module fails when a table with a person-like column is neither walked nor here.
 */
export const NOT_EXPORTED: Readonly<Record<string, string>> = {
  rate_limits: "keys hold a username for at most an hour while sign-in is throttled; nothing else",
};

function isBlob(column: SQLiteColumn): boolean {
  return column.columnType.startsWith("SQLiteBlob");
}

let tablesCache: PersonalTable[] | undefined;

export function personalTables(): PersonalTable[] {
  if (tablesCache) return tablesCache;
  const tables: PersonalTable[] = [];
  for (const value of Object.values(schema)) {
    if (!is(value, SQLiteTable)) continue;
    const config = getTableConfig(value);
    const personColumns =
      config.name === "users"
        ? ["id"]
        : config.foreignKeys.flatMap((fk) => {
            const reference = fk.reference();
            return getTableConfig(reference.foreignTable).name === "users" ? reference.columns.map((c) => c.name) : [];
          });
    if (personColumns.length === 0) continue;
    const withheld = WITHHELD_COLUMNS[config.name] ?? [];
    tables.push({
      name: config.name,
      personColumns,
      shownColumns: config.columns.filter((c) => !withheld.includes(c.name) && !isBlob(c)),
    });
  }
  tablesCache = tables.sort((a, b) => a.name.localeCompare(b.name));
  return tablesCache;
}

type Row = Record<string, unknown>;

function readable(column: SQLiteColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (column.columnType === "SQLiteTimestamp" && typeof value === "number") return new Date(value).toISOString();
  if (column.columnType === "SQLiteBoolean") return value === 1;
  if (column.columnType === "SQLiteTextJson" && typeof value === "string") {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

export type PersonalData = {
  userId: string;
  generatedAt: string;
  tables: Record<string, Row[]>;
  /** Changes others made to this person (the audit entries about them, with before and after). */
  changesAboutThem: Row[];
};

/** Every row naming the person, table by table; empty tables are listed too. */
export function personalDataOf(userId: string, now = new Date()): PersonalData {
  const client = getDb().$client;
  const tables: Record<string, Row[]> = {};
  for (const table of personalTables()) {
    const columns = table.shownColumns.map((c) => `"${c.name}"`).join(", ");
    const where = table.personColumns.map((c) => `"${c}" = @userId`).join(" OR ");
    const rows = client.prepare(`SELECT ${columns} FROM "${table.name}" WHERE ${where}`).all({ userId }) as Row[];
    tables[table.name] = rows.map((row) =>
      Object.fromEntries(table.shownColumns.map((c) => [c.name, readable(c, row[c.name])])),
    );
  }
  const changesAboutThem = (
    client
      .prepare(
        `SELECT a.id, a.action, a.at, a.before, a.after, u.full_name AS actor
           FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id
          WHERE a.entity_type = 'user' AND a.entity_id = ? ORDER BY a.id`,
      )
      .all(userId) as {
      id: number;
      action: string;
      at: number;
      before: string | null;
      after: string | null;
      actor: string | null;
    }[]
  ).map((entry) => ({
    id: entry.id,
    action: entry.action,
    at: new Date(entry.at).toISOString(),
    actor: entry.actor,
    before: entry.before === null ? null : JSON.parse(entry.before),
    after: entry.after === null ? null : JSON.parse(entry.after),
  }));
  return { userId, generatedAt: now.toISOString(), tables, changesAboutThem };
}
