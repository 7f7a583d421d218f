/**
 * In-person training events: created inside the organiser's area with an audience, answered
 * by the invited, attended on the day (ticked by the trainer, or by the learner scanning a
 * code that changes every minute), and counted toward "trained" in the same transaction as
 * the attendance that completes a course. Decision 014.
 */
import crypto from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { type Actor, can, canReachPerson } from "~/domain/access";
import { attendedInFull } from "~/domain/completion";
import { courseMeetsScope, ownerCoversAudience } from "~/domain/courses";
import {
  type AttendanceMark,
  checkCheckIn,
  checkDays,
  checkInWindow,
  type DayInput,
  type EventDay,
  isPresent,
  tallyDay,
} from "~/domain/events";
import { cleanName, compareVi } from "~/domain/text";
import { isWithin } from "~/domain/tree";
import { formatDate, type MessageKey, todayInVietnam } from "~/i18n";
import { openPlacementsOf } from "~/models/assignments.server";
import { recordAudit } from "~/models/audit.server";
import { type CurrentCourse, findCurrentCourse, listCurrentCourses } from "~/models/courses.server";
import {
  attendanceOf,
  clearAttendance,
  completionsFromEvent,
  eventCourses,
  eventDays,
  eventsWithin,
  eventTrainerIds,
  findEvent,
  findInvitation,
  insertEvent,
  invitationsOf,
  invite,
  listInvitees,
  markCompletionUndone,
  notify,
  replaceDays,
  respond,
  setAttendance,
  setCancelled,
  uninvite,
} from "~/models/events.server";
import { isTreeRootPath } from "~/models/units.server";
import { attachedUnitPaths, searchUsers } from "~/models/users.server";
import { checkPeople, checkUnit, resolveAudience } from "~/services/audience.server";
import { recordCompletion } from "~/services/completion.server";
import { refreshLearners } from "~/services/rollups.server";
import { scopePaths } from "~/utils/access.server";
import type { Viewer } from "~/utils/auth.server";
import type { Tx } from "~/utils/db.server";
import { writeTransaction } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { certificates } from "../../db/schema";

export type EventResult<T = object> =
  | ({ ok: true } & T)
  | { ok: false; field: string; error: MessageKey; params?: Record<string, string> };

const fail = (field: string, error: MessageKey, params?: Record<string, string>) =>
  ({ ok: false, field, error, params }) as const;

export interface NewEvent {
  title: string;
  place: string;
  capacity: number | null;
  organiserCode: string;
  courseSlugs: string[];
  days: DayInput[];
  audience: { unitCode: string; includeSubunits: boolean; tiers: string[]; positions: string[] } | null;
  usernames: string[];
  trainerUsernames: string[];
}

const placementPaths = (userId: string) => openPlacementsOf(userId).map((p) => p.unitPath);

/** The courses an organiser may hold events for: national ones and units' own that meet their area. */
export function courseChoicesForEvents(viewer: Viewer): CurrentCourse[] {
  const scope = scopePaths(viewer, "event.manage");
  return listCurrentCourses().filter((c) => courseMeetsScope(c.ownerPath, scope));
}

