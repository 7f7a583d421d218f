/**
 * The quiz: drawing questions from a bank, what the browser may see, and scoring. Pure.
 * A draw is frozen in the attempt when it starts (questions, their order, option order and
 * the right answers), so a reload shows the same attempt and a later version of the bank
 * cannot change how it is scored.
 */
import type { Question, SubQuestion } from "./course-format";

/** Deterministic PRNG (mulberry32): the same seed gives the same draw. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export interface DrawnOption {
  /** Index in the bank's option list: the answer's identity, whatever the display order. */
  id: number;
  text: string;
  correct: boolean;
}

export type DrawnItem =
  | {
      id: string;
      type: "single" | "multiple";
      scoring: "all-or-nothing" | "partial";
      text: string;
      explanation: string;
      options: DrawnOption[];
    }
  | { id: string; type: "true-false"; text: string; explanation: string; answer: boolean };

export type DrawnQuestion =
  | DrawnItem
  | { id: string; type: "scenario"; text: string; explanation: string; items: DrawnItem[] };

function drawItem(q: Question | SubQuestion, random: () => number): DrawnItem {
  if (q.type === "true-false")
    return { id: q.id, type: "true-false", text: q.text, explanation: q.explanation, answer: q.answer };
  if (q.type === "scenario") throw new Error("a scenario is not an item");
  const options = shuffle(
    q.options.map((o, id) => ({ id, text: o.text, correct: o.correct })),
    random,
  );
  return {
    id: q.id,
    type: q.type,
    scoring: q.type === "multiple" ? q.scoring : "all-or-nothing",
    text: q.text,
    explanation: q.explanation,
    options,
  };
}

/**
 * Draws `count` questions. With `perTopic`, questions are spread over topics as evenly as
 * the bank allows (round-robin over shuffled topics), so every topic is examined.
 */
export function drawQuestions(
  bank: readonly Question[],
  count: number,
  seed: number,
  options: { perTopic?: boolean } = {},
): DrawnQuestion[] {
  const random = seededRandom(seed);
  let picked: Question[];
  if (options.perTopic) {
    const byTopic = new Map<string, Question[]>();
    for (const q of shuffle(bank, random)) {
      const topic = q.topic ?? "";
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), q]);
    }
    const queues = shuffle([...byTopic.values()], random);
    picked = [];
    while (picked.length < Math.min(count, bank.length)) {
      for (const queue of queues) {
        const next = queue.shift();
        if (next && picked.length < count) picked.push(next);
      }
    }
  } else {
    picked = shuffle(bank, random).slice(0, count);
  }
  return picked.map((q) =>
    q.type === "scenario"
      ? {
          id: q.id,
          type: "scenario" as const,
          text: q.text,
          explanation: q.explanation,
          items: q.questions.map((s) => drawItem(s, random)),
        }
      : drawItem(q, random),
  );
}

/** What the browser sees before submission: no right answers, no explanations. */
export type PublicItem =
  | { id: string; type: "single" | "multiple"; text: string; options: { id: number; text: string }[] }
  | { id: string; type: "true-false"; text: string };
export type PublicQuestion = PublicItem | { id: string; type: "scenario"; text: string; items: PublicItem[] };

function publicItem(item: DrawnItem): PublicItem {
  if (item.type === "true-false") return { id: item.id, type: "true-false", text: item.text };
  return { id: item.id, type: item.type, text: item.text, options: item.options.map(({ id, text }) => ({ id, text })) };
}

export function publicView(drawn: readonly DrawnQuestion[]): PublicQuestion[] {
  return drawn.map((q) =>
    q.type === "scenario"
      ? { id: q.id, type: "scenario", text: q.text, items: q.items.map(publicItem) }
      : publicItem(q),
  );
}

/** Answers by item id: chosen option ids, or "true"/"false". */
export type Answers = Record<string, number[] | boolean>;

export interface ItemScore {
  id: string;
  points: number;
  max: 1;
  correct: boolean;
}

/**
 * One point per item (a scenario is worth one point per sub-question). Multiple choice with
 * partial credit: (right chosen − wrong chosen) / right options, never below 0.
 */
