import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  blob,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

const now = sql`(unixepoch() * 1000)`;
const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });

/**
 * Administrative tiers are rows, not an enum: the three-tier structure before 1 July 2025
 * and the two-tier one after it both fit, and a tier can be retired without a code change.
 * `level` orders tiers from the top (nation = 0); it is not the depth of a unit in the tree,
 * because a commune sits at depth 2 under a province today and at depth 3 under a district before.
 */
export const tiers = sqliteTable("tiers", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  code: text("code").notNull().unique(),
  nameVi: text("name_vi").notNull(),
  nameEn: text("name_en").notNull(),
  level: integer("level").notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
});

export const unitStatuses = ["active", "merged", "retired"] as const;
export type UnitStatus = (typeof unitStatuses)[number];

/**
 * The tree of units. `path` is a materialised path of ids ("/1/12/305/"): a subtree is one
 * index range scan (`path >= '/1/12/' AND path < '/1/120'`), never a recursive query.
 */
export const orgUnits = sqliteTable(
  "org_units",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    parentId: integer("parent_id").references((): AnySQLiteColumn => orgUnits.id),
    tierId: integer("tier_id")
      .notNull()
      .references(() => tiers.id),
    code: text("code").notNull(),
    name: text("name").notNull(),
    nameSearch: text("name_search").notNull(),
    status: text("status", { enum: unitStatuses }).notNull().default("active"),
    mergedIntoId: integer("merged_into_id").references((): AnySQLiteColumn => orgUnits.id),
    validFrom: text("valid_from"),
    validTo: text("valid_to"),
    path: text("path").notNull(),
    depth: integer("depth").notNull(),
    createdAt: timestamp("created_at").notNull().default(now),
    updatedAt: timestamp("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("org_units_code_uq").on(t.code),
    uniqueIndex("org_units_path_uq").on(t.path),
    index("org_units_parent_idx").on(t.parentId),
    index("org_units_tier_idx").on(t.tierId),
    // Coverage counts the communes of a subtree: one range on (tier, path).
    index("org_units_tier_path_idx").on(t.tierId, t.path),
  ],
);

export const locales = ["vi", "en"] as const;
export type Locale = (typeof locales)[number];

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    username: text("username").notNull(),
    fullName: text("full_name").notNull(),
    fullNameSearch: text("full_name_search").notNull(),
    phone: text("phone"),
    email: text("email"),
    birthDate: text("birth_date"),
    passwordHash: text("password_hash").notNull(),
    locale: text("locale", { enum: locales }).notNull().default("vi"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    mustChangePassword: integer("must_change_password", { mode: "boolean" }).notNull().default(false),
    createdAt: timestamp("created_at").notNull().default(now),
    updatedAt: timestamp("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("users_username_uq").on(t.username), index("users_phone_idx").on(t.phone)],
);

/** Lucia v3 sessions; the Drizzle SQLite adapter stores `expires_at` in seconds. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const positions = sqliteTable("positions", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  code: text("code").notNull().unique(),
  nameVi: text("name_vi").notNull(),
  nameEn: text("name_en").notNull(),
  /** The tier where the position usually sits; informative, not enforced. */
  tierId: integer("tier_id").references(() => tiers.id),
  sortOrder: integer("sort_order").notNull().default(0),
});

/** A person holds a position in a unit for a period; ending a placement keeps its history. */
export const placements = sqliteTable(
  "placements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    orgUnitId: integer("org_unit_id")
      .notNull()
      .references(() => orgUnits.id),
    positionId: integer("position_id")
      .notNull()
      .references(() => positions.id),
    startDate: text("start_date").notNull(),
    endDate: text("end_date"),
    endReason: text("end_reason"),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [index("placements_user_idx").on(t.userId), index("placements_unit_idx").on(t.orgUnitId, t.endDate)],
);

export const roles = ["learner", "trainer", "manager", "admin"] as const;
export type Role = (typeof roles)[number];

/** A role granted at a unit reaches that unit and every unit below it. */
export const roleGrants = sqliteTable(
  "role_grants",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: roles }).notNull(),
    orgUnitId: integer("org_unit_id")
      .notNull()
      .references(() => orgUnits.id),
    grantedBy: text("granted_by").references(() => users.id),
    createdAt: timestamp("created_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("role_grants_uq").on(t.userId, t.role, t.orgUnitId),
    index("role_grants_unit_idx").on(t.orgUnitId),
  ],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actorUserId: text("actor_user_id").references(() => users.id),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    /** Unit the change belongs to, so an auditor sees only their subtree. */
    orgUnitId: integer("org_unit_id").references(() => orgUnits.id),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
    at: timestamp("at").notNull().default(now),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_entity_idx").on(t.entityType, t.entityId)],
);

