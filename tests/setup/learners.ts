import crypto from "node:crypto";
import Database from "better-sqlite3";

/**
 * `count` learners `<prefix>0…` placed as commune officers in unit 09401, for benchmarks; they
 * have read the privacy notice in force, so their first request is the one measured.
 */
export function addLearners(file: string, passwordHash: string, count: number, prefix = "bench"): string[] {
  const db = new Database(file);
  const unit = db.prepare("select id from org_units where code = '09401'").get() as { id: number };
  const position = db.prepare("select id from positions where code = 'commune_officer'").get() as { id: number };
  const insertUser = db.prepare(
    "insert into users (id, username, full_name, full_name_search, password_hash) values (?, ?, ?, ?, ?)",
  );
  const insertPlacement = db.prepare(
    "insert into placements (user_id, org_unit_id, position_id, start_date) values (?, ?, ?, '2026-01-01')",
  );
  const acknowledge = db.prepare(
    `insert into privacy_acknowledgements (user_id, notice_version)
     select ?, max(version) from privacy_notices having max(version) is not null`,
  );
  const usernames: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = crypto.randomUUID();
      const username = `${prefix}${i}`;
      insertUser.run(id, username, `Học viên ${i}`, `hoc vien ${i}`, passwordHash);
      insertPlacement.run(id, unit.id, position.id);
      acknowledge.run(id);
      usernames.push(username);
    }
  })();
  db.close();
  return usernames;
}
