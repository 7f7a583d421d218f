import { createContext, useContext } from "react";

/**
 * The page's CSP nonce, from the server's load context into the document (entry.server).
 * In the browser it is empty: scripts are already running, and browsers hide the value.
 */
export const NonceContext = createContext("");

export function useNonce(): string {
  return useContext(NonceContext);
}
