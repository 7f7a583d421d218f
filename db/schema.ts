import { sql } from "drizzle-orm";
import { type AnySQLiteColumn, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

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

/** Failed sign-ins, kept in the database so throttling survives restarts and spans processes. */
export const loginFailures = sqliteTable(
  "login_failures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    key: text("key").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("login_failures_key_at_idx").on(t.key, t.at)],
);
