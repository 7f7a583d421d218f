import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { type RefObject, useEffect, useMemo, useRef } from "react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { FieldError, formProps, useValidatedForm } from "~/components/ui/form";
import { formatCertificateCode } from "~/domain/certificate";
import type { QuizGate } from "~/domain/completion";
import {
  answersFromForm,
  type DrawnItem,
  itemsOf,
  type PublicItem,
  publicView,
  scoreAttempt,
  type Unanswered,
  unansweredItems,
} from "~/domain/quiz";
import { formatDateTime, type MessageKey } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { certificateForAttempt } from "~/models/quiz.server";
import { quizState, requireAttempt, saveAnswers, submitAttempt } from "~/services/quiz.server";
import { requireViewer } from "~/utils/auth.server";
import { badRequest, idParam } from "~/utils/http.server";
import { slugParam } from "~/utils/params.server";
import { readForm } from "~/utils/request.server";
import { parseSubmission } from "~/validation/form";
import { attemptSchema } from "~/validation/quiz";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "quiz.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const slug = slugParam(params.slug);
  const { course, attempt } = requireAttempt(viewer, slug, idParam(params.attemptId));
  const base = { slug, courseTitle: course.title, number: attempt.number };
  if (attempt.status === "in_progress") {
    // Before submission the browser gets the questions, never the answers.
    return json({
      ...base,
      status: "in_progress" as const,
      questions: publicView(attempt.draw),
      saved: attempt.answers ?? {},
      deadline: attempt.deadlineAt?.getTime() ?? null,
    });
  }
  const answers = attempt.answers ?? {};
  const score = scoreAttempt(attempt.draw, answers, attempt.passMark);
  const points = new Map(score.items.map((s) => [s.id, s]));
  const review = (item: DrawnItem) => ({
    id: item.id,
    text: item.text,
    explanation: item.explanation,
    points: points.get(item.id)?.points ?? 0,
    chosen:
      item.type === "true-false"
        ? typeof answers[item.id] === "boolean"
          ? [answers[item.id] ? "true" : "false"]
          : []
        : ((answers[item.id] as number[] | undefined) ?? []).map(
            (id) => item.options.find((o) => o.id === id)?.text ?? "",
          ),
    right:
      item.type === "true-false"
        ? [item.answer ? "true" : "false"]
        : item.options.filter((o) => o.correct).map((o) => o.text),
    isTrueFalse: item.type === "true-false",
  });
  const certificate = attempt.passed ? certificateForAttempt(attempt.id) : undefined;
  return json({
    ...base,
    status: "submitted" as const,
    questions: attempt.draw.map((q) =>
      q.type === "scenario"
        ? { id: q.id, scenario: q.text, discussion: q.explanation, items: q.items.map(review) }
        : { id: q.id, scenario: null, discussion: null, items: [review(q)] },
    ),
    points: attempt.points ?? score.points,
    maxPoints: attempt.maxPoints ?? score.max,
    percent: attempt.percent ?? score.percent,
    passed: attempt.passed === true,
    passMark: attempt.passMark,
    late: attempt.late,
    certificateCode: certificate ? formatCertificateCode(certificate.code) : null,
    totalItems: itemsOf(attempt.draw).length,
    // What the learner may do next: attempts left, and from when.
    next: attempt.passed ? null : quizState(viewer, slug).gate,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const slug = slugParam(params.slug);
  const { attempt } = requireAttempt(viewer, slug, idParam(params.attemptId));
  const formData = await readForm(request);
  const url = `/courses/${slug}/quiz/${attempt.id}`;
  const submission = parseSubmission(formData, attemptSchema(attempt.draw));
  const entries = [...formData.entries()].filter((e): e is [string, string] => typeof e[1] === "string");
  const answers = answersFromForm(attempt.draw, entries);
  if (submission.status !== "success") {
    if (formData.get("intent") !== "submit") throw badRequest();
    // Already submitted (another tab, a retry): its result, not a question.
    if (attempt.status !== "in_progress") return redirect(url);
    // Questions left unanswered: nothing is submitted, what was ticked is kept (saved, and
    // sent back into the form), and the learner is asked to confirm.
    saveAnswers(viewer, slug, attempt.id, answers);
    return json({ result: submission.reply() }, { status: 400 });
  }
  if (submission.value.intent === "save") {
    const saved = saveAnswers(viewer, slug, attempt.id, answers);
    // The browser's autosave wants an answer, not a page.
    if (formData.get("autosave") === "1") return json({ saved });
    return redirect(`${url}?saved=${saved ? "1" : "0"}`);
  }
  submitAttempt(viewer, slug, attempt.id, answers);
  return redirect(url);
}

export default function AttemptPage() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const [searchParams] = useSearchParams();
  const saved = searchParams.get("saved");
  return (
    <div className="mx-auto max-w-prose space-y-4">
      <nav className="text-sm">
        <Link to={`/courses/${data.slug}/quiz`}>
          {data.courseTitle} · {t("quiz.title")}
        </Link>
      </nav>
      {data.status === "in_progress" ? (
        <>
          <h1 className="text-2xl font-semibold">
            {t("quiz.title")} · {t("quiz.attempt", { number: data.number })}
          </h1>
          {data.deadline ? (
            <p className="rounded bg-amber-50 p-2">
              {t("quiz.deadline", { time: formatDateTime(locale, data.deadline) })}
            </p>
          ) : null}
          {saved ? (
            <p role="status" className={saved === "1" ? "text-green-800" : "text-red-700"}>
              {saved === "1" ? t("quiz.saved") : t("quiz.notSaved")}
            </p>
          ) : null}
          <AttemptForm questions={data.questions} saved={data.saved} number={data.number} />
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold">{t("quiz.result", { number: data.number })}</h1>
          <section className={`card ${data.passed ? "border-green-400" : "border-amber-400"}`} role="status">
            <p className="text-lg font-semibold">
              {data.passed ? t("quiz.resultPassed") : t("quiz.resultFailed", { passMark: data.passMark })}
            </p>
            <p>
              {t("quiz.score", {
                points: Math.round(data.points * 100) / 100,
                max: data.maxPoints,
                percent: data.percent,
              })}
            </p>
            {data.late ? <p className="text-amber-800">{t("quiz.late")}</p> : null}
            {data.certificateCode ? (
              <p className="mt-2">
                {t("quiz.certificateIssued", { code: data.certificateCode })}{" "}
                <Link to="/certificates">{t("quiz.myCertificates")}</Link>
              </p>
            ) : data.passed ? (
              <p className="mt-2">{t("quiz.readLessonsFirst")}</p>
            ) : null}
            {data.next ? <NextAttempt gate={data.next} slug={data.slug} /> : null}
          </section>
          <ol className="space-y-3">
            {data.questions.map((q, index) => (
              <li key={q.id} className="card space-y-2">
                <p className="text-sm font-semibold text-slate-600">{t("quiz.question", { number: index + 1 })}</p>
                {q.scenario ? <p className="rounded bg-slate-50 p-2">{q.scenario}</p> : null}
                {q.items.map((item) => (
                  <div key={item.id} className="space-y-1">
                    <p className="font-medium">{item.text}</p>
                    <p>
                      <span
                        className={
                          item.points === 1 ? "text-green-800" : item.points > 0 ? "text-amber-800" : "text-red-700"
                        }
                      >
                        {item.points === 1
                          ? `✓ ${t("quiz.correct")}`
                          : item.points > 0
                            ? `◐ ${t("quiz.partial")}`
                            : `✗ ${t("quiz.incorrect")}`}
                      </span>
                    </p>
                    <p>
                      {t("quiz.yourAnswer")}:{" "}
                      {item.chosen.length === 0
                        ? t("quiz.noAnswer")
                        : item.chosen
                            .map((c) => (item.isTrueFalse ? t(c === "true" ? "quiz.true" : "quiz.false") : c))
                            .join("; ")}
                    </p>
                    <p>
                      {t("quiz.rightAnswer")}:{" "}
                      {item.right
                        .map((c) => (item.isTrueFalse ? t(c === "true" ? "quiz.true" : "quiz.false") : c))
                        .join("; ")}
                    </p>
                    <p className="rounded bg-sky-50 p-2 text-sm">
                      <span className="font-semibold">{t("quiz.explanation")}:</span> {item.explanation}
                    </p>
                  </div>
                ))}
                {q.discussion ? <p className="text-sm text-slate-700">{q.discussion}</p> : null}
              </li>
            ))}
          </ol>
          <Link to={`/courses/${data.slug}`} className="btn-secondary">
            {t("quiz.backToCourse")}
          </Link>
        </>
      )}
    </div>
  );
}