/** Creates an event inside the organiser's area and invites its audience (evaluated now). */
export function createEvent(viewer: Viewer, input: NewEvent): EventResult<{ eventId: number }> {
  const organiserChecked = checkUnit(viewer.actor, "event.manage", input.organiserCode, "organiserCode");
  if (!organiserChecked.ok) return organiserChecked;
  const organiser = organiserChecked.unit;
  const days = checkDays(input.days);
  if (!days.ok) return fail("days", days.message as MessageKey);
  const courses = input.courseSlugs.map((slug) => findCurrentCourse(slug));
  if (courses.length === 0 || courses.some((c) => !c)) return fail("courseSlugs", "events.error.course");
  const invited = resolveAudience(
    viewer.actor,
    "event.manage",
    {
      unitCode: input.audience?.unitCode,
      includeSubunits: false,
      tiers: [],
      positions: [],
      ...input.audience,
      usernames: input.usernames,
    },
    { unit: "audienceCode", people: "usernames" },
  );
  if (!invited.ok) return invited;
  // Trainers too must be people of the organiser's area.
  const trainers = checkPeople(viewer.actor, "event.manage", input.trainerUsernames, "trainerUsernames");
  if (!trainers.ok) return trainers;
  const audienceIds = invited.unitUserIds;
  const audienceUnitId = invited.unit?.id ?? null;
  const audienceUnitPath = invited.unit?.path ?? null;
  const namedIds = invited.people.map((p) => p.id);
  // Attendance completes the event's courses: a unit's own course only for that unit's people,
  // the organiser's (from whom walk-ins and later guests come) and the invited alike.
  const covered = courses.every((course) =>
    ownerCoversAudience(course?.ownerPath, {
      unitPaths: [organiser.path, ...(audienceUnitPath ? [audienceUnitPath] : [])],
      people: namedIds.map(placementPaths),
    }),
  );
  if (!covered) return fail("courseSlugs", "events.error.courseOutsideAudience");
  const eventId = writeTransaction((tx) => {
    const id = insertEvent(
      tx,
      {
        title: cleanName(input.title),
        orgUnitId: organiser.id,
        place: cleanName(input.place),
        capacity: input.capacity,
        audience: input.audience ? { ...input.audience, unitId: audienceUnitId } : null,
        checkInSecret: crypto.randomBytes(32).toString("hex"),
        createdBy: viewer.user.id,
      },
      days.days,
      courses.map((c) => c?.courseId as number),
      trainers.people.map((p) => p.id),
    );
    invite(tx, id, audienceIds, "audience");
    invite(tx, id, namedIds, "added");
    recordAudit(tx, {
      actorUserId: viewer.user.id,
      action: "event.create",
      entityType: "training_event",
      entityId: id,
      orgUnitId: organiser.id,
      after: { ...input, invited: new Set([...audienceIds, ...namedIds]).size },
    });
    return id;
  });
  return { ok: true, eventId };
}

type FoundEvent = NonNullable<ReturnType<typeof findEvent>>;

function requireEventWhere(eventId: number, allowed: (event: FoundEvent) => boolean) {
  const found = findEvent(eventId);
  if (!found || !allowed(found)) throw notFound();
  return found;
}

/** Organisers (in whose area the event is) and the event's trainers run it. */
export function mayRun(actor: Actor, found: FoundEvent): boolean {
  return can(actor, "event.manage", found.unitPath) || eventTrainerIds(found.event.id).includes(actor.userId);
}

export function requireRunnableEvent(viewer: Viewer, eventId: number) {
  return requireEventWhere(eventId, (found) => mayRun(viewer.actor, found));
}

/** Changing the event or who is invited is for its organisers; named trainers take attendance only. */
function requireOrganisedEvent(viewer: Viewer, eventId: number) {
  return requireEventWhere(eventId, (found) => can(viewer.actor, "event.manage", found.unitPath));
}

export function eventsForOrganiser(viewer: Viewer) {
  return eventsWithin(scopePaths(viewer, "event.manage"));
}

export interface EventDetail {
  id: number;
  title: string;
  place: string;
  capacity: number | null;
  status: "scheduled" | "cancelled";
  organiser: string;
  days: EventDay[];
  courses: { slug: string; title: string }[];
  invitees: {
    userId: string;
    fullName: string;
    username: string;
    unitName: string | null;
    positionName: string | null;
    response: "pending" | "confirmed" | "declined";
    source: "audience" | "added" | "walk_in";
    /** Mark per day index ("full" | "half" | "absent"); a day not yet marked has none. */
    attendance: Record<number, AttendanceMark>;
  }[];
  counts: { invited: number; confirmed: number; declined: number; attended: number };
  /** Per day: how many of the list are marked, present, absent, not yet marked. */
  tallies: Record<number, ReturnType<typeof tallyDay>>;
}

