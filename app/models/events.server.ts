/**
 * Queries of in-person training events: the event, its days, courses, trainers, invitations,
 * attendance and the in-app notifications of changes.
 */
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { AttendanceMark, EventDay } from "~/domain/events";
import { subtreeRange, type UnitPath } from "~/domain/tree";
import { getDb, prepared, type Tx } from "~/utils/db.server";
import {
  courses,
  courseVersions,
  notifications,
  orgUnits,
  placements,
  positions,
  trainingAttendance,
  trainingEventCourses,
  trainingEventDays,
  trainingEvents,
  trainingEventTrainers,
  trainingInvitations,
  users,
} from "../../db/schema";

export function findEvent(id: number, db: Tx = getDb()) {
  return db
    .select({ event: trainingEvents, unitPath: orgUnits.path, unitName: orgUnits.name })
    .from(trainingEvents)
    .innerJoin(orgUnits, eq(orgUnits.id, trainingEvents.orgUnitId))
    .where(eq(trainingEvents.id, id))
    .get();
}

export function eventDays(eventId: number, db: Tx = getDb()): EventDay[] {
  return db
    .select({
      dayIndex: trainingEventDays.dayIndex,
      date: trainingEventDays.date,
      startsAt: trainingEventDays.startsAt,
      endsAt: trainingEventDays.endsAt,
    })
    .from(trainingEventDays)
    .where(eq(trainingEventDays.eventId, eventId))
    .orderBy(asc(trainingEventDays.dayIndex))
    .all();
}

const courseOwners = alias(orgUnits, "course_owners");

/** The event's courses, with the path of each one's owning unit (null for a national course). */
export function eventCourses(eventId: number, db: Tx = getDb()) {
  return db
    .select({ courseId: courses.id, slug: courses.slug, title: courseVersions.title, ownerPath: courseOwners.path })
    .from(trainingEventCourses)
    .innerJoin(courses, eq(courses.id, trainingEventCourses.courseId))
    .innerJoin(courseVersions, eq(courseVersions.id, courses.currentVersionId))
    .leftJoin(courseOwners, eq(courseOwners.id, courses.ownerUnitId))
    .where(eq(trainingEventCourses.eventId, eventId))
    .all();
}

export function eventTrainerIds(eventId: number, db: Tx = getDb()): string[] {
  return db
    .select({ userId: trainingEventTrainers.userId })
    .from(trainingEventTrainers)
    .where(eq(trainingEventTrainers.eventId, eventId))
    .all()
    .map((r) => r.userId);
}

export function insertEvent(
  tx: Tx,
  values: typeof trainingEvents.$inferInsert,
  days: readonly EventDay[],
  courseIds: readonly number[],
  trainerIds: readonly string[],
): number {
  const id = tx.insert(trainingEvents).values(values).returning({ id: trainingEvents.id }).get().id;
  tx.insert(trainingEventDays)
    .values(days.map((d) => ({ eventId: id, ...d })))
    .run();
  if (courseIds.length > 0)
    tx.insert(trainingEventCourses)
      .values(courseIds.map((courseId) => ({ eventId: id, courseId })))
      .run();
  if (trainerIds.length > 0)
    tx.insert(trainingEventTrainers)
      .values(trainerIds.map((userId) => ({ eventId: id, userId })))
      .run();
  return id;
}

export function replaceDays(tx: Tx, eventId: number, days: readonly EventDay[]): void {
  tx.delete(trainingEventDays).where(eq(trainingEventDays.eventId, eventId)).run();
  tx.insert(trainingEventDays)
    .values(days.map((d) => ({ eventId, ...d })))
    .run();
  tx.update(trainingEvents).set({ updatedAt: new Date() }).where(eq(trainingEvents.id, eventId)).run();
}

export function setCancelled(tx: Tx, eventId: number): void {
  tx.update(trainingEvents)
    .set({ status: "cancelled", cancelledAt: new Date(), updatedAt: new Date() })
    .where(eq(trainingEvents.id, eventId))
    .run();
}

export function invite(
  tx: Tx,
  eventId: number,
  userIds: readonly string[],
  source: "audience" | "added" | "walk_in",
): void {
  for (const userId of userIds) {
    tx.insert(trainingInvitations)
      .values({ eventId, userId, source })
      .onConflictDoUpdate({
        target: [trainingInvitations.eventId, trainingInvitations.userId],
        set: { removedAt: null },
      })
      .run();
  }
}

export function uninvite(tx: Tx, eventId: number, userId: string): void {
  tx.update(trainingInvitations)
    .set({ removedAt: new Date() })
    .where(and(eq(trainingInvitations.eventId, eventId), eq(trainingInvitations.userId, userId)))
    .run();
}

export function respond(tx: Tx, eventId: number, userId: string, response: "confirmed" | "declined"): boolean {
  return (
    tx
      .update(trainingInvitations)
      .set({ response, respondedAt: new Date() })
      .where(
        and(
          eq(trainingInvitations.eventId, eventId),
          eq(trainingInvitations.userId, userId),
          isNull(trainingInvitations.removedAt),
        ),
      )
      .run().changes === 1
  );
}