/**
 * The questions and the buttons. "Nộp bài" with questions left unanswered is stopped — in the
 * browser with JavaScript, by the server without — and the learner sees which ones, each
 * marked beside it, and chooses to submit anyway or go back; nothing is spent meanwhile.
 */
function AttemptForm({ questions, saved, number }: { questions: PublicView; saved: Saved; number: number }) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData && "result" in actionData ? actionData.result : undefined;
  const schema = useMemo(() => attemptSchema(questions), [questions]);
  const [form] = useValidatedForm(schema, lastResult, { id: `attempt-${number}` });
  const autosave = useAutosave();
  const errors = form.allErrors;
  const unanswered = unansweredItems(questions, {}).filter((item) => errors[`a:${item.id}`]);
  // What was sent back by the server (no JavaScript) wins over what was saved before.
  const sent = lastResult ? (form.initialValue as Record<string, string | string[] | undefined>) : null;
  const confirmRef = useRef<HTMLElement>(null);
  const asking = unanswered.length > 0;
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  return (
    <Form method="post" className="space-y-4" {...formProps(form)} onChange={autosave.onChange} ref={autosave.formRef}>
      {asking ? <ConfirmSubmit unanswered={unanswered} focusRef={confirmRef} /> : null}
      <QuestionList questions={questions} saved={saved} sent={sent} errors={errors} />
      <p className="min-h-6 text-sm text-slate-600" aria-live="polite">
        {autosave.state === "saved" ? t("quiz.saved") : autosave.state === "failed" ? t("quiz.notSaved") : ""}
      </p>
      <p className="text-sm text-slate-600">{t("quiz.submitHelp")}</p>
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="intent" value="save" className="btn-secondary">
          {t("quiz.save")}
        </button>
        <button type="submit" name="intent" value="submit" className="btn">
          {t("quiz.submit")}
        </button>
      </div>
    </Form>
  );
}

