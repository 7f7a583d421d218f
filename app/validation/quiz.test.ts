import { describe, expect, it } from "vitest";
import { type PublicQuestion, unansweredItems } from "~/domain/quiz";
import { parseSubmission } from "./form";
import { attemptSchema } from "./quiz";

const questions: PublicQuestion[] = [
  { id: "tf", type: "true-false", text: "Đúng hay sai?" },
  {
    id: "case",
    type: "scenario",
    text: "Tình huống",
    items: [
      {
        id: "one",
        type: "single",
        text: "Chọn một",
        options: [
          { id: 0, text: "A" },
          { id: 1, text: "B" },
        ],
      },
      {
        id: "many",
        type: "multiple",
        text: "Chọn nhiều",
        options: [
          { id: 0, text: "A" },
          { id: 1, text: "B" },
        ],
      },
    ],
  },
];

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
};

describe("unansweredItems", () => {
  it("lists every item without an answer, numbered by its question", () => {
    expect(unansweredItems(questions, {}).map((u) => [u.number, u.id])).toEqual([
      [1, "tf"],
      [2, "one"],
      [2, "many"],
    ]);
    expect(unansweredItems(questions, { tf: false, one: [1], many: [] }).map((u) => u.id)).toEqual(["many"]);
    expect(unansweredItems(questions, { tf: true, one: [0], many: [0, 1] })).toEqual([]);
  });
});

describe("attemptSchema", () => {
  const schema = attemptSchema(questions);
  it("refuses a submit with unanswered questions, each marked, and lets save and confirm through", () => {
    const asked = parseSubmission(
      form([
        ["intent", "submit"],
        ["a:tf", "false"],
      ]),
      schema,
    );
    expect(asked.status).toBe("error");
    expect(asked.reply().error).toEqual({ "a:one": ["quiz.unanswered"], "a:many": ["quiz.unanswered"] });
    for (const intent of ["save", "confirm-submit"]) {
      expect(parseSubmission(form([["intent", intent]]), schema).status).toBe("success");
    }
    const full = form([
      ["intent", "submit"],
      ["a:tf", "true"],
      ["a:one", "1"],
      ["a:many", "0"],
      ["a:many", "1"],
    ]);
    expect(parseSubmission(full, schema).status).toBe("success");
  });
  it("does not count an option the question does not have as an answer", () => {
    const bogus = parseSubmission(
      form([
        ["intent", "submit"],
        ["a:tf", "maybe"],
        ["a:one", "7"],
        ["a:many", "0"],
      ]),
      schema,
    );
    expect(Object.keys(bogus.reply().error ?? {})).toEqual(["a:tf", "a:one"]);
  });
  it("refuses an unknown intent", () => {
    expect(parseSubmission(form([["intent", "cheat"]]), schema).status).toBe("error");
  });
});
