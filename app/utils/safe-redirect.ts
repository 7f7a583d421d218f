/** Only same-site paths: "/units/3" yes; "//evil.example", "https://…" or "/\\evil" no. */
export function safeRedirect(target: unknown, fallback = "/"): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.includes("\\")) {
    return fallback;
  }
  return target;
}
