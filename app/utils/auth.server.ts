/**
 * The one place Lucia is touched. Routes use `getViewer`, `requireViewer`, `signIn` and
 * `signOut`; replacing Lucia later changes this file only.
 */
import { DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import { type AppLoadContext, redirect } from "@remix-run/node";
import { Lucia, type Session, TimeSpan } from "lucia";
import type { Actor } from "~/domain/access";
import { addressKey, type RateRule, RULES, rateKey } from "~/domain/rate-limit";
import { findCredentials, findUserProfile, grantsForActor, type UserProfile } from "~/models/users.server";
import { type Charge, giveBack, take } from "~/services/rate-limits.server";
import { sessions, users } from "../../db/schema";
import { getDb } from "./db.server";
import { getEnv } from "./env.server";
import { forbidden } from "./http.server";
import { knownAccounts, rememberDevice } from "./known-devices.server";
import { verifyPassword } from "./password.server";
import { isSameOrigin } from "./request.server";

let lucia: Lucia | undefined;

function getLucia(): Lucia {
  if (!lucia) {
    lucia = new Lucia(new DrizzleSQLiteAdapter(getDb(), sessions, users), {
      sessionExpiresIn: new TimeSpan(30, "d"),
      sessionCookie: {
        name: "cp_session",
        attributes: { secure: getEnv().cookieSecure, sameSite: "lax" },
      },
    });
  }
  return lucia;
}

export interface Viewer {
  user: UserProfile;
  actor: Actor;
  session: Session;
}

type ViewerLookup = { viewer: Viewer | null; setCookie?: string };

// The root loader and the route's loaders of one request share its load context (Remix
// hands each loader a new Request, so the Request cannot be the key): look the session up
// once. Only reads share it: an action may sign in, out or change the person it acted on.
const lookups = new WeakMap<AppLoadContext, Promise<ViewerLookup>>();

/** The signed-in person, and a refreshed cookie to send when Lucia extended the session. */
export function getViewer(request: Request, context: AppLoadContext): Promise<ViewerLookup> {
  if (request.method !== "GET" && request.method !== "HEAD") return lookUpViewer(request);
  let lookup = lookups.get(context);
  if (!lookup) {
    lookup = lookUpViewer(request);
    lookups.set(context, lookup);
  }
  return lookup;
}

async function lookUpViewer(request: Request): Promise<ViewerLookup> {
  const auth = getLucia();
  const sessionId = auth.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!sessionId) return { viewer: null };
  const { session } = await auth.validateSession(sessionId);
  if (!session) return { viewer: null, setCookie: auth.createBlankSessionCookie().serialize() };
  const user = findUserProfile(session.userId);
  if (!user?.active) {
    await auth.invalidateSession(session.id);
    return { viewer: null, setCookie: auth.createBlankSessionCookie().serialize() };
  }
  const viewer: Viewer = { user, session, actor: { userId: user.id, grants: grantsForActor(user.id) } };
  return session.fresh ? { viewer, setCookie: auth.createSessionCookie(session.id).serialize() } : { viewer };
}

const PASSWORD_CHANGE_PATH = "/change-password";
export const NOTICE_PATH = "/privacy/acknowledge";
// Pages a person may open before acknowledging the privacy notice: the notice itself, and leaving.
const BEFORE_NOTICE = new Set([PASSWORD_CHANGE_PATH, NOTICE_PATH, "/logout"]);

/**
 * Every loader and action of a signed-in page starts here. A state-changing request from
 * another origin is refused before anything else; a person who must change their
 * password is sent to do so first, then to read the privacy notice if a version is new to them.
 */
