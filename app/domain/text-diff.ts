/**
 * Line diff of course files: "what changed between version N and version M", and what another
 * trainer changed. Pure and dependency-free.
 *
 * Texts are compared as lines after NFC normalisation, so a composed and a decomposed "ệ" are the
 * same text. A line ends at "\n"; a "\r" before it (CRLF) is not part of the line, and a final "\n"
 * ends the last line rather than starting an empty one. So a change of line endings alone, or of
 * the final newline alone, is no change here.
 *
 * The algorithm is Myers' O(ND) difference algorithm in its linear-space form (middle snake,
 * divide and conquer) after trimming the common prefix and suffix: the diff is minimal (fewest
 * removed + added lines), time is O((N+M)·D) and memory O(N+M). When the two sides differ by more
 * than MAX_EDIT_DISTANCE lines (counted after trimming the common prefix and suffix), the search is
 * abandoned and the differing middle is reported as "all removed, then all added": such a diff is
 * no use to read anyway, and the bound keeps two unrelated 5,000-line files at a few milliseconds.
 */

export type DiffLine =
  | { kind: "same"; oldLine: number; newLine: number; text: string }
  | { kind: "removed"; oldLine: number; text: string }
  | { kind: "added"; newLine: number; text: string };

export interface DiffHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: DiffLine[];
}

export interface FileChange {
  path: string;
  change: "added" | "removed" | "changed";
  hunks: DiffHunk[];
  added: number;
  removed: number;
}

/** Above this many removed + added lines the diff falls back to "remove all, add all" (see above). */
const MAX_EDIT_DISTANCE = 2000;

const DEFAULT_CONTEXT = 3;

/**
 * Line numbers are 1-based. Lines are split on \n (a trailing \r is kept out of the text); NFC-normalise
 * both sides first so a composed/decomposed "ệ" is not a change. Within a run of changes, removed lines
 * come before added lines. Minimal unless more than MAX_EDIT_DISTANCE (2,000) lines differ, in which case
 * everything between the common prefix and suffix is removed and then added.
 */
export function diffLines(oldText: string, newText: string): DiffLine[] {
  const oldLines = splitLines(oldText);
  const newLines = splitLines(newText);
  const { removed, added } = editScript(oldLines, newLines);

  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < oldLines.length || j < newLines.length) {
    if (i < oldLines.length && removed[i] === 1) {
      out.push({ kind: "removed", oldLine: i + 1, text: lineAt(oldLines, i) });
      i++;
    } else if (j < newLines.length && added[j] === 1) {
      out.push({ kind: "added", newLine: j + 1, text: lineAt(newLines, j) });
      j++;
    } else {
      out.push({ kind: "same", oldLine: i + 1, newLine: j + 1, text: lineAt(newLines, j) });
      i++;
      j++;
    }
  }
  return out;
}

/**
 * Groups changes with `context` unchanged lines around them (default 3), merging hunks whose contexts touch,
 * like `diff -u`. No hunks when the texts are equal. Starts are 1-based; a side with no lines in a hunk gives
 * the number of the line before it (0 at the top), as `diff -u` prints ("@@ -0,0 +1,2 @@").
 */
export function diffHunks(oldText: string, newText: string, context: number = DEFAULT_CONTEXT): DiffHunk[] {
  if (!Number.isInteger(context) || context < 0) {
    throw new RangeError(`context must be a non-negative integer, got ${context}`);
  }
  return hunksOf(diffLines(oldText, newText), context);
}

/**
 * Compares two sets of text files (path → text); files equal on both sides are omitted; sorted by path
 * (by UTF-16 code unit, so the order does not depend on a locale). Binary files are given as a content hash
 * string (e.g. "sha256:…"): then hunks are empty and the change is reported as changed/added/removed with
 * added/removed counts 0. A text file counts as equal when its lines are (same NFC text, any line endings).
 */
export function diffFiles(
  oldFiles: ReadonlyMap<string, string>,
  newFiles: ReadonlyMap<string, string>,
  isBinary: (path: string) => boolean = () => false,
): FileChange[] {
  const paths = new Set<string>([...oldFiles.keys(), ...newFiles.keys()]);
  const sorted = [...paths].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));

  const out: FileChange[] = [];
  for (const path of sorted) {
    const before = oldFiles.get(path);
    const after = newFiles.get(path);
    const change: FileChange["change"] = before === undefined ? "added" : after === undefined ? "removed" : "changed";

    if (isBinary(path)) {
      if (before !== after) out.push({ path, change, hunks: [], added: 0, removed: 0 });
      continue;
    }

    const lines = diffLines(before ?? "", after ?? "");
    let added = 0;
    let removed = 0;
    for (const line of lines) {
      if (line.kind === "added") added++;
      else if (line.kind === "removed") removed++;
    }
    // A changed file without a changed line (line endings, Unicode form) is equal; an added or removed
    // file is reported even when empty.
    if (change === "changed" && added === 0 && removed === 0) continue;
    out.push({ path, change, hunks: hunksOf(lines, DEFAULT_CONTEXT), added, removed });
  }
  return out;
}

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.normalize("NFC").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
}

