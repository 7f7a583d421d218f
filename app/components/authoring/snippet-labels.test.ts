import { describe, expect, it } from "vitest";
import { componentSnippets } from "~/domain/authoring";
import { translator } from "~/i18n";
import { SNIPPET_LABELS } from "./snippet-labels";

describe("snippet buttons", () => {
  it("name every component a trainer can insert in Vietnamese words, not the component's name", () => {
    for (const { component } of componentSnippets()) {
      const key = SNIPPET_LABELS[component];
      expect(key, component).toBeDefined();
      const label = translator("vi")(key as NonNullable<typeof key>);
      expect(label, component).not.toMatch(/[A-Z][a-z]+[A-Z]|Callout|Steps|Figure|Download|Term\b/);
      expect(label.length, component).toBeGreaterThan(2);
    }
  });
});
