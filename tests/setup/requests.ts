import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { signIn } from "~/utils/auth.server";
import { getDb } from "~/utils/db.server";
import { DEMO_PASSWORD } from "../../db/seed";

export const ORIGIN = "http://localhost:3000";

/** Where test requests come from, as our server would pass it to loaders and actions. */
export const TEST_CLIENT_ADDRESS = "192.0.2.10";

/** A fresh load context per request, as the server makes one per request. */
export function loadContext(overrides: Partial<AppLoadContext> = {}): AppLoadContext {
  return { clientAddress: TEST_CLIENT_ADDRESS, cspNonce: "test-nonce", ...overrides };
}

/**
 * A signed-in session cookie for an account, made through the real sign-in. The person has
 * read the privacy notice in force (as the demo accounts have), unless a test is about it.
 */
export async function cookieFor(
  username: string,
  password = DEMO_PASSWORD,
  options: { acknowledgeNotice?: boolean } = {},
): Promise<string> {
  const result = await signIn(new Request(`${ORIGIN}/login`, { method: "POST" }), loadContext(), username, password);
  if (!result.ok) throw new Error(`could not sign in as ${username}`);
  if (options.acknowledgeNotice ?? true) {
    getDb()
      .$client.prepare(
        `INSERT OR IGNORE INTO privacy_acknowledgements (user_id, notice_version)
         SELECT ?, max(version) FROM privacy_notices HAVING max(version) IS NOT NULL`,
      )
      .run(result.userId);
  }
  return result.setCookies[0]?.split(";")[0] as string;
}

export function get(path: string, cookie?: string): Request {
  return new Request(`${ORIGIN}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

export function post(path: string, fields: Record<string, string>, options: { cookie?: string; origin?: string } = {}) {
  const headers: Record<string, string> = { Origin: options.origin ?? ORIGIN, Host: new URL(ORIGIN).host };
  if (options.cookie) headers.Cookie = options.cookie;
  return new Request(`${ORIGIN}${path}`, { method: "POST", headers, body: new URLSearchParams(fields) });
}

export type Handler = (args: LoaderFunctionArgs & ActionFunctionArgs) => Promise<unknown> | unknown;

/**
 * Runs a loader or action the way Remix does, returning the Response whether it was
 * returned or thrown (redirects and 4xx are thrown responses).
 */
export async function run(
  handler: Handler,
  request: Request,
  params: Record<string, string> = {},
  context: AppLoadContext = loadContext(),
): Promise<Response> {
  try {
    const result = await handler({ request, params, context });
    if (result instanceof Response) return result;
    return new Response(JSON.stringify(result), { status: 200 });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/**
 * The errors of a form the server refused (Conform's `lastResult` in the action's `result`):
 * the first message of each field, the form's own under `_form`.
 */
export function formErrorsOf(body: { result?: { error?: Record<string, string[] | null> } }): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [name, messages] of Object.entries(body.result?.error ?? {})) {
    if (messages?.[0]) errors[name === "" ? "_form" : name] = messages[0];
  }
  return errors;
}