/**
 * Rate limits (app/domain/rate-limit.ts): one row per key — a rule, an address, an account
 * — holding its theoretical arrival time in ms. A row whose time has passed carries nothing
 * and is deleted as others are written.
 */
export const rateLimits = sqliteTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    tat: integer("tat").notNull(),
  },
  (t) => [index("rate_limits_tat_idx").on(t.tat)],
);

/** A course; its content lives in immutable versions, `currentVersionId` is what learners get. */
export const courses = sqliteTable("courses", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  currentVersionId: integer("current_version_id"),
  /**
   * The unit whose trainers look after the course and whose staff it is for; null for a
   * national course (the ones in content/). A trainer edits courses of units in their subtree.
   */
  ownerUnitId: integer("owner_unit_id").references(() => orgUnits.id),
  createdAt: timestamp("created_at").notNull().default(now),
});

export const courseVersions = sqliteTable(
  "course_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id),
    /** 1, 2, 3… per course, assigned when published. */
    number: integer("number").notNull(),
    declaredVersion: integer("declared_version"),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    /** Compiled MDX of the optional introduction in course.md. */
    introHash: text("intro_hash"),
    audienceTiers: text("audience_tiers", { mode: "json" }).$type<string[]>().notNull(),
    audiencePositions: text("audience_positions", { mode: "json" }).$type<string[]>().notNull(),
    estimatedMinutes: integer("estimated_minutes").notNull(),
    certificateValidityMonths: integer("certificate_validity_months").notNull(),
    passMark: integer("pass_mark").notNull(),
    quiz: text("quiz", { mode: "json" })
      .$type<{
        questionCount: number;
        maxAttempts: number;
        retryWaitMinutes: number;
        timeLimitMinutes?: number;
        perTopic?: boolean;
      }>()
      .notNull(),
    /** Hash of every file of the course folder: an unchanged folder is not published again. */
    sourceHash: text("source_hash").notNull(),
    /** The text of course.md as published, so an export gives back the same bytes. */
    courseSource: text("course_source"),
    /** Whether an in-person training completes the course: attendance alone, or with the quiz. */
    inPerson: text("in_person", { enum: ["attendance", "attendance-and-quiz"] }),
    publishedAt: timestamp("published_at").notNull().default(now),
    publishedBy: text("published_by").references(() => users.id),
  },
  (t) => [
    uniqueIndex("course_versions_number_uq").on(t.courseId, t.number),
    index("course_versions_hash_idx").on(t.courseId, t.sourceHash),
  ],
);

export const courseLessons = sqliteTable(
  "course_lessons",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    courseVersionId: integer("course_version_id")
      .notNull()
      .references(() => courseVersions.id),
    /** The lesson's permanent identity across versions; progress is kept by it. */
    lessonKey: text("lesson_key").notNull(),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    minutes: integer("minutes").notNull(),
    source: text("source").notNull(),
    /** Key of the compiled output in `compiled_mdx`. */
    compiledHash: text("compiled_hash").notNull(),
  },
  (t) => [
    uniqueIndex("course_lessons_key_uq").on(t.courseVersionId, t.lessonKey),
    index("course_lessons_position_idx").on(t.courseVersionId, t.position),
  ],
);

/** Compiled MDX by the hash of its source and the compiler: a restart compiles nothing unchanged. */
export const compiledMdx = sqliteTable("compiled_mdx", {
  hash: text("hash").primaryKey(),
  code: text("code").notNull(),
  compiledAt: timestamp("compiled_at").notNull().default(now),
});

export const questionBanks = sqliteTable("question_banks", {
  courseVersionId: integer("course_version_id")
    .primaryKey()
    .references(() => courseVersions.id),
  source: text("source").notNull(),
  questions: text("questions", { mode: "json" }).notNull(),
});

/** File bytes by SHA-256, shared by every version that uses the same file. */
export const contentBlobs = sqliteTable("content_blobs", {
  hash: text("hash").primaryKey(),
  bytes: blob("bytes", { mode: "buffer" }).notNull(),
  size: integer("size").notNull(),
});