export async function requireViewer(request: Request, context: AppLoadContext): Promise<Viewer> {
  assertSameOrigin(request);
  const { viewer } = await getViewer(request, context);
  const url = new URL(request.url);
  if (!viewer) {
    const back = `${url.pathname}${url.search}`;
    throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
  }
  if (viewer.user.mustChangePassword && url.pathname !== PASSWORD_CHANGE_PATH) {
    throw redirect(PASSWORD_CHANGE_PATH);
  }
  if (viewer.user.privacyNoticePending && !BEFORE_NOTICE.has(url.pathname)) {
    const back = `${url.pathname}${url.search}`;
    throw redirect(request.method === "GET" ? `${NOTICE_PATH}?redirectTo=${encodeURIComponent(back)}` : NOTICE_PATH);
  }
  return viewer;
}

export function assertSameOrigin(request: Request): void {
  if (request.method === "GET" || request.method === "HEAD") return;
  if (!isSameOrigin((name) => request.headers.get(name), new URL(request.url).host)) throw forbidden();
}

export type SignInResult =
  | { ok: true; setCookies: string[]; userId: string }
  | { ok: false; throttled?: { retryAfterMs: number; by: "address" | "accountAddress" | "account" } };

const THROTTLED_BY = new Map<RateRule, "address" | "accountAddress" | "account">([
  [RULES.signInAddress, "address"],
  [RULES.signInAccountAddress, "accountAddress"],
  [RULES.signInAccountNewDevice, "account"],
]);

/**
 * Checks the password (argon2id). The attempt is counted before the hash is computed —
 * per address, per account from that address, and per account from browsers it was never
 * used on — so parallel guesses are counted one by one; a success gives the counts back.
 */
export async function signIn(
  request: Request,
  context: AppLoadContext,
  username: string,
  password: string,
): Promise<SignInResult> {
  const address = addressKey(context.clientAddress);
  const cookieHeader = request.headers.get("Cookie");
  const credentials = findCredentials(username);
  const knownDevice = credentials !== undefined && knownAccounts(cookieHeader).includes(credentials.id);
  const perAccount: Charge[] = [
    { rule: RULES.signInAccountAddress, key: rateKey(RULES.signInAccountAddress, username, address) },
  ];
  if (!knownDevice)
    perAccount.push({ rule: RULES.signInAccountNewDevice, key: rateKey(RULES.signInAccountNewDevice, username) });
  const perAddress: Charge = { rule: RULES.signInAddress, key: rateKey(RULES.signInAddress, address) };
  const taken = take([perAddress, ...perAccount]);
  if (!taken.allowed) {
    return {
      ok: false,
      throttled: { retryAfterMs: taken.retryAfterMs, by: THROTTLED_BY.get(taken.rule) ?? "address" },
    };
  }

  // Verify against a real hash even for unknown users so timing does not reveal who exists.
  const valid = await verifyPassword(credentials?.passwordHash ?? DUMMY_HASH, password);
  if (!credentials || !valid || !credentials.active) return { ok: false };
  giveBack({ refund: [perAddress, ...perAccount.slice(1)], forget: perAccount.slice(0, 1) });
  const session = await getLucia().createSession(credentials.id, {});
  return {
    ok: true,
    setCookies: [getLucia().createSessionCookie(session.id).serialize(), rememberDevice(cookieHeader, credentials.id)],
    userId: credentials.id,
  };
}

const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$67TIDxxGeneES7JR4kqdiQ$1GYkIv/i9rJ/5DPwQAhx3ADmCk6/NV+u5ybtCzQFUo4";

export async function signOut(request: Request): Promise<string> {
  const auth = getLucia();
  const sessionId = auth.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (sessionId) await auth.invalidateSession(sessionId);
  return auth.createBlankSessionCookie().serialize();
}

/** After a password reset or lock, every session of the person ends. */
export async function signOutEverywhere(userId: string): Promise<void> {
  await getLucia().invalidateUserSessions(userId);
}

/** Keeps the current session and ends all others (after a password change). */
export async function signOutOtherSessions(userId: string, keepSessionId: string): Promise<void> {
  const auth = getLucia();
  for (const session of await auth.getUserSessions(userId)) {
    if (session.id !== keepSessionId) await auth.invalidateSession(session.id);
  }
}