export function findInvitation(eventId: number, userId: string, db: Tx = getDb()) {
  return db
    .select()
    .from(trainingInvitations)
    .where(
      and(
        eq(trainingInvitations.eventId, eventId),
        eq(trainingInvitations.userId, userId),
        isNull(trainingInvitations.removedAt),
      ),
    )
    .get();
}

/**
 * The people invited (not removed), with their answer and the unit and position they hold
 * within `areas` (when given): someone who has since moved elsewhere is listed without
 * saying where they went.
 */
export function listInvitees(eventId: number, db: Tx = getDb(), areas?: readonly UnitPath[]) {
  const inAreas = areas
    ? sql.join(
        areas.map((area) => {
          const { from, to } = subtreeRange(area);
          return sql`(u.path >= ${from} and u.path < ${to})`;
        }),
        sql` or `,
      )
    : sql`1`;
  return db
    .select({
      userId: users.id,
      fullName: users.fullName,
      fullNameSearch: users.fullNameSearch,
      username: users.username,
      phone: users.phone,
      response: trainingInvitations.response,
      source: trainingInvitations.source,
      unitName: sql<string | null>`(select u.name from ${placements} p join ${orgUnits} u on u.id = p.org_unit_id
        where p.user_id = ${users.id} and p.end_date is null and (${inAreas}) order by p.id limit 1)`,
      positionName: sql<
        string | null
      >`(select pos.name_vi from ${placements} p join ${orgUnits} u on u.id = p.org_unit_id
        join ${positions} pos on pos.id = p.position_id
        where p.user_id = ${users.id} and p.end_date is null and (${inAreas}) order by p.id limit 1)`,
    })
    .from(trainingInvitations)
    .innerJoin(users, eq(users.id, trainingInvitations.userId))
    .where(and(eq(trainingInvitations.eventId, eventId), isNull(trainingInvitations.removedAt)))
    .all();
}

export function attendanceOf(eventId: number, db: Tx = getDb()) {
  return db.select().from(trainingAttendance).where(eq(trainingAttendance.eventId, eventId)).all();
}

export function setAttendance(
  tx: Tx,
  mark: {
    eventId: number;
    userId: string;
    dayIndex: number;
    portion: AttendanceMark;
    method: "list" | "qr" | "sheet";
    recordedBy: string;
  },
): void {
  tx.insert(trainingAttendance)
    .values(mark)
    .onConflictDoUpdate({
      target: [trainingAttendance.eventId, trainingAttendance.userId, trainingAttendance.dayIndex],
      set: { portion: mark.portion, method: mark.method, recordedBy: mark.recordedBy, recordedAt: new Date() },
    })
    .run();
}

export function clearAttendance(tx: Tx, eventId: number, userId: string, dayIndex: number): boolean {
  return (
    tx
      .delete(trainingAttendance)
      .where(
        and(
          eq(trainingAttendance.eventId, eventId),
          eq(trainingAttendance.userId, userId),
          eq(trainingAttendance.dayIndex, dayIndex),
        ),
      )
      .run().changes === 1
  );
}

const attendedEvents = prepared((db) =>
  db.$client.prepare<
    [{ userId: string; courseId: number; since: string }],
    { eventId: number; dayIndex: number; portion: "full" | "half" | null }
  >(
    `select e.id as eventId, d.day_index as dayIndex, a.portion
       from training_events e
       join training_event_courses ec on ec.event_id = e.id
       join training_event_days d on d.event_id = e.id
       left join training_attendance a on a.event_id = e.id and a.user_id = @userId and a.day_index = d.day_index
                                       and a.portion in ('full', 'half')
      where ec.course_id = @courseId and e.status = 'scheduled'
        and exists (select 1 from training_attendance a2 where a2.event_id = e.id and a2.user_id = @userId
                                                          and a2.portion in ('full', 'half'))
        and (select max(date) from training_event_days where event_id = e.id) >= @since
        and not exists (select 1 from course_completions cc where cc.event_id = e.id and cc.user_id = @userId
                          and cc.course_id = @courseId and cc.undone_at is null)
      order by e.id, d.day_index`,
  ),
);

/**
 * Events (not cancelled) counting for the course that the person attended, that ended on or
 * after `since` and that no completion of theirs has used: the candidates for completing it.
 */
export function unusedAttendedEvents(
  userId: string,
  courseId: number,
  since: string,
): { eventId: number; days: number[]; marks: { dayIndex: number; portion: "full" | "half" }[] }[] {
  const byEvent = new Map<
    number,
    { eventId: number; days: number[]; marks: { dayIndex: number; portion: "full" | "half" }[] }
  >();
  for (const row of attendedEvents().all({ userId, courseId, since })) {
    let event = byEvent.get(row.eventId);
    if (!event) {
      event = { eventId: row.eventId, days: [], marks: [] };
      byEvent.set(row.eventId, event);
    }
    event.days.push(row.dayIndex);
    if (row.portion) event.marks.push({ dayIndex: row.dayIndex, portion: row.portion });
  }
  return [...byEvent.values()];
}

