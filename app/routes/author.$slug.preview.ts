import { type ActionFunctionArgs, json } from "@remix-run/node";
import { previewLesson } from "~/services/authoring.server";
import { requireViewer } from "~/utils/auth.server";
import { badRequest } from "~/utils/http.server";
import { slugParam } from "~/utils/params.server";
import { readForm } from "~/utils/request.server";
import { PreviewSchema } from "~/validation/authoring";
import { parseForm } from "~/validation/form";

/** The live preview: the lesson text as the trainer types it, compiled and rendered, or its problems. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const slug = slugParam(params.slug);
  const parsed = parseForm(PreviewSchema, await readForm(request));
  if (!parsed.ok) throw badRequest();
  return json(await previewLesson(viewer, slug, parsed.data.body), { headers: { "Cache-Control": "no-store" } });
}
