import crypto from "node:crypto";
import { getEnv } from "./env.server";

/**
 * A browser its owner has signed in on before. Sign-in attempts from such a browser are
 * not counted against the account as a whole (app/domain/rate-limit.ts), so strangers
 * guessing the password cannot lock its owner out. The cookie names accounts by id,
 * signed with the server secret; it grants nothing else.
 */
const COOKIE = "cp_device";
const MAX_ACCOUNTS = 4;
const ONE_YEAR_S = 365 * 24 * 3600;

function sign(payload: string): string {
  return crypto
    .createHmac("sha256", getEnv().SESSION_SECRET)
    .update(`known-device:${payload}`)
    .digest("base64url")
    .slice(0, 32);
}

function readCookie(cookieHeader: string | null): string | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === COOKIE) return value.join("=");
  }
  return null;
}

/** The accounts this browser has signed in to, when its cookie is ours and unaltered. */
export function knownAccounts(cookieHeader: string | null): string[] {
  const value = readCookie(cookieHeader);
  const dot = value?.lastIndexOf(".") ?? -1;
  if (!value || dot < 1) return [];
  const payload = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const expected = Buffer.from(sign(payload));
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return [];
  return payload.split("~").filter((id) => /^[0-9a-f-]{1,64}$/i.test(id));
}

/** The Set-Cookie that adds `userId` to this browser's accounts (the latest few kept). */
export function rememberDevice(cookieHeader: string | null, userId: string): string {
  const accounts = [userId, ...knownAccounts(cookieHeader).filter((id) => id !== userId)].slice(0, MAX_ACCOUNTS);
  const payload = accounts.join("~");
  const secure = getEnv().cookieSecure ? "; Secure" : "";
  return `${COOKIE}=${payload}.${sign(payload)}; Path=/login; Max-Age=${ONE_YEAR_S}; HttpOnly; SameSite=Lax${secure}`;
}