export function scoreItem(item: DrawnItem, answer: number[] | boolean | undefined): ItemScore {
  if (item.type === "true-false") {
    const correct = typeof answer === "boolean" && answer === item.answer;
    return { id: item.id, points: correct ? 1 : 0, max: 1, correct };
  }
  const chosen = new Set(Array.isArray(answer) ? answer : []);
  const right = item.options.filter((o) => o.correct);
  const rightChosen = right.filter((o) => chosen.has(o.id)).length;
  const wrongChosen = item.options.filter((o) => !o.correct && chosen.has(o.id)).length;
  const exact = rightChosen === right.length && wrongChosen === 0;
  if (item.type === "single" || item.scoring === "all-or-nothing") {
    const ok = item.type === "single" ? exact && chosen.size === 1 : exact;
    return { id: item.id, points: ok ? 1 : 0, max: 1, correct: ok };
  }
  const points = Math.max(0, (rightChosen - wrongChosen) / right.length);
  return { id: item.id, points, max: 1, correct: exact };
}

export interface AttemptScore {
  items: ItemScore[];
  points: number;
  max: number;
  /** Percent with two decimals, rounded down: 79.999 is not 80. */
  percent: number;
  passed: boolean;
}

export function itemsOf(drawn: readonly DrawnQuestion[]): DrawnItem[] {
  return drawn.flatMap((q) => (q.type === "scenario" ? q.items : [q]));
}

export function scoreAttempt(drawn: readonly DrawnQuestion[], answers: Answers, passMark: number): AttemptScore {
  const items = itemsOf(drawn).map((item) => scoreItem(item, answers[item.id]));
  const points = items.reduce((sum, s) => sum + s.points, 0);
  const max = items.length;
  const percent = max === 0 ? 0 : Math.floor((points / max) * 10000) / 100;
  return { items, points, max, percent, passed: percent >= passMark };
}

/**
 * Reads answers from a submitted form: `a:<itemId>` fields carrying option ids, or "true" /
 * "false". Anything that is not an item of this draw, or an option it does not have, is dropped.
 */
export function answersFromForm(
  drawn: readonly (PublicQuestion | DrawnQuestion)[],
  entries: Iterable<[string, string]>,
): Answers {
  const items = new Map(
    drawn.flatMap((q): (PublicItem | DrawnItem)[] => (q.type === "scenario" ? q.items : [q])).map((i) => [i.id, i]),
  );
  const answers: Answers = {};
  for (const [name, value] of entries) {
    if (!name.startsWith("a:")) continue;
    const item = items.get(name.slice(2));
    if (!item) continue;
    if (item.type === "true-false") {
      if (value === "true" || value === "false") answers[item.id] = value === "true";
      continue;
    }
    const id = Number(value);
    if (!Number.isInteger(id) || !item.options.some((o) => o.id === id)) continue;
    const previous = answers[item.id];
    const list = Array.isArray(previous) ? previous : [];
    if (item.type === "single") answers[item.id] = [id];
    else if (!list.includes(id)) answers[item.id] = [...list, id];
  }
  return answers;
}

/** An item the learner left unanswered, by the number of its question on the page. */
export interface Unanswered {
  /** 1-based number of the question ("Câu 3"). */
  number: number;
  id: string;
  text: string;
}

/**
 * The items without an answer (nothing ticked), in page order: before a submission is final
 * the learner is asked to confirm them. Works on the draw or on what the browser sees.
 */
export function unansweredItems(
  questions: readonly (PublicQuestion | DrawnQuestion)[],
  answers: Answers,
): Unanswered[] {
  return questions.flatMap((q, index) => {
    const items: (PublicItem | DrawnItem)[] = q.type === "scenario" ? q.items : [q];
    return items
      .filter((item) => {
        const answer = answers[item.id];
        return item.type === "true-false" ? typeof answer !== "boolean" : !Array.isArray(answer) || answer.length === 0;
      })
      .map((item) => ({ number: index + 1, id: item.id, text: item.text }));
  });
}
