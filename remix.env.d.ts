/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

import "@remix-run/node";

declare module "@remix-run/node" {
  /** What our server (app/server) hands every loader and action of one request. */
  interface AppLoadContext {
    /** The client's address: the socket's, or the one a configured proxy forwarded. */
    clientAddress: string | null;
    /** Allows Remix's inline scripts under the page's Content-Security-Policy. */
    cspNonce: string;
  }
}
