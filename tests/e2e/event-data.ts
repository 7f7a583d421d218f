/**
 * A training event written straight into the server's database, for browser tests that are
 * about what happens on the day (the form that creates one has its own test).
 */
import crypto from "node:crypto";
import { addDays } from "~/domain/indicator";
import { todayInVietnam } from "~/i18n";
import { withDatabase } from "./browser";

export function insertEvent(options: {
  title: string;
  /** Days from today (Vietnam), with start and end times. */
  days: { inDays: number; startsAt: string; endsAt: string }[];
  invited: string[];
  /** The course it counts for; by default one that attendance alone does not complete (it needs the quiz too). */
  course?: string;
}): number {
  return withDatabase((db) => {
    const sql = db.$client;
    const one = (query: string, ...params: unknown[]) =>
      sql
        .prepare(query)
        .pluck()
        .get(...params) as number | string;
    const unitId = one("select id from org_units where code = '11'");
    const trainerId = one("select id from users where username = 'trainer'");
    const courseId = one("select id from courses where slug = ?", options.course ?? "can-bo-cap-tinh-huyen");
    const eventId = Number(
      sql
        .prepare(
          "insert into training_events (title, org_unit_id, place, check_in_secret, created_by) values (?, ?, ?, ?, ?)",
        )
        .run(options.title, unitId, "Hội trường UBND tỉnh", crypto.randomBytes(32).toString("hex"), trainerId)
        .lastInsertRowid,
    );
    for (const [i, day] of options.days.entries())
      sql
        .prepare(
          "insert into training_event_days (event_id, day_index, date, starts_at, ends_at) values (?, ?, ?, ?, ?)",
        )
        .run(eventId, i + 1, addDays(todayInVietnam(), day.inDays), day.startsAt, day.endsAt);
    sql.prepare("insert into training_event_courses (event_id, course_id) values (?, ?)").run(eventId, courseId);
    sql.prepare("insert into training_event_trainers (event_id, user_id) values (?, ?)").run(eventId, trainerId);
    for (const username of options.invited)
      sql
        .prepare(
          "insert into training_invitations (event_id, user_id, source) select ?, id, 'added' from users where username = ?",
        )
        .run(eventId, username);
    return eventId;
  });
}
