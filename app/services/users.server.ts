import crypto from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { type Actor, can, type Role } from "~/domain/access";
import { cleanName, searchKey } from "~/domain/text";
import { type Locale, type MessageKey, todayInVietnam } from "~/i18n";
import { recordAudit } from "~/models/audit.server";
import { findUnitByCode, findUnitById } from "~/models/units.server";
import { findCredentialsById, findUserByUsername, findUserProfile } from "~/models/users.server";
import { refreshLearners } from "~/services/rollups.server";
import { signOutEverywhere, signOutOtherSessions } from "~/utils/auth.server";
import { getDb, writeTransaction } from "~/utils/db.server";
import { generateInitialPassword, hashPassword, verifyPassword } from "~/utils/password.server";
import { placements, positions, roleGrants, users } from "../../db/schema";

export type UserChangeResult<T = object> = ({ ok: true } & T) | { ok: false; field: string; error: MessageKey };

const fail = (field: string, error: MessageKey) => ({ ok: false as const, field, error });

export interface NewUser {
  username: string;
  fullName: string;
  phone?: string;
  email?: string;
  locale?: Locale;
  unitCode: string;
  positionId: number;
  startDate?: string;
}

/**
 * Creates an account placed in a unit of the actor's subtree, with a generated initial
 * password the person must change at first sign-in. `password` is for the demo seed only.
 */
export async function createUser(
  actor: Actor,
  input: NewUser,
  options: { password?: string; mustChangePassword?: boolean } = {},
): Promise<UserChangeResult<{ userId: string; initialPassword: string }>> {
  const unit = findUnitByCode(input.unitCode);
  if (!unit) return fail("unitCode", "units.error.unknownCode");
  if (!can(actor, "user.edit", unit.path)) return fail("unitCode", "units.error.outOfScope");
  if (unit.status !== "active") return fail("unitCode", "units.error.inactive");
  if (findUserByUsername(input.username)) return fail("username", "users.error.usernameTaken");
  const db = getDb();
  const position = db.select().from(positions).where(eq(positions.id, input.positionId)).get();
  if (!position) return fail("positionId", "form.invalidChoice");

  const initialPassword = options.password ?? generateInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  const userId = crypto.randomUUID();
  const fullName = cleanName(input.fullName);
  const startDate = input.startDate ?? todayInVietnam();
  try {
    writeTransaction((tx) => {
      tx.insert(users)
        .values({
          id: userId,
          username: input.username,
          fullName,
          fullNameSearch: searchKey(fullName),
          phone: input.phone ?? null,
          email: input.email ?? null,
          locale: input.locale ?? "vi",
          passwordHash,
          mustChangePassword: options.mustChangePassword ?? true,
        })
        .run();
      tx.insert(placements).values({ userId, orgUnitId: unit.id, positionId: position.id, startDate }).run();
      tx.insert(roleGrants).values({ userId, role: "learner", orgUnitId: unit.id, grantedBy: actor.userId }).run();
      refreshLearners([userId]);
      recordAudit(tx, {
        actorUserId: actor.userId,
        action: "user.create",
        entityType: "user",
        entityId: userId,
        orgUnitId: unit.id,
        after: {
          username: input.username,
          fullName,
          phone: input.phone ?? null,
          unit: unit.code,
          position: position.code,
        },
      });
    });
  } catch (error) {
    // Two admins creating the same username at once: the unique index decides.
    if (error instanceof Error && /UNIQUE constraint failed: users.username/.test(error.message)) {
      return fail("username", "users.error.usernameTaken");
    }
    throw error;
  }
  return { ok: true, userId, initialPassword };
}

