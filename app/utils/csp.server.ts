/**
 * Scripts run only with this page's nonce (Remix's own inline scripts and the modules they
 * load, by 'strict-dynamic'): lesson HTML is written by trainers and injected as it is, so
 * a script that slipped past the allow-list still would not run. Inline style attributes
 * stay allowed (progress bars, charts); nothing may frame the pages.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic' 'self'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
