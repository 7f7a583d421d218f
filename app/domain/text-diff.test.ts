import { describe, expect, it } from "vitest";
import { type DiffHunk, type DiffLine, diffFiles, diffHunks, diffLines } from "./text-diff";

const text = (lines: readonly string[]) => lines.map((line) => `${line}\n`).join("");
const oldSide = (lines: readonly DiffLine[]) => lines.filter((l) => l.kind !== "added").map((l) => l.text);
const newSide = (lines: readonly DiffLine[]) => lines.filter((l) => l.kind !== "removed").map((l) => l.text);
const count = (lines: readonly DiffLine[], kind: DiffLine["kind"]) => lines.filter((l) => l.kind === kind).length;

/** Shows a diff the way `diff -u` prints its body, to compare with its real output. */
function unified(hunks: readonly DiffHunk[]): string {
  const range = (start: number, lines: number) => (lines === 1 ? `${start}` : `${start},${lines}`);
  return hunks
    .map((h) =>
      [
        `@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`,
        ...h.lines.map((l) => (l.kind === "same" ? " " : l.kind === "added" ? "+" : "-") + l.text),
      ].join("\n"),
    )
    .join("\n");
}

/** Applies hunks to the old lines like `patch`, checking every context and removed line. */
function applyHunks(oldLines: readonly string[], hunks: readonly DiffHunk[]): string[] {
  const out: string[] = [];
  let next = 0; // index of the next old line to copy
  for (const h of hunks) {
    const first = h.oldLines > 0 ? h.oldStart - 1 : h.oldStart;
    expect(first).toBeGreaterThanOrEqual(next);
    out.push(...oldLines.slice(next, first));
    expect(h.newLines > 0 ? h.newStart - 1 : h.newStart).toBe(out.length);
    next = first;
    for (const line of h.lines) {
      if (line.kind !== "added") {
        expect(line.text).toBe(oldLines[next]);
        next++;
      }
      if (line.kind !== "removed") out.push(line.text);
    }
    expect(next - first).toBe(h.oldLines);
  }
  out.push(...oldLines.slice(next));
  return out;
}

