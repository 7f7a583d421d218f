import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Checkboxes, Field, FieldError, SelectField, TextAreaField } from "~/components/ui/form";
import { localName, type MessageKey } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { listPositions, listTiers } from "~/models/units.server";
import { courseSettings, saveSettings } from "~/services/authoring.server";
import { requireViewer } from "~/utils/auth.server";
import { flashMessage } from "~/utils/flash.server";
import { slugParam } from "~/utils/params.server";
import { readForm } from "~/utils/request.server";
import { SettingsSchema } from "~/validation/authoring";
import { type FieldErrors, parseForm } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "authoring.settings");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const slug = slugParam(params.slug);
  return json({
    slug,
    settings: courseSettings(viewer, slug),
    tiers: listTiers().filter((t) => t.active && t.code !== "nation"),
    positions: listPositions(),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const slug = slugParam(params.slug);
  const parsed = parseForm(SettingsSchema, await readForm(request));
  if (!parsed.ok) return json({ errors: parsed.errors }, { status: 400 });
  const {
    revision,
    intro,
    tiers,
    positions,
    questionCount,
    maxAttempts,
    retryWaitMinutes,
    timeLimitMinutes,
    perTopic,
    inPerson,
    ...rest
  } = parsed.data;
  const result = saveSettings(viewer, slug, {
    revision,
    intro,
    frontmatter: {
      ...rest,
      ...(inPerson ? { inPerson } : {}),
      audience: { tiers, positions },
      quiz: {
        questionCount,
        maxAttempts,
        retryWaitMinutes,
        ...(timeLimitMinutes ? { timeLimitMinutes } : {}),
        ...(perTopic ? { perTopic } : {}),
      },
    },
  });
  if (!result.ok) return json({ errors: { [result.field]: result.error } as FieldErrors }, { status: 409 });
  return redirect(`/author/${slug}`, {
    headers: { "Set-Cookie": await flashMessage(request, "authoring.settingsSaved") },
  });
}

export default function CourseSettings() {
  const { slug, settings, tiers, positions } = useLoaderData<typeof loader>();
  const errors: FieldErrors = useActionData<typeof action>()?.errors ?? {};
  const t = useT();
  const locale = useLocale();
  const fm = settings.frontmatter;
  const number = (name: string, label: string, value: number | undefined, min: number, max: number) => (
    <Field
      label={label}
      name={name}
      type="number"
      inputMode="numeric"
      min={min}
      max={max}
      defaultValue={value}
      error={errors[name]}
    />
  );
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to={`/author/${slug}`}>{t("authoring.backToCourse", { title: fm.title })}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("authoring.settings")}</h1>
      <FieldError error={errors._form as MessageKey | undefined} />
      <Form method="post" className="card space-y-4">
        <input type="hidden" name="revision" value={settings.revision} />
        <Field label={t("authoring.courseTitle")} name="title" defaultValue={fm.title} required error={errors.title} />
        <TextAreaField
          label={t("authoring.summary")}
          name="summary"
          rows={3}
          defaultValue={fm.summary}
          required
          error={errors.summary}
        />
        <Checkboxes
          legend={t("authoring.audienceTiers")}
          name="tiers"
          checked={fm.audience.tiers}
          items={tiers.map((x) => ({ value: x.code, label: localName(locale, x) }))}
        />
        <Checkboxes
          legend={t("authoring.audiencePositions")}
          name="positions"
          checked={fm.audience.positions}
          items={positions.map((x) => ({ value: x.code, label: localName(locale, x) }))}
        />
        <SelectField label={t("authoring.inPerson")} name="inPerson" defaultValue={fm.inPerson ?? ""}>
          <option value="">{t("authoring.inPerson.none")}</option>
          <option value="attendance">{t("authoring.inPerson.attendance")}</option>
          <option value="attendance-and-quiz">{t("authoring.inPerson.attendance-and-quiz")}</option>
        </SelectField>
        <div className="grid gap-3 sm:grid-cols-2">
          {number("estimatedMinutes", t("authoring.estimatedMinutes"), fm.estimatedMinutes, 1, 6000)}
          {number("certificateValidityMonths", t("authoring.validityMonths"), fm.certificateValidityMonths, 1, 120)}
          {number("passMark", t("authoring.passMark"), fm.passMark, 1, 100)}
          {number("questionCount", t("authoring.questionCount"), fm.quiz.questionCount, 1, 200)}
          {number("maxAttempts", t("authoring.maxAttempts"), fm.quiz.maxAttempts, 1, 100)}
          {number("retryWaitMinutes", t("authoring.retryWait"), fm.quiz.retryWaitMinutes, 0, 43200)}
          {number("timeLimitMinutes", t("authoring.timeLimit"), fm.quiz.timeLimitMinutes, 1, 600)}
        </div>
        <label className="flex min-h-10 items-center gap-2">
          <input type="checkbox" name="perTopic" defaultChecked={fm.quiz.perTopic === true} className="size-5" />
          {t("authoring.perTopic")}
        </label>
        <TextAreaField label={t("authoring.introduction")} name="intro" rows={5} defaultValue={settings.intro} />
        <button type="submit" className="btn">
          {t("authoring.saveSettings")}
        </button>
      </Form>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
