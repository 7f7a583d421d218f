import { badRequest, payloadTooLarge, unsupportedMediaType } from "./http.server";

/**
 * A state-changing request must come from our own pages. Browsers send Origin on every
 * POST; when it is missing (old browsers, non-browser clients) the Referer decides, and a
 * request with neither is not a cross-site form post. `host` is the one the server
 * resolved (Host, or X-Forwarded-Host from a configured proxy), never a header a client
 * can set on its own.
 */
export function isSameOrigin(headers: Headers, host: string | null): boolean {
  const source = headers.get("Origin") ?? headers.get("Referer");
  if (!source) return headers.get("Sec-Fetch-Site") !== "cross-site";
  if (!host || source === "null") return false;
  try {
    return new URL(source).host === host;
  } catch {
    return false;
  }
}

/** The form types our pages post; anything else is not a request of ours. */
const FORM_TYPE = /^(?:application\/x-www-form-urlencoded|multipart\/form-data)\s*(?:;|$)/i;

export function isFormContentType(contentType: string | null): boolean {
  return contentType !== null && FORM_TYPE.test(contentType);
}

/** The server's body limit cut a chunked body short (app/server/body-limit.ts). */
export class BodyTooLargeError extends Error {
  readonly code = "BODY_TOO_LARGE";
  constructor(limit: number) {
    super(`request body larger than ${limit} bytes`);
  }
}

export function isBodyTooLarge(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === "BODY_TOO_LARGE") return true;
  }
  return false;
}

/**
 * Every action reads its form here: a body that is not a form answers 415, a broken one
 * 400, one cut off by the body limit 413 — never a 500 from the parser.
 */
export async function readForm(request: Request): Promise<FormData> {
  const contentType = request.headers.get("Content-Type");
  if (!isFormContentType(contentType)) {
    const body = await request.arrayBuffer().catch((error: unknown) => {
      throw isBodyTooLarge(error) ? payloadTooLarge() : badRequest();
    });
    if (body.byteLength === 0) return new FormData();
    throw unsupportedMediaType();
  }
  try {
    return await request.formData();
  } catch (error) {
    throw isBodyTooLarge(error) ? payloadTooLarge() : badRequest();
  }
}