export function updateProfile(
  actor: Actor,
  userId: string,
  input: { fullName: string; phone?: string; email?: string },
): UserChangeResult {
  const before = findUserProfile(userId);
  if (!before) return fail("_form", "units.error.outOfScope");
  const fullName = cleanName(input.fullName);
  writeTransaction((tx) => {
    tx.update(users)
      .set({
        fullName,
        fullNameSearch: searchKey(fullName),
        phone: input.phone ?? null,
        email: input.email ?? null,
        updatedAt: new Date(),
      })
      .where(eq(users.id, userId))
      .run();
    recordAudit(tx, {
      actorUserId: actor.userId,
      action: "user.update",
      entityType: "user",
      entityId: userId,
      before: { fullName: before.fullName, phone: before.phone, email: before.email },
      after: { fullName, phone: input.phone ?? null, email: input.email ?? null },
    });
  });
  return { ok: true };
}

export function addPlacement(
  actor: Actor,
  userId: string,
  input: { unitCode: string; positionId: number; startDate: string },
): UserChangeResult {
  const unit = findUnitByCode(input.unitCode);
  if (!unit) return fail("unitCode", "units.error.unknownCode");
  if (!can(actor, "user.edit", unit.path)) return fail("unitCode", "units.error.outOfScope");
  if (unit.status !== "active") return fail("unitCode", "units.error.inactive");
  const db = getDb();
  const position = db.select().from(positions).where(eq(positions.id, input.positionId)).get();
  if (!position) return fail("positionId", "form.invalidChoice");
  const existing = db
    .select({ id: placements.id })
    .from(placements)
    .where(
      and(
        eq(placements.userId, userId),
        eq(placements.orgUnitId, unit.id),
        eq(placements.positionId, position.id),
        isNull(placements.endDate),
      ),
    )
    .get();
  if (existing) return fail("positionId", "users.error.placementExists");
  writeTransaction((tx) => {
    const placement = tx
      .insert(placements)
      .values({ userId, orgUnitId: unit.id, positionId: position.id, startDate: input.startDate })
      .returning({ id: placements.id })
      .get();
    refreshLearners([userId]);
    recordAudit(tx, {
      actorUserId: actor.userId,
      action: "placement.start",
      entityType: "placement",
      entityId: placement.id,
      orgUnitId: unit.id,
      after: { userId, unit: unit.code, position: position.code, startDate: input.startDate },
    });
  });
  return { ok: true };
}

export function endPlacement(
  actor: Actor,
  userId: string,
  input: { placementId: number; endDate: string },
): UserChangeResult {
  const db = getDb();
  const placement = db
    .select()
    .from(placements)
    .where(and(eq(placements.id, input.placementId), eq(placements.userId, userId)))
    .get();
  const unit = placement ? findUnitById(placement.orgUnitId) : undefined;
  if (!placement || !unit || !can(actor, "user.edit", unit.path)) return fail("_form", "units.error.outOfScope");
  if (placement.endDate) return { ok: true };
  // ISO dates compare as strings; a placement cannot end before it started.
  const endDate = [input.endDate, placement.startDate].sort().at(-1) as string;
  writeTransaction((tx) => {
    tx.update(placements).set({ endDate, endReason: "ended" }).where(eq(placements.id, placement.id)).run();
    refreshLearners([userId]);
    recordAudit(tx, {
      actorUserId: actor.userId,
      action: "placement.end",
      entityType: "placement",
      entityId: placement.id,
      orgUnitId: unit.id,
      before: { endDate: null },
      after: { endDate },
    });
  });
  return { ok: true };
}

export function grantRole(actor: Actor, userId: string, input: { role: Role; unitCode: string }): UserChangeResult {
  const unit = findUnitByCode(input.unitCode);
  if (!unit) return fail("unitCode", "units.error.unknownCode");
  if (!can(actor, "role.grant", unit.path)) return fail("unitCode", "units.error.outOfScope");
  const result = writeTransaction((tx) => {
    const inserted = tx
      .insert(roleGrants)
      .values({ userId, role: input.role, orgUnitId: unit.id, grantedBy: actor.userId })
      .onConflictDoNothing()
      .returning({ id: roleGrants.id })
      .get();
    if (!inserted) return false;
    recordAudit(tx, {
      actorUserId: actor.userId,
      action: "role.grant",
      entityType: "role_grant",
      entityId: inserted.id,
      orgUnitId: unit.id,
      after: { userId, role: input.role, unit: unit.code },
    });
    return true;
  });
  return result ? { ok: true } : fail("role", "users.error.grantExists");
}

