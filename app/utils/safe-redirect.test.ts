import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it("keeps local paths and refuses anything that leaves the site", () => {
    expect(safeRedirect("/units/3?q=a")).toBe("/units/3?q=a");
    expect(safeRedirect("//evil.example")).toBe("/");
    expect(safeRedirect("https://evil.example")).toBe("/");
    expect(safeRedirect("/\\evil.example")).toBe("/");
    expect(safeRedirect(undefined, "/home")).toBe("/home");
  });
});
