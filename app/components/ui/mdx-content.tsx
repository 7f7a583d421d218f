/**
 * A lesson's HTML, rendered on the server from allow-listed MDX (see
 * app/utils/lesson-html.server.tsx). It contains no script: the allow-list refuses code.
 * A glossary term's explanation shows while the term has focus (CSS, no JavaScript needed);
 * with JavaScript, a tap focuses the term also where the browser would not (Safari does not
 * focus buttons on click), and Escape closes it.
 */
import { useEffect, useRef } from "react";

function termOf(event: Event): HTMLElement | null {
  return event.target instanceof Element ? event.target.closest<HTMLElement>(".term-word") : null;
}

// The HTML comes from MDX that passed the allow-list (no code, no raw HTML), rendered by React.
export function MdxContent({ html }: { html: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const onClick = (event: MouseEvent) => termOf(event)?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") termOf(event)?.blur();
    };
    element.addEventListener("click", onClick);
    element.addEventListener("keydown", onKeyDown);
    return () => {
      element.removeEventListener("click", onClick);
      element.removeEventListener("keydown", onKeyDown);
    };
  }, []);
  return <div ref={ref} className="prose-lesson" dangerouslySetInnerHTML={{ __html: html }} />;
}
