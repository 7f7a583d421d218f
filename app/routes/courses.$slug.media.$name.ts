import type { LoaderFunctionArgs } from "@remix-run/node";
import { serveCourseAsset } from "~/services/course-assets.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return serveCourseAsset(request, params.slug, "media", params.name);
}
