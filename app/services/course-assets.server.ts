import { ASSET_NAME } from "~/domain/course-format";
import { findAsset } from "~/models/courses.server";
import { openCourse } from "~/services/learning.server";
import type { Viewer } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { slugParam } from "~/utils/params.server";

/**
 * A picture or file of a course the viewer may open. Immutable per content hash, so the
 * browser revalidates with the ETag and gets 304. SVG is sandboxed: it cannot run scripts
 * even when opened directly.
 */
export function serveCourseAsset(
  viewer: Viewer,
  request: Request,
  slug: string | undefined,
  kind: "media" | "file",
  name: string | undefined,
): Response {
  if (!name || !ASSET_NAME.test(name)) throw notFound();
  const { course } = openCourse(viewer, slugParam(slug));
  const asset = findAsset(course.versionId, kind, name);
  if (!asset) throw notFound();
  return assetResponse(request, asset, kind, name);
}

/** Sends asset bytes with the headers every course asset gets (draft pictures too). */
export function assetResponse(
  request: Request,
  asset: { mime: string; hash: string; bytes: Buffer },
  kind: "media" | "file",
  name: string,
): Response {
  const etag = `"${asset.hash}"`;
  const headers = new Headers({
    "Content-Type": asset.mime,
    ETag: etag,
    "Cache-Control": "private, max-age=86400",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  });
  if (kind === "file") headers.set("Content-Disposition", `attachment; filename="${name}"`);
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(asset.bytes), { status: 200, headers });
}
