import { type ActionFunctionArgs, json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { Field, FieldError } from "~/components/ui/form";
import { MAX_MEDIA_BYTES } from "~/domain/course-format";
import type { MessageKey } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { courseSettings, draftOverview, uploadMedia } from "~/services/authoring.server";
import { requireViewer } from "~/utils/auth.server";
import { flashMessage } from "~/utils/flash.server";
import { slugParam } from "~/utils/params.server";
import { readUpload } from "~/utils/upload.server";
import { MediaFormSchema } from "~/validation/authoring";
import { type FieldErrors, parseForm } from "~/validation/form";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "authoring.media");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const slug = slugParam(params.slug);
  const { media } = draftOverview(viewer, slug);
  return json({ slug, courseTitle: courseSettings(viewer, slug).frontmatter.title, media });
}

type UploadResult = { errors: FieldErrors; params?: Record<string, string> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const slug = slugParam(params.slug);
  const upload = await readUpload(request, MAX_MEDIA_BYTES + 1024, {
    tooBig: "authoring.error.mediaTooBig",
    missing: "form.required",
  });
  if (!upload.ok) return json<UploadResult>({ errors: { file: upload.error } }, { status: 400 });
  const parsed = parseForm(MediaFormSchema, upload.form);
  if (!parsed.ok) return json<UploadResult>({ errors: parsed.errors }, { status: 400 });
  const result = uploadMedia(viewer, slug, {
    fileName: upload.fileName,
    bytes: upload.bytes,
    altText: parsed.data.altText,
  });
  if (!result.ok)
    return json<UploadResult>({ errors: { [result.field]: result.error }, params: result.params }, { status: 400 });
  return redirect(`/author/${slug}/media`, {
    headers: { "Set-Cookie": await flashMessage(request, "authoring.media.uploaded") },
  });
}

export default function MediaLibrary() {
  const { slug, courseTitle, media } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors ?? {};
  const t = useT();
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to={`/author/${slug}`}>{t("authoring.backToCourse", { title: courseTitle })}</Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("authoring.media")}</h1>
      {media.length === 0 ? (
        <p className="text-slate-600">{t("authoring.media.none")}</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2">
          {media.map((m) => (
            <li key={m.name} className="card space-y-2">
              <img
                src={`/author/${slug}/draft/media/${encodeURIComponent(m.name)}`}
                alt={m.altText ?? ""}
                className="max-h-40 w-full object-contain"
              />
              <p className="text-sm">{t("authoring.media.snippet")}</p>
              <code className="block break-all rounded bg-slate-100 p-2 text-sm">
                {`<Figure src="${m.name}" alt="${m.altText ?? ""}" />`}
              </code>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" encType="multipart/form-data" className="card space-y-3">
        <h2 className="text-xl font-semibold">{t("authoring.media.upload")}</h2>
        <div className="space-y-1">
          <label htmlFor="media-file" className="block font-medium">
            {t("authoring.media.file")}
          </label>
          <input
            id="media-file"
            name="file"
            type="file"
            accept=".svg,.png,.jpg,.jpeg,.webp,image/svg+xml,image/png,image/jpeg,image/webp"
            required
            className="input"
          />
          <FieldError error={errors.file as MessageKey | undefined} params={result?.params} />
        </div>
        <Field label={t("authoring.media.alt")} name="altText" required maxLength={500} error={errors.altText} />
        <button type="submit" className="btn">
          {t("authoring.media.upload")}
        </button>
      </Form>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