export const courseAssets = sqliteTable(
  "course_assets",
  {
    courseVersionId: integer("course_version_id")
      .notNull()
      .references(() => courseVersions.id),
    kind: text("kind", { enum: ["media", "file"] }).notNull(),
    name: text("name").notNull(),
    mime: text("mime").notNull(),
    hash: text("hash")
      .notNull()
      .references(() => contentBlobs.hash),
  },
  (t) => [primaryKey({ columns: [t.courseVersionId, t.kind, t.name] })],
);

/** A lesson read by a learner, by lesson identity so a new course version keeps the progress. */
export const lessonReads = sqliteTable(
  "lesson_reads",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id),
    lessonKey: text("lesson_key").notNull(),
    firstReadAt: timestamp("first_read_at").notNull().default(now),
    lastReadAt: timestamp("last_read_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.userId, t.courseId, t.lessonKey] })],
);

export const attemptStatuses = ["in_progress", "submitted"] as const;

/**
 * One quiz attempt. The draw (questions, order, right answers) is frozen in `draw` when it
 * starts; `(user, course, number)` is unique, so two tabs cannot start two attempts, and the
 * submission is a conditional update, so a double click scores it once.
 */
export const quizAttempts = sqliteTable(
  "quiz_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id),
    courseVersionId: integer("course_version_id")
      .notNull()
      .references(() => courseVersions.id),
    number: integer("number").notNull(),
    status: text("status", { enum: attemptStatuses }).notNull().default("in_progress"),
    draw: text("draw", { mode: "json" }).notNull(),
    passMark: integer("pass_mark").notNull(),
    answers: text("answers", { mode: "json" }),
    startedAt: timestamp("started_at").notNull(),
    deadlineAt: timestamp("deadline_at"),
    submittedAt: timestamp("submitted_at"),
    points: real("points"),
    maxPoints: integer("max_points"),
    percent: real("percent"),
    passed: integer("passed", { mode: "boolean" }),
    late: integer("late", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    uniqueIndex("quiz_attempts_number_uq").on(t.userId, t.courseId, t.number),
    index("quiz_attempts_course_idx").on(t.courseId, t.status),
  ],
);

/** A course completed, once per certification cycle, with the attempt that completed it. */
export const courseCompletions = sqliteTable(
  "course_completions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id),
    courseVersionId: integer("course_version_id")
      .notNull()
      .references(() => courseVersions.id),
    attemptId: integer("attempt_id").references(() => quizAttempts.id),
    completedAt: timestamp("completed_at").notNull(),
    /** How: the lessons and quiz online, or an in-person training event (decision 014). */
    via: text("via", { enum: ["online", "in_person"] })
      .notNull()
      .default("online"),
    eventId: integer("event_id"),
    /** Set when the attendance that completed it was taken back: the certificate is revoked with it. */
    undoneAt: timestamp("undone_at"),
    /**
     * The certification cycle it opened: 1, 2, 3… per person and course (decision 018). An
     * undone completion gives its number back; the default serves rows made before cycles.
     */
    cycle: integer("cycle").notNull().default(1),
  },
  (t) => [
    // An attempt completes once; an undone completion hands its attempt back (decision 014).
    uniqueIndex("course_completions_attempt_uq").on(t.attemptId).where(sql`undone_at is null`),
    index("course_completions_user_idx").on(t.userId, t.courseId),
    // One standing completion per person, course and cycle, whatever the path (decision 018).
    uniqueIndex("course_completions_cycle_uq").on(t.userId, t.courseId, t.cycle).where(sql`undone_at is null`),
  ],
);

/** Issued on completion; the holder's name, position and unit are kept as they were that day. */
export const certificates = sqliteTable(
  "certificates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id),
    courseVersionId: integer("course_version_id")
      .notNull()
      .references(() => courseVersions.id),
    completionId: integer("completion_id")
      .notNull()
      .references(() => courseCompletions.id),
    courseTitle: text("course_title").notNull(),
    courseVersionNumber: integer("course_version_number").notNull(),
    holderName: text("holder_name").notNull(),
    positionName: text("position_name"),
    unitName: text("unit_name"),
    unitId: integer("unit_id").references(() => orgUnits.id),
    issuedOn: text("issued_on").notNull(),
    expiresOn: text("expires_on").notNull(),
    revokedAt: timestamp("revoked_at"),
    revokedReason: text("revoked_reason"),
    revokedBy: text("revoked_by").references(() => users.id),
    /** The cycle of its completion (decision 018). */
    cycle: integer("cycle").notNull().default(1),
  },
  (t) => [
    uniqueIndex("certificates_code_uq").on(t.code),
    uniqueIndex("certificates_completion_uq").on(t.completionId),
    index("certificates_user_idx").on(t.userId, t.courseId),
    // One certificate that is not revoked per person, course and cycle (decision 018).
    uniqueIndex("certificates_cycle_uq").on(t.userId, t.courseId, t.cycle).where(sql`revoked_at is null`),
  ],
);