function lineAt(lines: readonly string[], index: number): string {
  const line = lines[index];
  if (line === undefined) throw new Error(`line index ${index} out of range`);
  return line;
}

function hunksOf(lines: readonly DiffLine[], context: number): DiffHunk[] {
  const n = lines.length;
  // oldBefore[i] / newBefore[i]: old / new lines among lines[0, i).
  const oldBefore = new Int32Array(n + 1);
  const newBefore = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const kind = lines[i]?.kind;
    oldBefore[i + 1] = (oldBefore[i] ?? 0) + (kind === "added" ? 0 : 1);
    newBefore[i + 1] = (newBefore[i] ?? 0) + (kind === "removed" ? 0 : 1);
  }
  const isSame = (i: number) => lines[i]?.kind === "same";

  const hunks: DiffHunk[] = [];
  let index = 0;
  while (index < n) {
    while (index < n && isSame(index)) index++;
    if (index >= n) break;

    const start = Math.max(0, index - context);
    let end = index; // one past the last changed line of the hunk
    for (;;) {
      while (end < n && !isSame(end)) end++;
      let next = end;
      while (next < n && isSame(next)) next++;
      // Merge the next change when the unchanged lines between would be shown anyway (contexts touch).
      if (next < n && next - end <= 2 * context) {
        end = next;
        continue;
      }
      break;
    }
    const stop = Math.min(n, end + context);

    const oldFrom = oldBefore[start] ?? 0;
    const newFrom = newBefore[start] ?? 0;
    const oldLines = (oldBefore[stop] ?? 0) - oldFrom;
    const newLines = (newBefore[stop] ?? 0) - newFrom;
    hunks.push({
      oldStart: oldLines > 0 ? oldFrom + 1 : oldFrom,
      oldLines,
      newStart: newLines > 0 ? newFrom + 1 : newFrom,
      newLines,
      lines: lines.slice(start, stop),
    });
    index = stop;
  }
  return hunks;
}

interface EditScript {
  /** removed[i] === 1 when old line i is removed. */
  removed: Uint8Array;
  /** added[j] === 1 when new line j is added. */
  added: Uint8Array;
}

function editScript(oldLines: readonly string[], newLines: readonly string[]): EditScript {
  // Compare small integers instead of strings: one id per distinct line.
  const ids = new Map<string, number>();
  const intern = (lines: readonly string[]) => {
    const out = new Int32Array(lines.length);
    lines.forEach((line, i) => {
      let id = ids.get(line);
      if (id === undefined) {
        id = ids.size;
        ids.set(line, id);
      }
      out[i] = id;
    });
    return out;
  };
  const a = intern(oldLines);
  const b = intern(newLines);
  const removed = new Uint8Array(a.length);
  const added = new Uint8Array(b.length);

  let aLo = 0;
  let bLo = 0;
  let aHi = a.length;
  let bHi = b.length;
  while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) {
    aLo++;
    bLo++;
  }
  while (aLo < aHi && bLo < bHi && a[aHi - 1] === b[bHi - 1]) {
    aHi--;
    bHi--;
  }

  const myers = new Myers(a, b, removed, added);
  if (!myers.compare(aLo, aHi, bLo, bHi, Math.ceil(MAX_EDIT_DISTANCE / 2))) {
    removed.fill(1, aLo, aHi);
    added.fill(1, bLo, bHi);
  }
  return { removed, added };
}

interface Snake {
  /** Start of the diagonal run of equal lines that lies on a shortest edit path. */
  x0: number;
  y0: number;
  /** Its end (exclusive). */
  x1: number;
  y1: number;
}

/**
 * Linear-space Myers ("An O(ND) Difference Algorithm and Its Variations", 1986, section 4b) over the
 * ranges a[aLo, aHi) and b[bLo, bHi), marking removed and added lines.
 *
 * vf[k] holds the furthest x reached on diagonal k = x − y by the forward search from (aLo, bLo) with at
 * most d edits, vb[k] the same for the backward search from (aHi, bHi) in reversed coordinates; −1 means
 * not reached. Only moves inside the edit graph are taken, so every stored point is a real point.
 */
