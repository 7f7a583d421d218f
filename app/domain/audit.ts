/**
 * The audit log read by people: each entry as a sentence (who did what to whom, where) and
 * its change as a table of fields with their values before and after. Pure: names of people,
 * units, positions and courses come from the caller (`AuditNames`), so the log's stored
 * codes and ids never reach the page. Contact data (phone, e-mail) is never written out.
 */

/** Kinds of action a person can filter the log by, each with the actions it holds. */
export const AUDIT_KINDS = {
  account: [
    "user.create",
    "user.update",
    "user.resetPassword",
    "user.activate",
    "user.deactivate",
    "user.changePassword",
  ],
  placement: ["placement.start", "placement.end"],
  role: ["role.grant", "role.revoke"],
  unit: ["unit.create", "unit.rename", "unit.move", "unit.merge", "unit.retire", "units.import"],
  roster: ["roster.import", "roster.accounts.download"],
  assignment: ["assignment.create"],
  course: ["course.create", "course.publish", "course.rollback", "lesson.delete", "question.delete"],
  certificate: ["certificate.revoke"],
  event: ["event.create", "event.move", "event.cancel", "attendance.mark", "attendance.sheet", "attendance.unmark"],
} as const satisfies Record<string, readonly string[]>;

export type AuditKind = keyof typeof AUDIT_KINDS;
export const AUDIT_KIND_NAMES = Object.keys(AUDIT_KINDS) as AuditKind[];

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string;
  /** The person the change was about, when there is one (see `auditSubjectSql` in the model). */
  subjectUserId: string | null;
  actorName: string | null;
  unitName: string | null;
  before: unknown;
  after: unknown;
}

/** How names are found and values written, in the reader's language. */
export interface AuditNames {
  person(id: string): string | undefined;
  unitById(id: number): string | undefined;
  unitByCode(code: string): string | undefined;
  position(code: string): string | undefined;
  course(slug: string): string | undefined;
  event(id: number): string | undefined;
  role(code: string): string | undefined;
  unitStatus(code: string): string | undefined;
  date(isoDate: string): string;
  dateTime(iso: string): string;
  number(value: number): string;
  yesNo(value: boolean): string;
  portion(value: string | null): string;
  /** Said in place of a value that is not shown (contact data) or not known. */
  hidden: string;
  unknown: string;
}

type Json = Record<string, unknown>;

