/**
 * Problems come with 1-based line/column positions computed on a text that may since have
 * changed (the trainer kept typing, or the check ran on the server). These helpers turn them
 * into offsets that always fall inside the current text. Pure: they work on any object shaped
 * like CodeMirror's `Text` (`lines`, `line(n)`), and `textLines` adapts a plain string.
 */

export interface LineSource {
  /** Number of lines (at least 1). */
  readonly lines: number;
  /** Line n (1-based): its start and end offsets in the text (end excludes the line break) and its text. */
  line(n: number): { from: number; to: number; text: string };
}

export interface ClampedPosition {
  line: number;
  column: number;
  /** 0-based offset in the text. */
  offset: number;
}

function toInt(value: number, fallback: number): number {
  return Number.isFinite(value) ? Math.trunc(value) : fallback;
}

/** A 1-based line/column clamped into the text: lines past the end go to the last line, columns past the end of their line go to its end. */
export function clampPosition(text: LineSource, line: number, column: number): ClampedPosition {
  const lineNumber = Math.min(Math.max(toInt(line, 1), 1), Math.max(text.lines, 1));
  const { from, to } = text.line(lineNumber);
  const col = Math.min(Math.max(toInt(column, 1), 1), to - from + 1);
  return { line: lineNumber, column: col, offset: from + col - 1 };
}

/**
 * The range to mark for a problem: from its position to the end of the word or tag it points
 * at (at most `maxLength` characters, never past the end of the line). Empty at the end of a line.
 */
export function problemRange(
  text: LineSource,
  line: number,
  column: number,
  maxLength = 40,
): { from: number; to: number } {
  const at = clampPosition(text, line, column);
  const rest = text.line(at.line).text.slice(at.column - 1);
  const word = /^\S+/.exec(rest)?.[0] ?? "";
  return { from: at.offset, to: at.offset + Math.min(word.length, maxLength) };
}

/** A `LineSource` over a plain string (lines split on "\n"; a "\r" before it counts as part of the line break). */
export function textLines(text: string): LineSource {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return {
    lines: starts.length,
    line: (n) => {
      const from = starts[n - 1] ?? 0;
      const next = starts[n];
      let to = next === undefined ? text.length : next - 1;
      if (next !== undefined && to > from && text[to - 1] === "\r") to -= 1;
      return { from, to, text: text.slice(from, to) };
    },
  };
}