/** The unanswered questions, as links to each, with "submit anyway" and "go back". */
function ConfirmSubmit({ unanswered, focusRef }: { unanswered: Unanswered[]; focusRef: RefObject<HTMLElement> }) {
  const t = useT();
  const first = unanswered[0];
  return (
    <section
      ref={focusRef}
      tabIndex={-1}
      role="alert"
      aria-labelledby="confirm-title"
      className="card space-y-2 border-amber-400 bg-amber-50"
      data-testid="confirm-submit"
    >
      <h2 id="confirm-title" className="text-lg font-semibold">
        {t("quiz.confirm.title", { count: unanswered.length })}
      </h2>
      <p>{t("quiz.confirm.body")}</p>
      <p>
        {t("quiz.confirm.list")}{" "}
        {unanswered.map((item, index) => (
          <span key={item.id}>
            {index > 0 ? ", " : ""}
            <a href={`#q-${item.id}`}>{t("quiz.question", { number: item.number })}</a>
          </span>
        ))}
      </p>
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="intent" value="confirm-submit" className="btn">
          {t("quiz.confirm.submit")}
        </button>
        {first ? (
          <a href={`#q-${first.id}`} className="btn-secondary">
            {t("quiz.confirm.back")}
          </a>
        ) : null}
      </div>
    </section>
  );
}

