import type { LoaderFunctionArgs } from "@remix-run/node";
import { ASSET_NAME } from "~/domain/course-format";
import { draftMedia } from "~/services/authoring.server";
import { assetResponse } from "~/services/course-assets.server";
import { requireViewer } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { slugParam } from "~/utils/params.server";

/** A picture of a draft, for the trainer's preview (the same sandboxed headers as published ones). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const name = params.name;
  if (!name || !ASSET_NAME.test(name)) throw notFound();
  return assetResponse(request, draftMedia(viewer, slugParam(params.slug), name), "media", name);
}