/**
 * A course assigned to an audience: a unit (with or without its sub-units, narrowed to tiers
 * and positions) and/or named people, with a due date. Membership is evaluated live on open
 * placements (docs/decisions/009).
 */
export const assignments = sqliteTable(
  "assignments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id),
    orgUnitId: integer("org_unit_id").references(() => orgUnits.id),
    includeSubunits: integer("include_subunits", { mode: "boolean" }).notNull().default(true),
    tiers: text("tiers", { mode: "json" }).$type<string[]>().notNull(),
    positions: text("positions", { mode: "json" }).$type<string[]>().notNull(),
    dueOn: text("due_on").notNull(),
    createdBy: text("created_by").references(() => users.id),
    createdAt: timestamp("created_at").notNull().default(now),
    cancelledAt: timestamp("cancelled_at"),
  },
  (t) => [index("assignments_unit_idx").on(t.orgUnitId), index("assignments_course_idx").on(t.courseId)],
);

export const assignmentPeople = sqliteTable(
  "assignment_people",
  {
    assignmentId: integer("assignment_id")
      .notNull()
      .references(() => assignments.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.assignmentId, t.userId] }), index("assignment_people_user_idx").on(t.userId)],
);

/**
 * What the rollups last counted for a person (placements and a status per assigned course,
 * JSON), so the next change subtracts exactly that. `nextChangeOn` is the first day a status
 * changes by the calendar alone (a due date passing, a certificate expiring): the rollups
 * apply it when that day comes (docs/decisions/010).
 */
export const learnerRollupStates = sqliteTable(
  "learner_rollup_states",
  {
    userId: text("user_id")
      .primaryKey()
      .references(() => users.id),
    state: text("state", { mode: "json" }).notNull(),
    nextChangeOn: text("next_change_on"),
    asOf: text("as_of").notNull(),
  },
  (t) => [index("learner_rollup_states_next_idx").on(t.nextChangeOn)],
);

/**
 * Per unit (counting its whole subtree), course (0 = all assigned courses), tier and
 * position (0 = any) of the people placed there: the counts of the indicator, kept current
 * in the same transaction as every write that changes a status.
 */
export const unitRollups = sqliteTable(
  "unit_rollups",
  {
    orgUnitId: integer("org_unit_id").notNull(),
    courseId: integer("course_id").notNull(),
    tierId: integer("tier_id").notNull(),
    positionId: integer("position_id").notNull(),
    assigned: integer("assigned").notNull().default(0),
    trained: integer("trained").notNull().default(0),
    inProgress: integer("in_progress").notNull().default(0),
    notStarted: integer("not_started").notNull().default(0),
    overdue: integer("overdue").notNull().default(0),
    expired: integer("expired").notNull().default(0),
    expiringSoon: integer("expiring_soon").notNull().default(0),
    trainedInPerson: integer("trained_in_person").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgUnitId, t.courseId, t.tierId, t.positionId] })],
);

/** The day the rollups are current as of (one row): calendar transitions up to it are applied. */
export const rollupClock = sqliteTable("rollup_clock", {
  id: integer("id").primaryKey(),
  asOf: text("as_of").notNull(),
});

/**
 * The indicator per unit and course at the end of each month, frozen: last month's official
 * figure does not move when today's data does.
 */
export const indicatorSnapshots = sqliteTable(
  "indicator_snapshots",
  {
    month: text("month").notNull(),
    orgUnitId: integer("org_unit_id").notNull(),
    courseId: integer("course_id").notNull(),
    assigned: integer("assigned").notNull(),
    trained: integer("trained").notNull(),
    overdue: integer("overdue").notNull(),
    expired: integer("expired").notNull(),
    expiringSoon: integer("expiring_soon").notNull(),
    takenAt: timestamp("taken_at").notNull().default(now),
  },
  (t) => [
    primaryKey({ columns: [t.month, t.orgUnitId, t.courseId] }),
    index("indicator_snapshots_unit_idx").on(t.orgUnitId, t.courseId, t.month),
  ],
);

