import { createCookie } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/i18n";
import type { Viewer } from "./auth.server";

/** The language of someone not signed in; a signed-in person's choice is stored on their account. */
export const localeCookie = createCookie("lang", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export async function resolveLocale(request: Request, viewer: Viewer | null): Promise<Locale> {
  if (viewer) return viewer.user.locale;
  const fromCookie: unknown = await localeCookie.parse(request.headers.get("Cookie"));
  return isLocale(fromCookie) ? fromCookie : DEFAULT_LOCALE;
}
