import { createCookieSessionStorage } from "@remix-run/node";
import type { MessageKey } from "~/i18n";
import { getEnv } from "./env.server";

/** One-time messages that survive the redirect after a form post (signed with SESSION_SECRET). */
type FlashData = { message: MessageKey };
let storage: ReturnType<typeof createCookieSessionStorage<Record<string, never>, FlashData>> | undefined;

function getStorage() {
  if (!storage) {
    const env = getEnv();
    storage = createCookieSessionStorage<Record<string, never>, FlashData>({
      cookie: {
        name: "cp_flash",
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: env.cookieSecure,
        secrets: [env.SESSION_SECRET],
      },
    });
  }
  return storage;
}

export async function flashMessage(request: Request, message: MessageKey): Promise<string> {
  const session = await getStorage().getSession(request.headers.get("Cookie"));
  session.flash("message", message);
  return getStorage().commitSession(session);
}

export async function readFlash(request: Request): Promise<{ message: MessageKey | null; setCookie: string | null }> {
  const session = await getStorage().getSession(request.headers.get("Cookie"));
  const message = session.get("message");
  if (!message) return { message: null, setCookie: null };
  return { message, setCookie: await getStorage().commitSession(session) };
}
