import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  bankQuestions,
  bankSource,
  checkQuestion,
  checkRevision,
  componentSnippets,
  courseSlugFromTitle,
  courseSource,
  isValidLessonKey,
  lessonParts,
  lessonPath,
  lessonSource,
  newCourseFrontmatter,
  safeAssetName,
  slugify,
} from "./authoring";
import { CourseFrontmatterSchema, splitFrontmatter } from "./course-format";
import { MDX_COMPONENTS } from "./mdx-allow-list";

const single = (over: Record<string, unknown> = {}) => ({
  id: "q1",
  type: "single",
  text: "Trẻ em là người dưới bao nhiêu tuổi?",
  explanation: "Luật Trẻ em 2016, Điều 1: người dưới 16 tuổi.",
  options: [
    { text: "16", correct: true },
    { text: "18", correct: false },
  ],
  ...over,
});

describe("checkQuestion", () => {
  it("accepts a complete question", () => {
    expect(checkQuestion(single(), []).ok).toBe(true);
  });

  it("refuses a question with no correct option, with the field named in Vietnamese", () => {
    const result = checkQuestion(single({ options: [{ text: "16" }, { text: "18" }] }), []);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]?.message).toMatch(/^Các lựa chọn: .*đúng 1 đáp án đúng/);
  });

  it("refuses repeated options, ignoring case", () => {
    const result = checkQuestion(
      single({
        options: [
          { text: "Mười sáu", correct: true },
          { text: "mười sáu", correct: false },
        ],
      }),
      [],
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.some((p) => /bị lặp/.test(p.message))).toBe(true);
  });

  it("refuses an empty explanation, a single option and an id another question has", () => {
    const empty = checkQuestion(single({ explanation: "   " }), []);
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.problems[0]?.message).toMatch(/^Giải thích:/);
    const one = checkQuestion(single({ options: [{ text: "16", correct: true }] }), []);
    expect(one.ok).toBe(false);
    if (!one.ok) expect(one.problems[0]?.message).toBe("Các lựa chọn: cần ít nhất 2 lựa chọn");
    const taken = checkQuestion(single(), ["q1"]);
    expect(taken.ok).toBe(false);
  });

  it("accepts a multiple-choice question with several right options and a true/false one", () => {
    expect(
      checkQuestion(
        single({
          type: "multiple",
          options: [{ text: "A", correct: true }, { text: "B", correct: true }, { text: "C" }],
        }),
        [],
      ).ok,
    ).toBe(true);
    expect(
      checkQuestion({ id: "tf", type: "true-false", text: "Đúng hay sai?", explanation: "Vì…", answer: true }, []).ok,
    ).toBe(true);
  });
});

describe("checkRevision (optimistic concurrency)", () => {
  it("lets a save through only from the revision that is stored", () => {
    expect(checkRevision(3, { revision: 3 })).toEqual({ ok: true });
    expect(checkRevision(3, { revision: 4 })).toEqual({ ok: false, reason: "changed-by-other" });
    expect(checkRevision(3, undefined)).toEqual({ ok: false, reason: "deleted" });
  });
});

