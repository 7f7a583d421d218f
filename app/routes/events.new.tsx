import type { SubmissionResult } from "@conform-to/react";
import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AudienceFields } from "~/components/ui/audience-fields";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import {
  Checkboxes,
  Field,
  FieldError,
  FormError,
  formProps,
  TextAreaField,
  useValidatedForm,
} from "~/components/ui/form";
import { scopeRoots } from "~/domain/access";
import { type MessageKey, todayInVietnam } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { listPositions, listTiers, listUnitsByIds } from "~/models/units.server";
import { courseChoicesForEvents, createEvent } from "~/services/events.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { flashMessage } from "~/utils/flash.server";
import { readForm } from "~/utils/request.server";
import { MAX_EVENT_DAYS, NEW_DAY, NewEventSchema } from "~/validation/events";
import { parseSubmission } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "events.new");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "event.manage");
  const home = listUnitsByIds(scopeRoots(viewer.actor, "event.manage").map((g) => g.unitId))[0];
  return json({
    courses: courseChoicesForEvents(viewer).map((c) => ({ slug: c.slug, title: c.title })),
    tiers: listTiers().filter((t) => t.active && t.code !== "nation"),
    positions: listPositions(),
    homeCode: home?.code ?? "",
    today: todayInVietnam(),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "event.manage");
  const submission = parseSubmission(await readForm(request), NewEventSchema);
  // "Thêm ngày" / "Bỏ ngày" without JavaScript: the same form back with one day more or less, as typed.
  if (submission.status !== "success")
    return json(
      { result: submission.reply(), params: undefined },
      { status: submission.status === "error" ? 400 : 200 },
    );
  const form = submission.value;
  const result = createEvent(viewer, {
    title: form.title,
    place: form.place,
    capacity: form.capacity ?? null,
    organiserCode: form.organiserCode,
    courseSlugs: form.courseSlugs,
    days: form.days,
    audience: form.audienceCode
      ? {
          unitCode: form.audienceCode,
          includeSubunits: form.includeSubunits,
          tiers: form.tiers,
          positions: form.positions,
        }
      : null,
    usernames: form.usernames,
    trainerUsernames: form.trainerUsernames,
  });
  if (!result.ok) {
    // The service names its fields as the form does, but for the trainers.
    const field = result.field === "trainers" ? "trainerUsernames" : result.field;
    return json(
      { result: submission.reply({ fieldErrors: { [field]: [result.error] } }), params: result.params },
      { status: 400 },
    );
  }
  return redirect(`/events/${result.eventId}`, {
    headers: { "Set-Cookie": await flashMessage(request, "events.created") },
  });
}

/** What a refused (or day-added) submission sent, to put back in fields Conform does not hold. */
function sentValues(result: SubmissionResult<MessageKey[]> | undefined) {
  const sent = result?.initialValue as Record<string, unknown> | null | undefined;
  if (!sent) return undefined;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === "string" ? [v] : []);
  return {
    unit: typeof sent.audienceCode === "string" ? sent.audienceCode : undefined,
    includeSubunits: sent.includeSubunits === "on",
    tiers: list(sent.tiers),
    positions: list(sent.positions),
  };
}

export default function NewEvent() {
  const { courses, tiers, positions, homeCode, today } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useValidatedForm(NewEventSchema, answer?.result, {
    defaultValue: { organiserCode: homeCode, days: [{ date: "", ...NEW_DAY }] },
  });
  const days = fields.days.getFieldList();
  const params = answer?.params ?? undefined;
  return (
    <Form method="post" className="card mx-auto max-w-2xl space-y-4" {...formProps(form)}>
      <h1 className="text-2xl font-semibold">{t("events.new")}</h1>
      <FormError form={form} />
      <Field label={t("events.name")} meta={fields.title} required />
      <Field label={t("events.place")} meta={fields.place} required />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("events.organiser")} meta={fields.organiserCode} required />
        <Field label={t("events.capacity")} meta={fields.capacity} type="number" min={1} inputMode="numeric" />
      </div>
      <Checkboxes
        legend={t("events.courses")}
        meta={fields.courseSlugs}
        items={courses.map((c) => ({ value: c.slug, label: c.title }))}
      />
      {days.map((day, i) => {
        const d = day.getFieldset();
        return (
          <fieldset key={day.key} className="grid min-w-0 grid-cols-2 gap-2" data-testid="event-day">
            <legend className="font-medium">{t("events.day", { n: i + 1 })}</legend>
            <div className="col-span-2 min-w-0">
              <Field label={t("events.date")} meta={d.date} type="date" min={today} required />
            </div>
            <div className="min-w-0">
              <Field label={t("events.startsAt")} meta={d.startsAt} type="time" required />
            </div>
            <div className="min-w-0">
              <Field label={t("events.endsAt")} meta={d.endsAt} type="time" required />
            </div>
            {i > 0 ? (
              <button
                {...form.remove.getButtonProps({ name: fields.days.name, index: i })}
                className="btn-secondary col-span-2"
              >
                {t("events.removeDay", { n: i + 1 })}
              </button>
            ) : null}
          </fieldset>
        );
      })}
      <FieldError id={fields.days.errorId} error={fields.days.errors?.[0]} />
      {days.length < MAX_EVENT_DAYS ? (
        <div className="space-y-1">
          <button
            {...form.insert.getButtonProps({ name: fields.days.name, defaultValue: { date: "", ...NEW_DAY } })}
            className="btn-secondary w-full"
          >
            {t("events.addDay")}
          </button>
          <p className="text-sm text-slate-600">{t("events.addDayHelp")}</p>
        </div>
      ) : null}
      <AudienceFields
        unitName="audienceCode"
        unitLabel={t("events.audience")}
        unitHint={t("events.audienceHelp")}
        unitError={fields.audienceCode.errors?.[0]}
        tiers={tiers}
        positions={positions}
        values={sentValues(answer?.result)}
      />
      {/* The message about unknown usernames names them, so it is shown here with its parameters. */}
      <TextAreaField
        label={t("events.people")}
        id={fields.usernames.id}
        name={fields.usernames.name}
        defaultValue={typeof fields.usernames.initialValue === "string" ? fields.usernames.initialValue : undefined}
        rows={3}
        autoCapitalize="none"
      />
      <FieldError id={fields.usernames.errorId} error={fields.usernames.errors?.[0]} params={params} />
      <FieldError error={fields.usernames.errors?.[0] ? undefined : undefined} params={params} />
      <Field label={t("events.trainers")} meta={fields.trainerUsernames} autoCapitalize="none" errorParams={params} />
      <button type="submit" className="btn w-full">
        {t("events.create")}
      </button>
    </Form>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
