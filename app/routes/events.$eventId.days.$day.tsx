import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { FieldError } from "~/components/ui/form";
import { searchKey } from "~/domain/text";
import { formatDate } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { addInvitee, eventDetail, findPeopleToAdd, recordAttendance } from "~/services/events.server";
import { requireViewer } from "~/utils/auth.server";
import { badRequest, idParam, notFound } from "~/utils/http.server";
import { readForm } from "~/utils/request.server";
import { AttendanceSchema, WalkInSchema } from "~/validation/events";
import { parseForm } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "events.attendance");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const id = idParam(params.eventId);
  const dayIndex = idParam(params.day);
  const detail = eventDetail(viewer, id);
  const day = detail.days.find((d) => d.dayIndex === dayIndex);
  if (!day) throw notFound();
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const walkIn = (url.searchParams.get("walkin") ?? "").slice(0, 100);
  const invited = new Set(detail.invitees.map((p) => p.userId));
  return json({
    id,
    title: detail.title,
    cancelled: detail.status === "cancelled",
    day,
    sheet: url.searchParams.get("sheet") === "1",
    q,
    walkIn,
    people: detail.invitees
      .filter((p) => !q || searchKey(p.fullName).includes(searchKey(q)))
      .map((p) => ({
        userId: p.userId,
        fullName: p.fullName,
        search: searchKey(p.fullName),
        where: [p.unitName, p.positionName].filter(Boolean).join(" · "),
        mark: p.attendance[dayIndex] ?? null,
      })),
    walkInResults: walkIn
      ? findPeopleToAdd(viewer, id, walkIn)
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
  let portion: "full" | "half" | null;
  let sheet: boolean;
  if (formData.has("walkIn")) {
    const parsed = parseForm(WalkInSchema, formData);
    if (!parsed.ok) throw badRequest();
    addInvitee(viewer, id, parsed.data.walkIn, "walk_in");
    userId = parsed.data.walkIn;
    portion = "full";
    sheet = parsed.data.sheet;
  } else {
    const parsed = parseForm(AttendanceSchema, formData);
    if (!parsed.ok) throw badRequest();
    userId = parsed.data.userId;
    portion = parsed.data.portion === "absent" ? null : parsed.data.portion;
    sheet = parsed.data.sheet;
  }
  const result = recordAttendance(viewer, id, { userId, dayIndex, portion, method: sheet ? "sheet" : "list" });
  if (!result.ok) return json({ error: result.error }, { status: 400 });
  const back = new URL(request.url);
  return redirect(`${back.pathname}${sheet ? "?sheet=1" : ""}#p-${userId}`);
}

const CHOICES = [
  { portion: "full", label: "events.full" },
  { portion: "half", label: "events.half" },
  { portion: "absent", label: "events.absent" },
] as const;

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
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to={`/events/${data.id}`}>← {data.title}</Link>
      </p>
      <h1 className="text-xl font-semibold">
        {t("events.attendanceDay", { n: data.day.dayIndex })} ·{" "}
        {t("events.when", { date: formatDate(locale, data.day.date), start: data.day.startsAt, end: data.day.endsAt })}
      </h1>
      {data.sheet ? <p className="card text-amber-900">{t("events.fromSheetNote")}</p> : null}
      <FieldError error={refused} />
      <Form method="get" role="search" className="flex gap-2">
        {data.sheet ? <input type="hidden" name="sheet" value="1" /> : null}
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
      <ul className="space-y-2" data-testid="attendance-list">
        {shown.map((p) => (
          <li key={p.userId} id={`p-${p.userId}`} className="card space-y-2 p-3" data-testid="attendee">
            <div>
              <p className="text-lg font-medium">{p.fullName}</p>
              <p className="text-sm text-slate-600">{p.where}</p>
            </div>
            <div className="grid grid-cols-3 gap-2">
              {CHOICES.map((choice) => {
                const current = (p.mark ?? "absent") === choice.portion;
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
            <li key={p.id} className="flex items-center justify-between gap-2">
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