/**
 * A course being written in the browser: the files of a course folder, kept until published.
 * Lessons are rows of their own (by lesson key) so two trainers can edit two lessons at once;
 * every row carries a revision for optimistic concurrency (docs/decisions/011).
 */
export const courseDrafts = sqliteTable("course_drafts", {
  slug: text("slug").primaryKey(),
  ownerUnitId: integer("owner_unit_id").references(() => orgUnits.id),
  /** The published version the draft was started from, if any. */
  baseVersionId: integer("base_version_id").references(() => courseVersions.id),
  createdBy: text("created_by").references(() => users.id),
  createdAt: timestamp("created_at").notNull().default(now),
});

export const courseDraftLessons = sqliteTable(
  "course_draft_lessons",
  {
    slug: text("slug")
      .notNull()
      .references(() => courseDrafts.slug, { onDelete: "cascade" }),
    lessonKey: text("lesson_key").notNull(),
    position: integer("position").notNull(),
    /** The whole .mdx file: frontmatter (title, minutes) and body. */
    source: text("source").notNull(),
    revision: integer("revision").notNull().default(1),
    updatedBy: text("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.slug, t.lessonKey] })],
);

/** The draft's other files: course.md, questions.yaml (text) and media/, files/ (by blob hash). */
export const courseDraftFiles = sqliteTable(
  "course_draft_files",
  {
    slug: text("slug")
      .notNull()
      .references(() => courseDrafts.slug, { onDelete: "cascade" }),
    path: text("path").notNull(),
    text: text("text"),
    blobHash: text("blob_hash").references(() => contentBlobs.hash),
    /** For an uploaded picture: what it shows, offered when the trainer inserts a figure. */
    altText: text("alt_text"),
    revision: integer("revision").notNull().default(1),
    updatedBy: text("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.slug, t.path] })],
);

export const rosterImportStatuses = ["checked", "committing", "committed"] as const;

/**
 * A staff roster file as uploaded: kept so the confirmation re-checks exactly the file that
 * was previewed, and so the audit can name it by hash. The printable sheet of new accounts'
 * initial passwords is kept only until its one download.
 */
export const rosterImports = sqliteTable(
  "roster_imports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: ["staff", "units"] })
      .notNull()
      .default("staff"),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    fileName: text("file_name").notNull(),
    fileHash: text("file_hash").notNull(),
    bytes: blob("bytes", { mode: "buffer" }).notNull(),
    status: text("status", { enum: rosterImportStatuses }).notNull().default("checked"),
    /** The last check: counts, problems and what each row will do (JSON). */
    preview: text("preview", { mode: "json" }).notNull(),
    accountSheet: blob("account_sheet", { mode: "buffer" }),
    createdAt: timestamp("created_at").notNull().default(now),
    committedAt: timestamp("committed_at"),
  },
  (t) => [index("roster_imports_creator_idx").on(t.createdBy, t.createdAt)],
);

export const eventStatuses = ["scheduled", "cancelled"] as const;

/**
 * An in-person training ("hội nghị tập huấn") organised by a unit, for one or several days,
 * counting for one or more courses. Invitations are made when it is created (from its
 * audience) and kept as rows, so the organiser can add and remove people. Decision 014.
 */
export const trainingEvents = sqliteTable(
  "training_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    orgUnitId: integer("org_unit_id")
      .notNull()
      .references(() => orgUnits.id),
    place: text("place").notNull(),
    capacity: integer("capacity"),
    status: text("status", { enum: eventStatuses }).notNull().default("scheduled"),
    /** Who was invited: a unit (with or without sub-units), narrowed to tiers and positions. */
    audience: text("audience", { mode: "json" }),
    /** Key of the rotating check-in code; never leaves the server. */
    checkInSecret: text("check_in_secret").notNull(),
    createdBy: text("created_by").references(() => users.id),
    createdAt: timestamp("created_at").notNull().default(now),
    updatedAt: timestamp("updated_at").notNull().default(now),
    cancelledAt: timestamp("cancelled_at"),
  },
  (t) => [index("training_events_unit_idx").on(t.orgUnitId)],
);

export const trainingEventDays = sqliteTable(
  "training_event_days",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => trainingEvents.id, { onDelete: "cascade" }),
    dayIndex: integer("day_index").notNull(),
    date: text("date").notNull(),
    startsAt: text("starts_at").notNull(),
    endsAt: text("ends_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.dayIndex] }), index("training_event_days_date_idx").on(t.date)],
);

export const trainingEventCourses = sqliteTable(
  "training_event_courses",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => trainingEvents.id, { onDelete: "cascade" }),
    courseId: integer("course_id")
      .notNull()
      .references(() => courses.id),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.courseId] })],
);

