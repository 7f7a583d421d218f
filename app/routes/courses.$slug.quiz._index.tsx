import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CourseCertificateCard } from "~/components/ui/certificates";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { formatDateTime } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { courseCertificateOf } from "~/services/certificates.server";
import { quizState, startAttempt } from "~/services/quiz.server";
import { requireViewer } from "~/utils/auth.server";
import { slugParam } from "~/utils/params.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "quiz.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const slug = slugParam(params.slug);
  const state = quizState(viewer, slug);
  return json({
    course: {
      slug,
      title: state.course.title,
      questionCount: state.course.quiz.questionCount,
      passMark: state.course.passMark,
      maxAttempts: state.course.quiz.maxAttempts,
      timeLimitMinutes: state.course.quiz.timeLimitMinutes ?? null,
    },
    gate: state.gate,
    inProgressId: state.inProgress?.id ?? null,
    attempts: state.attempts
      .filter((a) => a.status === "submitted")
      .map((a) => ({
        id: a.id,
        number: a.number,
        percent: a.percent,
        passed: a.passed,
        submittedAt: a.submittedAt?.getTime() ?? 0,
      })),
    ...courseCertificateOf(viewer, state.course.courseId),
  });
}

/** Start (or resume) an attempt; a double click lands on the same attempt. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const slug = slugParam(params.slug);
  const started = startAttempt(viewer, slug);
  if (!started.ok) return json({ gate: started.gate }, { status: 409 });
  return redirect(`/courses/${slug}/quiz/${started.attemptId}`);
}

export default function QuizOverview() {
  const {
    course,
    gate: loadedGate,
    inProgressId,
    attempts,
    certificate,
    certification,
  } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const gate = refused?.gate ?? loadedGate;
  const t = useT();
  const locale = useLocale();
  return (
    <div className="mx-auto max-w-prose space-y-4">
      <nav className="text-sm">
        <Link to={`/courses/${course.slug}`}>{course.title}</Link>
      </nav>
      <h1 className="text-2xl font-semibold">{t("quiz.title")}</h1>
      <p>
        {t("quiz.rules", {
          questions: course.questionCount,
          passMark: course.passMark,
          maxAttempts: course.maxAttempts,
        })}
      </p>
      <p>
        {course.timeLimitMinutes ? t("quiz.timeLimit", { minutes: course.timeLimitMinutes }) : t("quiz.noTimeLimit")}
      </p>
      <section className="card space-y-3" aria-live="polite">
        {inProgressId ? (
          <Link to={`/courses/${course.slug}/quiz/${inProgressId}`} className="btn">
            {t("quiz.continue")}
          </Link>
        ) : gate.allowed ? (
          <Form method="post" className="space-y-2">
            <p>{t("quiz.attemptsLeft", { count: gate.attemptsLeft })}</p>
            <button type="submit" className="btn">
              {t("quiz.start")}
            </button>
          </Form>
        ) : gate.reason === "wait" ? (
          <p role="status">{t("quiz.wait", { time: formatDateTime(locale, gate.until) })}</p>
        ) : gate.reason === "no-attempts-left" ? (
          <p role="status">{t("quiz.noAttemptsLeft")}</p>
        ) : (
          <p role="status">{t("quiz.alreadyCertified")}</p>
        )}
      </section>
      {certificate && certification.state !== "none" ? (
        <CourseCertificateCard certificate={certificate} certification={certification} />
      ) : null}
      {attempts.length > 0 ? (
        <section aria-labelledby="history-title">
          <h2 id="history-title" className="text-lg font-semibold">
            {t("quiz.history")}
          </h2>
          <ul className="mt-2 divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {attempts.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                <Link to={`/courses/${course.slug}/quiz/${a.id}`}>{t("quiz.attempt", { number: a.number })}</Link>
                <span>
                  {a.percent}% · {a.passed ? t("quiz.passed") : t("quiz.failed")} ·{" "}
                  {formatDateTime(locale, a.submittedAt)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
