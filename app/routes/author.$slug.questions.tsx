import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Field, SelectField, TextAreaField } from "~/components/ui/form";
import { isMessageKey } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { courseSettings, deleteQuestion, draftQuestions, saveQuestion } from "~/services/authoring.server";
import { requireViewer } from "~/utils/auth.server";
import { flashMessage } from "~/utils/flash.server";
import { slugParam } from "~/utils/params.server";
import { readForm } from "~/utils/request.server";
import { QuestionFormSchema, questionFromForm } from "~/validation/authoring";
import { parseForm } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "authoring.question.new");

/** What the page shows of a question: enough to list it and to fill the form. */
const ShownQuestion = z
  .object({
    id: z.string(),
    type: z.string(),
    topic: z.string().optional(),
    text: z.string(),
    explanation: z.string().optional(),
    answer: z.boolean().optional(),
    scoring: z.string().optional(),
    options: z.array(z.object({ text: z.coerce.string(), correct: z.boolean().optional() })).optional(),
  })
  .passthrough();

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const slug = slugParam(params.slug);
  const { questions, revision } = draftQuestions(viewer, slug);
  return json({
    slug,
    courseTitle: courseSettings(viewer, slug).frontmatter.title,
    revision,
    questions: questions.flatMap((q) => {
      const shown = ShownQuestion.safeParse(q);
      return shown.success ? [shown.data] : [];
    }),
  });
}

type QuestionActionResult = { problems: { path: string; message: string }[]; conflict: boolean };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const slug = slugParam(params.slug);
  const parsed = parseForm(QuestionFormSchema, await readForm(request));
  if (!parsed.ok)
    return json<QuestionActionResult>(
      {
        problems: Object.entries(parsed.errors).map(([path, message]) => ({ path, message: String(message) })),
        conflict: false,
      },
      { status: 400 },
    );
  const form = parsed.data;
  if (form.intent === "delete") {
    const done = deleteQuestion(viewer, slug, form.originalId ?? form.id, form.revision);
    if (!done) return json<QuestionActionResult>({ problems: [], conflict: true }, { status: 409 });
    return redirect(`/author/${slug}/questions`, {
      headers: { "Set-Cookie": await flashMessage(request, "authoring.question.deleted") },
    });
  }
  const result = saveQuestion(viewer, slug, {
    question: questionFromForm(form),
    originalId: form.originalId ?? null,
    revision: form.revision,
  });
  if (!result.ok) {
    if ("conflict" in result) return json<QuestionActionResult>({ problems: [], conflict: true }, { status: 409 });
    return json<QuestionActionResult>({ problems: result.problems, conflict: false }, { status: 400 });
  }
  return redirect(`/author/${slug}/questions`, {
    headers: { "Set-Cookie": await flashMessage(request, "authoring.question.saved") },
  });
}

const OPTION_SLOTS = 6;

