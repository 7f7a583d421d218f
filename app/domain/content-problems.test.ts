import { describe, expect, it } from "vitest";
import { checkQuestion } from "./authoring";
import { problemPlace, sayIssue, sayProblem } from "./content-problems";
import { QuestionBankSchema } from "./course-format";

const sentences = (value: unknown) => {
  const result = QuestionBankSchema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => sayProblem(issue.path, sayIssue(issue), value));
};

describe("problems in the question bank, in the trainer's words", () => {
  it("names the question by number and code and the field by its form label, never zod's English", () => {
    const bank = {
      questions: [
        { id: "q1", type: "single", text: "Câu hỏi?", explanation: "Vì…", options: [{ text: "A", correct: true }] },
      ],
    };
    const said = sentences(bank);
    expect(said).toEqual(['Câu 1 (mã "q1"), Các lựa chọn: cần ít nhất 2 lựa chọn']);
  });

  it("says what is missing, what kind is allowed, and which part of a scenario", () => {
    expect(sentences({ questions: [] })).toEqual(["Các câu hỏi: cần ít nhất 1 mục"]);
    expect(sentences({ questions: [{ id: "a", type: "essay", text: "x", explanation: "y" }] })[0]).toBe(
      'Câu 1 (mã "a"), Loại câu hỏi: loại câu hỏi phải là: một đáp án đúng, nhiều đáp án đúng, đúng/sai, tình huống',
    );
    const said = sentences({
      questions: [
        {
          id: "s",
          type: "scenario",
          text: "Tình huống",
          explanation: "…",
          questions: [{ id: "s1", type: "true-false", text: "Đúng không?", explanation: "…" }],
        },
      ],
    });
    expect(said).toEqual(['Câu 1 (mã "s"), ý 1 (mã "s1"), Đáp án: chưa có (bắt buộc)']);
    for (const sentence of [...said, ...sentences({ questions: [{ id: 1 }] })])
      expect(sentence).not.toMatch(/Array must|Required|Expected|Invalid|element\(s\)/);
  });

  it("the question form gets the same sentences, about its own fields", () => {
    const check = checkQuestion({ id: "q", type: "single", text: "", explanation: "x", options: [] }, []);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problems.map((p) => p.message)).toEqual([
      "Nội dung: không được để trống",
      "Các lựa chọn: cần ít nhất 2 lựa chọn",
    ]);
  });
});

describe("where a problem is", () => {
  it("is a lesson by its key, the questions or the settings, not a file path", () => {
    expect(problemPlace("ky-nang/lessons/03-tinh-huong.mdx")).toEqual({ kind: "lesson", key: "tinh-huong" });
    expect(problemPlace("ky-nang/questions.yaml")).toEqual({ kind: "questions" });
    expect(problemPlace("ky-nang/course.md")).toEqual({ kind: "settings" });
    expect(problemPlace("ky-nang/media/x.png")).toEqual({ kind: "other", file: "x.png" });
  });
});