describe("lesson and course files", () => {
  it("writes a lesson file that reads back to the same parts, with the body's line offset", () => {
    const source = lessonSource({ title: "Quy trình: hỗ trợ, can thiệp", minutes: 15 }, "## Bước 1\n\nTiếp nhận.");
    const parts = lessonParts(source);
    expect(parts).toMatchObject({
      title: "Quy trình: hỗ trợ, can thiệp",
      minutes: 15,
      body: "## Bước 1\n\nTiếp nhận.\n",
    });
    expect(source.split("\n")[parts.bodyLineOffset]).toBe("## Bước 1");
    expect(lessonSource({ title: parts.title, minutes: parts.minutes }, parts.body)).toBe(source);
  });

  it("normalises to NFC", () => {
    const decomposed = "Tiê\u0301p nhâ\u0323n";
    expect(lessonParts(lessonSource({ title: decomposed, minutes: 5 }, decomposed)).title).toBe("Tiếp nhận");
  });

  it("writes a course.md its own schema accepts, and a question bank that reads back", () => {
    const source = courseSource(newCourseFrontmatter("ky-nang", "Kỹ năng tư vấn"), "Giới thiệu.");
    const { frontmatter, body } = splitFrontmatter(source);
    expect(CourseFrontmatterSchema.safeParse(parse(frontmatter ?? "")).success).toBe(true);
    expect(body.trim()).toBe("Giới thiệu.");
    expect(bankQuestions(bankSource([single()]))).toEqual([single()]);
    expect(bankQuestions("not: [a bank")).toEqual([]);
  });

  it("names lesson files by number and key, and refuses keys that clash with course addresses", () => {
    expect(lessonPath(3, "quy-trinh")).toBe("lessons/03-quy-trinh.mdx");
    expect(isValidLessonKey("quy-trinh")).toBe(true);
    expect(isValidLessonKey("quiz")).toBe(false);
    expect(isValidLessonKey("Quy Trình")).toBe(false);
  });

  it("turns an uploaded file's name into one the course format accepts", () => {
    expect(safeAssetName("Sơ đồ Quy trình (1).PNG")).toBe("so-do-quy-trinh-1.png");
    expect(safeAssetName("ảnh.jpeg")).toBe("anh.jpeg");
    expect(safeAssetName("....svg")).toBe("hinh.svg");
  });
});

describe("componentSnippets", () => {
  it("offers every top-level allow-listed component with its required attributes", () => {
    const snippets = componentSnippets();
    const topLevel = Object.entries(MDX_COMPONENTS).filter(([, rule]) => !rule.parent);
    expect(snippets.map((s) => s.component)).toEqual(topLevel.map(([name]) => name));
    const caseStudy = snippets.find((s) => s.component === "CaseStudy")?.text ?? "";
    expect(caseStudy).toContain("<Situation>");
    expect(caseStudy).toContain('title="');
    expect(snippets.find((s) => s.component === "Figure")?.text).toMatch(/<Figure src="[^"]+" alt="[^"]+" \/>/);
  });
});

describe("course addresses from the Vietnamese title", () => {
  const none = () => false;
  it("drops diacritics, turns đ into d, lower-cases and joins words with hyphens", () => {
    expect(courseSlugFromTitle("Bảo vệ trẻ em cấp xã", none)).toBe("bao-ve-tre-em-cap-xa");
    expect(courseSlugFromTitle("Đường dây nóng Điện Biên 111", none)).toBe("duong-day-nong-dien-bien-111");
    expect(courseSlugFromTitle("  Kỹ năng: Tư vấn (2025)!  ", none)).toBe("ky-nang-tu-van-2025");
    // Decomposed input (as some keyboards send it) gives the same address.
    expect(courseSlugFromTitle("Bảo vệ".normalize("NFD"), none)).toBe("bao-ve");
  });

  it("stays within 60 characters, cut between words", () => {
    const slug = courseSlugFromTitle(
      "Hướng dẫn nghiệp vụ bảo vệ trẻ em dành cho cộng tác viên thôn bản và tổ dân phố",
      none,
    );
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toBe("huong-dan-nghiep-vu-bao-ve-tre-em-danh-cho-cong-tac-vien");
    expect(slugify("a".repeat(70), 60)).toBe("a".repeat(60));
  });

  it("adds -2, -3… when the address is taken, still within the limit", () => {
    const taken = new Set(["bao-ve-tre-em", "bao-ve-tre-em-2"]);
    expect(courseSlugFromTitle("Bảo vệ trẻ em", (s) => taken.has(s))).toBe("bao-ve-tre-em-3");
    const long = "x".repeat(60);
    expect(courseSlugFromTitle(long, (s) => s === long)).toBe(`${"x".repeat(58)}-2`);
  });

  it("gives a usable address for a title without letters or digits", () => {
    expect(courseSlugFromTitle("!!!", none)).toBe("khoa-hoc");
    expect(courseSlugFromTitle("???", (s) => s === "khoa-hoc")).toBe("khoa-hoc-2");
  });

  it("always gives an address the course format accepts", () => {
    for (const title of ["Bảo vệ trẻ em", "Ữ ữ - -- đ", "123", "a  b"])
      expect(courseSlugFromTitle(title, none)).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });
});
