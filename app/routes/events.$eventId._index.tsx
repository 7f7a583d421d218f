import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Field, FieldError } from "~/components/ui/form";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { attendanceState } from "~/domain/events";
import { formatDate } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import {
  addInvitee,
  cancelEvent,
  eventDetail,
  findPeopleToAdd,
  moveEvent,
  removeInvitee,
} from "~/services/events.server";
import { requireViewer } from "~/utils/auth.server";
import { flashMessage } from "~/utils/flash.server";
import { badRequest, idParam } from "~/utils/http.server";
import { readForm } from "~/utils/request.server";
import { EventActionSchema } from "~/validation/events";
import { parseForm } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "events.title");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const id = idParam(params.eventId);
  const detail = eventDetail(viewer, id);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").slice(0, 100);
  const found = q
    ? findPeopleToAdd(viewer, id, q).map((p) => ({ id: p.id, fullName: p.fullName, username: p.username }))
    : [];
  // "Bỏ khỏi danh sách" first asks (?remove=<id>): a step from the server, so it works without JavaScript.
  const removing = detail.invitees.find((p) => p.userId === url.searchParams.get("remove"));
  return json({
    detail,
    q,
    found,
    confirmRemove: removing ? { userId: removing.userId, fullName: removing.fullName } : null,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const id = idParam(params.eventId);
  const parsed = parseForm(EventActionSchema, await readForm(request));
  if (!parsed.ok) throw badRequest();
  const input = parsed.data;
  let message: Parameters<typeof flashMessage>[1] = "events.saved";
  if (input.intent === "add") addInvitee(viewer, id, input.userId);
  else if (input.intent === "remove") removeInvitee(viewer, id, input.userId);
  else if (input.intent === "cancel") {
    cancelEvent(viewer, id, input.reason);
    message = "events.cancelDone";
  } else {
    const moved = moveEvent(viewer, id, [{ date: input.date1, startsAt: input.start1, endsAt: input.end1 }]);
    if (!moved.ok) return json({ error: moved.error }, { status: 400 });
    message = "events.moveDone";
  }
  return redirect(`/events/${id}`, { headers: { "Set-Cookie": await flashMessage(request, message) } });
}

export default function EventPage() {
  const { detail, q, found, confirmRemove } = useLoaderData<typeof loader>();
  const moveError = useActionData<typeof action>()?.error;
  const t = useT();
  const locale = useLocale();
  const cancelled = detail.status === "cancelled";
  return (
    <div className="space-y-5">
      <p className="text-sm">
        <Link to="/events">← {t("events.title")}</Link>
      </p>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{detail.title}</h1>
        {cancelled ? <p className="font-medium text-red-800">{t("events.cancelled")}</p> : null}
        <p>
          {detail.organiser} · {detail.place}
        </p>
        <ul className="text-sm text-slate-700">
          {detail.days.map((d) => (
            <li key={d.dayIndex}>
              {t("events.day", { n: d.dayIndex })}:{" "}
              {t("events.when", { date: formatDate(locale, d.date), start: d.startsAt, end: d.endsAt })}
            </li>
          ))}
        </ul>
        <p className="text-sm">
          {t("events.courses")}: {detail.courses.map((c) => c.title).join("; ")}
        </p>
      </header>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="event-counts">
        {(
          [
            ["events.invited", detail.counts.invited],
            ["events.confirmed", detail.counts.confirmed],
            ["events.declined", detail.counts.declined],
            ["events.attended", detail.counts.attended],
          ] as const
        ).map(([label, value]) => (
          <div key={label} className="card">
            <dt className="text-sm text-slate-600">{t(label)}</dt>
            <dd className="text-2xl font-semibold">{value}</dd>
          </div>
        ))}
      </dl>
      {cancelled ? null : (
        <nav className="flex flex-wrap gap-2" aria-label={t("events.attendance")}>
          {detail.days.map((d) => (
            <Link key={d.dayIndex} to={`/events/${detail.id}/days/${d.dayIndex}`} className="btn">
              {t("events.attendanceDay", { n: d.dayIndex })} ·{" "}
              {t("events.tally", { marked: detail.tallies[d.dayIndex]?.marked ?? 0, total: detail.counts.invited })}
            </Link>
          ))}
          <Link to={`/events/${detail.id}/qr`} className="btn-secondary">
            {t("events.qr")}
          </Link>
          {detail.days.map((d) => (
            <a key={d.dayIndex} href={`/events/${detail.id}/sheet/${d.dayIndex}`} className="btn-secondary">
              {t("events.sheet")} · {t("events.day", { n: d.dayIndex })}
            </a>
          ))}
          {detail.days.map((d) => (
            <Link key={d.dayIndex} to={`/events/${detail.id}/days/${d.dayIndex}?sheet=1`} className="btn-secondary">
              {t("events.fromSheet")} · {t("events.day", { n: d.dayIndex })}
            </Link>
          ))}
        </nav>
      )}
      <section className="space-y-2" aria-labelledby="invitees">
        <h2 id="invitees" className="text-xl font-semibold">
          {t("events.invited")}
        </h2>
        {confirmRemove ? (
          <section
            className="card space-y-3 border-red-300"
            aria-labelledby="confirm-remove"
            data-testid="confirm-remove"
          >
            <h3 id="confirm-remove" className="font-semibold">
              {t("events.removeConfirm", { name: confirmRemove.fullName })}
            </h3>
            <p className="text-sm text-slate-700">{t("events.removeConfirmHelp")}</p>
            <div className="flex flex-wrap gap-2">
              <Form method="post">
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="userId" value={confirmRemove.userId} />
                <button type="submit" className="btn-danger">
                  {t("events.remove")}
                </button>
              </Form>
              <Link to={`/events/${detail.id}`} className="btn-secondary">
                {t("events.keep")}
              </Link>
            </div>
          </section>
        ) : null}
        <ScrollRegion label={t("events.invited")}>
          <table className="table table-cards">
            <thead>
              <tr>
                <th scope="col">{t("reports.person")}</th>
                <th scope="col">{t("reports.placement")}</th>
                <th scope="col">{t("reports.status")}</th>
                {detail.days.map((d) => (
                  <th key={d.dayIndex} scope="col">
                    {t("events.day", { n: d.dayIndex })}
                  </th>
                ))}
                <th scope="col">
                  <span className="sr-only">{t("events.remove")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {detail.invitees.map((p) => (
                <tr key={p.userId} data-testid="invitee">
                  <td data-label="" className="font-medium">
                    {p.fullName}
                  </td>
                  <td data-label={t("reports.placement")}>
                    {p.unitName} {p.positionName ? `· ${p.positionName}` : ""}
                  </td>
                  <td data-label={t("reports.status")}>{t(`events.${p.response}`)}</td>
                  {detail.days.map((d) => (
                    <td key={d.dayIndex} data-label={t("events.day", { n: d.dayIndex })}>
                      {t(`events.state.${attendanceState(p.attendance[d.dayIndex])}`)}
                    </td>
                  ))}
                  <td data-label="">
                    <Link
                      to={`?remove=${p.userId}#confirm-remove`}
                      className="inline-flex min-h-11 items-center text-sm text-slate-700 underline"
                    >
                      {t("events.remove")}…<span className="sr-only"> ({p.fullName})</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
        <Form method="get" className="flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1">
            <Field label={t("events.search")} name="q" defaultValue={q} type="search" />
          </div>
          <button type="submit" className="btn-secondary">
            {t("users.searchSubmit")}
          </button>
        </Form>
        <ul className="space-y-1">
          {found.map((p) => (
            <li key={p.id} className="flex items-center justify-between gap-2">
              <span>
                {p.fullName} <span className="text-sm text-slate-600">({p.username})</span>
              </span>
              <Form method="post">
                <input type="hidden" name="intent" value="add" />
                <input type="hidden" name="userId" value={p.id} />
                <button type="submit" className="btn-secondary">
                  {t("events.addPerson")}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      </section>
      {cancelled ? null : (
        <section className="grid gap-4 sm:grid-cols-2">
          <FieldError error={moveError} />
          {detail.days.length > 1 ? null : (
            <Form method="post" className="card space-y-2">
              <h2 className="font-semibold">{t("events.move")}</h2>
              <input type="hidden" name="intent" value="move" />
              <Field label={t("events.date")} name="date1" type="date" required defaultValue={detail.days[0]?.date} />
              <div className="grid grid-cols-2 gap-2">
                <Field
                  label={t("events.startsAt")}
                  name="start1"
                  type="time"
                  required
                  defaultValue={detail.days[0]?.startsAt}
                />
                <Field
                  label={t("events.endsAt")}
                  name="end1"
                  type="time"
                  required
                  defaultValue={detail.days[0]?.endsAt}
                />
              </div>
              <button type="submit" className="btn-secondary">
                {t("events.move")}
              </button>
            </Form>
          )}
          <Form method="post" className="card space-y-2">
            <h2 className="font-semibold">{t("events.cancel")}</h2>
            <input type="hidden" name="intent" value="cancel" />
            <Field label={t("events.cancelReason")} name="reason" required />
            <button type="submit" className="btn-danger">
              {t("events.cancel")}
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