export const trainingEventTrainers = sqliteTable(
  "training_event_trainers",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => trainingEvents.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] })],
);

export const invitationResponses = ["pending", "confirmed", "declined"] as const;

export const trainingInvitations = sqliteTable(
  "training_invitations",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => trainingEvents.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    response: text("response", { enum: invitationResponses }).notNull().default("pending"),
    source: text("source", { enum: ["audience", "added", "walk_in"] })
      .notNull()
      .default("audience"),
    respondedAt: timestamp("responded_at"),
    removedAt: timestamp("removed_at"),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId] }), index("training_invitations_user_idx").on(t.userId)],
);

/**
 * Attendance per person and day: present the whole day or half of it, or marked absent, and
 * how it was taken. No row means not yet marked, never absent (issue 14).
 */
export const trainingAttendance = sqliteTable(
  "training_attendance",
  {
    eventId: integer("event_id")
      .notNull()
      .references(() => trainingEvents.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    dayIndex: integer("day_index").notNull(),
    portion: text("portion", { enum: ["full", "half", "absent"] }).notNull(),
    method: text("method", { enum: ["list", "qr", "sheet"] }).notNull(),
    recordedBy: text("recorded_by").references(() => users.id),
    recordedAt: timestamp("recorded_at").notNull().default(now),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.userId, t.dayIndex] }),
    index("training_attendance_user_idx").on(t.userId),
  ],
);

/** Messages for a person inside the app (an event cancelled or moved). */
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    eventId: integer("event_id"),
    params: text("params", { mode: "json" }).notNull(),
    createdAt: timestamp("created_at").notNull().default(now),
    readAt: timestamp("read_at"),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);

/**
 * The privacy notice (Law 91/2025/QH15): what is held, why, who sees it, how long, and the
 * person's rights. Versions are immutable; the highest is current. Administrators publish a
 * new version; everyone acknowledges it at their next sign-in. Decision 027.
 */
export const privacyNotices = sqliteTable("privacy_notices", {
  version: integer("version").primaryKey(),
  bodyVi: text("body_vi").notNull(),
  bodyEn: text("body_en").notNull(),
  publishedBy: text("published_by").references(() => users.id),
  publishedAt: timestamp("published_at").notNull().default(now),
});

/** That a person read a version of the notice, and when. */
export const privacyAcknowledgements = sqliteTable(
  "privacy_acknowledgements",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    noticeVersion: integer("notice_version")
      .notNull()
      .references(() => privacyNotices.version),
    at: timestamp("at").notNull().default(now),
  },
  (t) => [primaryKey({ columns: [t.userId, t.noticeVersion] })],
);

/**
 * Consent to be contacted by SMS or e-mail for reminders, given or withdrawn: one row per
 * change, the latest counts. Kept apart from the acknowledgement, which is not consent.
 */
export const contactConsents = sqliteTable(
  "contact_consents",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    granted: integer("granted", { mode: "boolean" }).notNull(),
    noticeVersion: integer("notice_version")
      .notNull()
      .references(() => privacyNotices.version),
    at: timestamp("at").notNull().default(now),
  },
  (t) => [index("contact_consents_user_idx").on(t.userId, t.id)],
);

export const correctionStatuses = ["open", "corrected", "declined"] as const;

/**
 * A person's request to correct what is held about them. It goes to the managers of the
 * unit they worked in when they asked, with the date the law's deadline falls on.
 */
export const correctionRequests = sqliteTable(
  "correction_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    orgUnitId: integer("org_unit_id").references(() => orgUnits.id),
    body: text("body").notNull(),
    status: text("status", { enum: correctionStatuses }).notNull().default("open"),
    dueAt: timestamp("due_at").notNull(),
    createdAt: timestamp("created_at").notNull().default(now),
    handledBy: text("handled_by").references(() => users.id),
    handledAt: timestamp("handled_at"),
    response: text("response"),
  },
  (t) => [
    index("correction_requests_unit_idx").on(t.orgUnitId, t.status),
    index("correction_requests_user_idx").on(t.userId),
  ],
);
