import type { ReactNode } from "react";

/**
 * A block that may scroll sideways (a wide table on a phone). It is a labelled, focusable
 * region so that a keyboard user can scroll it too (WCAG 2.1.1; axe "scrollable-region-focusable"),
 * whether or not the content happens to overflow on a given screen.
 */
export function ScrollRegion({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    // A labelled <section> is a region landmark.
    <section
      aria-label={label}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
      tabIndex={0}
      className={`overflow-x-auto focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-700 ${className ?? ""}`}
    >
      {children}
    </section>
  );
}
