import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { getEnv } from "./utils/env.server";

// Fail at start, not on the first request, when the environment is wrong.
getEnv();

function securityHeaders(headers: Headers) {
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Referrer-Policy", "same-origin");
  headers.set("Permissions-Policy", "camera=(self), microphone=(), geolocation=()");
}

export function handleDataRequest(response: Response) {
  securityHeaders(response.headers);
  return response;
}

/**
 * Pages are rendered whole, not streamed: no route defers data, our pages are small, and a
 * single string is several times cheaper than React's streaming renderer piped through web
 * streams (measured by `npm run bench:lesson`).
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const html = renderToString(<RemixServer context={remixContext} url={request.url} />);
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  securityHeaders(responseHeaders);
  return new Response(`<!DOCTYPE html>${html}`, { headers: responseHeaders, status: responseStatusCode });
}
