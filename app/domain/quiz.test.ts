import { describe, expect, it } from "vitest";
import type { Question } from "./course-format";
import { answersFromForm, type DrawnItem, drawQuestions, itemsOf, publicView, scoreAttempt, scoreItem } from "./quiz";

const single = (id: string, topic = "a"): Question => ({
  id,
  topic,
  type: "single",
  text: `Câu ${id}`,
  explanation: "Giải thích",
  options: [
    { text: "Đúng", correct: true },
    { text: "Sai 1", correct: false },
    { text: "Sai 2", correct: false },
  ],
});
const bank: Question[] = [
  ...["1", "2", "3", "4", "5", "6"].map((id) => single(id, id <= "3" ? "a" : "b")),
  { id: "tf", type: "true-false", text: "Đúng?", answer: true, explanation: "Vì." },
  {
    id: "sc",
    type: "scenario",
    text: "Tình huống",
    explanation: "Bàn luận",
    questions: [
      { ...single("sc-1"), type: "single" } as never,
      { id: "sc-2", type: "true-false", text: "?", answer: false, explanation: "." },
    ],
  },
];

describe("drawQuestions", () => {
  it("draws the requested number, the same for the same seed, different for another", () => {
    const a = drawQuestions(bank, 5, 42);
    expect(a).toHaveLength(5);
    expect(drawQuestions(bank, 5, 42)).toEqual(a);
    expect(new Set(a.map((q) => q.id)).size).toBe(5);
    const orders = new Set(
      [1, 2, 3, 4, 5, 6, 7, 8].map((seed) =>
        drawQuestions(bank, 5, seed)
          .map((q) => q.id)
          .join(),
      ),
    );
    expect(orders.size).toBeGreaterThan(1);
  });

  it("shuffles options but keeps each option's identity and correctness", () => {
    const drawn = itemsOf(drawQuestions(bank, 8, 7)).filter(
      (i): i is Extract<DrawnItem, { options: unknown }> => "options" in i,
    );
    for (const item of drawn) {
      expect(item.options.map((o) => o.id).sort()).toEqual([0, 1, 2]);
      expect(item.options.find((o) => o.id === 0)?.correct).toBe(true);
    }
    const orders = new Set(drawn.map((i) => i.options.map((o) => o.id).join()));
    expect(orders.size).toBeGreaterThan(1);
  });

  it("spreads questions over topics when asked", () => {
    const drawn = drawQuestions(bank, 4, 3, { perTopic: true });
    const topics = drawn.map((q) => bank.find((b) => b.id === q.id)?.topic ?? "");
    expect(topics.filter((t) => t === "a").length).toBeGreaterThanOrEqual(1);
    expect(topics.filter((t) => t === "b").length).toBeGreaterThanOrEqual(1);
  });

  it("never asks for more than the bank has", () => {
    expect(drawQuestions(bank, 50, 1)).toHaveLength(bank.length);
    expect(drawQuestions(bank, 50, 1, { perTopic: true })).toHaveLength(bank.length);
  });
});

describe("publicView", () => {
  it("sends no right answers and no explanations to the browser", () => {
    const view = JSON.stringify(publicView(drawQuestions(bank, bank.length, 9)));
    expect(view).not.toContain("correct");
    expect(view).not.toContain("answer");
    expect(view).not.toContain("Giải thích");
    expect(view).not.toContain("Bàn luận");
  });
});

describe("scoreItem", () => {
  const options = [
    { id: 0, text: "A", correct: true },
    { id: 1, text: "B", correct: true },
    { id: 2, text: "C", correct: false },
    { id: 3, text: "D", correct: false },
  ];
  const multiple = (scoring: "all-or-nothing" | "partial"): DrawnItem => ({
    id: "m",
    type: "multiple",
    scoring,
    text: "",
    explanation: "",
    options,
  });
  const singleItem: DrawnItem = {
    id: "s",
    type: "single",
    scoring: "all-or-nothing",
    text: "",
    explanation: "",
    options: options.slice(1),
  };

  it("single choice: one point for the right option alone", () => {
    expect(scoreItem(singleItem, [1]).points).toBe(1);
    expect(scoreItem(singleItem, [2]).points).toBe(0);
    expect(scoreItem(singleItem, [1, 2]).points).toBe(0);
    expect(scoreItem(singleItem, undefined).points).toBe(0);
  });

  it("multiple choice, all or nothing", () => {
    expect(scoreItem(multiple("all-or-nothing"), [0, 1]).points).toBe(1);
    expect(scoreItem(multiple("all-or-nothing"), [0]).points).toBe(0);
    expect(scoreItem(multiple("all-or-nothing"), [0, 1, 2]).points).toBe(0);
  });

  it("multiple choice, partial credit, never negative", () => {
    expect(scoreItem(multiple("partial"), [0, 1]).points).toBe(1);
    expect(scoreItem(multiple("partial"), [0]).points).toBe(0.5);
    expect(scoreItem(multiple("partial"), [0, 2]).points).toBe(0);
    expect(scoreItem(multiple("partial"), [2, 3]).points).toBe(0);
    expect(scoreItem(multiple("partial"), [0]).correct).toBe(false);
  });

  it("true/false", () => {
    const item: DrawnItem = { id: "t", type: "true-false", text: "", explanation: "", answer: false };
    expect(scoreItem(item, false).points).toBe(1);
    expect(scoreItem(item, true).points).toBe(0);
    expect(scoreItem(item, undefined).points).toBe(0);
  });
});

describe("scoreAttempt", () => {
  const drawn = drawQuestions(bank, bank.length, 11);
  const rightAnswers = () => {
    const answers: Record<string, number[] | boolean> = {};
    for (const item of itemsOf(drawn)) {
      answers[item.id] =
        item.type === "true-false" ? item.answer : item.options.filter((o) => o.correct).map((o) => o.id);
    }
    return answers;
  };

  it("counts each sub-question of a scenario as a point", () => {
    const score = scoreAttempt(drawn, rightAnswers(), 80);
    expect(score.max).toBe(9);
    expect(score).toMatchObject({ points: 9, percent: 100, passed: true });
  });

  it("passes at the mark exactly, fails just under it, rounding down", () => {
    const answers = rightAnswers();
    delete answers["1"];
    delete answers.tf;
    const score = scoreAttempt(drawn, answers, 77.77);
    expect(score.percent).toBe(77.77);
    expect(score.passed).toBe(true);
    expect(scoreAttempt(drawn, answers, 77.78).passed).toBe(false);
  });

  it("scores an empty attempt as zero", () => {
    expect(scoreAttempt(drawn, {}, 50)).toMatchObject({ points: 0, percent: 0, passed: false });
  });
});

describe("answersFromForm", () => {
  const drawn = drawQuestions(bank, bank.length, 5);
  it("keeps only answers to items of the draw with options it has", () => {
    const answers = answersFromForm(drawn, [
      ["a:1", "0"],
      ["a:1", "2"],
      ["a:tf", "true"],
      ["a:sc-2", "maybe"],
      ["a:unknown", "1"],
      ["a:2", "99"],
      ["other", "x"],
    ]);
    expect(answers).toEqual({ "1": [2], tf: true });
  });
});
