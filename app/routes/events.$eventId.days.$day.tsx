import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { FieldError } from "~/components/ui/form";
import { type AttendanceState, attendanceState } from "~/domain/events";
import { searchKey } from "~/domain/text";
import { formatDate } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { eventDetail, findPeopleToAdd, recordAttendance, recordWalkIn } from "~/services/events.server";
import { requireViewer } from "~/utils/auth.server";
import { badRequest, idParam, notFound } from "~/utils/http.server";
import { readForm } from "~/utils/request.server";
import { AttendanceListQuery, AttendanceSchema, WalkInSchema } from "~/validation/events";
import { parseForm } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "events.attendance");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const id = idParam(params.eventId);
  const dayIndex = idParam(params.day);
  const detail = eventDetail(viewer, id);
  const day = detail.days.find((d) => d.dayIndex === dayIndex);
  const tally = detail.tallies[dayIndex];
  if (!day || !tally) throw notFound();
  const query = AttendanceListQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const invited = new Set(detail.invitees.map((p) => p.userId));
  return json({
    id,
    title: detail.title,
    cancelled: detail.status === "cancelled",
    day,
    sheet: query.sheet === "1",
    q: query.q,
    show: query.show,
    walkIn: query.walkin,
    tally,
    people: detail.invitees
      .filter((p) => !query.q || searchKey(p.fullName).includes(searchKey(query.q)))
      .map((p) => ({
        userId: p.userId,
        fullName: p.fullName,
        search: searchKey(p.fullName),
        where: [p.unitName, p.positionName].filter(Boolean).join(" · "),
        state: attendanceState(p.attendance[dayIndex]),
      }))
      .filter((p) => query.show === "all" || p.state === "unmarked"),
    walkInResults: query.walkin
      ? findPeopleToAdd(viewer, id, query.walkin)
          .filter((p) => !invited.has(p.id))
          .map((p) => ({ id: p.id, fullName: p.fullName, username: p.username }))
      : [],
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const id = idParam(params.eventId);
  const dayIndex = idParam(params.day);
  const formData = await readForm(request);
  let userId: string;
  let result: ReturnType<typeof recordAttendance>;
  if (formData.has("walkIn")) {
    const parsed = parseForm(WalkInSchema, formData);
    if (!parsed.ok) throw badRequest();
    userId = parsed.data.walkIn;
    result = recordWalkIn(viewer, id, { userId, dayIndex, method: parsed.data.sheet ? "sheet" : "list" });
  } else {
    const parsed = parseForm(AttendanceSchema, formData);
    if (!parsed.ok) throw badRequest();
    userId = parsed.data.userId;
    const portion = parsed.data.portion === "clear" ? null : parsed.data.portion;
    result = recordAttendance(viewer, id, { userId, dayIndex, portion, method: parsed.data.sheet ? "sheet" : "list" });
  }
  if (!result.ok) return json({ error: result.error }, { status: 400 });
  // Back to the list as it was shown (search, filter, paper-sheet mode), at the person.
  const back = new URL(request.url);
  back.searchParams.delete("walkin");
  return redirect(`${back.pathname}${back.search}#p-${userId}`);
}

const CHOICES = [
  { portion: "full", label: "events.full" },
  { portion: "half", label: "events.half" },
  { portion: "absent", label: "events.absent" },
] as const;

/** Each state looks different (colour, border and words), so "not yet marked" is never read as absent. */
const STATE_STYLE: Record<AttendanceState, { card: string; badge: string }> = {
  unmarked: { card: "border-dashed border-slate-400", badge: "border border-slate-400 bg-white text-slate-700" },
  full: { card: "border-l-8 border-l-green-700", badge: "bg-green-100 text-green-900" },
  half: { card: "border-l-8 border-l-amber-600", badge: "bg-amber-100 text-amber-900" },
  absent: { card: "border-l-8 border-l-red-700", badge: "bg-red-100 text-red-900" },
};

export default function Attendance() {
  const data = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>()?.error;
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  // With JavaScript the list filters as one types; without it, the search form does it on the server.
  const [filter, setFilter] = useState(data.q);
  const shown = data.people.filter((p) => !filter || p.search.includes(searchKey(filter)));
  const pending = navigation.formData?.get("userId");
  const listLink = (show: "all" | "unmarked") => {
    const params = new URLSearchParams();
    if (data.sheet) params.set("sheet", "1");
    if (data.q) params.set("q", data.q);
    if (show === "unmarked") params.set("show", "unmarked");
    const search = params.toString();
    return search ? `?${search}` : ".";
  };
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to={`/events/${data.id}`}>← {data.title}</Link>
      </p>
      <h1 className="text-xl font-semibold">
        {t("events.attendanceDay", { n: data.day.dayIndex })} ·{" "}
        {t("events.when", { date: formatDate(locale, data.day.date), start: data.day.startsAt, end: data.day.endsAt })}
      </h1>
      <div className="card space-y-1" data-testid="attendance-tally" role="status">
        <p className="text-lg font-semibold">
          {t("events.tally", { marked: data.tally.marked, total: data.tally.total })}
        </p>
        <p className="text-sm text-slate-700">
          {t("events.tallyDetail", {
            present: data.tally.present,
            absent: data.tally.absent,
            unmarked: data.tally.unmarked,
          })}
        </p>
      </div>
      {data.sheet ? <p className="card text-amber-900">{t("events.fromSheetNote")}</p> : null}
      <FieldError error={refused} />
      <nav aria-label={t("events.filter")} className="grid grid-cols-2 gap-2">
        {(["all", "unmarked"] as const).map((show) => (
          <Link
            key={show}
            to={listLink(show)}
            aria-current={data.show === show ? "page" : undefined}
            className={data.show === show ? "btn" : "btn-secondary"}
          >
            {show === "all"
              ? t("events.showAll", { n: data.tally.total })
              : t("events.showUnmarked", { n: data.tally.unmarked })}
          </Link>
        ))}
      </nav>
      <Form method="get" role="search" className="flex gap-2">
        {data.sheet ? <input type="hidden" name="sheet" value="1" /> : null}
        {data.show === "unmarked" ? <input type="hidden" name="show" value="unmarked" /> : null}
        <label htmlFor="attendance-search" className="sr-only">
          {t("events.search")}
        </label>
        <input
          id="attendance-search"
          name="q"
          type="search"
          placeholder={t("events.search")}
          defaultValue={data.q}
          onChange={(e) => setFilter(e.currentTarget.value)}
          className="input"
          autoComplete="off"
        />
      </Form>
      {data.show === "unmarked" && data.people.length === 0 && !data.q ? (
        <p className="card">{t("events.noneUnmarked")}</p>
      ) : null}
      <ul className="space-y-2" data-testid="attendance-list">
        {shown.map((p) => (
          <li
            key={p.userId}
            id={`p-${p.userId}`}
            className={`card space-y-2 p-3 ${STATE_STYLE[p.state].card}`}
            data-testid="attendee"
            data-state={p.state}
          >
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="min-w-0">
                <p className="text-lg font-medium">{p.fullName}</p>
                <p className="text-sm text-slate-600">{p.where}</p>
              </div>
              <span
                className={`rounded-full px-3 py-1 text-sm font-semibold ${STATE_STYLE[p.state].badge}`}
                data-testid="attendance-state"
              >
                {t(`events.state.${p.state}`)}
              </span>
            </div>
            <div className="grid grid-cols-3 gap-2">
              {CHOICES.map((choice) => {
                const current = p.state === choice.portion;
                return (
                  <Form method="post" key={choice.portion}>
                    <input type="hidden" name="userId" value={p.userId} />
                    <input type="hidden" name="portion" value={choice.portion} />
                    {data.sheet ? <input type="hidden" name="sheet" value="1" /> : null}
                    <button
                      type="submit"
                      aria-pressed={current}
                      disabled={data.cancelled || pending === p.userId}
                      className={`min-h-12 w-full rounded-md border px-2 text-base font-medium ${
                        current
                          ? "border-brand-700 bg-brand-700 text-white"
                          : "border-slate-300 bg-white text-slate-800"
                      }`}
                    >
                      {t(choice.label)}
                    </button>
                  </Form>
                );
              })}
            </div>
            {p.state === "unmarked" ? null : (
              <Form method="post">
                <input type="hidden" name="userId" value={p.userId} />
                <input type="hidden" name="portion" value="clear" />
                {data.sheet ? <input type="hidden" name="sheet" value="1" /> : null}
                <button
                  type="submit"
                  disabled={data.cancelled || pending === p.userId}
                  className="min-h-11 text-sm text-slate-700 underline"
                >
                  {t("events.clearMark")}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      <section className="card space-y-2" aria-labelledby="walk-in">
        <h2 id="walk-in" className="font-semibold">
          {t("events.walkIn")}
        </h2>
        <Form method="get" className="flex gap-2">
          {data.sheet ? <input type="hidden" name="sheet" value="1" /> : null}
          <label htmlFor="walkin-search" className="sr-only">
            {t("events.search")}
          </label>
          <input
            id="walkin-search"
            name="walkin"
            type="search"
            defaultValue={data.walkIn}
            className="input"
            placeholder={t("events.search")}
          />
          <button type="submit" className="btn-secondary">
            {t("users.searchSubmit")}
          </button>
        </Form>
        <ul className="space-y-2">
          {data.walkInResults.map((p) => (
            <li key={p.id} className="flex flex-wrap items-center justify-between gap-2">
              <span>
                {p.fullName} <span className="text-sm text-slate-600">({p.username})</span>
              </span>
              <Form method="post">
                <input type="hidden" name="walkIn" value={p.id} />
                {data.sheet ? <input type="hidden" name="sheet" value="1" /> : null}
                <button type="submit" className="btn">
                  {t("events.walkInAdd")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
