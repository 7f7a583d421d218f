import { Form, Link } from "@remix-run/react";
import { formatDate } from "~/i18n";
import { useLocale, useT } from "~/i18n/react";

export interface InvitationItem {
  eventId: number;
  title: string;
  place: string;
  status: "scheduled" | "cancelled";
  response: "pending" | "confirmed" | "declined";
  firstDate: string;
  lastDate: string;
  startsAt: string;
}

export interface NoticeItem {
  id: number;
  kind: string;
  params: Record<string, string>;
}

/** In-person training the person is invited to, with their answer, and notices of changes. */
export function Invitations({ invitations, notices }: { invitations: InvitationItem[]; notices: NoticeItem[] }) {
  const t = useT();
  const locale = useLocale();
  if (invitations.length === 0 && notices.length === 0) return null;
  return (
    <section className="card space-y-3" aria-labelledby="invitations-title" data-testid="invitations">
      <h2 id="invitations-title" className="text-lg font-semibold">
        {t("events.myInvitations")}
      </h2>
      {notices.length > 0 ? (
        <Form method="post" className="space-y-2" role="status">
          <input type="hidden" name="intent" value="dismiss" />
          {notices.map((n) => (
            <p key={n.id} className="rounded border border-amber-300 bg-amber-50 p-2 text-amber-900">
              <input type="hidden" name="notice" value={n.id} />
              {n.kind === "event.cancelled"
                ? t("events.notice.event.cancelled", n.params)
                : t("events.notice.event.moved", n.params)}
            </p>
          ))}
          <button type="submit" className="btn-secondary">
            {t("events.dismiss")}
          </button>
        </Form>
      ) : null}
      <ul className="space-y-3">
        {invitations.map((i) => (
          <li key={i.eventId} className="space-y-1 border-t border-slate-100 pt-2">
            <p className="font-medium">{i.title}</p>
            <p className="text-sm text-slate-700">
              {formatDate(locale, i.firstDate)}
              {i.lastDate !== i.firstDate ? `–${formatDate(locale, i.lastDate)}` : ""}, {i.startsAt} · {i.place}
            </p>
            {i.status === "cancelled" ? (
              <p className="font-medium text-red-800">{t("events.cancelled")}</p>
            ) : (
              <div className="flex flex-wrap items-center gap-2">
                {i.response === "confirmed" ? (
                  <span className="text-green-800">✓ {t("events.youConfirmed")}</span>
                ) : null}
                {i.response === "declined" ? <span>{t("events.youDeclined")}</span> : null}
                {(["confirmed", "declined"] as const)
                  .filter((answer) => answer !== i.response)
                  .map((answer) => (
                    <Form method="post" key={answer}>
                      <input type="hidden" name="intent" value={answer} />
                      <input type="hidden" name="eventId" value={i.eventId} />
                      <button type="submit" className={answer === "confirmed" ? "btn" : "btn-secondary"}>
                        {answer === "confirmed" ? t("events.confirm") : t("events.decline")}
                      </button>
                    </Form>
                  ))}
                <Link to={`/events/${i.eventId}/check-in`} className="text-sm">
                  {t("events.checkIn")}
                </Link>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