export function eventDetail(viewer: Viewer, eventId: number): EventDetail {
  const found = requireRunnableEvent(viewer, eventId);
  const days = eventDays(eventId);
  const marks = attendanceOf(eventId);
  // Where each invitee works is told only within the event's area and the viewer's.
  const invitees = listInvitees(eventId, undefined, [found.unitPath, ...scopePaths(viewer, "event.manage")])
    .map((p) => ({
      userId: p.userId,
      fullName: p.fullName,
      username: p.username,
      unitName: p.unitName,
      positionName: p.positionName,
      response: p.response,
      source: p.source,
      attendance: Object.fromEntries(marks.filter((m) => m.userId === p.userId).map((m) => [m.dayIndex, m.portion])),
    }))
    .sort((a, b) => (a.unitName ?? "").localeCompare(b.unitName ?? "") || compareVi(a.fullName, b.fullName));
  return {
    id: found.event.id,
    title: found.event.title,
    place: found.event.place,
    capacity: found.event.capacity,
    status: found.event.status,
    organiser: found.unitName,
    days,
    courses: eventCourses(eventId).map((c) => ({ slug: c.slug, title: c.title })),
    invitees,
    counts: {
      invited: invitees.length,
      confirmed: invitees.filter((i) => i.response === "confirmed").length,
      declined: invitees.filter((i) => i.response === "declined").length,
      // Present at least one day; someone marked absent every day did not attend.
      attended: new Set(marks.filter((m) => isPresent(m.portion)).map((m) => m.userId)).size,
    },
    tallies: Object.fromEntries(days.map((d) => [d.dayIndex, tallyDay(invitees.map((p) => p.attendance[d.dayIndex]))])),
  };
}

/** People the organiser may add (or record as walk-ins): a name search inside their area, without diacritics. */
export function findPeopleToAdd(viewer: Viewer, eventId: number, query: string) {
  const found = requireRunnableEvent(viewer, eventId);
  if (query.trim().length < 2) return [];
  return searchUsers({ query, scopePaths: [found.unitPath], includeUnattached: false }).slice(0, 20);
}

export function addInvitee(viewer: Viewer, eventId: number, userId: string): void {
  // Inviting more people is the organiser's; trainers record walk-ins on the day (recordWalkIn).
  const found = requireOrganisedEvent(viewer, eventId);
  requireInvitable(viewer, found, userId);
  writeTransaction((tx) => invite(tx, eventId, [userId], "added"));
}

/**
 * Someone may be put on the list by this viewer: a person they reach, or one of the event's
 * area; and attendance would complete the event's courses, so never a unit's own course for
 * someone outside that unit.
 */
function requireInvitable(viewer: Viewer, found: FoundEvent, userId: string): void {
  if (
    !canReachPerson(viewer.actor, "event.manage", attachedUnitPaths(userId), isTreeRootPath) &&
    !attachedUnitPaths(userId).some((path) => isWithin(path, found.unitPath))
  )
    throw notFound();
  const paths = placementPaths(userId);
  if (!eventCourses(found.event.id).every((c) => ownerCoversAudience(c.ownerPath, { unitPaths: [], people: [paths] })))
    throw notFound();
}

export function removeInvitee(viewer: Viewer, eventId: number, userId: string): void {
  requireOrganisedEvent(viewer, eventId);
  writeTransaction((tx) => uninvite(tx, eventId, userId));
}

/** The invited person's answer. */
export function answerInvitation(viewer: Viewer, eventId: number, response: "confirmed" | "declined"): boolean {
  if (!findInvitation(eventId, viewer.user.id)) throw notFound();
  return writeTransaction((tx) => respond(tx, eventId, viewer.user.id, response));
}

export function myInvitations(viewer: Viewer) {
  return invitationsOf(viewer.user.id);
}

type AttendanceInput = {
  userId: string;
  dayIndex: number;
  /** Present (whole or half day), absent, or `null`: back to not yet marked. */
  portion: AttendanceMark | null;
  method: "list" | "qr" | "sheet";
};

/**
 * Records a person's mark for a day (present, half, absent) or, with `portion: null`, takes it
 * back to "not yet marked". The courses the event counts for are completed, or their
 * completion undone, in the same transaction; certificates and the indicator follow.
 */
export function recordAttendance(
  viewer: Viewer,
  eventId: number,
  input: AttendanceInput,
  now = Date.now(),
): EventResult {
  const found =
    input.method === "qr"
      ? requireEventWhere(eventId, () => input.userId === viewer.user.id)
      : requireRunnableEvent(viewer, eventId);
  const refused = refuseAttendance(found, input.dayIndex);
  if (refused) return refused;
  if (!findInvitation(eventId, input.userId)) return fail("_form", "events.error.notInvited");
  writeTransaction((tx) => applyAttendance(tx, viewer, found, input, now));
  return { ok: true };
}

