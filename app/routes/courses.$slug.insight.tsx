import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { courseInsight } from "~/domain/quiz-insight";
import { formatNumber } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { submittedAttemptsWithin } from "~/models/quiz.server";
import { openCourse } from "~/services/learning.server";
import { requireAnywhere, scopePaths } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { slugParam } from "~/utils/params.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "insight.title");

/** For trainers: how the learners of their area do in this course's quiz. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "course.author");
  const { course } = openCourse(viewer, slugParam(params.slug));
  const insight = courseInsight(submittedAttemptsWithin(course.courseId, scopePaths(viewer, "course.author")));
  return json({ course: { slug: course.slug, title: course.title }, insight });
}

export default function CourseInsightPage() {
  const { course, insight } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const percent = (share: number) => `${formatNumber(locale, Math.round(share * 1000) / 10)}%`;
  return (
    <div className="space-y-4">
      <nav className="text-sm">
        <Link to={`/courses/${course.slug}`}>{course.title}</Link>
      </nav>
      <h1 className="text-2xl font-semibold">{t("insight.title")}</h1>
      <p className="text-slate-600">{t("insight.scope")}</p>
      <dl className="grid grid-cols-3 gap-2 text-center">
        <div className="card">
          <dt className="text-sm text-slate-600">{t("insight.attempts")}</dt>
          <dd className="text-2xl font-semibold">{formatNumber(locale, insight.attempts)}</dd>
        </div>
        <div className="card">
          <dt className="text-sm text-slate-600">{t("insight.passRate")}</dt>
          <dd className="text-2xl font-semibold">{percent(insight.passRate)}</dd>
        </div>
        <div className="card">
          <dt className="text-sm text-slate-600">{t("insight.average")}</dt>
          <dd className="text-2xl font-semibold">{formatNumber(locale, insight.averagePercent)}%</dd>
        </div>
      </dl>
      {insight.questions.length === 0 ? (
        <p>{t("insight.none")}</p>
      ) : (
        <section aria-labelledby="questions-title">
          <h2 id="questions-title" className="text-lg font-semibold">
            {t("insight.questions")}
          </h2>
          <ScrollRegion label={t("insight.questions")} className="rounded-lg border border-slate-200 bg-white">
            <table className="table table-cards">
              <thead>
                <tr>
                  <th scope="col">{t("quiz.question", { number: "" }).trim()}</th>
                  <th scope="col">{t("insight.asked")}</th>
                  <th scope="col">{t("insight.correct")}</th>
                  <th scope="col">{t("insight.wrong")}</th>
                </tr>
              </thead>
              <tbody>
                {insight.questions.map((q) => (
                  <tr key={q.id}>
                    <td data-label="" className="font-medium">
                      {q.text}
                    </td>
                    <td data-label={t("insight.asked")}>{formatNumber(locale, q.asked)}</td>
                    <td data-label={t("insight.correct")}>{percent(q.correctShare)}</td>
                    <td data-label={t("insight.wrong")}>
                      {q.mostChosenWrong ? `${q.mostChosenWrong.text} (${q.mostChosenWrong.times})` : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </section>
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