class Myers {
  constructor(
    private readonly a: Int32Array,
    private readonly b: Int32Array,
    private readonly removed: Uint8Array,
    private readonly added: Uint8Array,
  ) {}

  /** Marks a shortest edit script of the ranges; false (nothing marked) when it needs more than 2·maxHalf edits. */
  compare(aLo: number, aHi: number, bLo: number, bHi: number, maxHalf = Number.POSITIVE_INFINITY): boolean {
    const { a, b } = this;
    while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) {
      aLo++;
      bLo++;
    }
    while (aLo < aHi && bLo < bHi && a[aHi - 1] === b[bHi - 1]) {
      aHi--;
      bHi--;
    }
    if (aLo === aHi) {
      this.added.fill(1, bLo, bHi);
      return true;
    }
    if (bLo === bHi) {
      this.removed.fill(1, aLo, aHi);
      return true;
    }
    const snake = this.middleSnake(aLo, aHi, bLo, bHi, maxHalf);
    if (snake === null) return false;
    if ((snake.x0 === aHi && snake.y0 === bHi) || (snake.x1 === aLo && snake.y1 === bLo)) {
      // Cannot happen for a shortest path (each half holds at least one edit); guards against endless recursion.
      this.removed.fill(1, aLo, aHi);
      this.added.fill(1, bLo, bHi);
      return true;
    }
    // Both halves need fewer edits than the whole (at least one edit lies on each side of the snake),
    // so the recursion ends; its depth is about log2(D).
    this.compare(aLo, snake.x0, bLo, snake.y0);
    this.compare(snake.x1, aHi, snake.y1, bHi);
    return true;
  }

  private middleSnake(aLo: number, aHi: number, bLo: number, bHi: number, maxHalf: number): Snake | null {
    const { a, b } = this;
    const n = aHi - aLo;
    const m = bHi - bLo;
    const delta = n - m;
    const dMax = Math.min(Math.ceil((n + m) / 2), maxHalf);
    const offset = dMax + 1;
    const vf = new Int32Array(2 * dMax + 3).fill(-1);
    const vb = new Int32Array(2 * dMax + 3).fill(-1);
    const at = (v: Int32Array, k: number) => v[offset + k] ?? -1;

    /** Furthest x on diagonal k with at most d edits, before following the diagonal; −1 if none. */
    const step = (v: Int32Array, k: number, d: number): number => {
      if (d === 0) return 0;
      let x = at(v, k); // reached with d − 2 edits
      const above = at(v, k + 1); // move down from diagonal k + 1 (an added line)
      if (above >= 0 && above - (k + 1) < m && above > x) x = above;
      const left = at(v, k - 1); // move right from diagonal k − 1 (a removed line)
      if (left >= 0 && left < n && left + 1 > x) x = left + 1;
      return x;
    };

    for (let d = 0; d <= dMax; d++) {
      // Diagonals reachable with d edits: parity of d, inside [−m, n].
      let kLo = Math.max(-d, -m);
      if ((kLo + d) & 1) kLo++;
      let kHi = Math.min(d, n);
      if ((kHi + d) & 1) kHi--;

      for (let k = kLo; k <= kHi; k += 2) {
        const x0 = step(vf, k, d);
        if (x0 < 0) continue;
        const y0 = x0 - k;
        let x = x0;
        let y = y0;
        while (x < n && y < m && a[aLo + x] === b[bLo + y]) {
          x++;
          y++;
        }
        vf[offset + k] = x;
        const kb = delta - k;
        if (kb >= -d && kb <= d) {
          const xb = at(vb, kb);
          if (xb >= 0 && x + xb >= n) return { x0: aLo + x0, y0: bLo + y0, x1: aLo + x, y1: bLo + y };
        }
      }

      for (let k = kLo; k <= kHi; k += 2) {
        const x0 = step(vb, k, d);
        if (x0 < 0) continue;
        const y0 = x0 - k;
        let x = x0;
        let y = y0;
        while (x < n && y < m && a[aHi - 1 - x] === b[bHi - 1 - y]) {
          x++;
          y++;
        }
        vb[offset + k] = x;
        const kf = delta - k;
        if (kf >= -d && kf <= d) {
          const xf = at(vf, kf);
          if (xf >= 0 && xf + x >= n) return { x0: aHi - x, y0: bHi - y, x1: aHi - x0, y1: bHi - y0 };
        }
      }
    }
    return null;
  }
}
