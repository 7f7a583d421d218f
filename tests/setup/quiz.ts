/** Quiz helpers for tests that pass (or fail) attempts through the quiz service. */
import { itemsOf } from "~/domain/quiz";
import { requireAttempt } from "~/services/quiz.server";
import type { Viewer } from "~/utils/auth.server";

/** The right answers of an attempt's frozen draw: what a learner who knows it all sends. */
export function rightAnswers(viewer: Viewer, slug: string, attemptId: number): Record<string, number[] | boolean> {
  const { attempt } = requireAttempt(viewer, slug, attemptId);
  const answers: Record<string, number[] | boolean> = {};
  for (const item of itemsOf(attempt.draw)) {
    answers[item.id] =
      item.type === "true-false" ? item.answer : item.options.filter((o) => o.correct).map((o) => o.id);
  }
  return answers;
}
