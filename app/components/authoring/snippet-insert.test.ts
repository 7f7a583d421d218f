import { describe, expect, it } from "vitest";
import { insertSnippet } from "./snippet-insert";

const CALLOUT = '<Callout type="note">\nNội dung\n</Callout>';
const KEYPOINT = "<KeyPoint>\nNội dung\n</KeyPoint>";

/** The document with the cursor marked by "|". */
function run(marked: string, snippet = CALLOUT) {
  const cursor = marked.indexOf("|");
  const doc = marked.replace("|", "");
  const result = insertSnippet(doc, cursor, snippet);
  const { from, to } = result.change;
  // The change and the whole text agree.
  expect(doc.slice(0, from) + result.change.insert + doc.slice(to)).toBe(result.text);
  return { ...result, selected: result.text.slice(result.selection.from, result.selection.to) };
}

describe("insertSnippet", () => {
  it("fills an empty text and ends it with a newline", () => {
    const r = run("|");
    expect(r.text).toBe(`${CALLOUT}\n`);
    expect(r.selected).toBe("note");
    expect(r.selection).toEqual({ from: 15, to: 19 });
  });

  it("adds a blank line after a paragraph when the cursor is at its end", () => {
    const r = run("Một đoạn văn.|");
    expect(r.text).toBe(`Một đoạn văn.\n\n${CALLOUT}\n`);
    expect(r.selected).toBe("note");
  });

  it("splits a line in the middle and drops the spaces at the split", () => {
    const r = run("Trước |  sau");
    expect(r.text).toBe(`Trước\n\n${CALLOUT}\n\nsau`);
    expect(r.selected).toBe("note");
  });

  it("puts the snippet before a line when the cursor is at its start", () => {
    const r = run("|Đoạn đầu.\n");
    expect(r.text).toBe(`${CALLOUT}\n\nĐoạn đầu.\n`);
  });

  it("uses an empty line between paragraphs without adding more blank lines than needed", () => {
    const r = run("A\n\n|\n\nB\n");
    expect(r.text).toBe(`A\n\n${CALLOUT}\n\nB\n`);
  });

  it("adds the missing blank lines on an empty line right between two paragraphs", () => {
    const r = run("A\n|\nB");
    expect(r.text).toBe(`A\n\n${CALLOUT}\n\nB`);
  });

  it("replaces a line holding only spaces", () => {
    const r = run("A\n\n  |  \n\nB");
    expect(r.text).toBe(`A\n\n  <Callout type="note">\n  Nội dung\n  </Callout>\n\nB`);
    expect(r.selected).toBe("note");
  });

  it("keeps the indentation of the line inside a component", () => {
    const r = run('<Steps>\n  <Step title="Một">\n  |\n  </Step>\n</Steps>', KEYPOINT);
    expect(r.text).toBe(
      '<Steps>\n  <Step title="Một">\n\n  <KeyPoint>\n  Nội dung\n  </KeyPoint>\n\n  </Step>\n</Steps>',
    );
  });

  it("places the cursor at the end of the snippet when it has no quoted value", () => {
    const r = run("Đoạn.\n|", KEYPOINT);
    expect(r.text).toBe(`Đoạn.\n\n${KEYPOINT}\n`);
    expect(r.selection.from).toBe(r.selection.to);
    expect(r.text.slice(0, r.selection.from)).toBe(`Đoạn.\n\n${KEYPOINT}`);
  });

  it("selects an empty placeholder as a caret between the quotes", () => {
    const r = run("|", '<Figure src="" alt="Hình" />');
    expect(r.selection.from).toBe(r.selection.to);
    expect(r.text.slice(r.selection.from - 5, r.selection.from + 1)).toBe('src=""');
  });

  it("selects the first quoted value only", () => {
    const r = run("|", '<Download file="ten-tep.pdf" title="Tài liệu" />');
    expect(r.selected).toBe("ten-tep.pdf");
  });

  it("normalises the snippet's line breaks and trims blank lines around it", () => {
    const r = run("|", '\r\n<Term definition="Định nghĩa">\r\nNội dung\r\n</Term>\r\n\r\n');
    expect(r.text).toBe('<Term definition="Định nghĩa">\nNội dung\n</Term>\n');
    expect(r.selected).toBe("Định nghĩa");
  });

  it("clamps a cursor outside the text", () => {
    expect(insertSnippet("A", 99, KEYPOINT).text).toBe(`A\n\n${KEYPOINT}\n`);
    expect(insertSnippet("A", -5, KEYPOINT).text).toBe(`${KEYPOINT}\n\nA`);
    expect(insertSnippet("A", Number.NaN, KEYPOINT).text).toBe(`A\n\n${KEYPOINT}\n`);
  });

  it("inserts at the end of a text that already ends with a newline", () => {
    const r = run("A\n|");
    expect(r.text).toBe(`A\n\n${CALLOUT}\n`);
  });
});
