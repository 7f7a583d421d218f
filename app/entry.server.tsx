import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { contentSecurityPolicy } from "./utils/csp.server";
import { getEnv } from "./utils/env.server";
import { NonceContext } from "./utils/nonce";

// Fail at start, not on the first request, when the environment is wrong.
getEnv();

/**
 * Pages are rendered whole, not streamed: no route defers data, our pages are small, and a
 * single string is several times cheaper than React's streaming renderer piped through web
 * streams (measured by `npm run bench:lesson`). The server (app/server) adds the headers
 * every response carries.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  const html = renderToString(
    <NonceContext.Provider value={nonce}>
      <RemixServer context={remixContext} url={request.url} />
    </NonceContext.Provider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  return new Response(`<!DOCTYPE html>${html}`, { headers: responseHeaders, status: responseStatusCode });
}
