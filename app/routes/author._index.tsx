import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo, useRef } from "react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Field, FormError, formProps, SelectField, useValidatedForm } from "~/components/ui/form";
import { courseSlugFromTitle, MAX_COURSE_SLUG } from "~/domain/authoring";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import {
  authorableCourses,
  courseOwnerChoices,
  createCourse,
  suggestCourseSlug,
  takenCourseSlugs,
} from "~/services/authoring.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { flashMessage } from "~/utils/flash.server";
import { readForm } from "~/utils/request.server";
import { NewCourseSchema } from "~/validation/authoring";
import { parseSubmission } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "authoring.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "course.author");
  return json({
    courses: authorableCourses(viewer),
    owners: courseOwnerChoices(viewer),
    takenSlugs: takenCourseSlugs(),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  requireAnywhere(viewer, "course.author");
  const submission = parseSubmission(await readForm(request), NewCourseSchema);
  if (submission.status !== "success") return json({ result: submission.reply(), suggested: null }, { status: 400 });
  const { title, slug, ownerUnitCode } = submission.value;
  if (!slug) {
    // The address is proposed from the title and shown, to be checked (or changed) before creating.
    const suggested = suggestCourseSlug(title);
    const result = submission.reply();
    return json({ result: { ...result, initialValue: { ...result.initialValue, slug: suggested } }, suggested });
  }
  const created = createCourse(viewer, { title, slug, ownerUnitCode: ownerUnitCode ?? null });
  if (!created.ok)
    return json(
      { result: submission.reply({ fieldErrors: { [created.field]: [created.error] } }), suggested: null },
      { status: 400 },
    );
  return redirect(`/author/${created.slug}`, {
    headers: { "Set-Cookie": await flashMessage(request, "authoring.created") },
  });
}

export default function Authoring() {
  const { courses, owners, takenSlugs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useValidatedForm(NewCourseSchema, actionData?.result);
  // With JavaScript the address follows the title as it is typed, until the trainer edits it.
  const slugEdited = useRef(false);
  const taken = useMemo(() => new Set(takenSlugs), [takenSlugs]);
  const proposeSlug = (title: string) => {
    if (slugEdited.current) return;
    form.update({ name: fields.slug.name, value: title.trim() ? courseSlugFromTitle(title, (s) => taken.has(s)) : "" });
  };
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("authoring.title")}</h1>
      {courses.length === 0 ? (
        <p className="text-slate-600">{t("authoring.none")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {courses.map((c) => (
            <li key={c.slug} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <div>
                <Link to={`/author/${c.slug}`} className="font-medium">
                  {c.title}
                </Link>
                <p className="text-sm text-slate-600">
                  {c.ownerUnitName ?? t("authoring.national")} ·{" "}
                  {c.publishedVersion
                    ? t("authoring.published", { version: c.publishedVersion })
                    : t("authoring.notPublished")}
                  {c.hasDraft ? ` · ${t("authoring.hasDraft")}` : ""}
                </p>
              </div>
              <Link to={`/author/${c.slug}`} className="btn-secondary">
                {t("authoring.edit")}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <section className="card space-y-3" aria-labelledby="new-course">
        <h2 id="new-course" className="text-xl font-semibold">
          {t("authoring.new")}
        </h2>
        <Form method="post" className="space-y-3" {...formProps(form)}>
          <FormError form={form} />
          <Field
            label={t("authoring.courseTitle")}
            meta={fields.title}
            required
            maxLength={200}
            onInput={(event) => proposeSlug(event.currentTarget.value)}
          />
          {actionData?.suggested ? (
            <p className="rounded-md bg-sky-50 p-3 text-sky-900" role="status">
              {t("authoring.slugSuggested", { slug: actionData.suggested })}
            </p>
          ) : null}
          <Field
            label={t("authoring.slug")}
            meta={fields.slug}
            hint={t("authoring.slugHelp")}
            maxLength={MAX_COURSE_SLUG}
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            onInput={() => {
              slugEdited.current = true;
            }}
          />
          <SelectField label={t("authoring.owner")} meta={fields.ownerUnitCode}>
            {owners.units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
            {owners.national ? <option value="">{t("authoring.national")}</option> : null}
          </SelectField>
          <button type="submit" className="btn">
            {t("authoring.create")}
          </button>
        </Form>
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
