import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { z } from "zod";
import { LOCALES } from "~/i18n";
import { setLocale } from "~/services/users.server";
import { assertSameOrigin, getViewer } from "~/utils/auth.server";
import { badRequest } from "~/utils/http.server";
import { localeCookie } from "~/utils/locale.server";
import { readForm } from "~/utils/request.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { parseForm } from "~/validation/form";

const LocaleSchema = z.object({ locale: z.enum(LOCALES), redirectTo: z.string().optional() });

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const parsed = parseForm(LocaleSchema, await readForm(request));
  if (!parsed.ok) throw badRequest();
  const { viewer } = await getViewer(request, context);
  if (viewer) setLocale(viewer.user.id, parsed.data.locale);
  return redirect(safeRedirect(parsed.data.redirectTo), {
    headers: { "Set-Cookie": await localeCookie.serialize(parsed.data.locale) },
  });
}
