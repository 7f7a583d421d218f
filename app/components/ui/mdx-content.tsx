/**
 * A lesson's HTML, rendered on the server from allow-listed MDX (see
 * app/utils/lesson-html.server.tsx). It contains no script: the allow-list refuses code.
 */
// The HTML comes from MDX that passed the allow-list (no code, no raw HTML), rendered by React.
export function MdxContent({ html }: { html: string }) {
  return <div className="prose-lesson" dangerouslySetInnerHTML={{ __html: html }} />;
}