/**
 * A walk-in: someone who came without an invitation is put on the list and marked present
 * for the day, both in one transaction (never on the list without the mark, or the reverse).
 */
export function recordWalkIn(
  viewer: Viewer,
  eventId: number,
  input: { userId: string; dayIndex: number; method: "list" | "sheet" },
  now = Date.now(),
): EventResult {
  const found = requireRunnableEvent(viewer, eventId);
  const refused = refuseAttendance(found, input.dayIndex);
  if (refused) return refused;
  requireInvitable(viewer, found, input.userId);
  writeTransaction((tx) => {
    invite(tx, eventId, [input.userId], "walk_in");
    applyAttendance(tx, viewer, found, { ...input, portion: "full" }, now);
  });
  return { ok: true };
}

function refuseAttendance(found: FoundEvent, dayIndex: number) {
  if (found.event.status === "cancelled") return fail("_form", "events.error.cancelled");
  if (!eventDays(found.event.id).some((d) => d.dayIndex === dayIndex)) throw notFound();
  return null;
}

function applyAttendance(tx: Tx, viewer: Viewer, found: FoundEvent, input: AttendanceInput, now: number): void {
  const eventId = found.event.id;
  const days = eventDays(eventId, tx);
  const courseIds = eventCourses(eventId, tx).map((c) => c.courseId);
  if (input.portion) {
    setAttendance(tx, {
      eventId,
      userId: input.userId,
      dayIndex: input.dayIndex,
      portion: input.portion,
      method: input.method,
      recordedBy: viewer.user.id,
    });
  } else clearAttendance(tx, eventId, input.userId, input.dayIndex);
  // Whatever changed (a mark added, lowered to a half day or to absent, or taken back), the
  // person's attendance decides again: complete what it completes, undo what it no longer does.
  const marks = attendanceOf(eventId, tx).filter((m) => m.userId === input.userId);
  const inFull = attendedInFull(
    days.map((d) => d.dayIndex),
    marks,
  );
  if (inFull) for (const courseId of courseIds) recordCompletion(tx, input.userId, courseId, now);
  else
    undoCompletions(tx, eventId, viewer.user.id, input.userId, now, "Điểm danh đã được sửa: chưa dự đủ buổi tập huấn.");
  refreshLearners([input.userId], todayInVietnam(new Date(now)));
  recordAudit(tx, {
    actorUserId: viewer.user.id,
    action: input.portion ? (input.method === "sheet" ? "attendance.sheet" : "attendance.mark") : "attendance.unmark",
    entityType: "training_event",
    entityId: eventId,
    orgUnitId: found.event.orgUnitId,
    after: { userId: input.userId, dayIndex: input.dayIndex, portion: input.portion, method: input.method },
  });
}

/** Completions an event gave, taken back: their certificates revoked, the course due again. */
function undoCompletions(
  tx: Tx,
  eventId: number,
  actorId: string,
  userId: string | undefined,
  now: number,
  reason: string,
) {
  for (const completion of completionsFromEvent(eventId, userId)) {
    markCompletionUndone(completion.id, new Date(now));
    tx.update(certificates)
      .set({ revokedAt: new Date(now), revokedReason: reason, revokedBy: actorId })
      .where(and(eq(certificates.completionId, completion.id), isNull(certificates.revokedAt)))
      .run();
  }
}

/** The rotating code shown at the event: an HMAC of the minute, 6 symbols people can type. */
export function checkInCode(secret: string, period: number): string {
  const digest = crypto.createHmac("sha256", secret).update(String(period)).digest();
  const alphabet = "ABCDEFGHJKMNPQRSTVWXYZ23456789";
  let code = "";
  for (let i = 0; i < 6; i++) code += alphabet[(digest[i] as number) % alphabet.length];
  return code;
}

export function currentCheckIn(viewer: Viewer, eventId: number, now = Date.now()) {
  const found = requireRunnableEvent(viewer, eventId);
  const period = Math.floor(now / 60_000);
  return { code: checkInCode(found.event.checkInSecret, period), secondsLeft: 60 - Math.floor((now % 60_000) / 1000) };
}

