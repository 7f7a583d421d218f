import { json, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { VerifyForm } from "~/components/ui/certificates";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { verificationPath } from "~/services/certificates.server";
import { VerifyQuerySchema } from "~/validation/certificates";
import { type FieldErrors, parseForm } from "~/validation/form";

// Public and plain: a form and a redirect need no JavaScript on a verifier's phone.
export const handle = { hydrate: false };

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "verify.title");

/**
 * No sign-in: anyone holding a printed certificate may check it. The form is a GET, so the
 * result can be bookmarked and nothing changes on the server here; the lookup itself (and
 * its rate limit) is on /verify/:code.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const query = new URL(request.url).searchParams;
  if (!query.has("code")) return json({ typed: "", errors: {} as FieldErrors });
  const form = new FormData();
  form.set("code", query.get("code") ?? "");
  const parsed = parseForm(VerifyQuerySchema, form);
  if (parsed.ok) throw redirect(verificationPath(parsed.data.code));
  return json({ typed: (query.get("code") ?? "").slice(0, 40), errors: parsed.errors }, { status: 400 });
}

export default function Verify() {
  const { typed, errors } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="card mx-auto max-w-md space-y-3" aria-labelledby="verify-title">
      <h1 id="verify-title" className="text-2xl font-semibold">
        {t("verify.title")}
      </h1>
      <p className="text-slate-700">{t("verify.intro")}</p>
      <VerifyForm typed={typed} error={errors.code} />
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
