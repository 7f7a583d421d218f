import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Field, FieldError } from "~/components/ui/form";
import type { MessageKey } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { findEvent, findInvitation } from "~/models/events.server";
import { checkIn } from "~/services/events.server";
import { requireViewer } from "~/utils/auth.server";
import { idParam, notFound } from "~/utils/http.server";
import { readForm } from "~/utils/request.server";
import { parseForm } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "events.checkIn");

/** Opened by scanning the code: shows the event and asks to confirm (a GET never records anything). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const id = idParam(params.eventId);
  const found = findEvent(id);
  if (!found || !findInvitation(id, viewer.user.id)) throw notFound();
  const code = (new URL(request.url).searchParams.get("code") ?? "").slice(0, 12);
  return json({ title: found.event.title, place: found.event.place, code });
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
  const { title, place, code } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-semibold">{t("events.checkIn")}</h1>
      <p className="font-medium">{title}</p>
      <p className="text-slate-700">{place}</p>
      {answer?.done ? (
        <p role="status" className="card text-lg font-medium text-green-800">
          {t("events.checkedIn")}
        </p>
      ) : (
        <Form method="post" className="card space-y-3">
          <Field label={t("events.checkInCode")} name="code" defaultValue={code} required autoCapitalize="characters" />
          <FieldError error={answer?.error ?? undefined} />
          <button type="submit" className="btn w-full">
            {t("events.checkInSubmit")}
          </button>
        </Form>
      )}
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
