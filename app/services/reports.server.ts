/**
 * The manager's reports: the indicator of a unit and the units directly below it, the people
 * behind each number, and exports of exactly what is on screen. Every entry point checks the
 * viewer's reach first; the counts come from the rollups (O(children) rows), the people from
 * the stored states of the unit's subtree.
 */
import { can } from "~/domain/access";
import { percentTrained } from "~/domain/assignments";
import {
  ALL,
  type Counts,
  countForStatus,
  matchesStatus,
  monthOf,
  type PersonInView,
  personInView,
  type StatusFilter,
} from "~/domain/indicator";
import { compareVi } from "~/domain/text";
import { idsOnPath, isWithin } from "~/domain/tree";
import { formatDate, formatDateTime, type Locale, localName, todayInVietnam, translator } from "~/i18n";
import { listCurrentCourses } from "~/models/courses.server";
import { eventStatsWithin } from "~/models/events.server";
import {
  assignedPeople,
  communeOfficerCounts,
  courseIdsAssignedIn,
  namesOfUnits,
  openReportReader,
  type PersonRow,
  type RollupFilter,
  rollupCounts,
  snapshotSeries,
} from "~/models/reports.server";
import { listAncestors, listChildren, listPositions, listTiers, type UnitSummary } from "~/models/units.server";
import { ensureRollupsCurrent } from "~/services/rollups.server";
import type { Cell, ReportSheet } from "~/services/spreadsheet.server";
import { requireUnit } from "~/utils/access.server";
import type { Viewer } from "~/utils/auth.server";
import type { ReportQuery } from "~/validation/reports";

const COMMUNE_TIER = "commune";
const OFFICER_POSITION = "commune_officer";
const PAGE_SIZE = 50;
const TREND_MONTHS = 12;

interface Named {
  code: string;
  nameVi: string;
  nameEn: string;
}

export interface ReportContext {
  unit: UnitSummary;
  filter: RollupFilter;
  query: ReportQuery;
  selected: { course: { slug: string; title: string } | null; tier: Named | null; position: Named | null };
  /** A filter in the URL named nothing known and was dropped. */
  ignored: boolean;
  options: { courses: { slug: string; title: string; id: number }[]; tiers: Named[]; positions: Named[] };
  catalogue: { tierId: Map<string, number>; positionId: Map<string, number>; positionName: Map<number, Named> };
}

/** The unit (within the viewer's reach, else 404) and the filters resolved to ids. */
export function reportContext(viewer: Viewer, unitId: number, query: ReportQuery): ReportContext {
  const unit = requireUnit(viewer, "report.view", unitId);
  const courses = listCurrentCourses().map((c) => ({ slug: c.slug, title: c.title, id: c.courseId }));
  const tiers = listTiers().filter((t) => t.active);
  const positions = listPositions();
  const course = query.course ? courses.find((c) => c.slug === query.course) : undefined;
  const tier = query.tier ? tiers.find((t) => t.code === query.tier) : undefined;
  const position = query.position ? positions.find((p) => p.code === query.position) : undefined;
  const named = (row: Named) => ({ code: row.code, nameVi: row.nameVi, nameEn: row.nameEn });
  return {
    unit,
    query,
    filter: { courseId: course?.id ?? ALL, tierId: tier?.id ?? ALL, positionId: position?.id ?? ALL },
    selected: {
      course: course ? { slug: course.slug, title: course.title } : null,
      tier: tier ? named(tier) : null,
      position: position ? named(position) : null,
    },
    ignored:
      (query.course !== undefined && !course) ||
      (query.tier !== undefined && !tier) ||
      (query.position !== undefined && !position),
    options: { courses, tiers: tiers.map(named), positions: positions.map(named) },
    catalogue: {
      tierId: new Map(tiers.map((t) => [t.code, t.id])),
      positionId: new Map(positions.map((p) => [p.code, p.id])),
      positionName: new Map(positions.map((p) => [p.id, named(p)])),
    },
  };
}

/** What a report page needs of its context: plain data for the loader to send. */
export function pageContext(context: ReportContext) {
  return {
    unit: {
      id: context.unit.id,
      name: context.unit.name,
      tierNameVi: context.unit.tierNameVi,
      tierNameEn: context.unit.tierNameEn,
    },
    values: {
      course: context.selected.course?.slug,
      tier: context.selected.tier?.code,
      position: context.selected.position?.code,
      status: context.query.status,
    },
    ignored: context.ignored,
    options: context.options,
  };
}

