import { can, scopeRoots } from "~/domain/access";
import { AUDIT_KINDS, type AuditNames, auditChanges, auditSentence, collectReferences } from "~/domain/audit";
import { formatDate, formatDateTime, formatNumber, isMessageKey, type Locale, localName, translator } from "~/i18n";
import { auditNames, findPeopleIdsByName, listAudit } from "~/models/audit.server";
import { findUnitById, listChildren } from "~/models/units.server";
import { reachesUnattached, scopePaths } from "~/utils/access.server";
import type { Viewer } from "~/utils/auth.server";
import { type AuditFilterField, type AuditQuery, startOfDayInVietnam } from "~/validation/audit";

export const AUDIT_PAGE_SIZE = 50;
/** Units offered in the filter's list: the viewer's own and the level below; others come by link. */
const MAX_UNIT_CHOICES = 300;

/**
 * One page of the audit log for the viewer, filtered, each entry written out in the
 * reader's language: nothing raw (no JSON, no codes, no contact data) leaves the server.
 */
export function auditPage(
  viewer: Viewer,
  query: AuditQuery,
  ignoredByParse: readonly AuditFilterField[],
  locale: Locale,
) {
  const ignored = [...ignoredByParse];
  const paths = scopePaths(viewer, "audit.view");
  let unitPath: string | undefined;
  if (query.unit !== undefined) {
    const unit = findUnitById(query.unit);
    // A unit outside the viewer's area is ignored like a malformed one: nothing says it exists.
    if (unit && can(viewer.actor, "audit.view", unit.path)) unitPath = unit.path;
    else ignored.push("unit");
  }
  const entries = listAudit({
    scopePaths: paths,
    includeUnscoped: reachesUnattached(viewer, "audit.view"),
    beforeId: query.before,
    limit: AUDIT_PAGE_SIZE,
    filter: {
      personIds: query.person ? findPeopleIdsByName(query.person) : undefined,
      unitPath,
      actions: query.kind ? AUDIT_KINDS[query.kind] : undefined,
      from: query.from ? startOfDayInVietnam(query.from) : undefined,
      to: query.to ? startOfDayInVietnam(query.to, 1) : undefined,
    },
  });
  const tables = auditNames(collectReferences(entries));
  const t = translator(locale);
  const label = (key: string, fallback: string) => (isMessageKey(key) ? t(key) : fallback);
  const names: AuditNames = {
    person: (id) => tables.people[id],
    unitById: (id) => tables.unitsById[id],
    unitByCode: (code) => tables.unitsByCode[code],
    position: (code) => (tables.positions[code] ? localName(locale, tables.positions[code]) : undefined),
    course: (slug) => tables.courses[slug],
    event: (id) => tables.events[id],
    role: (code) => (isMessageKey(`role.${code}`) ? t(`role.${code}` as "role.learner") : undefined),
    unitStatus: (code) =>
      isMessageKey(`units.status.${code}`) ? t(`units.status.${code}` as "units.status.active") : undefined,
    date: (iso) => formatDate(locale, iso),
    dateTime: (iso) => formatDateTime(locale, new Date(iso)),
    number: (value) => formatNumber(locale, value),
    yesNo: (value) => t(value ? "audit.value.yes" : "audit.value.no"),
    portion: (value) => label(`audit.value.portion.${value ?? "none"}`, t("audit.value.unknown")),
    hidden: t("audit.value.hidden"),
    unknown: t("audit.value.unknown"),
  };
  return {
    entries: entries.map((e) => {
      const record = { ...e, entityId: String(e.entityId) };
      const sentence = auditSentence(record, names);
      const key = `audit.sentence.${sentence.action}`;
      return {
        id: e.id,
        at: e.at.getTime(),
        sentence: isMessageKey(key) ? t(key, sentence.params) : t("audit.sentence.other", sentence.params),
        changes: auditChanges(record, names).map((c) => ({
          label: label(`audit.field.${c.field}`, c.field),
          before: c.before,
          after: c.after,
        })),
      };
    }),
    olderThan: entries.length === AUDIT_PAGE_SIZE ? entries.at(-1)?.id : undefined,
    ignored: [...new Set(ignored)],
    unitChoices: unitChoices(viewer),
  };
}

function unitChoices(viewer: Viewer): { id: number; name: string; depth: number }[] {
  const choices: { id: number; name: string; depth: number }[] = [];
  for (const root of scopeRoots(viewer.actor, "audit.view")) {
    const unit = findUnitById(root.unitId);
    if (!unit) continue;
    choices.push({ id: unit.id, name: unit.name, depth: 0 });
    for (const child of listChildren(unit.id)) choices.push({ id: child.id, name: child.name, depth: 1 });
    if (choices.length >= MAX_UNIT_CHOICES) break;
  }
  return choices.slice(0, MAX_UNIT_CHOICES);
}
