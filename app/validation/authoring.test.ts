import { describe, expect, it } from "vitest";
import { QuestionBankSchema } from "~/domain/course-format";
import { QuestionFormSchema, questionFromForm, SettingsSchema } from "./authoring";
import { parseForm } from "./form";

const form = (fields: [string, string][]) => {
  const data = new FormData();
  for (const [key, value] of fields) data.append(key, value);
  const parsed = parseForm(QuestionFormSchema, data);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.data;
};

describe("the question form", () => {
  const base: [string, string][] = [
    ["id", "q1"],
    ["text", "Trẻ em là người dưới bao nhiêu tuổi?"],
    ["explanation", "Điều 1 Luật Trẻ em."],
    ["revision", "0"],
    ["option", "Dưới 16 tuổi"],
    ["option", "Dưới 18 tuổi"],
    ["option", ""],
    ["correct", "0"],
  ];

  it("keeps partial scoring for a question with several right answers, and only there", () => {
    const multiple = questionFromForm(form([...base, ["type", "multiple"], ["scoring", "partial"]]));
    expect(multiple).toMatchObject({ type: "multiple", scoring: "partial" });
    expect(multiple.options).toEqual([
      { text: "Dưới 16 tuổi", correct: true },
      { text: "Dưới 18 tuổi", correct: false },
    ]);
    expect(questionFromForm(form([...base, ["type", "single"], ["scoring", "partial"]]))).not.toHaveProperty("scoring");
    expect(questionFromForm(form([...base, ["type", "multiple"]]))).not.toHaveProperty("scoring");
  });

  it("refuses a scoring the bank does not know", () => {
    expect(
      QuestionFormSchema.safeParse({
        id: "q",
        type: "multiple",
        scoring: "half",
        text: "",
        explanation: "",
        revision: "0",
      }).success,
    ).toBe(false);
  });

  it("writes what the bank accepts", () => {
    const bank = { questions: [questionFromForm(form([...base, ["type", "multiple"], ["scoring", "partial"]]))] };
    expect(QuestionBankSchema.safeParse(bank).success).toBe(true);
  });
});

describe("the settings form", () => {
  it("reads the per-topic draw as a checkbox", () => {
    const fields = {
      title: "Luật Trẻ em",
      summary: "Tóm tắt",
      estimatedMinutes: "30",
      certificateValidityMonths: "24",
      passMark: "80",
      questionCount: "10",
      maxAttempts: "3",
      retryWaitMinutes: "60",
      revision: "1",
    };
    expect(SettingsSchema.parse({ ...fields, perTopic: "on" }).perTopic).toBe(true);
    expect(SettingsSchema.parse(fields).perTopic).toBe(false);
  });
});
