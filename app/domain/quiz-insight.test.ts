import { describe, expect, it } from "vitest";
import type { DrawnQuestion } from "./quiz";
import { courseInsight } from "./quiz-insight";

const draw: DrawnQuestion[] = [
  {
    id: "q1",
    type: "single",
    scoring: "all-or-nothing",
    text: "Số tổng đài?",
    explanation: ".",
    options: [
      { id: 0, text: "111", correct: true },
      { id: 1, text: "113", correct: false },
      { id: 2, text: "115", correct: false },
    ],
  },
  { id: "q2", type: "true-false", text: "Trẻ em dưới 16 tuổi?", explanation: ".", answer: true },
];

describe("courseInsight", () => {
  it("computes pass rate, average, share correct and the most chosen wrong option, hardest first", () => {
    const insight = courseInsight([
      { draw, answers: { q1: [1], q2: true }, percent: 50, passed: false },
      { draw, answers: { q1: [1], q2: true }, percent: 50, passed: false },
      { draw, answers: { q1: [0], q2: false }, percent: 50, passed: false },
      { draw, answers: { q1: [0], q2: true }, percent: 100, passed: true },
    ]);
    expect(insight).toMatchObject({ attempts: 4, passRate: 0.25, averagePercent: 62.5 });
    expect(insight.questions).toEqual([
      { id: "q1", text: "Số tổng đài?", asked: 4, correctShare: 0.5, mostChosenWrong: { text: "113", times: 2 } },
      {
        id: "q2",
        text: "Trẻ em dưới 16 tuổi?",
        asked: 4,
        correctShare: 0.75,
        mostChosenWrong: { text: "Sai", times: 1 },
      },
    ]);
  });

  it("is empty without attempts", () => {
    expect(courseInsight([])).toEqual({ attempts: 0, passRate: 0, averagePercent: 0, questions: [] });
  });
});
