import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith(".tsx") ? [path] : [];
  });
}

describe("scrollable blocks", () => {
  it("are all ScrollRegions, so a keyboard can reach every one (axe scrollable-region-focusable)", () => {
    const offenders = sources("app")
      .filter((path) => !path.endsWith("scroll-region.tsx"))
      .flatMap((path) => {
        const source = readFileSync(path, "utf8");
        return [...source.matchAll(/\boverflow-(?:x-|y-)?(?:auto|scroll)\b/g)]
          .filter((match) => {
            const tag = /^<([A-Za-z]+)/.exec(source.slice(source.lastIndexOf("<", match.index)));
            return tag?.[1] !== "ScrollRegion";
          })
          .map((match) => `${path}:${source.slice(0, match.index).split("\n").length}`);
      });
    expect(offenders).toEqual([]);
  });
});