/** After a result that did not pass: how many attempts are left, and from when the next may start. */
function NextAttempt({ gate, slug }: { gate: QuizGate; slug: string }) {
  const t = useT();
  const locale = useLocale();
  if (gate.allowed)
    return (
      <p className="mt-2">
        {t("quiz.next.now", { count: gate.attemptsLeft })}{" "}
        <Link to={`/courses/${slug}/quiz`}>{t("quiz.next.retry")}</Link>
      </p>
    );
  if (gate.reason === "wait")
    return (
      <p className="mt-2">
        {t("quiz.next.wait", { count: gate.attemptsLeft, time: formatDateTime(locale, gate.until) })}
      </p>
    );
  if (gate.reason === "no-attempts-left") return <p className="mt-2">{t("quiz.noAttemptsLeft")}</p>;
  return null;
}

/**
 * With JavaScript, answers are saved a moment after each change, so a dropped line or the
 * end of the time limit loses nothing; without it, the "save" button does the same.
 */
function useAutosave() {
  const fetcher = useFetcher<{ saved: boolean }>();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  const onChange = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!formRef.current) return;
      const data = new FormData(formRef.current);
      data.set("intent", "save");
      data.set("autosave", "1");
      fetcher.submit(data, { method: "post" });
    }, 800);
  };
  const state = fetcher.state !== "idle" ? "saving" : fetcher.data ? (fetcher.data.saved ? "saved" : "failed") : "idle";
  return { formRef, onChange, state };
}

type Saved = Record<string, number[] | boolean>;
type PublicView = ReturnType<typeof publicView>;
type Sent = Record<string, string | string[] | undefined> | null;
type Errors = Record<string, string[] | undefined>;

function QuestionList({
  questions,
  saved,
  sent,
  errors,
}: {
  questions: PublicView;
  saved: Saved;
  sent: Sent;
  errors: Errors;
}) {
  const t = useT();
  return (
    <ol className="space-y-4">
      {questions.map((q, index) => (
        <li key={q.id} className="card space-y-3">
          <p className="text-sm font-semibold text-slate-600">{t("quiz.question", { number: index + 1 })}</p>
          {q.type === "scenario" ? (
            <>
              <p className="rounded bg-slate-50 p-2">{q.text}</p>
              {q.items.map((item) => (
                <Item key={item.id} item={item} saved={saved} sent={sent} errors={errors} />
              ))}
            </>
          ) : (
            <Item item={q} saved={saved} sent={sent} errors={errors} />
          )}
        </li>
      ))}
    </ol>
  );
}

/** One question as plain radio buttons or checkboxes: works without JavaScript, large touch targets. */
function Item({ item, saved, sent, errors }: { item: PublicItem; saved: Saved; sent: Sent; errors: Errors }) {
  const t = useT();
  const name = `a:${item.id}`;
  const previous = saved[item.id];
  const sentValues = sent ? [sent[name] ?? []].flat() : null;
  const error = errors[name]?.[0] as MessageKey | undefined;
  const errorId = `q-${item.id}-error`;
  const hint =
    item.type === "true-false"
      ? t("quiz.trueOrFalse")
      : item.type === "single"
        ? t("quiz.chooseOne")
        : t("quiz.chooseMany");
  const choices =
    item.type === "true-false"
      ? [
          { value: "true", label: t("quiz.true"), checked: previous === true },
          { value: "false", label: t("quiz.false"), checked: previous === false },
        ]
      : item.options.map((o) => ({
          value: String(o.id),
          label: o.text,
          checked: Array.isArray(previous) && previous.includes(o.id),
        }));
  return (
    <fieldset id={`q-${item.id}`} className="space-y-2" aria-describedby={error ? errorId : undefined}>
      <legend className="font-medium">{item.text}</legend>
      <p className="text-sm text-slate-600">{hint}</p>
      <FieldError id={errorId} error={error} />
      {choices.map((c) => (
        <label
          key={c.value}
          className="flex min-h-11 cursor-pointer items-center gap-3 rounded border border-slate-200 px-3 py-2 hover:bg-slate-50"
        >
          <input
            type={item.type === "multiple" ? "checkbox" : "radio"}
            name={name}
            value={c.value}
            defaultChecked={sentValues ? sentValues.includes(c.value) : c.checked}
            className="size-5 shrink-0"
          />
          <span>{c.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
