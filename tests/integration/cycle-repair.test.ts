/**
 * Migration 0008 (decision 018) on a database made before it: duplicates are made by raw
 * SQL on a database migrated up to 0007, then the remaining migrations are applied, as
 * `npm start` would on an existing server.
 */
import fs from "node:fs";
import path from "node:path";
import type Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, openDatabase } from "../../db/client";
import { TMP_DIR } from "../setup/temp-database";

const REASON = "Trùng lặp: đã có chứng nhận cùng kỳ";
const opened: { sqlite: Database.Database; files: string[] }[] = [];

afterEach(() => {
  for (const { sqlite, files } of opened.splice(0)) {
    sqlite.close();
    for (const file of files) fs.rmSync(file, { recursive: true, force: true });
  }
});

/** A database migrated up to and including `lastTag`, through a copy of the folder cut there. */
function databaseAt(lastTag: string): Database.Database {
  const stamp = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  const folder = path.join(TMP_DIR, `migrations-${stamp}`);
  fs.mkdirSync(path.join(folder, "meta"), { recursive: true });
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8"));
  const cut = journal.entries.findIndex((e: { tag: string }) => e.tag === lastTag);
  if (cut < 0) throw new Error(`no migration ${lastTag}`);
  journal.entries = journal.entries.slice(0, cut + 1);
  for (const entry of journal.entries)
    fs.copyFileSync(path.join(MIGRATIONS_FOLDER, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
  fs.writeFileSync(path.join(folder, "meta/_journal.json"), JSON.stringify(journal));
  const file = path.join(TMP_DIR, `cycles-${stamp}.db`);
  const db = openDatabase(file);
  migrate(db, { migrationsFolder: folder });
  opened.push({ sqlite: db.$client, files: [folder, file, `${file}-wal`, `${file}-shm`] });
  return db.$client;
}

function migrateToLatest(sqlite: Database.Database) {
  migrate(drizzle(sqlite), { migrationsFolder: MIGRATIONS_FOLDER });
}

/** One course and the people of the cases, as issue left them before 0008. */
function seedBase(sqlite: Database.Database, people: string[]) {
  for (const id of people)
    sqlite
      .prepare("insert into users (id, username, full_name, full_name_search, password_hash) values (?, ?, ?, ?, '!')")
      .run(id, id, id, id);
  sqlite.prepare("insert into courses (id, slug) values (1, 'khoa-hoc')").run();
  sqlite
    .prepare(
      `insert into course_versions (id, course_id, number, title, summary, audience_tiers, audience_positions,
         estimated_minutes, certificate_validity_months, pass_mark, quiz, source_hash)
       values (1, 1, 1, 'Khóa học', '', '[]', '[]', 60, 24, 80, '{"questionCount":1,"maxAttempts":3,"retryWaitMinutes":0}', 'x')`,
    )
    .run();
  sqlite.prepare("insert into rollup_clock (id, as_of) values (1, '2026-01-01')").run();
}

let codes = 0;
/** A completion and its certificate, issued at 09:00 Vietnam time on `issuedOn`. */
function issue(
  sqlite: Database.Database,
  userId: string,
  issuedOn: string,
  expiresOn: string,
  extra: { revoked?: string; undone?: boolean } = {},
): { completionId: number; certificateId: number } {
  const at = Date.parse(`${issuedOn}T09:00:00+07:00`);
  const completionId = Number(
    sqlite
      .prepare(
        "insert into course_completions (user_id, course_id, course_version_id, completed_at, undone_at) values (?, 1, 1, ?, ?)",
      )
      .run(userId, at, extra.undone ? at + 1000 : null).lastInsertRowid,
  );
  codes += 1;
  const certificateId = Number(
    sqlite
      .prepare(
        `insert into certificates (code, user_id, course_id, course_version_id, completion_id, course_title,
           course_version_number, holder_name, issued_on, expires_on, revoked_at, revoked_reason)
         values (?, ?, 1, 1, ?, 'Khóa học', 1, ?, ?, ?, ?, ?)`,
      )
      .run(
        `CODE${String(codes).padStart(7, "0")}`,
        userId,
        completionId,
        userId,
        issuedOn,
        expiresOn,
        extra.revoked || extra.undone ? at + 1000 : null,
        extra.revoked ?? (extra.undone ? "Điểm danh đã được sửa" : null),
      ).lastInsertRowid,
  );
  return { completionId, certificateId };
}

type Row = { id: number; cycle: number; revoked: number | null; reason: string | null; undone: number | null };
function certificatesOf(sqlite: Database.Database, userId: string): Row[] {
  return sqlite
    .prepare(
      `select c.id, c.cycle, c.revoked_at as revoked, c.revoked_reason as reason, cc.undone_at as undone
         from certificates c join course_completions cc on cc.id = c.completion_id
        where c.user_id = ? order by c.id`,
    )
    .all(userId) as Row[];
}

describe("migration 0008: one certificate per cycle", () => {
  it("keeps the first of each cycle, revokes the rest with a reason, numbers the cycles and clears the rollup clock", () => {
    const sqlite = databaseAt("0007_events");
    seedBase(sqlite, ["dup", "renewed", "revoked", "undone", "single"]);
    // The defect: the quiz passed three times, three certificates the same day.
    const dup = [1, 2, 3].map(() => issue(sqlite, "dup", "2025-03-01", "2027-03-01"));
    // A renewal in the last 30 days is a new cycle; a duplicate of the renewal is not.
    issue(sqlite, "renewed", "2024-01-10", "2026-01-10");
    issue(sqlite, "renewed", "2025-12-20", "2027-12-20");
    issue(sqlite, "renewed", "2025-12-20", "2027-12-20");
    // Revoked by an administrator, then earned again: two cycles, nothing to repair.
    issue(sqlite, "revoked", "2025-02-01", "2027-02-01", { revoked: "Cấp nhầm người" });
    issue(sqlite, "revoked", "2025-02-03", "2027-02-03");
    // Attendance taken back, then completed online: the undone one is not counted.
    issue(sqlite, "undone", "2025-04-01", "2027-04-01", { undone: true });
    issue(sqlite, "undone", "2025-04-02", "2027-04-02");
    issue(sqlite, "single", "2025-05-05", "2027-05-05");

    migrateToLatest(sqlite);

    const dupRows = certificatesOf(sqlite, "dup");
    expect(dupRows.map((r) => [r.cycle, r.reason, r.undone !== null])).toEqual([
      [1, null, false],
      [1, REASON, true],
      [1, REASON, true],
    ]);
    expect(dupRows[1]?.revoked).not.toBeNull();
    expect(certificatesOf(sqlite, "renewed").map((r) => [r.cycle, r.reason])).toEqual([
      [1, null],
      [2, null],
      [2, REASON],
    ]);
    expect(certificatesOf(sqlite, "revoked").map((r) => [r.cycle, r.reason])).toEqual([
      [1, "Cấp nhầm người"],
      [2, null],
    ]);
    expect(certificatesOf(sqlite, "undone").map((r) => [r.reason !== null, r.undone !== null, r.cycle])).toEqual([
      [true, true, 1],
      [false, false, 1],
    ]);
    expect(certificatesOf(sqlite, "single").map((r) => [r.cycle, r.reason])).toEqual([[1, null]]);

    // Each revocation is in the audit log, in the words of the reason.
    const audits = sqlite
      .prepare("select entity_id as id, after from audit_log where action = 'certificate.revoke' order by id")
      .all() as { id: string; after: string }[];
    expect(audits.map((a) => Number(a.id)).sort((a, b) => a - b)).toEqual(
      [dup[1]?.certificateId, dup[2]?.certificateId, certificatesOf(sqlite, "renewed")[2]?.id].sort(
        (a, b) => (a ?? 0) - (b ?? 0),
      ),
    );
    expect(JSON.parse(audits[0]?.after ?? "{}")).toMatchObject({ revokedReason: REASON });
    // What the indicator counted may have changed: the rollups are rebuilt at the next start.
    expect(sqlite.prepare("select count(*) as n from rollup_clock").get()).toEqual({ n: 0 });
    expect(sqlite.prepare("select name from sqlite_master where name like '\\_\\_cycle%' escape '\\'").all()).toEqual(
      [],
    );

    // From now on the schema refuses a second certificate of a cycle.
    const first = dup[0] as { completionId: number };
    expect(() =>
      sqlite
        .prepare(
          `insert into certificates (code, user_id, course_id, course_version_id, completion_id, course_title,
             course_version_number, holder_name, issued_on, expires_on)
           values ('ZZZZZZZZZZZ', 'dup', 1, 1, ?, 'Khóa học', 1, 'dup', '2025-03-02', '2027-03-02')`,
        )
        .run(first.completionId),
    ).toThrow(/UNIQUE constraint failed/);
    expect(() =>
      sqlite
        .prepare(
          "insert into course_completions (user_id, course_id, course_version_id, completed_at, cycle) values ('dup', 1, 1, 0, 1)",
        )
        .run(),
    ).toThrow(/UNIQUE constraint failed: course_completions/);
  });

  it("changes nothing and keeps the rollup clock when there is no duplicate", () => {
    const sqlite = databaseAt("0007_events");
    seedBase(sqlite, ["a", "b"]);
    issue(sqlite, "a", "2024-01-10", "2026-01-10");
    issue(sqlite, "a", "2026-01-11", "2028-01-11");
    issue(sqlite, "b", "2025-05-05", "2027-05-05");
    migrateToLatest(sqlite);
    expect(certificatesOf(sqlite, "a").map((r) => [r.cycle, r.revoked])).toEqual([
      [1, null],
      [2, null],
    ]);
    expect(certificatesOf(sqlite, "b").map((r) => [r.cycle, r.revoked])).toEqual([[1, null]]);
    expect(sqlite.prepare("select as_of from rollup_clock").all()).toEqual([{ as_of: "2026-01-01" }]);
    expect(sqlite.prepare("select count(*) as n from audit_log").get()).toEqual({ n: 0 });
  });
});
