import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { permissionFor, unitChoices } from "~/services/pickers.server";
import { requireAnywhere } from "~/utils/access.server";
import { requireViewer } from "~/utils/auth.server";
import { badRequest } from "~/utils/http.server";
import { PickerQuery } from "~/validation/pickers";

/** The typeahead of the unit picker: at most MAX_CHOICES units the viewer may choose for the form's purpose. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request, context);
  const parsed = PickerQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw badRequest();
  requireAnywhere(viewer, permissionFor(parsed.data.purpose));
  return json(unitChoices(viewer, parsed.data.purpose, { query: parsed.data.q, under: parsed.data.under }), {
    headers: { "Cache-Control": "private, no-store" },
  });
}
