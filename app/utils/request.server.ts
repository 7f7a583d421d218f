import { badRequest, unsupportedMediaType } from "./http.server";

/**
 * A state-changing request must come from our own pages. Browsers send Origin on every
 * POST; when it is missing (old browsers, non-browser clients) the Referer decides, and a
 * request with neither is not a cross-site form post. `host` is the one the server
 * resolved (Host, or X-Forwarded-Host from a configured proxy), never a header a client
 * can set on its own.
 */
export function isSameOrigin(header: (name: string) => string | null, host: string | null): boolean {
  const source = header("Origin") ?? header("Referer");
  if (!source) return header("Sec-Fetch-Site") !== "cross-site";
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

/**
 * Every action reads its form here: a body that is not a form answers 415, a broken one
 * 400 — never a 500 from the parser. (The server refuses both before the body is read;
 * this holds for any caller that reaches an action another way.)
 */
export async function readForm(request: Request): Promise<FormData> {
  if (!isFormContentType(request.headers.get("Content-Type"))) {
    const body = await request.arrayBuffer().catch(() => {
      throw badRequest();
    });
    if (body.byteLength === 0) return new FormData();
    throw unsupportedMediaType();
  }
  try {
    return await request.formData();
  } catch {
    throw badRequest();
  }
}
