import { describe, expect, it } from "vitest";
import { clampPosition, problemRange, textLines } from "./problem-position";

const doc = textLines('Dòng một\n<Callout type="nope">\n\nCuối');

describe("textLines", () => {
  it("splits on newlines and keeps offsets", () => {
    expect(doc.lines).toBe(4);
    expect(doc.line(2)).toEqual({ from: 9, to: 30, text: '<Callout type="nope">' });
    expect(doc.line(3)).toEqual({ from: 31, to: 31, text: "" });
    expect(doc.line(4)).toEqual({ from: 32, to: 36, text: "Cuối" });
  });

  it("treats an empty text as one empty line and a \\r before a newline as part of the break", () => {
    expect(textLines("").lines).toBe(1);
    expect(textLines("").line(1)).toEqual({ from: 0, to: 0, text: "" });
    expect(textLines("a\r\nb").line(1)).toEqual({ from: 0, to: 1, text: "a" });
    expect(textLines("a\r\nb").line(2)).toEqual({ from: 3, to: 4, text: "b" });
  });
});

describe("clampPosition", () => {
  it("converts a position inside the text", () => {
    expect(clampPosition(doc, 2, 10)).toEqual({ line: 2, column: 10, offset: 18 });
    expect(clampPosition(doc, 1, 1)).toEqual({ line: 1, column: 1, offset: 0 });
  });

  it("allows the column just after the last character of a line", () => {
    expect(clampPosition(doc, 1, 9)).toEqual({ line: 1, column: 9, offset: 8 });
  });

  it("clamps columns past the end of the line to its end", () => {
    expect(clampPosition(doc, 1, 500)).toEqual({ line: 1, column: 9, offset: 8 });
    expect(clampPosition(doc, 3, 4)).toEqual({ line: 3, column: 1, offset: 31 });
  });

  it("clamps lines past the end to the last line, and zero or negative values to 1", () => {
    expect(clampPosition(doc, 99, 2)).toEqual({ line: 4, column: 2, offset: 33 });
    expect(clampPosition(doc, 0, 0)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(clampPosition(doc, -3, -3)).toEqual({ line: 1, column: 1, offset: 0 });
  });

  it("survives NaN, infinities and fractions", () => {
    expect(clampPosition(doc, Number.NaN, Number.NaN)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(clampPosition(doc, Number.POSITIVE_INFINITY, 2)).toEqual({ line: 1, column: 2, offset: 1 });
    expect(clampPosition(doc, 2.7, 1.9)).toEqual({ line: 2, column: 1, offset: 9 });
  });

  it("works on an empty text", () => {
    expect(clampPosition(textLines(""), 3, 3)).toEqual({ line: 1, column: 1, offset: 0 });
  });
});

describe("problemRange", () => {
  it("marks the word or tag the problem points at", () => {
    const { from, to } = problemRange(doc, 2, 1);
    expect(from).toBe(9);
    expect('Dòng một\n<Callout type="nope">\n\nCuối'.slice(from, to)).toBe("<Callout");
  });

  it("is empty at the end of a line and on an empty line", () => {
    expect(problemRange(doc, 1, 9)).toEqual({ from: 8, to: 8 });
    expect(problemRange(doc, 3, 1)).toEqual({ from: 31, to: 31 });
  });

  it("is empty on a space and capped in length", () => {
    expect(problemRange(textLines("a  b"), 1, 2)).toEqual({ from: 1, to: 1 });
    expect(problemRange(textLines("x".repeat(100)), 1, 1, 10)).toEqual({ from: 0, to: 10 });
  });

  it("clamps like clampPosition", () => {
    expect(problemRange(doc, 50, 50)).toEqual({ from: 36, to: 36 });
  });
});
