import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { resolveAudience } from "~/services/audience.server";
import { permissionFor } from "~/services/pickers.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { badRequest } from "~/utils/http.server";
import { parseSubmission } from "~/validation/form";
import { AudienceQuery } from "~/validation/pickers";

/**
 * How many people an audience reaches now, as the form's audience changes: the same function
 * that creates the assignment or the invitations counts them.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const submission = parseSubmission(new URL(request.url).searchParams, AudienceQuery);
  if (submission.status !== "success") throw badRequest();
  const { purpose, unit, people, ...rest } = submission.value;
  requireAnywhere(viewer, permissionFor(purpose));
  const audience = resolveAudience(
    viewer.actor,
    permissionFor(purpose),
    { ...rest, unitCode: unit, usernames: people },
    { unit: "unit", people: "people" },
  );
  const headers = { "Cache-Control": "private, no-store" };
  if (!audience.ok)
    return json(
      { count: null, field: audience.field, error: audience.error, params: audience.params ?? null },
      { headers },
    );
  return json({ count: audience.userIds.length, field: null, error: null, params: null }, { headers });
}
