import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Field, FieldError } from "~/components/ui/form";
import { formatDate, type MessageKey } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { checkIn, checkInPage } from "~/services/events.server";
import { requireViewer } from "~/utils/auth.server";
import { idParam } from "~/utils/http.server";
import { readForm } from "~/utils/request.server";
import { parseForm } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "events.checkIn");

/**
 * Opened by scanning the code: shows the event and asks to confirm (a GET never records
 * anything). Someone not on the list is told so and what to do, not shown "page not found";
 * before check-in opens the page says when it will, after the event that it is over.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const page = checkInPage(viewer, idParam(params.eventId));
  const code = (new URL(request.url).searchParams.get("code") ?? "").slice(0, 12);
  return json({ page, code }, { status: page.invited ? 200 : 403 });
}

const CheckInSchema = z.object({ code: z.string().trim().min(1, "form.required").max(12, "form.invalid") });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const id = idParam(params.eventId);
  const parsed = parseForm(CheckInSchema, await readForm(request));
  if (!parsed.ok) return json({ done: false, error: "form.required" as MessageKey }, { status: 400 });
  const result = checkIn(viewer, id, parsed.data.code);
  if (!result.ok) return json({ done: false, error: result.error }, { status: 400 });
  return json({ done: true, error: null });
}

export default function CheckIn() {
  const { page, code } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  if (!page.invited)
    return (
      <div className="mx-auto max-w-md space-y-4">
        <h1 className="text-2xl font-semibold">{t("events.checkIn.notInvitedTitle")}</h1>
        <p className="card text-lg" data-testid="check-in-state">
          {t("events.checkIn.notInvitedHelp")}
        </p>
        <p>{t("events.checkIn.tellName", { name: page.fullName, username: page.username })}</p>
      </div>
    );
  const window = page.window;
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-semibold">{t("events.checkIn")}</h1>
      <p className="font-medium">{page.title}</p>
      <p className="text-slate-700">{page.place}</p>
      {answer?.done ? (
        <p role="status" className="card text-lg font-medium text-green-800">
          {t("events.checkedIn")}
        </p>
      ) : window.state === "open" ? (
        <Form method="post" className="card space-y-3">
          <Field label={t("events.checkInCode")} name="code" defaultValue={code} required autoCapitalize="characters" />
          <FieldError error={answer?.error ?? undefined} />
          <button type="submit" className="btn w-full">
            {t("events.checkInSubmit")}
          </button>
        </Form>
      ) : (
        <div className="card space-y-2 text-lg" data-testid="check-in-state">
          {window.state === "not-yet" ? (
            <>
              <p className="font-medium">
                {t("events.checkIn.notYet", { time: window.opens.time, date: formatDate(locale, window.opens.date) })}
              </p>
              <p className="text-base text-slate-700">{t("events.checkIn.notYetHelp")}</p>
            </>
          ) : (
            <p className="font-medium">
              {t(window.state === "over" ? "events.checkIn.over" : "events.checkIn.cancelled")}
            </p>
          )}
        </div>
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