export interface UnitLine {
  unitId: number;
  name: string;
  code: string;
  tier: { nameVi: string; nameEn: string };
  counts: Counts;
  percent: number | null;
  coverage: { covered: number; total: number } | null;
}

export interface Dashboard {
  context: ReportContext;
  today: string;
  ancestors: { id: number; name: string }[];
  total: UnitLine;
  children: UnitLine[];
  /** Oldest first; null under a tier or position filter (snapshots have none). */
  trend: { month: string; percent: number | null }[] | null;
  /** In-person training organised by units of this subtree. */
  events: { held: number; invited: number; attended: number };
}

/** The dashboard of a unit: its own figures, each unit directly below it, coverage and trend. */
export function unitDashboard(viewer: Viewer, unitId: number, query: ReportQuery, today = todayInVietnam()): Dashboard {
  const context = reportContext(viewer, unitId, query);
  ensureRollupsCurrent(today);
  const { unit, filter } = context;
  const children = listChildren(unit.id).filter((c) => c.status === "active");
  const counts = rollupCounts([unit.id, ...children.map((c) => c.id)], filter);

  const communeTierId = context.catalogue.tierId.get(COMMUNE_TIER);
  const officerPositionId = context.catalogue.positionId.get(OFFICER_POSITION);
  const communes =
    communeTierId && officerPositionId
      ? communeOfficerCounts(unit.path, { courseId: filter.courseId, communeTierId, officerPositionId })
      : [];
  const coverageOf = (path: string) => {
    const inside = communes.filter((c) => isWithin(c.path, path));
    return inside.length === 0 ? null : { covered: inside.filter((c) => c.trained > 0).length, total: inside.length };
  };
  const line = (u: UnitSummary): UnitLine => {
    const c = counts.get(u.id) as Counts;
    return {
      unitId: u.id,
      name: u.name,
      code: u.code,
      tier: { nameVi: u.tierNameVi, nameEn: u.tierNameEn },
      counts: c,
      percent: percentTrained(c),
      coverage: coverageOf(u.path),
    };
  };
  return {
    context,
    today,
    ancestors: listAncestors(unit)
      .filter((a) => can(viewer.actor, "report.view", a.path))
      .map((a) => ({ id: a.id, name: a.name })),
    total: line(unit),
    children: children.map(line),
    trend: filter.tierId === ALL && filter.positionId === ALL ? trendOf(unit.id, filter.courseId, today, counts) : null,
    events: eventStatsWithin(unit.path, today),
  };
}

function trendOf(unitId: number, courseId: number, today: string, current: Map<number, Counts>) {
  let from = monthOf(today);
  for (let i = 0; i < TREND_MONTHS; i++) from = previousMonth(from);
  const frozen = snapshotSeries(unitId, courseId, from).map((s) => ({ month: s.month, percent: percentTrained(s) }));
  return [...frozen, { month: "now", percent: percentTrained(current.get(unitId) as Counts) }];
}

function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

export interface PersonLine {
  userId: string;
  fullName: string;
  username: string;
  phone: string | null;
  placements: { unitName: string; position: Named | null }[];
  status: PersonInView["status"];
  expiringSoon: boolean;
  courses: {
    courseId: number;
    title: string;
    status: PersonInView["status"];
    dueOn: string;
    certificateExpiresOn: string | null;
    inPerson: boolean;
  }[];
}

function toLine(
  person: PersonRow,
  view: PersonInView,
  context: ReportContext,
  unitName: (id: number) => string,
  courseTitle: Map<number, string>,
): PersonLine {
  return {
    userId: person.userId,
    fullName: person.fullName,
    username: person.username,
    phone: person.phone,
    placements: view.placements.map((p) => ({
      unitName: unitName(idsOnPath(p.unitPath).at(-1) as number),
      position: context.catalogue.positionName.get(p.positionId) ?? null,
    })),
    status: view.status,
    expiringSoon: view.expiringSoon,
    courses: person.state.courses
      .filter((c) => context.filter.courseId === ALL || c.courseId === context.filter.courseId)
      .map((c) => ({
        courseId: c.courseId,
        title: courseTitle.get(c.courseId) ?? String(c.courseId),
        status: c.status,
        dueOn: c.dueOn,
        certificateExpiresOn: c.certificateExpiresOn,
        inPerson: c.inPerson === true,
      })),
  };
}

function viewFilter(context: ReportContext) {
  return { unitPath: context.unit.path, ...context.filter };
}

export interface PeoplePage {
  context: ReportContext;
  today: string;
  lines: PersonLine[];
  total: number;
  /** What the dashboard counts for this unit, filters and status: the list adds up to it. */
  expected: number;
  page: number;
  pages: number;
}

