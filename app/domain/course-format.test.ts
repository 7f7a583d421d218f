import { describe, expect, it } from "vitest";
import {
  CourseFrontmatterSchema,
  checkQuestionBank,
  orderLessons,
  parseLessonFilename,
  QuestionBankSchema,
} from "./course-format";

const course = {
  slug: "can-bo-cap-xa",
  title: "Khoá học",
  summary: "Tóm tắt",
  audience: { tiers: ["commune"], positions: ["commune_officer"] },
  estimatedMinutes: 60,
  certificateValidityMonths: 24,
  passMark: 80,
  quiz: { questionCount: 10, maxAttempts: 3, retryWaitMinutes: 60 },
};

describe("course frontmatter", () => {
  it("accepts a complete course and normalises text to NFC", () => {
    const parsed = CourseFrontmatterSchema.parse({ ...course, title: " Bảo vệ trẻ em ".normalize("NFD") });
    expect(parsed.title).toBe("Bảo vệ trẻ em");
  });

  it("refuses missing settings, unknown keys, bad slugs and impossible pass marks", () => {
    const { passMark: _drop, ...withoutPassMark } = course;
    expect(CourseFrontmatterSchema.safeParse(withoutPassMark).success).toBe(false);
    expect(CourseFrontmatterSchema.safeParse({ ...course, colour: "red" }).success).toBe(false);
    expect(CourseFrontmatterSchema.safeParse({ ...course, slug: "Cán bộ" }).success).toBe(false);
    expect(CourseFrontmatterSchema.safeParse({ ...course, passMark: 120 }).success).toBe(false);
    expect(CourseFrontmatterSchema.safeParse({ ...course, quiz: { ...course.quiz, maxAttempts: 0 } }).success).toBe(
      false,
    );
  });
});

describe("question bank", () => {
  const single = (id: string, correct: number[]) => ({
    id,
    type: "single",
    text: "Câu hỏi?",
    explanation: "Vì thế.",
    options: ["A", "B", "C"].map((text, i) => ({ text, correct: correct.includes(i) })),
  });

  it("parses every question type", () => {
    const bank = QuestionBankSchema.parse({
      questions: [
        single("a", [0]),
        { ...single("b", [0, 2]), type: "multiple", scoring: "partial" },
        { id: "c", type: "true-false", text: "Đúng?", answer: true, explanation: "Đúng." },
        { id: "d", type: "scenario", text: "Tình huống", explanation: "Giải thích", questions: [single("d-1", [1])] },
      ],
    });
    expect(bank.questions.map((q) => q.type)).toEqual(["single", "multiple", "true-false", "scenario"]);
    expect(checkQuestionBank(bank)).toEqual([]);
  });

  it("refuses an empty explanation", () => {
    expect(QuestionBankSchema.safeParse({ questions: [{ ...single("a", [0]), explanation: "  " }] }).success).toBe(
      false,
    );
  });

  it("finds duplicate ids, wrong numbers of correct options and repeated options", () => {
    const bank = QuestionBankSchema.parse({
      questions: [
        single("a", [0, 1]),
        { ...single("a", []), type: "multiple" },
        {
          ...single("c", [0]),
          options: [
            { text: "Có", correct: true },
            { text: "có", correct: false },
          ],
        },
        { id: "d", type: "scenario", text: "T", explanation: "G", questions: [single("a", [])] },
      ],
    });
    expect(checkQuestionBank(bank).map((p) => [p.path.join("."), p.message])).toEqual([
      ["questions.0.options", "câu một lựa chọn phải có đúng 1 đáp án đúng (đang có 2)"],
      ["questions.1.id", 'mã câu hỏi "a" bị trùng'],
      ["questions.1.options", "câu nhiều lựa chọn phải có ít nhất 1 đáp án đúng"],
      ["questions.2.options.1", 'lựa chọn "có" bị lặp'],
      ["questions.3.questions.0.id", 'mã câu hỏi "a" bị trùng'],
      ["questions.3.questions.0.options", "câu một lựa chọn phải có đúng 1 đáp án đúng (đang có 0)"],
    ]);
  });
});

describe("lesson files", () => {
  it("takes order from the number and identity from the rest of the name", () => {
    expect(parseLessonFilename("03-quy-trinh.mdx")).toEqual({ position: 3, key: "quy-trinh" });
    expect(parseLessonFilename("quy-trinh.mdx")).toBeNull();
    expect(parseLessonFilename("01-Quy-Trình.mdx")).toBeNull();
    expect(parseLessonFilename("02-media.mdx")).toBeNull();
  });

  it("orders by number, not by name, and reports clashes", () => {
    const lessons = [
      { position: 10, key: "cuoi", file: "10-cuoi.mdx" },
      { position: 2, key: "giua", file: "2-giua.mdx" },
      { position: 1, key: "dau", file: "01-dau.mdx" },
    ];
    expect(orderLessons(lessons).ordered.map((l) => l.key)).toEqual(["dau", "giua", "cuoi"]);
    const clash = orderLessons([...lessons, { position: 2, key: "dau", file: "02-dau.mdx" }]);
    expect(clash.problems.map((p) => p.message)).toEqual([
      "trùng số thứ tự 2 với 02-dau.mdx",
      'trùng mã bài "dau" với 01-dau.mdx',
    ]);
  });
});
