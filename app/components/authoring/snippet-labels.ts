import type { MessageKey, Translate } from "~/i18n";

/**
 * The snippet toolbar's buttons in the trainer's words. The text a button inserts keeps the
 * component's name (`<Callout …>`): that is what the allow-list checks.
 */
export const SNIPPET_LABELS: Record<string, MessageKey> = {
  Callout: "authoring.component.Callout",
  KeyPoint: "authoring.component.KeyPoint",
  Steps: "authoring.component.Steps",
  Term: "authoring.component.Term",
  CaseStudy: "authoring.component.CaseStudy",
  Figure: "authoring.component.Figure",
  Download: "authoring.component.Download",
};

/** A button's words: a picture of the library by its name, a component by its label. */
export function snippetLabel(t: Translate, snippet: { component: string; figure: string | null }): string {
  if (snippet.figure) return t("authoring.component.figureNamed", { name: snippet.figure });
  const key = SNIPPET_LABELS[snippet.component];
  return key ? t(key) : snippet.component;
}
