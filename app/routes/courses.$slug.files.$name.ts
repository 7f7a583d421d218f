import type { LoaderFunctionArgs } from "@remix-run/node";
import { serveCourseAsset } from "~/services/course-assets.server";
import { requireViewer } from "~/utils/auth.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  return serveCourseAsset(viewer, request, params.slug, "file", params.name);
}
