import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { MdxEditor } from "~/components/authoring/mdx-editor";
import { EDITOR_PHRASES_VI } from "~/components/authoring/phrases";
import { snippetLabel } from "~/components/authoring/snippet-labels";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Field, FieldError } from "~/components/ui/form";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { componentSnippets } from "~/domain/authoring";
import { formatDateTime } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import {
  courseSettings,
  draftOverview,
  type LessonDraft,
  lessonDraft,
  type PreviewResult,
  previewLesson,
  saveLesson,
} from "~/services/authoring.server";
import { requireViewer } from "~/utils/auth.server";
import { flashMessage } from "~/utils/flash.server";
import { slugParam } from "~/utils/params.server";
import { readForm } from "~/utils/request.server";
import { SaveLessonSchema } from "~/validation/authoring";
import { type FieldErrors, parseForm } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "authoring.editor");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const slug = slugParam(params.slug);
  const lesson = lessonDraft(viewer, slug, slugParam(params.key));
  const { media } = draftOverview(viewer, slug);
  const figures = media.map((m) => ({
    component: `Figure ${m.name}`,
    figure: m.name as string | null,
    text: `<Figure src="${m.name}" alt="${(m.altText ?? "").replace(/"/g, "'")}" />`,
  }));
  return json({
    slug,
    courseTitle: courseSettings(viewer, slug).frontmatter.title,
    lesson,
    snippets: [...componentSnippets().map((s) => ({ ...s, figure: null })), ...figures],
    preview: await previewLesson(viewer, slug, lesson.body),
  });
}

type ActionResult =
  | { saved: true; revision: number }
  | { saved: false; errors: FieldErrors }
  | { saved: false; conflict: LessonDraft | null; body: string }
  | { saved: false; preview: PreviewResult; body: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const slug = slugParam(params.slug);
  const key = slugParam(params.key);
  const formData = await readForm(request);
  const parsed = parseForm(SaveLessonSchema, formData);
  if (!parsed.ok) return json<ActionResult>({ saved: false, errors: parsed.errors }, { status: 400 });
  const input = parsed.data;
  if (formData.get("preview") === "1") {
    // Without JavaScript, "Preview" posts the text and shows it back with its preview, unsaved.
    return json<ActionResult>({
      saved: false,
      preview: await previewLesson(viewer, slug, input.body),
      body: input.body,
    });
  }
  const result = saveLesson(viewer, slug, key, input);
  if (!result.ok) {
    if ("conflict" in result)
      return json<ActionResult>({ saved: false, conflict: result.conflict, body: input.body }, { status: 409 });
    return json<ActionResult>({ saved: false, errors: { [result.field]: result.error } }, { status: 400 });
  }
  if (formData.get("autosave") === "1") return json<ActionResult>({ saved: true, revision: result.revision });
  return redirect(`/author/${slug}/lessons/${key}`, {
    headers: { "Set-Cookie": await flashMessage(request, "authoring.savedPlain") },
  });
}

const AUTOSAVE_MS = 1500;
const PREVIEW_MS = 700;

