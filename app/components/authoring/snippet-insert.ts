/**
 * Where a component snippet goes when a trainer presses its button. Pure, so the same rule
 * serves the CodeMirror editor and the plain textarea (when the editor could not load).
 *
 * The snippet always stands on its own lines with a blank line before and after it, because
 * MDX only reads a component as a block when it starts a line and does not run into a
 * paragraph. If the cursor is in the middle of a line, the line is split there (spaces at the
 * split are dropped so the rest does not become indented). If the cursor is on an indented
 * empty line (inside a component), the snippet takes that indentation on every line.
 */

export interface SnippetInsertion {
  /** The whole text after the insertion. */
  text: string;
  /** The change to apply to the old text: replace [from, to) by insert. */
  change: { from: number; to: number; insert: string };
  /** What to select afterwards: the first placeholder inside quotes, else the end of the snippet. */
  selection: { from: number; to: number };
}

const isBlank = (line: string) => line.trim() === "";

/** Start and end (before its "\n") of the line holding `offset`. */
function lineAround(doc: string, offset: number) {
  const start = doc.lastIndexOf("\n", offset - 1) + 1;
  const newline = doc.indexOf("\n", offset);
  const end = newline === -1 ? doc.length : newline;
  return { start, end };
}

export function insertSnippet(doc: string, cursor: number, snippet: string): SnippetInsertion {
  const at = Math.max(0, Math.min(Number.isFinite(cursor) ? Math.trunc(cursor) : doc.length, doc.length));
  const body = snippet.replace(/\r\n?/g, "\n").replace(/^\n+/, "").replace(/\s+$/, "");

  const { start: lineStart, end: lineEnd } = lineAround(doc, at);
  const before = doc.slice(lineStart, at);
  const after = doc.slice(at, lineEnd);
  const indent = /^[ \t]*/.exec(before)?.[0] ?? "";

  // Left side: where the replaced range starts and what must come before the snippet.
  let from: number;
  let prefix: string;
  if (isBlank(before)) {
    from = lineStart;
    const above = doc.slice(0, lineStart);
    // Start of the text, or the line above is already empty: no extra blank line needed.
    const previousLine = above.slice(above.lastIndexOf("\n", above.length - 2) + 1, -1);
    prefix = lineStart === 0 || isBlank(previousLine) ? "" : "\n";
  } else {
    from = at - (/[ \t]*$/.exec(before)?.[0].length ?? 0);
    prefix = "\n\n";
  }

  // Right side: where the replaced range ends and what must come after the snippet.
  let to: number;
  let suffix: string;
  if (isBlank(after)) {
    to = lineEnd;
    if (lineEnd === doc.length) {
      suffix = "\n";
    } else {
      const nextStart = lineEnd + 1;
      const nextEnd = doc.indexOf("\n", nextStart);
      const nextLine = doc.slice(nextStart, nextEnd === -1 ? doc.length : nextEnd);
      // The newline at lineEnd stays; add one more unless the next line is already empty.
      suffix = isBlank(nextLine) ? "" : "\n";
    }
  } else {
    to = at + (/^[ \t]*/.exec(after)?.[0].length ?? 0);
    suffix = `\n\n${indent}`;
  }

  const indented = body
    .split("\n")
    .map((line) => (line === "" ? line : indent + line))
    .join("\n");
  const insert = prefix + indented + suffix;
  const text = doc.slice(0, from) + insert + doc.slice(to);

  const snippetStart = from + prefix.length;
  const quoted = /"([^"\n]*)"/.exec(indented);
  const selection = quoted
    ? { from: snippetStart + quoted.index + 1, to: snippetStart + quoted.index + 1 + (quoted[1]?.length ?? 0) }
    : { from: snippetStart + indented.length, to: snippetStart + indented.length };

  return { text, change: { from, to, insert }, selection };
}
