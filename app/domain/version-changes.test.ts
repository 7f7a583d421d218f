import { describe, expect, it } from "vitest";
import { courseSource, lessonSource, newCourseFrontmatter } from "./authoring";
import { paragraphChanges, paragraphs, versionChanges } from "./version-changes";

const lesson = (title: string, body: string) => lessonSource({ title, minutes: 10 }, body);

describe("paragraph changes", () => {
  it("counts paragraphs added, changed and removed", () => {
    const before = "Một.\n\nHai.\n\nBa.\n\nBốn.";
    const after = "Một.\n\nHai, sửa.\n\nBa.\n\nNăm.\n\nSáu.\n\nBảy.";
    const { counts, paragraphs: list } = paragraphChanges(before, after);
    expect(counts).toEqual({ added: 2, changed: 2, removed: 0 });
    expect(list[0]).toEqual({ change: "changed", before: "Hai.", after: "Hai, sửa." });
    expect(paragraphChanges("A.\n\nB.", "A.").counts).toEqual({ added: 0, changed: 0, removed: 1 });
  });

  it("keeps a paragraph's own lines and backslashes, and ignores blank-line and line-ending changes", () => {
    expect(paragraphs("a\nb\r\n\r\n\n c\\n ")).toEqual(["a\nb", "c\\n"]);
    const { paragraphs: list } = paragraphChanges("x\ny\n\nz\\n", "x\ny!\n\nz\\n");
    expect(list).toEqual([{ change: "changed", before: "x\ny", after: "x\ny!" }]);
    expect(paragraphChanges("a\n\n\n\nb", "a\r\n\r\nb").paragraphs).toEqual([]);
  });
});

describe("what changed between two versions", () => {
  const files = (entries: Record<string, string>) => new Map(Object.entries(entries));
  const settings = (passMark: number) => courseSource({ ...newCourseFrontmatter("k", "Khóa"), passMark }, "");

  it("per lesson by title (not file), with renames and moves; settings, questions and pictures by name", () => {
    const before = files({
      "course.md": settings(80),
      "lessons/01-mo-dau.mdx": lesson("Mở đầu", "Chào.\n\nNội dung."),
      "lessons/02-quy-trinh.mdx": lesson("Quy trình", "Bước 1."),
      "lessons/03-cu.mdx": lesson("Bài cũ", "Xóa đi."),
      "questions.yaml": "questions:\n  - id: q1\n    text: Một?\n  - id: q2\n    text: Hai?\n",
      "media/a.png": "sha256:1",
    });
    const after = files({
      "course.md": settings(70),
      "lessons/01-quy-trinh.mdx": lesson("Quy trình hỗ trợ", "Bước 1.\n\nBước 2."),
      "lessons/02-mo-dau.mdx": lesson("Mở đầu", "Chào.\n\nNội dung."),
      "lessons/03-moi.mdx": lesson("Bài mới", "Mới."),
      "questions.yaml": "questions:\n  - id: q1\n    text: Một, sửa?\n  - id: q3\n    text: Ba?\n",
      "media/a.png": "sha256:2",
      "media/b.png": "sha256:3",
    });
    const changes = versionChanges(before, after);
    expect(changes.lessons.map((l) => [l.title, l.change])).toEqual([
      ["Quy trình hỗ trợ", "changed"],
      ["Mở đầu", "changed"],
      ["Bài mới", "added"],
      ["Bài cũ", "removed"],
    ]);
    expect(changes.lessons[0]).toMatchObject({
      formerTitle: "Quy trình",
      moved: { from: 2, to: 1 },
      counts: { added: 1, changed: 0, removed: 0 },
    });
    expect(changes.lessons[1]).toMatchObject({
      moved: { from: 1, to: 2 },
      counts: { added: 0, changed: 0, removed: 0 },
    });
    expect(changes.settings).toEqual([{ field: "Điểm đạt (%)", before: "80", after: "70" }]);
    expect(changes.intro).toBeNull();
    expect(changes.questions).toEqual({
      added: [{ id: "q3", text: "Ba?" }],
      changed: [{ id: "q1", text: "Một, sửa?" }],
      removed: [{ id: "q2", text: "Hai?" }],
    });
    expect(changes.pictures).toEqual([
      { name: "a.png", change: "changed" },
      { name: "b.png", change: "added" },
    ]);
  });

  it("is empty when only line endings differ", () => {
    const a = files({ "lessons/01-a.mdx": lesson("A", "x\n\ny") });
    const b = files({ "lessons/01-a.mdx": lesson("A", "x\r\n\r\ny") });
    const changes = versionChanges(a, b);
    expect(changes.lessons).toEqual([]);
  });
});