export default function QuestionBank() {
  const { slug, courseTitle, revision, questions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const t = useT();
  const editing = questions.find((q) => q.id === search.get("edit"));
  const editable = !editing || ["single", "multiple", "true-false"].includes(editing.type);
  const options = [...(editing?.options ?? [])];
  while (options.length < OPTION_SLOTS) options.push({ text: "", correct: false });
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to={`/author/${slug}`}>{t("authoring.backToCourse", { title: courseTitle })}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("authoring.questions", { count: questions.length })}</h1>
      <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
        {questions.map((q) => (
          <li key={q.id} className="flex flex-wrap items-baseline justify-between gap-2 p-3">
            <span>
              <code className="text-sm text-slate-600">{q.id}</code> {q.text}
            </span>
            <Link to={`?edit=${encodeURIComponent(q.id)}#question-form`} className="btn-secondary">
              {t("authoring.edit")}
            </Link>
          </li>
        ))}
      </ol>
      <section id="question-form" className="card space-y-3" aria-labelledby="question-form-title">
        <h2 id="question-form-title" className="text-xl font-semibold">
          {editing ? t("authoring.question.edit") : t("authoring.question.new")}
        </h2>
        {result?.conflict ? (
          <p role="alert" className="text-amber-800">
            {t("authoring.question.conflict")}
          </p>
        ) : null}
        {result && result.problems.length > 0 ? (
          <ul role="alert" className="list-disc pl-6 text-red-800" data-testid="question-problems">
            {result.problems.map((p) => (
              <li key={`${p.path}:${p.message}`}>
                {isMessageKey(p.message) ? `${p.path}: ${t(p.message)}` : p.message}
              </li>
            ))}
          </ul>
        ) : null}
        {editable ? (
          <Form method="post" className="space-y-3" key={editing?.id ?? "new"}>
            <input type="hidden" name="revision" value={revision} />
            {editing ? <input type="hidden" name="originalId" value={editing.id} /> : null}
            <div className="grid gap-3 sm:grid-cols-2">
              <Field
                label={t("authoring.question.id")}
                name="id"
                defaultValue={editing?.id}
                required
                autoCapitalize="none"
              />
              <SelectField label={t("authoring.question.type")} name="type" defaultValue={editing?.type ?? "single"}>
                {(["single", "multiple", "true-false"] as const).map((type) => (
                  <option key={type} value={type}>
                    {t(`authoring.question.type.${type}`)}
                  </option>
                ))}
              </SelectField>
            </div>
            <Field
              label={t("authoring.question.topic")}
              name="topic"
              defaultValue={editing?.topic}
              autoCapitalize="none"
            />
            <TextAreaField
              label={t("authoring.question.text")}
              name="text"
              rows={3}
              defaultValue={editing?.text}
              required
            />
            <fieldset className="space-y-2">
              <legend className="font-medium">{t("authoring.question.options")}</legend>
              {options.map((option, index) => (
                <div key={index} className="flex items-center gap-2">
                  <label className="flex min-h-11 items-center gap-2">
                    <input
                      type="checkbox"
                      name="correct"
                      value={index}
                      defaultChecked={option.correct === true}
                      className="size-5 shrink-0"
                      aria-label={`${t("authoring.question.correct")}: ${t("authoring.question.option", { n: index + 1 })}`}
                    />
                  </label>
                  <input
                    name="option"
                    defaultValue={option.text}
                    className="input"
                    aria-label={t("authoring.question.option", { n: index + 1 })}
                  />
                </div>
              ))}
            </fieldset>
            <SelectField
              label={`${t("authoring.question.scoring")} (${t("authoring.question.type.multiple")})`}
              name="scoring"
              defaultValue={editing?.scoring === "partial" ? "partial" : "all-or-nothing"}
            >
              {(["all-or-nothing", "partial"] as const).map((scoring) => (
                <option key={scoring} value={scoring}>
                  {t(`authoring.question.scoring.${scoring}`)}
                </option>
              ))}
            </SelectField>
            <fieldset className="space-y-1">
              <legend className="font-medium">
                {t("authoring.question.answer")} ({t("authoring.question.type.true-false")})
              </legend>
              {(["true", "false"] as const).map((value) => (
                <label key={value} className="flex min-h-10 items-center gap-2">
                  <input
                    type="radio"
                    name="answer"
                    value={value}
                    defaultChecked={editing?.type === "true-false" && String(editing.answer) === value}
                    className="size-5"
                  />
                  {t(`authoring.question.${value}`)}
                </label>
              ))}
            </fieldset>
            <TextAreaField
              label={t("authoring.question.explanation")}
              name="explanation"
              rows={3}
              defaultValue={editing?.explanation}
              required
            />
            <div className="flex flex-wrap gap-2">
              <button type="submit" name="intent" value="save" className="btn">
                {t("authoring.question.save")}
              </button>
              {editing ? (
                <button type="submit" name="intent" value="delete" className="btn-danger" formNoValidate>
                  {t("authoring.question.delete")}
                </button>
              ) : null}
            </div>
          </Form>
        ) : (
          <p>{t("authoring.question.scenario")}</p>
        )}
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
