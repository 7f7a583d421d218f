import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AudienceFields } from "~/components/ui/audience-fields";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Checkboxes, Field, FieldError, FormError, formProps, useValidatedForm } from "~/components/ui/form";
import { AudienceCount, DefaultSubmit, PeoplePicker, PickerProvider, UnitPicker } from "~/components/ui/pickers";
import { scopeRoots } from "~/domain/access";
import { todayInVietnam } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { listPositions, listTiers, listUnitsByIds } from "~/models/units.server";
import { countAudienceOfForm } from "~/services/audience.server";
import { courseChoicesForEvents, createEvent } from "~/services/events.server";
import { describeUnits, type PersonChoice, type PickerState, pickerState } from "~/services/pickers.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { flashMessage } from "~/utils/flash.server";
import { readForm } from "~/utils/request.server";
import { EventAudienceSchema, MAX_EVENT_DAYS, NEW_DAY, NewEventSchema } from "~/validation/events";
import { parseSubmission, replyAsTyped, replyRefused } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "events.new");

const PICKERS = { units: ["organiserCode", "audienceCode"], people: ["usernames", "trainerUsernames"] };
const AUDIENCE_FIELDS = { unit: "audienceCode", people: "usernames" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "event.manage");
  const home = listUnitsByIds(scopeRoots(viewer.actor, "event.manage").map((g) => g.unitId))[0];
  return json({
    courses: courseChoicesForEvents(viewer).map((c) => ({ slug: c.slug, title: c.title })),
    tiers: listTiers().filter((t) => t.active && t.code !== "nation"),
    positions: listPositions(),
    homeCode: home?.code ?? "",
    // The organiser's own unit is chosen from the start: its name is shown beside it.
    pickers: {
      labels: { units: describeUnits(viewer, "event", home ? [home.code] : []), people: [] as PersonChoice[] },
      found: null,
    } satisfies PickerState,
    today: todayInVietnam(),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "event.manage");
  const formData = await readForm(request);
  const pickers = pickerState(viewer, "event", formData, PICKERS);
  const answer = (
    result: ReturnType<typeof replyAsTyped>,
    extra: { count?: number | null; params?: Record<string, string> | null } = {},
    status = 200,
  ) => json({ result, pickers, count: extra.count ?? null, params: extra.params ?? null }, { status });
  if (pickers.found) return answer(replyAsTyped(formData));
  if (formData.get("intent") === "count") {
    const counted = countAudienceOfForm(
      viewer.actor,
      "event.manage",
      formData,
      parseSubmission(formData, EventAudienceSchema),
      ({ audienceCode, ...rest }) => ({ ...rest, unitCode: audienceCode }),
      AUDIENCE_FIELDS,
    );
    return answer(counted.result, counted, counted.status);
  }
  const submission = parseSubmission(formData, NewEventSchema);
  // "Thêm ngày" / "Bỏ ngày" without JavaScript: the same form back with one day more or less, as typed.
  if (submission.status !== "success") return answer(submission.reply(), {}, submission.status === "error" ? 400 : 200);
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
  if (!result.ok) return answer(replyRefused(submission, result), { params: result.params }, 400);
  return redirect(`/events/${result.eventId}`, {
    headers: { "Set-Cookie": await flashMessage(request, "events.created") },
  });
}

export default function NewEvent() {
  const { courses, tiers, positions, homeCode, today, pickers } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useValidatedForm(NewEventSchema, answer?.result, {
    id: "new-event",
    defaultValue: { organiserCode: homeCode, includeSubunits: "on", days: [{ date: "", ...NEW_DAY }] },
  });
  const days = fields.days.getFieldList();
  const errors = Object.fromEntries(
    Object.entries(answer?.result?.error ?? {}).map(([name, list]) => [name, list?.[0]]),
  );
  const params = answer?.params ?? undefined;
  const labels = { unit: t("label.eventAudience"), people: t("label.eventPeople") };
  return (
    <PickerProvider purpose="event" state={answer?.pickers ?? pickers}>
      <Form method="post" className="card mx-auto max-w-2xl space-y-4" {...formProps(form)}>
        <DefaultSubmit label={t("events.create")} />
        <h1 className="text-2xl font-semibold">{t("events.new")}</h1>
        <FormError form={form} />
        <Field label={t("events.name")} meta={fields.title} required />
        <Field label={t("events.place")} meta={fields.place} required />
        <UnitPicker
          name="organiserCode"
          label={t("label.eventOrganiser")}
          meta={fields.organiserCode}
          errorParams={params}
        />
        <Field label={t("events.capacity")} meta={fields.capacity} type="number" min={1} inputMode="numeric" />
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
        <FieldError id={fields.days.errorId} error={fields.days.errors?.[0] ?? errors.days} />
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
          unitLabel={labels.unit}
          unitHint={t("events.audienceHelp")}
          unitErrorParams={params}
          tiers={tiers}
          positions={positions}
          meta={{
            unit: fields.audienceCode,
            includeSubunits: fields.includeSubunits,
            tiers: fields.tiers,
            positions: fields.positions,
          }}
        />
        <PeoplePicker name="usernames" label={labels.people} meta={fields.usernames} errorParams={params} />
        <AudienceCount fields={AUDIENCE_FIELDS} labels={labels} count={answer?.count ?? null} verb="invite" />
        <PeoplePicker
          name="trainerUsernames"
          label={t("label.eventTrainers")}
          meta={fields.trainerUsernames}
          errorParams={params}
        />
        <button type="submit" className="btn w-full">
          {t("events.create")}
        </button>
      </Form>
    </PickerProvider>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