/** The people behind a unit's numbers, filtered by status, a page at a time. */
export function unitPeople(viewer: Viewer, unitId: number, query: ReportQuery, today = todayInVietnam()): PeoplePage {
  const context = reportContext(viewer, unitId, query);
  ensureRollupsCurrent(today);
  // One pass over the subtree keeping only the page asked for: memory stays flat even for
  // the whole country (the count needs the pass; a commune's list is a few milliseconds).
  const first = (query.page - 1) * PAGE_SIZE;
  const shown: MatchedPerson[] = [];
  let total = 0;
  let lastPage: MatchedPerson[] = [];
  for (const match of matchingPeople(assignedPeople(context.unit.path), context, query.status)) {
    if (total >= first && shown.length < PAGE_SIZE) shown.push(match);
    // Past the end? Show the last page instead: keep a rolling copy of it.
    if (total % PAGE_SIZE === 0) lastPage = [];
    lastPage.push(match);
    total += 1;
  }
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const lines = page === query.page ? shown : lastPage;
  const unitIds = [
    ...new Set(lines.flatMap((m) => m.view.placements.map((p) => idsOnPath(p.unitPath).at(-1) as number))),
  ];
  const names = namesOfUnits(unitIds);
  const titles = new Map(context.options.courses.map((c) => [c.id, c.title]));
  const counts = rollupCounts([context.unit.id], context.filter).get(context.unit.id) as Counts;
  return {
    context,
    today,
    lines: lines.map((m) => toLine(m.person, m.view, context, (id) => names.get(id)?.name ?? "", titles)),
    total,
    expected: countForStatus(counts, query.status),
    page,
    pages,
  };
}

interface MatchedPerson {
  person: PersonRow;
  view: PersonInView;
}

/**
 * The people of a view, filtered by status, in the order every list and export uses: unit by
 * unit (the order of the tree), and within a unit by name in Vietnamese alphabetical order.
 * Rows arrive grouped by unit, so only one unit is held in memory at a time.
 */
function* matchingPeople(rows: Iterable<PersonRow>, context: ReportContext, status: StatusFilter) {
  const filter = viewFilter(context);
  let group: MatchedPerson[] = [];
  let groupPath: string | null = null;
  const flush = () => {
    const sorted = group.sort((a, b) => compareVi(a.person.fullName, b.person.fullName));
    group = [];
    return sorted;
  };
  for (const person of rows) {
    if (person.firstPath !== groupPath) {
      yield* flush();
      groupPath = person.firstPath;
    }
    const view = personInView(person.state, filter);
    if (view && matchesStatus(view, status)) group.push({ person, view });
  }
  yield* flush();
}

// ---- Exports: the same lines as the screen, as spreadsheet rows ----

function filterLines(context: ReportContext, locale: Locale, today: string, withStatus: boolean): string[] {
  const t = translator(locale);
  const none = t("reports.filter.any");
  const lines = [
    t("reports.sheetFilters", {
      course: context.selected.course?.title ?? t("reports.filter.allCourses"),
      tier: context.selected.tier ? localName(locale, context.selected.tier) : none,
      position: context.selected.position ? localName(locale, context.selected.position) : none,
    }),
  ];
  if (withStatus) lines.push(t("reports.sheetStatus", { status: t(`reports.status.${context.query.status}`) }));
  lines.push(t("reports.sheetDate", { date: formatDate(locale, today), time: formatDateTime(locale, Date.now()) }));
  return lines;
}

/** The dashboard's table (the unit, then each unit below it) as a sheet. */
export function dashboardSheet(dashboard: Dashboard, locale: Locale): ReportSheet {
  const t = translator(locale);
  const { context } = dashboard;
  const rowOf = (line: UnitLine, label: string): Cell[] => [
    label,
    line.code,
    localName(locale, line.tier),
    line.counts.assigned,
    line.counts.trained,
    line.percent,
    line.counts.inProgress,
    line.counts.notStarted,
    line.counts.overdue,
    line.counts.expired,
    line.counts.expiringSoon,
    line.counts.trainedInPerson,
    line.counts.trained - line.counts.trainedInPerson,
    line.coverage ? line.coverage.covered : null,
    line.coverage ? line.coverage.total : null,
  ];
  return {
    sheetName: t("reports.title"),
    title: [
      t("reports.sheetTitle", { unit: context.unit.name }),
      ...filterLines(context, locale, dashboard.today, false),
      t("reports.roundingNote"),
    ],
    headers: [
      t("reports.unit"),
      t("reports.code"),
      t("reports.tier"),
      t("reports.assigned"),
      t("reports.trained"),
      `${t("reports.percent")} (%)`,
      t("reports.inProgress"),
      t("reports.notStarted"),
      t("reports.overdue"),
      t("reports.expired"),
      t("reports.expiringSoon"),
      t("reports.inPerson"),
      t("reports.online"),
      t("reports.coverageShort"),
      t("reports.communes"),
    ],
    widths: [36, 10, 18, 12, 12, 10, 12, 12, 10, 12, 14, 14, 14, 12, 12],
    rows: [
      rowOf(dashboard.total, t("reports.wholeUnit", { name: dashboard.total.name })),
      ...dashboard.children.map((line) => rowOf(line, line.name)),
    ],
  };
}