function asObject(value: unknown): Json {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const num = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : undefined;

/** Every id and code an entry refers to, so the model can look up their names in one go. */
export interface AuditReferences {
  userIds: Set<string>;
  unitIds: Set<number>;
  unitCodes: Set<string>;
  positionCodes: Set<string>;
  courseSlugs: Set<string>;
  eventIds: Set<number>;
}

export function emptyReferences(): AuditReferences {
  return {
    userIds: new Set(),
    unitIds: new Set(),
    unitCodes: new Set(),
    positionCodes: new Set(),
    courseSlugs: new Set(),
    eventIds: new Set(),
  };
}

export function collectReferences(records: readonly AuditRecord[], into = emptyReferences()): AuditReferences {
  const add = <T>(set: Set<T>, value: T | undefined) => {
    if (value !== undefined) set.add(value);
  };
  for (const r of records) {
    add(into.userIds, r.subjectUserId ?? undefined);
    if (r.entityType === "org_unit") add(into.unitIds, num(r.entityId));
    if (r.entityType === "course") add(into.courseSlugs, r.entityId);
    if (r.entityType === "training_event") add(into.eventIds, num(r.entityId));
    for (const side of [asObject(r.before), asObject(r.after)]) {
      for (const key of ["userId", "holderId", "revokedBy"]) add(into.userIds, str(side[key]));
      for (const key of ["parentId", "mergedIntoId"]) add(into.unitIds, num(side[key]));
      for (const key of ["unit", "unitCode"]) add(into.unitCodes, str(side[key]));
      add(into.positionCodes, str(side.position));
      for (const code of Array.isArray(side.positions) ? side.positions : []) add(into.positionCodes, str(code));
      add(into.courseSlugs, str(side.course) ?? str(side.courseSlug));
    }
  }
  return into;
}

/** The sentence of an entry: a message key `audit.sentence.<action>` and its parameters. */
export function auditSentence(r: AuditRecord, names: AuditNames): { action: string; params: Record<string, string> } {
  const before = asObject(r.before);
  const after = asObject(r.after);
  const either = (key: string) => after[key] ?? before[key];
  const unitRef = (code: unknown) => (str(code) ? (names.unitByCode(str(code) as string) ?? names.unknown) : undefined);
  const unitId = num(r.entityType === "org_unit" ? r.entityId : undefined);
  const subject = r.subjectUserId ? (names.person(r.subjectUserId) ?? names.unknown) : names.unknown;
  const params: Record<string, string> = {
    actor: r.actorName ?? names.unknown,
    person: subject,
    unit: unitRef(either("unit")) ?? r.unitName ?? names.unknown,
    entityUnit: (unitId !== undefined ? names.unitById(unitId) : undefined) ?? r.unitName ?? names.unknown,
    role: names.role(String(either("role") ?? "")) ?? names.unknown,
    position: names.position(String(either("position") ?? "")) ?? names.unknown,
    course:
      names.course(str(either("course")) ?? (r.entityType === "course" ? r.entityId : "")) ??
      str(either("title")) ??
      names.unknown,
    event: (r.entityType === "training_event" ? names.event(Number(r.entityId)) : undefined) ?? names.unknown,
    file: str(either("fileName")) ?? names.unknown,
    newName: str(after.name) ?? names.unknown,
    oldName: str(before.name) ?? names.unknown,
    parent: names.unitById(num(after.parentId) ?? -1) ?? names.unknown,
    into: names.unitById(num(after.mergedIntoId) ?? -1) ?? r.unitName ?? names.unknown,
    version: names.number(num(after.version) ?? 0),
    from: names.number(num(after.from) ?? 0),
    rows: names.number(num(after.rows) ?? 0),
    day: names.number(num(either("dayIndex")) ?? 1),
  };
  return { action: r.action, params };
}

type Format = (value: unknown, names: AuditNames) => string;

const text: Format = (v, n) => (typeof v === "string" ? v : v === null || v === undefined ? "—" : n.unknown);
const count: Format = (v, n) => (typeof v === "number" ? n.number(v) : "—");
const date: Format = (v, n) => (typeof v === "string" ? n.date(v) : "—");
const person: Format = (v, n) => (typeof v === "string" ? (n.person(v) ?? n.unknown) : "—");
const unitById: Format = (v, n) => (num(v) !== undefined ? (n.unitById(num(v) as number) ?? n.unknown) : "—");
const unitByCode: Format = (v, n) => (typeof v === "string" ? (n.unitByCode(v) ?? v) : "—");
const hidden: Format = (v, n) => (v === null || v === undefined || v === "" ? "—" : n.hidden);
const positions: Format = (v, n) =>
  Array.isArray(v) && v.length > 0 ? v.map((c) => n.position(String(c)) ?? n.unknown).join(", ") : "—";
const days: Format = (v, n) =>
  Array.isArray(v)
    ? v
        .map((d) => {
          const day = asObject(d);
          return `${n.date(String(day.date ?? ""))} ${text(day.startsAt, n)}–${text(day.endsAt, n)}`;
        })
        .join("; ")
    : "—";

/**
 * The fields a person reads in the before/after view, in this order, each with its label key
 * (`audit.field.<name>`). Anything else stored with an entry (hashes, paths, lists of ids)
 * is for machines and not shown.
 */
const FIELDS: Record<string, Format> = {
  fullName: text,
  username: text,
  phone: hidden,
  email: hidden,
  active: (v, n) => (typeof v === "boolean" ? n.yesNo(v) : "—"),
  unit: unitByCode,
  unitCode: unitByCode,
  position: (v, n) => (typeof v === "string" ? (n.position(v) ?? n.unknown) : "—"),
  role: (v, n) => (typeof v === "string" ? (n.role(v) ?? n.unknown) : "—"),
  startDate: date,
  endDate: date,
  name: text,
  code: text,
  parentId: unitById,
  status: (v, n) => (typeof v === "string" ? (n.unitStatus(v) ?? n.unknown) : "—"),
  mergedIntoId: unitById,
  validTo: date,
  movedChildren: count,
  placementsEnded: count,
  placementsStarted: count,
  course: (v, n) => (typeof v === "string" ? (n.course(v) ?? n.unknown) : "—"),
  courseSlug: (v, n) => (typeof v === "string" ? (n.course(v) ?? n.unknown) : "—"),
  title: text,
  positions,
  dueOn: date,
  includeSubunits: (v, n) => (typeof v === "boolean" ? n.yesNo(v) : "—"),
  version: count,
  from: count,
  revokedAt: (v, n) => (typeof v === "string" ? n.dateTime(v) : "—"),
  revokedReason: text,
  revokedBy: person,
  place: text,
  days,
  reason: text,
  invited: count,
  invitees: count,
  completionsUndone: count,
  dayIndex: count,
  portion: (v, n) => n.portion(typeof v === "string" ? v : null),
  fileName: text,
  rows: count,
  created: count,
  updated: count,
  moved: count,
  unchanged: count,
  lesson: text,
};

export interface AuditChange {
  field: string;
  before: string;
  after: string;
}

/** The fields that changed, readable; a field only before (a deletion) or only after (a creation) too. */
export function auditChanges(r: Pick<AuditRecord, "before" | "after">, names: AuditNames): AuditChange[] {
  const before = asObject(r.before);
  const after = asObject(r.after);
  const changes: AuditChange[] = [];
  for (const [field, format] of Object.entries(FIELDS)) {
    if (!(field in before) && !(field in after)) continue;
    if (JSON.stringify(before[field]) === JSON.stringify(after[field])) continue;
    changes.push({
      field,
      before: field in before ? format(before[field], names) : "—",
      after: field in after ? format(after[field], names) : "—",
    });
  }
  return changes;
}

export const AUDIT_FIELDS = Object.keys(FIELDS);
