import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";

const texts: Record<number, [MessageKey, MessageKey]> = {
  400: ["error.badRequest.title", "error.badRequest.body"],
  403: ["error.forbidden.title", "error.forbidden.body"],
  404: ["error.notFound.title", "error.notFound.body"],
  413: ["error.payloadTooLarge.title", "error.payloadTooLarge.body"],
  415: ["error.unsupportedMediaType.title", "error.unsupportedMediaType.body"],
};

/** The styled error page in the person's language; never a stack trace. */
export function ErrorPage({ status }: { status: number }) {
  const t = useT();
  const [title, body] = texts[status] ?? (["error.generic.title", "error.generic.body"] as const);
  return (
    <section className="card mx-auto max-w-lg text-center" aria-labelledby="error-title">
      <p className="text-4xl font-bold text-slate-400">{status}</p>
      <h1 id="error-title" className="mt-2 text-xl font-semibold">
        {t(title)}
      </h1>
      <p className="mt-2 text-slate-600">{t(body)}</p>
      <p className="mt-4">
        <Link to="/" className="btn">
          {t("error.backHome")}
        </Link>
      </p>
    </section>
  );
}

/** For route modules: render thrown responses of that route inside the shell. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  if (!isRouteErrorResponse(error)) console.error(error);
  return <ErrorPage status={isRouteErrorResponse(error) ? error.status : 500} />;
}
