import { z } from "zod";
import { answersFromForm, type DrawnQuestion, type PublicQuestion, unansweredItems } from "~/domain/quiz";
import { intent } from "./form";

/** The form's values as (name, value) pairs, a repeated field (checkboxes) once per value. */
function entriesOf(value: Record<string, unknown>): [string, string][] {
  return Object.entries(value).flatMap(([name, v]) =>
    (Array.isArray(v) ? v : [v])
      .filter((x): x is string => typeof x === "string")
      .map((x): [string, string] => [name, x]),
  );
}

/**
 * An attempt's form, checked in the browser and by the server: "save" keeps the answers so
 * far; "submit" with a question left unanswered is refused, each such question marked, until
 * the learner confirms ("confirm-submit"). Answers are the `a:<item id>` fields.
 */
export function attemptSchema(questions: readonly (PublicQuestion | DrawnQuestion)[]) {
  return z
    .object({ intent: intent(["save", "submit", "confirm-submit"]) })
    .passthrough()
    .superRefine((value, ctx) => {
      if (value.intent !== "submit") return;
      for (const item of unansweredItems(questions, answersFromForm(questions, entriesOf(value)))) {
        ctx.addIssue({ code: "custom", path: [`a:${item.id}`], message: "quiz.unanswered" });
      }
    });
}