const completionsOfEvent = prepared((db) =>
  db.$client.prepare<[{ eventId: number; userId: string | null }], { id: number; userId: string; courseId: number }>(
    `select id, user_id as userId, course_id as courseId from course_completions
      where event_id = @eventId and undone_at is null and (@userId is null or user_id = @userId)`,
  ),
);

/** Completions an event produced (for one person, or everyone): what taking its attendance back undoes. */
export function completionsFromEvent(eventId: number, userId?: string) {
  return completionsOfEvent().all({ eventId, userId: userId ?? null });
}

const undoCompletionStatement = prepared((db) =>
  db.$client.prepare<[{ id: number; at: number }]>(
    "update course_completions set undone_at = @at where id = @id and undone_at is null",
  ),
);

export function markCompletionUndone(id: number, at: Date): void {
  undoCompletionStatement().run({ id, at: at.getTime() });
}

/** The events a person is invited to (not removed), soonest first, with their days. */
export function invitationsOf(userId: string) {
  return getDb()
    .select({
      eventId: trainingEvents.id,
      title: trainingEvents.title,
      place: trainingEvents.place,
      status: trainingEvents.status,
      response: trainingInvitations.response,
      firstDate: sql<string>`(select min(date) from ${trainingEventDays} where event_id = ${trainingEvents.id})`,
      lastDate: sql<string>`(select max(date) from ${trainingEventDays} where event_id = ${trainingEvents.id})`,
      startsAt: sql<string>`(select starts_at from ${trainingEventDays} where event_id = ${trainingEvents.id} order by day_index limit 1)`,
    })
    .from(trainingInvitations)
    .innerJoin(trainingEvents, eq(trainingEvents.id, trainingInvitations.eventId))
    .where(and(eq(trainingInvitations.userId, userId), isNull(trainingInvitations.removedAt)))
    .orderBy(asc(sql`(select min(date) from ${trainingEventDays} where event_id = ${trainingEvents.id})`))
    .all();
}

/** Events organised by units inside the given subtrees, newest first. */
export function eventsWithin(scopePaths: readonly UnitPath[], limit = 200) {
  if (scopePaths.length === 0) return [];
  const db = getDb();
  const inScope = sql.join(
    scopePaths.map((path) => {
      const { from, to } = subtreeRange(path);
      return sql`(${orgUnits.path} >= ${from} and ${orgUnits.path} < ${to})`;
    }),
    sql` or `,
  );
  return db
    .select({
      id: trainingEvents.id,
      title: trainingEvents.title,
      place: trainingEvents.place,
      status: trainingEvents.status,
      unitName: orgUnits.name,
      firstDate: sql<string>`(select min(date) from ${trainingEventDays} where event_id = ${trainingEvents.id})`,
      invited: sql<number>`(select count(*) from ${trainingInvitations} i where i.event_id = ${trainingEvents.id} and i.removed_at is null)`,
    })
    .from(trainingEvents)
    .innerJoin(orgUnits, eq(orgUnits.id, trainingEvents.orgUnitId))
    .where(inScope)
    .orderBy(desc(trainingEvents.id))
    .limit(limit)
    .all();
}

const statsWithin = prepared((db) =>
  db.$client.prepare<
    [{ from: string; to: string; today: string }],
    { held: number; invited: number; attended: number }
  >(
    `with held as (
       select e.id from training_events e join org_units u on u.id = e.org_unit_id
        where e.status = 'scheduled' and u.path >= @from and u.path < @to
          and (select min(date) from training_event_days where event_id = e.id) <= @today)
     select (select count(*) from held) as held,
            (select count(*) from training_invitations i where i.removed_at is null and i.event_id in (select id from held)) as invited,
            (select count(*) from (select distinct event_id, user_id from training_attendance
                                    where event_id in (select id from held) and portion in ('full', 'half'))) as attended`,
  ),
);

/** Events held (started by `today`, not cancelled) by units of a subtree, people invited to them, people present (marked absent is not). */
export function eventStatsWithin(path: UnitPath, today: string): { held: number; invited: number; attended: number } {
  const { from, to } = subtreeRange(path);
  return statsWithin().get({ from, to, today }) ?? { held: 0, invited: 0, attended: 0 };
}

export function notify(
  tx: Tx,
  userIds: readonly string[],
  kind: string,
  eventId: number,
  params: Record<string, string>,
): void {
  if (userIds.length === 0) return;
  tx.insert(notifications)
    .values(userIds.map((userId) => ({ userId, kind, eventId, params })))
    .run();
}

export function unreadNotifications(userId: string) {
  return getDb()
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .orderBy(desc(notifications.id))
    .limit(20)
    .all();
}

export function markNotificationsRead(userId: string, ids: readonly number[]): void {
  if (ids.length === 0) return;
  getDb()
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, userId), inArray(notifications.id, [...ids])))
    .run();
}
