import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { peopleChoices, permissionFor } from "~/services/pickers.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { badRequest } from "~/utils/http.server";
import { PickerQuery } from "~/validation/pickers";

/** The typeahead of the people picker: people the viewer may choose for the form's purpose, by name only. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const parsed = PickerQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw badRequest();
  requireAnywhere(viewer, permissionFor(parsed.data.purpose));
  return json(
    { people: peopleChoices(viewer, parsed.data.purpose, parsed.data.q ?? "") },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
