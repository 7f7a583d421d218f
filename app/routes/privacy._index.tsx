import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { NoticeText } from "~/components/privacy/notice-text";
import { RouteErrorBoundary } from "~/components/ui/error-page";
import { canAnywhere } from "~/domain/access";
import { formatDate } from "~/i18n";
import { pageTitle } from "~/i18n/meta";
import { useLocale, useT } from "~/i18n/react";
import { currentNotice } from "~/services/privacy.server";
import { getViewer } from "~/utils/auth.server";
import { resolveLocale } from "~/utils/locale.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "privacy.title");

/** The notice in force, for anyone, signed in or not (Law 91/2025/QH15: transparency). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { viewer } = await getViewer(request, context);
  const locale = await resolveLocale(request, viewer);
  const notice = currentNotice();
  return json({
    notice: notice
      ? {
          version: notice.version,
          body: locale === "vi" ? notice.bodyVi : notice.bodyEn,
          publishedAt: notice.publishedAt.getTime(),
        }
      : null,
    mayEdit: viewer ? canAnywhere(viewer.actor, "privacy.manage") : false,
  });
}

export default function Privacy() {
  const { notice, mayEdit } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  return (
    <article className="card mx-auto max-w-3xl space-y-3" aria-labelledby="privacy-title">
      <h1 id="privacy-title" className="text-2xl font-semibold">
        {t("privacy.title")}
      </h1>
      {notice ? (
        <>
          <p className="text-sm text-slate-600">
            {t("privacy.version", {
              version: String(notice.version),
              date: formatDate(locale, new Date(notice.publishedAt)),
            })}
          </p>
          <NoticeText text={notice.body} />
        </>
      ) : (
        <p>{t("privacy.none")}</p>
      )}
      {mayEdit ? (
        <p>
          <Link to="/privacy/notice" className="btn-secondary">
            {t("privacy.notice.title")}
          </Link>
        </p>
      ) : null}
    </article>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
