/** What trainers learn from submitted attempts: pass rate, scores, and the questions people get wrong. Pure. */
import { type Answers, type DrawnQuestion, itemsOf, scoreItem } from "./quiz";

export interface SubmittedAttempt {
  draw: DrawnQuestion[];
  answers: Answers;
  percent: number;
  passed: boolean;
}

export interface QuestionInsight {
  id: string;
  text: string;
  asked: number;
  /** Share answered fully right, 0..1. */
  correctShare: number;
  mostChosenWrong: { text: string; times: number } | null;
}

export interface CourseInsight {
  attempts: number;
  passRate: number;
  averagePercent: number;
  questions: QuestionInsight[];
}

export function courseInsight(attempts: readonly SubmittedAttempt[]): CourseInsight {
  const byQuestion = new Map<string, { text: string; asked: number; correct: number; wrong: Map<string, number> }>();
  for (const attempt of attempts) {
    for (const item of itemsOf(attempt.draw)) {
      const entry = byQuestion.get(item.id) ?? {
        text: item.text,
        asked: 0,
        correct: 0,
        wrong: new Map<string, number>(),
      };
      entry.asked += 1;
      const answer = attempt.answers[item.id];
      if (scoreItem(item, answer).correct) entry.correct += 1;
      if (item.type === "true-false") {
        if (typeof answer === "boolean" && answer !== item.answer) {
          const label = answer ? "Đúng" : "Sai";
          entry.wrong.set(label, (entry.wrong.get(label) ?? 0) + 1);
        }
      } else if (Array.isArray(answer)) {
        for (const id of answer) {
          const option = item.options.find((o) => o.id === id);
          if (option && !option.correct) entry.wrong.set(option.text, (entry.wrong.get(option.text) ?? 0) + 1);
        }
      }
      byQuestion.set(item.id, entry);
    }
  }
  const questions = [...byQuestion.entries()].map(([id, q]) => {
    const [text, times] = [...q.wrong.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
    return {
      id,
      text: q.text,
      asked: q.asked,
      correctShare: q.asked === 0 ? 0 : q.correct / q.asked,
      mostChosenWrong: text !== undefined && times !== undefined ? { text, times } : null,
    };
  });
  // Hardest first: where teaching needs attention.
  questions.sort((a, b) => a.correctShare - b.correctShare || b.asked - a.asked);
  const n = attempts.length;
  return {
    attempts: n,
    passRate: n === 0 ? 0 : attempts.filter((a) => a.passed).length / n,
    averagePercent: n === 0 ? 0 : Math.round((attempts.reduce((s, a) => s + a.percent, 0) / n) * 100) / 100,
    questions,
  };
}
