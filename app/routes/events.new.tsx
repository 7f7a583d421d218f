import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AudienceFields } from "~/components/ui/audience-fields";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Checkboxes, Field, FieldError, TextAreaField } from "~/components/ui/form";
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
import { daysFromForm, NewEventSchema } from "~/validation/events";
import { type FieldErrors, parseForm } from "~/validation/form";

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
  const parsed = parseForm(NewEventSchema, await readForm(request));
  if (!parsed.ok) return json({ errors: parsed.errors, params: undefined }, { status: 400 });
  const form = parsed.data;
  const result = createEvent(viewer, {
    title: form.title,
    place: form.place,
    capacity: form.capacity ?? null,
    organiserCode: form.organiserCode,
    courseSlugs: form.courseSlugs,
    days: daysFromForm(form),
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
  if (!result.ok)
    return json({ errors: { [result.field]: result.error } as FieldErrors, params: result.params }, { status: 400 });
  return redirect(`/events/${result.eventId}`, {
    headers: { "Set-Cookie": await flashMessage(request, "events.created") },
  });
}

export default function NewEvent() {
  const { courses, tiers, positions, homeCode, today } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const errors: FieldErrors = answer?.errors ?? {};
  const t = useT();
  const day = (n: number, required: boolean) => (
    <fieldset className="grid grid-cols-3 gap-2" key={n}>
      <legend className="col-span-3 font-medium">{t("events.day", { n })}</legend>
      <Field label={t("events.date")} name={`date${n}`} type="date" min={today} required={required} />
      <Field label={t("events.startsAt")} name={`start${n}`} type="time" defaultValue="07:30" required={required} />
      <Field label={t("events.endsAt")} name={`end${n}`} type="time" defaultValue="17:00" required={required} />
    </fieldset>
  );
  return (
    <Form method="post" className="card mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">{t("events.new")}</h1>
      <Field label={t("events.name")} name="title" required error={errors.title} />
      <Field label={t("events.place")} name="place" required error={errors.place} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          label={t("events.organiser")}
          name="organiserCode"
          defaultValue={homeCode}
          required
          error={errors.organiserCode}
        />
        <Field
          label={t("events.capacity")}
          name="capacity"
          type="number"
          min={1}
          inputMode="numeric"
          error={errors.capacity}
        />
      </div>
      <Checkboxes
        legend={t("events.courses")}
        name="courseSlugs"
        items={courses.map((c) => ({ value: c.slug, label: c.title }))}
      />
      <FieldError error={errors.courseSlugs} />
      {day(1, true)}
      <p className="text-sm text-slate-600">{t("events.addDayHelp")}</p>
      {day(2, false)}
      {day(3, false)}
      <FieldError error={errors.days} />
      <AudienceFields
        unitName="audienceCode"
        unitLabel={t("events.audience")}
        unitHint={t("events.audienceHelp")}
        unitError={errors.audienceCode}
        tiers={tiers}
        positions={positions}
      />
      <TextAreaField label={t("events.people")} name="usernames" rows={3} autoCapitalize="none" />
      <FieldError error={errors.usernames as MessageKey | undefined} params={answer?.params ?? undefined} />
      <Field
        label={t("events.trainers")}
        name="trainerUsernames"
        autoCapitalize="none"
        error={errors.trainers ?? errors.trainerUsernames}
        errorParams={answer?.params ?? undefined}
      />
      <button type="submit" className="btn w-full">
        {t("events.create")}
      </button>
    </Form>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