export function revokeGrant(actor: Actor, userId: string, grantId: number): UserChangeResult {
  const db = getDb();
  const grant = db
    .select()
    .from(roleGrants)
    .where(and(eq(roleGrants.id, grantId), eq(roleGrants.userId, userId)))
    .get();
  const unit = grant ? findUnitById(grant.orgUnitId) : undefined;
  if (!grant || !unit || !can(actor, "role.grant", unit.path)) return fail("_form", "units.error.outOfScope");
  if (userId === actor.userId && grant.role === "admin") return fail("_form", "users.error.self");
  writeTransaction((tx) => {
    tx.delete(roleGrants).where(eq(roleGrants.id, grant.id)).run();
    recordAudit(tx, {
      actorUserId: actor.userId,
      action: "role.revoke",
      entityType: "role_grant",
      entityId: grant.id,
      orgUnitId: unit.id,
      before: { userId, role: grant.role, unit: unit.code },
    });
  });
  return { ok: true };
}

/** A new temporary password; every session of the person ends. */
export async function resetPassword(
  actor: Actor,
  userId: string,
): Promise<UserChangeResult<{ temporaryPassword: string }>> {
  const temporaryPassword = generateInitialPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  writeTransaction((tx) => {
    tx.update(users)
      .set({ passwordHash, mustChangePassword: true, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .run();
    recordAudit(tx, { actorUserId: actor.userId, action: "user.resetPassword", entityType: "user", entityId: userId });
  });
  await signOutEverywhere(userId);
  return { ok: true, temporaryPassword };
}

export async function setActive(actor: Actor, userId: string, active: boolean): Promise<UserChangeResult> {
  if (userId === actor.userId && !active) return fail("_form", "users.error.self");
  const before = findUserProfile(userId);
  if (!before) return fail("_form", "units.error.outOfScope");
  writeTransaction((tx) => {
    tx.update(users).set({ active, updatedAt: new Date() }).where(eq(users.id, userId)).run();
    recordAudit(tx, {
      actorUserId: actor.userId,
      action: active ? "user.activate" : "user.deactivate",
      entityType: "user",
      entityId: userId,
      before: { active: before.active },
      after: { active },
    });
  });
  if (!active) await signOutEverywhere(userId);
  return { ok: true };
}

/** The person's own change; other sessions end, this one stays. */
/**
 * Sets the person's own password. `currentPassword` is null only for the first change after
 * an initial password, and only while the account must change it: then every session of the
 * account was opened with that password (a reset ends all others), so it is not asked twice.
 */
export async function changeOwnPassword(
  userId: string,
  sessionId: string,
  input: { currentPassword: string | null; newPassword: string },
): Promise<UserChangeResult> {
  const current = findCredentialsById(userId);
  if (!current) return fail("currentPassword", "password.wrongCurrent");
  if (input.currentPassword === null) {
    if (!current.mustChangePassword) return fail("currentPassword", "password.wrongCurrent");
  } else if (!(await verifyPassword(current.passwordHash, input.currentPassword))) {
    return fail("currentPassword", "password.wrongCurrent");
  }
  if (await verifyPassword(current.passwordHash, input.newPassword)) return fail("newPassword", "password.sameAsOld");
  const passwordHash = await hashPassword(input.newPassword);
  writeTransaction((tx) => {
    tx.update(users)
      .set({ passwordHash, mustChangePassword: false, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .run();
    recordAudit(tx, { actorUserId: userId, action: "user.changePassword", entityType: "user", entityId: userId });
  });
  await signOutOtherSessions(userId, sessionId);
  return { ok: true };
}

export function setLocale(userId: string, locale: Locale): void {
  getDb().update(users).set({ locale }).where(eq(users.id, userId)).run();
}
