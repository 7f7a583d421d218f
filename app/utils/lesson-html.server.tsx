import { getMDXComponent } from "mdx-bundler/client/index.js";
import { renderToStaticMarkup } from "react-dom/server";
import { lessonComponents, MdxTranslateContext } from "~/components/mdx";
import { type Locale, translator } from "~/i18n";

/**
 * Compiled MDX turned into HTML once per (lesson, course, language) and kept in memory: a
 * lesson page then costs the shell and a string, not an MDX evaluation and a React render
 * of the whole lesson. Compiled code is immutable per hash, so entries never go stale.
 * `getMDXComponent` runs `code` with `new Function`: it must only ever be what
 * `compileMdx` produced from a checked lesson (the preview's compile, or `compiled_mdx`,
 * written by publishing and importing after every lesson was checked). Decision 015.
 */
const MAX_ENTRIES = 500;
const cache = new Map<string, string>();

export function renderLessonHtml(
  compiledHash: string,
  code: string,
  courseSlug: string,
  locale: Locale,
  assetBase?: string,
): string {
  const key = `${compiledHash}|${courseSlug}|${locale}|${assetBase ?? ""}`;
  const hit = cache.get(key);
  if (hit !== undefined) {
    // Refresh its place: the map's order is the eviction order.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const Component = getMDXComponent(code);
  const html = renderToStaticMarkup(
    <MdxTranslateContext.Provider value={translator(locale)}>
      <Component components={lessonComponents(courseSlug, assetBase)} />
    </MdxTranslateContext.Provider>,
  );
  cache.set(key, html);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  return html;
}
