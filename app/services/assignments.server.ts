import { type Actor, scopeRoots } from "~/domain/access";
import { assignedCourses } from "~/domain/assignments";
import { courseMeetsScope, ownerCoversAudience } from "~/domain/courses";
import type { MessageKey } from "~/i18n";
import { todayInVietnam } from "~/i18n";
import { assignmentsReaching, insertAssignment, openPlacementsOf } from "~/models/assignments.server";
import { recordAudit } from "~/models/audit.server";
import { type CurrentCourse, findCurrentCourse, listCurrentCourses } from "~/models/courses.server";
import { resolveAudience } from "~/services/audience.server";
import { refreshLearners } from "~/services/rollups.server";
import { writeTransaction } from "~/utils/db.server";

export interface NewAssignment {
  courseSlug: string;
  unitCode?: string;
  includeSubunits: boolean;
  tiers: string[];
  positions: string[];
  usernames: string[];
  dueOn: string;
}

export type AssignmentResult =
  | { ok: true; assignmentId: number }
  | { ok: false; field: string; error: MessageKey; params?: Record<string, string> };

/** A manager assigns a course inside their own subtree, to a unit and/or named people. */
export function createAssignment(actor: Actor, input: NewAssignment, today = todayInVietnam()): AssignmentResult {
  const course = findCurrentCourse(input.courseSlug);
  if (!course) return { ok: false, field: "courseSlug", error: "assignments.error.unknownCourse" };
  if (input.dueOn < today) return { ok: false, field: "dueOn", error: "assignments.error.pastDue" };
  if (!input.unitCode && input.usernames.length === 0)
    return { ok: false, field: "_form", error: "assignments.error.noAudience" };

  const audience = resolveAudience(actor, "assignment.manage", input, { unit: "unitCode", people: "usernames" });
  if (!audience.ok) return audience;
  const { unit, people } = audience;
  // A unit's own course is for that unit's people: an assignment must not carry it further.
  const covered =
    courseMeetsScope(course.ownerPath, assignmentScope(actor)) &&
    ownerCoversAudience(course.ownerPath, {
      unitPaths: unit ? [unit.path] : [],
      people: people.map((p) => openPlacementsOf(p.id).map((placement) => placement.unitPath)),
    });
  if (!covered) return { ok: false, field: "courseSlug", error: "assignments.error.courseOutsideAudience" };
  const assignmentId = writeTransaction((tx) => {
    const id = insertAssignment(
      tx,
      {
        courseId: course.courseId,
        orgUnitId: unit?.id ?? null,
        includeSubunits: input.includeSubunits,
        tiers: input.tiers,
        positions: input.positions,
        dueOn: input.dueOn,
        createdBy: actor.userId,
      },
      people.map((p) => p.id),
    );
    refreshLearners(audience.userIds, today);
    recordAudit(tx, {
      actorUserId: actor.userId,
      action: "assignment.create",
      entityType: "assignment",
      entityId: id,
      orgUnitId: unit?.id ?? null,
      after: { course: course.slug, unit: unit?.code ?? null, ...input },
    });
    return id;
  });
  return { ok: true, assignmentId };
}

/** The courses a manager may assign somewhere in their area (national ones, and units' own that meet it). */
export function assignableCourses(actor: Actor): CurrentCourse[] {
  return listCurrentCourses().filter((c) => courseMeetsScope(c.ownerPath, assignmentScope(actor)));
}

function assignmentScope(actor: Actor) {
  return scopeRoots(actor, "assignment.manage").map((g) => g.unitPath);
}

/** The courses assigned to a person now, with their earliest due dates. */
export function assignedCoursesOf(userId: string): Map<number, string> {
  const placements = openPlacementsOf(userId);
  const candidates = assignmentsReaching(
    userId,
    placements.map((p) => p.unitPath),
  );
  return assignedCourses(candidates, { userId, placements });
}