/** mulberry32: a small seeded PRNG so the random cases are the same on every run. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Length of a longest common subsequence, by the textbook O(NM) table: the size a minimal diff keeps. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const row = [0];
    for (let j = 1; j <= b.length; j++) {
      row[j] = x === b[j - 1] ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, row[j - 1] ?? 0);
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

describe("diffLines", () => {
  it("reports equal texts as all same, numbered from 1", () => {
    expect(diffLines("a\nb\n", "a\nb\n")).toEqual([
      { kind: "same", oldLine: 1, newLine: 1, text: "a" },
      { kind: "same", oldLine: 2, newLine: 2, text: "b" },
    ]);
    expect(diffLines("", "")).toEqual([]);
    expect(diffHunks("a\nb\n", "a\nb\n")).toEqual([]);
    expect(diffHunks("", "")).toEqual([]);
  });

  it("finds an insertion at the start, in the middle and at the end", () => {
    expect(diffLines("b\nc\n", "a\nb\nc\n")).toEqual([
      { kind: "added", newLine: 1, text: "a" },
      { kind: "same", oldLine: 1, newLine: 2, text: "b" },
      { kind: "same", oldLine: 2, newLine: 3, text: "c" },
    ]);
    expect(diffLines("a\nc\n", "a\nb\nc\n")).toEqual([
      { kind: "same", oldLine: 1, newLine: 1, text: "a" },
      { kind: "added", newLine: 2, text: "b" },
      { kind: "same", oldLine: 2, newLine: 3, text: "c" },
    ]);
    expect(diffLines("a\nb\n", "a\nb\nc\n")).toEqual([
      { kind: "same", oldLine: 1, newLine: 1, text: "a" },
      { kind: "same", oldLine: 2, newLine: 2, text: "b" },
      { kind: "added", newLine: 3, text: "c" },
    ]);
    expect(diffLines("", "a\n")).toEqual([{ kind: "added", newLine: 1, text: "a" }]);
  });

  it("finds a deletion", () => {
    expect(diffLines("a\nb\nc\n", "a\nc\n")).toEqual([
      { kind: "same", oldLine: 1, newLine: 1, text: "a" },
      { kind: "removed", oldLine: 2, text: "b" },
      { kind: "same", oldLine: 3, newLine: 2, text: "c" },
    ]);
    expect(diffLines("a\nb\n", "")).toEqual([
      { kind: "removed", oldLine: 1, text: "a" },
      { kind: "removed", oldLine: 2, text: "b" },
    ]);
  });

  it("shows a replacement as the removed lines, then the added ones", () => {
    expect(diffLines("a\nb\nc\nd\n", "a\nx\ny\nz\nd\n")).toEqual([
      { kind: "same", oldLine: 1, newLine: 1, text: "a" },
      { kind: "removed", oldLine: 2, text: "b" },
      { kind: "removed", oldLine: 3, text: "c" },
      { kind: "added", newLine: 2, text: "x" },
      { kind: "added", newLine: 3, text: "y" },
      { kind: "added", newLine: 4, text: "z" },
      { kind: "same", oldLine: 4, newLine: 5, text: "d" },
    ]);
  });

  it("sees a change of a single Vietnamese tone mark", () => {
    const before = "# Bảo vệ trẻ em\nTrẻ em có quyền được bảo vệ.\n";
    const after = "# Bảo vệ trẻ em\nTrẻ em có quyển được bảo vệ.\n";
    expect(diffLines(before, after)).toEqual([
      { kind: "same", oldLine: 1, newLine: 1, text: "# Bảo vệ trẻ em" },
      { kind: "removed", oldLine: 2, text: "Trẻ em có quyền được bảo vệ." },
      { kind: "added", newLine: 2, text: "Trẻ em có quyển được bảo vệ." },
    ]);
  });

  it("treats NFC and NFD spellings as the same text and reports it NFC", () => {
    const composed = "tiêu đề: Kỹ năng nhận diện nguy cơ\nmô tả: Điện Biên, Mường Nhé\n";
    const decomposed = composed.normalize("NFD");
    expect(decomposed).not.toBe(composed);
    const lines = diffLines(composed, decomposed);
    expect(lines.every((l) => l.kind === "same")).toBe(true);
    expect(lines.map((l) => l.text)).toEqual(["tiêu đề: Kỹ năng nhận diện nguy cơ", "mô tả: Điện Biên, Mường Nhé"]);
    expect(diffHunks(decomposed, composed)).toEqual([]);

    const changed = diffLines(decomposed, "tiêu đề: Kỹ năng nhận diện rủi ro\nmô tả: Điện Biên, Mường Nhé\n");
    expect(changed.map((l) => l.kind)).toEqual(["removed", "added", "same"]);
    expect(changed[0]?.text).toBe("tiêu đề: Kỹ năng nhận diện nguy cơ");
  });

  it("ignores CRLF against LF and a missing final newline, keeping \\r out of the text", () => {
    expect(diffLines("a\r\nb\r\n", "a\nb\n")).toEqual([
      { kind: "same", oldLine: 1, newLine: 1, text: "a" },
      { kind: "same", oldLine: 2, newLine: 2, text: "b" },
    ]);
    expect(diffHunks("a\r\nb\r\n", "a\nb")).toEqual([]);
    expect(diffLines("a\r\nb\r\n", "a\nc\r\n")).toEqual([
      { kind: "same", oldLine: 1, newLine: 1, text: "a" },
      { kind: "removed", oldLine: 2, text: "b" },
      { kind: "added", newLine: 2, text: "c" },
    ]);
    // Empty lines are lines; only the newline at the very end does not start one.
    expect(diffLines("\n", "")).toEqual([{ kind: "removed", oldLine: 1, text: "" }]);
    expect(diffLines("a\r\n\r\n", "a\n\n").map((l) => l.kind)).toEqual(["same", "same"]);
  });
});

describe("diffHunks", () => {
  const lesson = [
    "Bài 1",
    "Mục tiêu",
    "Nội dung 1",
    "Nội dung 2",
    "Nội dung 3",
    "Nội dung 4",
    "Nội dung 5",
    "Nội dung 6",
    "Nội dung 7",
    "Câu hỏi",
    "Đáp án",
    "Kết thúc",
  ];
  const replace = (from: string, ...to: string[]) => lesson.flatMap((line) => (line === from ? to : [line]));

  it("keeps two changes 7 lines apart in two hunks, numbered as diff -u prints them", () => {
    const after = replace("Mục tiêu", "Mục tiêu bài học").flatMap((l) =>
      l === "Câu hỏi" ? ["Câu hỏi 1", "Câu hỏi 2"] : [l],
    );
    const hunks = diffHunks(text(lesson), text(after));
    expect(hunks.map(({ lines, ...numbers }) => numbers)).toEqual([
      { oldStart: 1, oldLines: 5, newStart: 1, newLines: 5 },
      { oldStart: 7, oldLines: 6, newStart: 7, newLines: 7 },
    ]);
    // `diff -u` (GNU diffutils 3.8) on the same two files prints exactly this body.
    expect(unified(hunks)).toBe(
      [
        "@@ -1,5 +1,5 @@",
        " Bài 1",
        "-Mục tiêu",
        "+Mục tiêu bài học",
        " Nội dung 1",
        " Nội dung 2",
        " Nội dung 3",
        "@@ -7,6 +7,7 @@",
        " Nội dung 5",
        " Nội dung 6",
        " Nội dung 7",
        "-Câu hỏi",
        "+Câu hỏi 1",
        "+Câu hỏi 2",
        " Đáp án",
        " Kết thúc",
      ].join("\n"),
    );
  });

  it("merges changes 6 lines apart, where the contexts touch", () => {
    const after = replace("Mục tiêu", "Mục tiêu bài học").filter((l) => l !== "Nội dung 7");
    const hunks = diffHunks(text(lesson), text(after));
    expect(hunks).toHaveLength(1);
    expect(hunks.map(({ lines, ...numbers }) => numbers)).toEqual([
      { oldStart: 1, oldLines: 12, newStart: 1, newLines: 11 },
    ]);
    expect(hunks[0]?.lines.map((l) => l.kind)).toEqual([
      "same",
      "removed",
      "added",
      ...new Array(6).fill("same"),
      "removed",
      "same",
      "same",
      "same",
    ]);
    // With 2 lines of context the same two changes are apart again.
    expect(diffHunks(text(lesson), text(after), 2).map(({ lines, ...numbers }) => numbers)).toEqual([
      { oldStart: 1, oldLines: 4, newStart: 1, newLines: 4 },
      { oldStart: 7, oldLines: 5, newStart: 7, newLines: 4 },
    ]);
  });

  it("numbers an empty side by the line before it, as diff -U0 does", () => {
    // diff -U0: "@@ -4 +3,0 @@"
    expect(diffHunks(text(lesson), text(lesson.filter((l) => l !== "Nội dung 2")), 0)).toEqual([
      {
        oldStart: 4,
        oldLines: 1,
        newStart: 3,
        newLines: 0,
        lines: [{ kind: "removed", oldLine: 4, text: "Nội dung 2" }],
      },
    ]);
    // diff -U0: "@@ -0,0 +1 @@"
    expect(diffHunks(text(lesson), text(["Mở đầu", ...lesson]), 0)).toEqual([
      { oldStart: 0, oldLines: 0, newStart: 1, newLines: 1, lines: [{ kind: "added", newLine: 1, text: "Mở đầu" }] },
    ]);
    // diff -U2 against an empty file: "@@ -1,12 +0,0 @@" and "@@ -0,0 +1,12 @@"
    expect(diffHunks(text(lesson), "", 2).map(({ lines, ...numbers }) => numbers)).toEqual([
      { oldStart: 1, oldLines: 12, newStart: 0, newLines: 0 },
    ]);
    expect(diffHunks("", text(lesson)).map(({ lines, ...numbers }) => numbers)).toEqual([
      { oldStart: 0, oldLines: 0, newStart: 1, newLines: 12 },
    ]);
  });

  it("refuses a negative or fractional context", () => {
    expect(() => diffHunks("a", "b", -1)).toThrow(RangeError);
    expect(() => diffHunks("a", "b", 1.5)).toThrow(RangeError);
  });
});

describe("diffLines and diffHunks on random texts", () => {
  const vocabulary = ["", "---", "tiêu đề: Bài 1", "## Mục tiêu", "- Nhận diện nguy cơ", "- Báo cáo", "Đáp án: B", "}"];

  it("give back both texts, number every line, stay minimal and patch old into new (300 seeded pairs)", () => {
    const random = prng(20240611);
    const pick = () => vocabulary[Math.floor(random() * vocabulary.length)] ?? "";
    for (let pair = 0; pair < 300; pair++) {
      const before = Array.from({ length: Math.floor(random() * 40) }, pick);
      let after: string[];
      if (random() < 0.3) {
        after = Array.from({ length: Math.floor(random() * 40) }, pick);
      } else {
        // An edit of the old text: drop, replace and insert a few lines.
        after = before.flatMap((line) => {
          const roll = random();
          if (roll < 0.1) return [];
          if (roll < 0.2) return [pick()];
          if (roll < 0.3) return [pick(), line];
          return [line];
        });
      }
      const crlf = random() < 0.2;
      const encode = (lines: string[]) => lines.map((l) => `${l}${crlf ? "\r\n" : "\n"}`).join("");

      const lines = diffLines(encode(before), encode(after));
      expect(oldSide(lines)).toEqual(before);
      expect(newSide(lines)).toEqual(after);
      expect(lines.flatMap((l) => (l.kind === "added" ? [] : [l.oldLine]))).toEqual(before.map((_, i) => i + 1));
      expect(lines.flatMap((l) => (l.kind === "removed" ? [] : [l.newLine]))).toEqual(after.map((_, i) => i + 1));
      expect(count(lines, "same")).toBe(lcsLength(before, after));

      const context = Math.floor(random() * 5);
      const hunks = diffHunks(encode(before), encode(after), context);
      expect(applyHunks(before, hunks)).toEqual(after);
      expect(hunks.flatMap((h) => h.lines).filter((l) => l.kind !== "same")).toEqual(
        lines.filter((l) => l.kind !== "same"),
      );
      if (before.join("\n") === after.join("\n")) expect(hunks).toEqual([]);
    }
  });
});

describe("diffFiles", () => {
  const isBinary = (path: string) => /\.(png|jpg|pdf)$/.test(path);

  it("lists added, removed, changed and binary files by path, leaving equal ones out", () => {
    const before = new Map([
      ["courses/bao-ve/bai-1.mdx", "# Bài 1\nNội dung cũ\n"],
      ["courses/bao-ve/bai-2.mdx", "# Bài 2\n"],
      ["courses/bao-ve/course.yaml", "tiêu đề: Bảo vệ trẻ em\r\n"],
      ["courses/bao-ve/hinh.png", "sha256:aaa"],
      ["courses/bao-ve/cu.pdf", "sha256:ccc"],
      ["courses/bao-ve/giu-nguyen.png", "sha256:eee"],
    ]);
    const after = new Map([
      ["courses/bao-ve/bai-1.mdx", "# Bài 1\nNội dung mới\nThêm dòng\n"],
      ["courses/bao-ve/bai-2.mdx", "# Bài 2\n"],
      ["courses/bao-ve/course.yaml", "tiêu đề: Bảo vệ trẻ em\n".normalize("NFD")],
      ["courses/bao-ve/hinh.png", "sha256:bbb"],
      ["courses/bao-ve/giu-nguyen.png", "sha256:eee"],
      ["courses/bao-ve/bai-3.mdx", "# Bài 3\nMới\n"],
      ["courses/bao-ve/moi.jpg", "sha256:ddd"],
    ]);
    const changes = diffFiles(before, after, isBinary);
    expect(changes.map(({ hunks, ...rest }) => rest)).toEqual([
      { path: "courses/bao-ve/bai-1.mdx", change: "changed", added: 2, removed: 1 },
      { path: "courses/bao-ve/bai-3.mdx", change: "added", added: 2, removed: 0 },
      { path: "courses/bao-ve/cu.pdf", change: "removed", added: 0, removed: 0 },
      { path: "courses/bao-ve/hinh.png", change: "changed", added: 0, removed: 0 },
      { path: "courses/bao-ve/moi.jpg", change: "added", added: 0, removed: 0 },
    ]);
    const byPath = new Map(changes.map((c) => [c.path, c]));
    expect(byPath.get("courses/bao-ve/bai-1.mdx")?.hunks).toEqual(
      diffHunks("# Bài 1\nNội dung cũ\n", "# Bài 1\nNội dung mới\nThêm dòng\n"),
    );
    expect(byPath.get("courses/bao-ve/bai-3.mdx")?.hunks.map(({ lines, ...numbers }) => numbers)).toEqual([
      { oldStart: 0, oldLines: 0, newStart: 1, newLines: 2 },
    ]);
    for (const path of ["courses/bao-ve/cu.pdf", "courses/bao-ve/hinh.png", "courses/bao-ve/moi.jpg"]) {
      expect(byPath.get(path)?.hunks).toEqual([]);
    }
  });

  it("reports a removed text file with its lines and an added empty file, and nothing for equal sets", () => {
    const before = new Map([["a.mdx", "một\nhai\n"]]);
    const after = new Map([["b.mdx", ""]]);
    expect(diffFiles(before, after)).toEqual([
      {
        path: "a.mdx",
        change: "removed",
        added: 0,
        removed: 2,
        hunks: [
          {
            oldStart: 1,
            oldLines: 2,
            newStart: 0,
            newLines: 0,
            lines: [
              { kind: "removed", oldLine: 1, text: "một" },
              { kind: "removed", oldLine: 2, text: "hai" },
            ],
          },
        ],
      },
      { path: "b.mdx", change: "added", added: 0, removed: 0, hunks: [] },
    ]);
    expect(diffFiles(before, new Map(before))).toEqual([]);
    expect(diffFiles(new Map(), new Map())).toEqual([]);
  });
});

describe("large files", () => {
  const lesson = Array.from({ length: 5000 }, (_, i) => `Dòng ${i + 1}: nội dung bài học về bảo vệ trẻ em`);

  it("diffs a 5,000-line file with a few changes exactly", () => {
    const after = [...lesson];
    after[9] = "Dòng 10 đã sửa";
    after.splice(2500, 0, "Chèn 1", "Chèn 2");
    after.splice(4000, 3);
    const lines = diffLines(text(lesson), text(after));
    expect(count(lines, "removed")).toBe(4);
    expect(count(lines, "added")).toBe(3);
    expect(oldSide(lines)).toEqual(lesson);
    expect(newSide(lines)).toEqual(after);
    expect(diffHunks(text(lesson), text(after))).toHaveLength(3);
  });

  it("stays exact up to 2,000 changed lines (1,000 replaced lines spread over the file)", () => {
    const after = lesson.map((line, i) => (i % 5 === 2 ? `Sửa ${i}` : line));
    const lines = diffLines(text(lesson), text(after));
    expect(count(lines, "removed")).toBe(1000);
    expect(count(lines, "added")).toBe(1000);
    expect(count(lines, "same")).toBe(4000);
    expect(newSide(lines)).toEqual(after);
  });

  it("falls back to removing and adding everything between the common ends beyond 2,000 changed lines", () => {
    // 1,001 replaced lines: 2,002 changes. The common prefix (lines 1–2) and suffix (4999–5000) stay.
    const after = lesson.map((line, i) => (i % 5 === 2 || i === 4 ? `Sửa ${i}` : line));
    const lines = diffLines(text(lesson), text(after));
    expect(count(lines, "same")).toBe(4);
    expect(lines.slice(0, 2).map((l) => l.kind)).toEqual(["same", "same"]);
    expect(lines.slice(2, 2 + 4996).every((l) => l.kind === "removed")).toBe(true);
    expect(lines.slice(2 + 4996, 2 + 2 * 4996).every((l) => l.kind === "added")).toBe(true);
    expect(lines.slice(-2).map((l) => l.kind)).toEqual(["same", "same"]);
    expect(oldSide(lines)).toEqual(lesson);
    expect(newSide(lines)).toEqual(after);
  });

  it("handles two completely different 5,000-line files", () => {
    const other = Array.from({ length: 5000 }, (_, i) => `Bài khác, dòng ${i + 1}`);
    const lines = diffLines(text(lesson), text(other));
    expect(lines.slice(0, 5000).every((l) => l.kind === "removed")).toBe(true);
    expect(lines.slice(5000).every((l) => l.kind === "added")).toBe(true);
    expect(newSide(lines)).toEqual(other);

    // The same lines in reverse order: a minimal diff would keep one line; beyond the bound none is kept.
    const reversed = [...lesson].reverse();
    const reversedLines = diffLines(text(lesson), text(reversed));
    expect(count(reversedLines, "same")).toBe(0);
    expect(oldSide(reversedLines)).toEqual(lesson);
    expect(newSide(reversedLines)).toEqual(reversed);

    const hunks = diffHunks(text(lesson), text(other));
    expect(hunks.map(({ lines, ...numbers }) => numbers)).toEqual([
      { oldStart: 1, oldLines: 5000, newStart: 1, newLines: 5000 },
    ]);
  });

  it("handles 5,000 lines drawn from a handful of repeated lines (many equal lines, no real match)", () => {
    const random = prng(7);
    const vocabulary = ["", "---", "## Mục tiêu", "- Ý 1", "- Ý 2", "```", "Nội dung"];
    const draw = () => Array.from({ length: 5000 }, () => vocabulary[Math.floor(random() * vocabulary.length)] ?? "");
    const before = draw();
    const after = draw();
    const lines = diffLines(text(before), text(after));
    expect(oldSide(lines)).toEqual(before);
    expect(newSide(lines)).toEqual(after);
  });
});
