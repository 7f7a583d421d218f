import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { EmptyState } from "~/components/ui/empty-state";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Invitations } from "~/components/ui/invitations";
import { ProgressBar } from "~/components/ui/progress-bar";
import { formatDate, localName, todayInVietnam } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { markNotificationsRead, unreadNotifications } from "~/models/events.server";
import { listPlacements } from "~/models/users.server";
import { answerInvitation, myInvitations } from "~/services/events.server";
import { coursesForLearner, coursesLookedAfter } from "~/services/learning.server";
import { requireViewer } from "~/utils/auth.server";
import { badRequest } from "~/utils/http.server";
import { readForm } from "~/utils/request.server";
import { parseForm, repeated } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "home.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const placements = listPlacements(viewer.user.id)
    .filter((p) => p.endDate === null)
    .map((p) => ({
      id: p.id,
      unitName: p.unitName,
      nameVi: p.positionNameVi,
      nameEn: p.positionNameEn,
      startDate: p.startDate,
    }));
  const courses = coursesForLearner(viewer).map(({ course, lessons, progress, assignment, certificate }) => ({
    slug: course.slug,
    title: course.title,
    summary: course.summary,
    estimatedMinutes: course.estimatedMinutes,
    progress,
    resumeTitle: lessons.find((l) => l.key === progress.resumeKey)?.title ?? null,
    certificate,
    assignment,
  }));
  // Trainers and administrators look after the courses of their area: give them the way to each, and to its results.
  const authored = coursesLookedAfter(viewer).map((c) => ({ slug: c.slug, title: c.title }));
  const today = todayInVietnam();
  const invitations = myInvitations(viewer).filter((i) => i.lastDate >= today || i.status === "cancelled");
  const notices = unreadNotifications(viewer.user.id).map((n) => ({
    id: n.id,
    kind: n.kind,
    params: n.params as Record<string, string>,
  }));
  return json({ fullName: viewer.user.fullName, placements, courses, authored, invitations, notices });
}

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.enum(["confirmed", "declined"]), eventId: z.coerce.number().int().positive() }),
  z.object({
    intent: z.literal("dismiss"),
    notice: repeated(z.coerce.number().int().positive(), 50),
  }),
]);

/** Answers to invitations and notices, from My training. */
export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const parsed = parseForm(ActionSchema, await readForm(request));
  if (!parsed.ok) throw badRequest();
  if (parsed.data.intent === "dismiss") markNotificationsRead(viewer.user.id, parsed.data.notice);
  else answerInvitation(viewer, parsed.data.eventId, parsed.data.intent);
  return redirect("/");
}

export default function MyTraining() {
  const { fullName, placements, courses, authored, invitations, notices } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("home.title")}</h1>
      <p>{t("home.greeting", { name: fullName })}</p>
      <Invitations invitations={invitations} notices={notices} />
      {courses.length === 0 ? (
        <EmptyState title={t("home.empty.title")} body={t("home.empty.body")} />
      ) : (
        <ul className="space-y-3" aria-label={t("home.title")}>
          {courses.map((c) => (
            <li key={c.slug} className="card space-y-2">
              {c.assignment ? (
                <p className="flex flex-wrap items-center gap-2 text-sm">
                  <span className={`rounded px-2 py-0.5 font-medium ${STATUS_STYLE[c.assignment.status]}`}>
                    {t(`home.status.${c.assignment.status}`)}
                  </span>
                  <span>{t("home.dueOn", { date: formatDate(locale, c.assignment.dueOn) })}</span>
                </p>
              ) : null}
              <h2 className="text-lg font-semibold">
                <Link to={`/courses/${c.slug}`}>{c.title}</Link>
              </h2>
              <p className="text-sm text-slate-700">{c.summary}</p>
              <ProgressBar
                percent={c.progress.percent}
                label={t("course.progress", { read: c.progress.read, total: c.progress.total })}
              />
              {c.certificate ? (
                <CertificateNotice slug={c.slug} status={c.certificate.status} expiresOn={c.certificate.expiresOn} />
              ) : null}
              {c.progress.resumeKey ? (
                <Link to={`/courses/${c.slug}/${c.progress.resumeKey}`} className="btn">
                  {c.progress.started ? t("course.resume", { lesson: c.resumeTitle ?? "" }) : t("course.start")}
                </Link>
              ) : c.certificate?.status === "valid" ? null : (
                <Link to={`/courses/${c.slug}/quiz`} className="btn">
                  {t("quiz.open")}
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
      {authored.length > 0 ? (
        <section className="card" aria-labelledby="authored-title">
          <h2 id="authored-title" className="text-lg font-semibold">
            {t("home.authored")}
          </h2>
          <ul className="mt-2 divide-y divide-slate-100">
            {authored.map((c) => (
              <li key={c.slug} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <Link to={`/courses/${c.slug}`}>{c.title}</Link>
                <Link to={`/courses/${c.slug}/insight`} className="text-sm">
                  {t("insight.open")}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card" aria-labelledby="placements-title">
        <h2 id="placements-title" className="text-lg font-semibold">
          {t("home.myPlacements")}
        </h2>
        {placements.length === 0 ? (
          <p className="mt-1 text-slate-600">{t("home.noPlacement")}</p>
        ) : (
          <ul className="mt-2 space-y-1">
            {placements.map((p) => (
              <li key={p.id}>
                <span className="font-medium">{localName(locale, p)}</span> — {p.unitName}{" "}
                <span className="text-sm text-slate-600">
                  ({t("units.since")} {formatDate(locale, p.startDate)})
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

const STATUS_STYLE = {
  not_started: "bg-slate-200 text-slate-900",
  in_progress: "bg-sky-100 text-sky-900",
  completed: "bg-green-100 text-green-900",
  overdue: "bg-red-100 text-red-900",
  expired: "bg-amber-100 text-amber-900",
} as const;

/** Trained until the expiry date; 30 days before it, and after it, the course is due again. */
function CertificateNotice({ slug, status, expiresOn }: { slug: string; status: string; expiresOn: string }) {
  const t = useT();
  const locale = useLocale();
  const date = formatDate(locale, expiresOn);
  if (status === "valid") return <p className="font-medium text-green-800">✓ {t("home.certified", { date })}</p>;
  const expired = status === "expired";
  return (
    <p role="status" className="rounded border border-amber-300 bg-amber-50 p-2 text-amber-900">
      {expired ? t("home.certificateExpired", { date }) : t("home.certificateExpiring", { date })}{" "}
      <Link to={`/courses/${slug}/quiz`}>{t("home.recertify")}</Link>
    </p>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