/**
 * What someone who opened the check-in link (scanned the QR code) should be told: not on the
 * list (ask the trainer, who can add a walk-in), or whether check-in is open, not open yet
 * (and when it opens) or over. The event's title is told only to the invited.
 */
export function checkInPage(
  viewer: Viewer,
  eventId: number,
  now = Date.now(),
):
  | { invited: false; fullName: string; username: string }
  | {
      invited: true;
      title: string;
      place: string;
      window: ReturnType<typeof checkInWindow> | { state: "cancelled" };
    } {
  const found = findEvent(eventId);
  if (!found) throw notFound();
  if (!findInvitation(eventId, viewer.user.id))
    return { invited: false, fullName: viewer.user.fullName, username: viewer.user.username };
  return {
    invited: true,
    title: found.event.title,
    place: found.event.place,
    window: found.event.status === "cancelled" ? { state: "cancelled" } : checkInWindow(eventDays(eventId), now),
  };
}

/** A learner checks in with the code on the screen, during the event only. */
export function checkIn(
  viewer: Viewer,
  eventId: number,
  code: string,
  now = Date.now(),
): EventResult<{ dayIndex: number }> {
  const found = findEvent(eventId);
  if (!found) throw notFound();
  if (!findInvitation(eventId, viewer.user.id)) return fail("code", "events.checkIn.not-invited");
  const check = checkCheckIn(
    { cancelled: found.event.status === "cancelled", days: eventDays(eventId), given: code, now },
    (period) => checkInCode(found.event.checkInSecret, period),
  );
  if (!check.ok) return fail("code", `events.checkIn.${check.reason}` as MessageKey);
  const result = recordAttendance(
    viewer,
    eventId,
    { userId: viewer.user.id, dayIndex: check.day.dayIndex, portion: "full", method: "qr" },
    now,
  );
  return result.ok ? { ok: true, dayIndex: check.day.dayIndex } : result;
}

/** Cancels an event: invitees are told in the app, and its attendance no longer counts. */
export function cancelEvent(viewer: Viewer, eventId: number, reason: string, now = Date.now()): void {
  const found = requireOrganisedEvent(viewer, eventId);
  if (found.event.status === "cancelled") return;
  const invitees = listInvitees(eventId).map((i) => i.userId);
  writeTransaction((tx) => {
    setCancelled(tx, eventId);
    const affected = completionsFromEvent(eventId).map((c) => c.userId);
    undoCompletions(tx, eventId, viewer.user.id, undefined, now, `Buổi tập huấn đã bị hủy: ${cleanName(reason)}`);
    refreshLearners(affected, todayInVietnam(new Date(now)));
    notify(tx, invitees, "event.cancelled", eventId, { title: found.event.title, reason: cleanName(reason) });
    recordAudit(tx, {
      actorUserId: viewer.user.id,
      action: "event.cancel",
      entityType: "training_event",
      entityId: eventId,
      orgUnitId: found.event.orgUnitId,
      after: { reason, invitees: invitees.length, completionsUndone: affected.length },
    });
  });
}

/** Moves an event to new days: invitees are told in the app. */
export function moveEvent(viewer: Viewer, eventId: number, days: DayInput[]): EventResult {
  const found = requireOrganisedEvent(viewer, eventId);
  if (found.event.status === "cancelled") return fail("_form", "events.error.cancelled");
  const checked = checkDays(days);
  if (!checked.ok) return fail("days", checked.message as MessageKey);
  // Attendance is recorded per day: a move keeps the number of days, so no mark loses its day.
  if (checked.days.length !== eventDays(eventId).length) return fail("days", "events.error.moveDays");
  const before = eventDays(eventId);
  const invitees = listInvitees(eventId).map((i) => i.userId);
  writeTransaction((tx) => {
    replaceDays(tx, eventId, checked.days);
    notify(tx, invitees, "event.moved", eventId, {
      title: found.event.title,
      date: formatDate("vi", checked.days[0]?.date ?? ""),
      place: found.event.place,
    });
    recordAudit(tx, {
      actorUserId: viewer.user.id,
      action: "event.move",
      entityType: "training_event",
      entityId: eventId,
      orgUnitId: found.event.orgUnitId,
      before: { days: before },
      after: { days: checked.days },
    });
  });
  return { ok: true };
}
