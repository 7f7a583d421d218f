import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { formatCertificateCode } from "~/domain/certificate";
import { answersFromForm, type DrawnItem, itemsOf, type PublicItem, publicView, scoreAttempt } from "~/domain/quiz";
import { formatDateTime } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { certificateForAttempt } from "~/models/quiz.server";
import { requireAttempt, saveAnswers, submitAttempt } from "~/services/quiz.server";
import { requireViewer } from "~/utils/auth.server";
import { badRequest, idParam } from "~/utils/http.server";
import { slugParam } from "~/utils/params.server";
import { readForm } from "~/utils/request.server";

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
  });
}

const IntentSchema = z.enum(["save", "submit"]);

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const slug = slugParam(params.slug);
  const { attempt } = requireAttempt(viewer, slug, idParam(params.attemptId));
  const formData = await readForm(request);
  const intent = IntentSchema.safeParse(formData.get("intent"));
  if (!intent.success) throw badRequest();
  const entries = [...formData.entries()].filter((e): e is [string, string] => typeof e[1] === "string");
  const answers = answersFromForm(attempt.draw, entries);
  const url = `/courses/${slug}/quiz/${attempt.id}`;
  if (intent.data === "save") {
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
  const autosave = useAutosave();
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
          <Form method="post" className="space-y-4" onChange={autosave.onChange} ref={autosave.formRef}>
            <QuestionList questions={data.questions} saved={data.saved} />
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

function QuestionList({ questions, saved }: { questions: ReturnType<typeof publicView>; saved: Saved }) {
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
                <Item key={item.id} item={item} saved={saved} />
              ))}
            </>
          ) : (
            <Item item={q} saved={saved} />
          )}
        </li>
      ))}
    </ol>
  );
}

/** One question as plain radio buttons or checkboxes: works without JavaScript, large touch targets. */
function Item({ item, saved }: { item: PublicItem; saved: Saved }) {
  const t = useT();
  const name = `a:${item.id}`;
  const previous = saved[item.id];
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
    <fieldset className="space-y-2">
      <legend className="font-medium">{item.text}</legend>
      <p className="text-sm text-slate-600">{hint}</p>
      {choices.map((c) => (
        <label
          key={c.value}
          className="flex min-h-11 cursor-pointer items-center gap-3 rounded border border-slate-200 px-3 py-2 hover:bg-slate-50"
        >
          <input
            type={item.type === "multiple" ? "checkbox" : "radio"}
            name={name}
            value={c.value}
            defaultChecked={c.checked}
            className="size-5 shrink-0"
          />
          <span>{c.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