/**
 * Everyone behind the numbers of a unit (all pages), streamed from a read-only snapshot:
 * rows are produced as the file is written, so the whole country fits in little memory.
 */
export function peopleSheet(
  viewer: Viewer,
  unitId: number,
  query: ReportQuery,
  locale: Locale,
  today = todayInVietnam(),
  /** The request's signal: the Remix adapter reads a body to the end even after the client left. */
  signal?: AbortSignal,
): ReportSheet {
  const context = reportContext(viewer, unitId, query);
  ensureRollupsCurrent(today);
  const t = translator(locale);
  const courseIds =
    context.filter.courseId === ALL
      ? courseIdsAssignedIn(context.unit.id).sort((a, b) => a - b)
      : [context.filter.courseId];
  const titles = new Map(context.options.courses.map((c) => [c.id, c.title]));
  const status = (value: PersonInView["status"]) => t(`home.status.${value}`);
  const headers = [
    t("reports.sheetNumber"),
    t("reports.person"),
    t("reports.username"),
    t("reports.phone"),
    t("reports.unit"),
    t("reports.position"),
    t("reports.status"),
    t("reports.expiringSoon"),
    ...courseIds.flatMap((id) => {
      const course = titles.get(id) ?? String(id);
      return [
        t("reports.courseStatus", { course }),
        t("reports.courseDue", { course }),
        t("reports.courseExpires", { course }),
        t("reports.courseHow", { course }),
      ];
    }),
  ];
  function* rows(): Generator<Cell[]> {
    const reader = openReportReader();
    try {
      let number = 0;
      let names = new Map<number, { name: string; code: string }>();
      for (const { person, view } of matchingPeople(reader.assignedPeople(context.unit.path), context, query.status)) {
        if (signal?.aborted) return;
        const unitIds = view.placements.map((p) => idsOnPath(p.unitPath).at(-1) as number);
        if (unitIds.some((id) => !names.has(id))) {
          // Names are looked up a unit at a time (rows come unit by unit), never all at once.
          if (names.size > 1000) names = new Map();
          for (const [id, unit] of reader.namesOfUnits(unitIds)) names.set(id, unit);
        }
        number += 1;
        const byCourse = new Map(person.state.courses.map((c) => [c.courseId, c]));
        yield [
          number,
          person.fullName,
          person.username,
          person.phone,
          unitIds.map((id) => names.get(id)?.name ?? "").join("; "),
          view.placements
            .map((p) => {
              const position = context.catalogue.positionName.get(p.positionId);
              return position ? localName(locale, position) : "";
            })
            .join("; "),
          status(view.status),
          view.expiringSoon ? "x" : null,
          ...courseIds.flatMap((id): Cell[] => {
            const course = byCourse.get(id);
            return course
              ? [
                  status(course.status),
                  formatDate(locale, course.dueOn),
                  formatDate(locale, course.certificateExpiresOn) || null,
                  course.status === "completed" ? t(course.inPerson ? "reports.inPerson" : "reports.online") : null,
                ]
              : [null, null, null, null];
          }),
        ];
      }
    } finally {
      reader.close();
    }
  }

  return {
    sheetName: t("reports.exportPeople"),
    title: [t("reports.sheetPeopleTitle", { unit: context.unit.name }), ...filterLines(context, locale, today, true)],
    headers,
    widths: [6, 28, 18, 13, 28, 30, 16, 10, ...courseIds.flatMap(() => [16, 12, 14, 18])],
    rows: rows(),
  };
}

/** A file name for an export: the unit's code and the date, ASCII. */
export function exportFileName(
  context: ReportContext,
  view: "units" | "people",
  today: string,
  format: string,
): string {
  return `bao-cao-${view === "units" ? "don-vi" : "danh-sach"}-${context.unit.code}-${today}.${format}`;
}
