import { getEnv } from "./env.server";

/**
 * A state-changing request must come from our own pages. Browsers send Origin on every
 * POST; when it is missing (old browsers, non-browser clients) the Referer decides, and a
 * request with neither is not a cross-site form post.
 */
export function isSameOrigin(request: Request): boolean {
  const host =
    request.headers.get("X-Forwarded-Host") && getEnv().trustProxy
      ? request.headers.get("X-Forwarded-Host")
      : request.headers.get("Host");
  const source = request.headers.get("Origin") ?? request.headers.get("Referer");
  if (!source) return true;
  if (!host || source === "null") return false;
  try {
    return new URL(source).host === host;
  } catch {
    return false;
  }
}

/**
 * The client's address, known only behind a reverse proxy that sets X-Forwarded-For
 * (production always has one: it terminates TLS). The last hop is the one our proxy added.
 */
export function clientAddress(request: Request): string | null {
  if (!getEnv().trustProxy) return null;
  const forwarded = request.headers.get("X-Forwarded-For");
  const last = forwarded?.split(",").pop()?.trim();
  return last || request.headers.get("X-Real-IP")?.trim() || null;
}