export default function LessonEditor() {
  const { slug, courseTitle, lesson, snippets, preview: firstPreview } = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const t = useT();
  const locale = useLocale();
  const saver = useFetcher<typeof action>();
  const previewer = useFetcher<PreviewResult>();
  const formRef = useRef<HTMLFormElement>(null);
  const [revision, setRevision] = useState(lesson.revision);
  const [dirty, setDirty] = useState(false);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [editorKey, setEditorKey] = useState(0);
  const [initialBody, setInitialBody] = useState(posted && "body" in posted ? posted.body : lesson.body);
  const body = useRef(initialBody);
  const saveTimer = useRef<ReturnType<typeof setTimeout>>();
  const previewTimer = useRef<ReturnType<typeof setTimeout>>();
  const backupKey = `draft:${slug}:${lesson.key}`;

  const conflict =
    (saver.data && "conflict" in saver.data ? saver.data : null) ?? (posted && "conflict" in posted ? posted : null);
  const preview: PreviewResult = previewer.data ?? (posted && "preview" in posted ? posted.preview : firstPreview);

  const save = useCallback(
    (expected: number) => {
      const form = formRef.current;
      if (!form) return;
      const data = new FormData(form);
      data.set("body", body.current);
      data.set("revision", String(expected));
      data.set("autosave", "1");
      saver.submit(data, { method: "post" });
    },
    [saver],
  );

  const onChange = useCallback(
    (value: string) => {
      body.current = value;
      setDirty(true);
      // Kept in the browser too, so an unsaved change survives a closed tab or a lost line.
      try {
        localStorage.setItem(backupKey, JSON.stringify({ revision, body: value }));
      } catch {
        // storage full or disabled: the server copy is what counts
      }
      clearTimeout(previewTimer.current);
      previewTimer.current = setTimeout(() => {
        previewer.submit({ body: value }, { method: "post", action: `/author/${slug}/preview` });
      }, PREVIEW_MS);
      clearTimeout(saveTimer.current);
      if (!conflict) saveTimer.current = setTimeout(() => save(revision), AUTOSAVE_MS);
    },
    [backupKey, conflict, previewer, revision, save, slug],
  );

  useEffect(() => {
    const result = saver.data;
    if (saver.state !== "idle" || !result) return;
    if (result.saved) {
      setRevision(result.revision);
      setDirty(false);
      setSavedAt(new Date());
      try {
        localStorage.removeItem(backupKey);
      } catch {
        // nothing to clean
      }
    }
  }, [saver.state, saver.data, backupKey]);

  // A text kept in this browser and never saved (the tab closed first) comes back.
  useEffect(() => {
    try {
      const kept = JSON.parse(localStorage.getItem(backupKey) ?? "null") as { revision: number; body: string } | null;
      if (kept && kept.revision === lesson.revision && kept.body !== lesson.body) {
        body.current = kept.body;
        setInitialBody(kept.body);
        setEditorKey((k) => k + 1);
        setDirty(true);
      }
    } catch {
      // no storage
    }
  }, [backupKey, lesson.revision, lesson.body]);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (dirty) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const status = conflict
    ? null
    : saver.state !== "idle"
      ? t("authoring.saving")
      : saver.data && !saver.data.saved && "errors" in saver.data
        ? t("authoring.saveFailed")
        : dirty
          ? t("authoring.unsaved")
          : savedAt
            ? t("authoring.saved", { time: formatDateTime(locale, savedAt) })
            : null;
  const errors: FieldErrors = posted && "errors" in posted ? posted.errors : {};
  const problems = preview.ok ? [] : preview.problems;

  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to={`/author/${slug}`}>{t("authoring.backToCourse", { title: courseTitle })}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{lesson.title || lesson.key}</h1>
      {conflict ? (
        <section role="alert" className="card space-y-2 border-amber-400 bg-amber-50" data-testid="conflict">
          {conflict.conflict ? (
            <>
              <p>
                {t("authoring.conflict", {
                  name: conflict.conflict.updatedByName ?? "—",
                  time: formatDateTime(locale, new Date(conflict.conflict.updatedAt)),
                })}
              </p>
              <details>
                <summary className="cursor-pointer font-medium">
                  {t("authoring.theirVersion", { name: conflict.conflict.updatedByName ?? "—" })}
                </summary>
                <ScrollRegion
                  label={t("authoring.theirVersion", { name: conflict.conflict.updatedByName ?? "—" })}
                  className="mt-2 max-h-80 overflow-y-auto"
                >
                  <pre className="whitespace-pre-wrap rounded bg-white p-2 text-sm">{conflict.conflict.body}</pre>
                </ScrollRegion>
              </details>
              <div className="flex flex-wrap gap-2">
                <button
                  type="button"
                  className="btn"
                  onClick={() => {
                    const theirs = conflict.conflict?.revision ?? revision;
                    setRevision(theirs);
                    save(theirs);
                  }}
                >
                  {t("authoring.keepMine")}
                </button>
                <a href={`/author/${slug}/lessons/${lesson.key}`} className="btn-secondary">
                  {t("authoring.takeTheirs")}
                </a>
              </div>
            </>
          ) : (
            <p>{t("authoring.conflictDeleted")}</p>
          )}
        </section>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-2">
        <Form method="post" ref={formRef} className="space-y-3">
          <input type="hidden" name="revision" value={revision} />
          <div className="grid gap-3 sm:grid-cols-[1fr_8rem]">
            <Field
              label={t("authoring.lessonTitle")}
              name="title"
              defaultValue={lesson.title}
              required
              error={errors.title}
              onChange={() => onChange(body.current)}
            />
            <Field
              label={t("authoring.lessonMinutes")}
              name="minutes"
              type="number"
              inputMode="numeric"
              min={1}
              max={600}
              defaultValue={lesson.minutes}
              error={errors.minutes}
              onChange={() => onChange(body.current)}
            />
          </div>
          <MdxEditor
            key={editorKey}
            id="lesson-body"
            name="body"
            label={t("authoring.editor")}
            defaultValue={initialBody}
            problems={problems}
            problemsTitle={t("authoring.problemsTitle")}
            formatPosition={(line, column) => t("authoring.position", { line, column })}
            snippets={snippets.map((s) => ({ ...s, label: snippetLabel(t, s) }))}
            snippetLabel={t("authoring.snippets")}
            onChange={onChange}
            phrases={locale === "vi" ? EDITOR_PHRASES_VI : undefined}
          />
          <FieldError error={errors.body} />
          <div className="flex flex-wrap items-center gap-2">
            <button type="submit" name="intent" value="save" className="btn">
              {t("authoring.save")}
            </button>
            <button type="submit" name="preview" value="1" className="btn-secondary">
              {t("authoring.previewUpdate")}
            </button>
            <p role="status" aria-live="polite" className="text-sm text-slate-700" data-testid="save-status">
              {status}
            </p>
          </div>
        </Form>
        <section aria-labelledby="preview" className="space-y-2">
          <h2 id="preview" className="text-lg font-semibold">
            {t("authoring.preview")}
            {previewer.state !== "idle" ? (
              <span className="ml-2 text-sm font-normal text-slate-600">{t("authoring.previewWaiting")}</span>
            ) : null}
          </h2>
          {preview.ok ? (
            <div
              className="prose-lesson card"
              data-testid="lesson-preview"
              // Rendered on the server from the allow-listed components only (no raw HTML in lessons).
              dangerouslySetInnerHTML={{ __html: preview.html }}
            />
          ) : (
            <ul role="alert" className="card list-disc space-y-1 pl-6 text-red-800" data-testid="preview-problems">
              {preview.problems.map((p) => (
                <li key={`${p.line}:${p.column}:${p.message}`}>
                  {t("authoring.position", { line: p.line, column: p.column })}: {p.message}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
