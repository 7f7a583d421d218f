/**
 * The allow-listed components a lesson may use (see app/domain/mdx-allow-list.ts, which is
 * checked at compile time). Each renders plain HTML that works without JavaScript: the
 * discussion of a case study opens with <details>, a glossary term's explanation on focus.
 */
import { createContext, type ReactNode, useContext, useId } from "react";
import { type Translate, translator } from "~/i18n";

/**
 * Lessons are rendered to HTML once per language and cached on the server, outside any
 * route, so the components take their words from this context, not from the root loader.
 */
export const MdxTranslateContext = createContext<Translate>(translator("vi"));
const useT = () => useContext(MdxTranslateContext);

type WithChildren = { children?: ReactNode };

const CALLOUT_STYLE = {
  note: "border-sky-300 bg-sky-50",
  warning: "border-amber-400 bg-amber-50",
  law: "border-slate-400 bg-slate-50 font-serif",
} as const;

export function Callout({
  type,
  title,
  children,
}: WithChildren & { type: keyof typeof CALLOUT_STYLE; title?: string }) {
  const t = useT();
  const label = t(`mdx.callout.${type}`);
  return (
    <aside className={`my-4 rounded-md border-l-4 p-3 ${CALLOUT_STYLE[type] ?? CALLOUT_STYLE.note}`} aria-label={label}>
      <p className="m-0 text-sm font-semibold uppercase tracking-wide text-slate-700">
        {title ? `${label}: ${title}` : label}
      </p>
      <div className="mdx-body">{children}</div>
    </aside>
  );
}

export function KeyPoint({ children }: WithChildren) {
  const t = useT();
  return (
    <div className="my-4 rounded-md border-2 border-brand-600 bg-brand-50 p-3" role="note">
      <p className="m-0 font-semibold text-brand-800">★ {t("mdx.keyPoint")}</p>
      <div className="mdx-body">{children}</div>
    </div>
  );
}

export function Steps({ children }: WithChildren) {
  return <ol className="steps my-4 space-y-3 pl-0">{children}</ol>;
}

export function Step({ title, children }: WithChildren & { title: string }) {
  return (
    <li className="step rounded-md border border-slate-200 bg-white p-3">
      <p className="m-0 font-semibold">{title}</p>
      <div className="mdx-body">{children}</div>
    </li>
  );
}

/**
 * A glossary term that stays inside its sentence: only phrasing elements (a <details> would
 * close the paragraph around it and put the term on a line of its own). The explanation is
 * a box positioned absolutely under the line, so opening it moves no text: it opens while
 * the word has focus (a tap or Tab, no JavaScript needed) or the pointer is over it.
 */
export function Term({ definition, children }: WithChildren & { definition: string }) {
  const tipId = `term-${useId().replace(/[^\w-]/g, "")}`;
  return (
    <span className="term">
      <button type="button" className="term-word" aria-describedby={tipId}>
        <dfn>{children}</dfn>
      </button>
      <span className="term-tip" role="tooltip" id={tipId}>
        {definition}
      </span>
    </span>
  );
}

export function CaseStudy({ title, children }: WithChildren & { title: string }) {
  const t = useT();
  return (
    <section
      className="my-6 rounded-lg border border-emerald-300 bg-emerald-50/60 p-3"
      aria-label={`${t("mdx.caseStudy")}: ${title}`}
    >
      <p className="m-0 text-sm font-semibold uppercase tracking-wide text-emerald-800">{t("mdx.caseStudy")}</p>
      <h3 className="mt-1 text-lg font-semibold">{title}</h3>
      {children}
    </section>
  );
}

export function Situation({ children }: WithChildren) {
  const t = useT();
  return (
    <div className="mt-2">
      <p className="m-0 font-semibold">{t("mdx.situation")}</p>
      <div className="mdx-body">{children}</div>
    </div>
  );
}

export function Questions({ children }: WithChildren) {
  const t = useT();
  return (
    <div className="mt-3">
      <p className="m-0 font-semibold">{t("mdx.questions")}</p>
      <div className="mdx-body">{children}</div>
    </div>
  );
}

export function Discussion({ children }: WithChildren) {
  const t = useT();
  return (
    <details className="mt-3 rounded-md border border-emerald-300 bg-white p-2">
      <summary className="cursor-pointer font-semibold text-emerald-900">{t("mdx.discussion")}</summary>
      <div className="mdx-body mt-2">{children}</div>
    </details>
  );
}

function FigureFor(base: string) {
  return function Figure({ src, alt, caption }: { src: string; alt: string; caption?: string }) {
    return (
      <figure className="my-4">
        <img
          src={`${base}/media/${encodeURIComponent(src)}`}
          alt={alt}
          loading="lazy"
          className="h-auto max-w-full rounded border border-slate-200 bg-white"
        />
        {caption ? <figcaption className="mt-1 text-sm text-slate-600">{caption}</figcaption> : null}
      </figure>
    );
  };
}

function DownloadFor(base: string) {
  return function Download({ file, title }: { file: string; title: string }) {
    const t = useT();
    return (
      <p className="my-4">
        <a href={`${base}/files/${encodeURIComponent(file)}`} download className="btn-secondary">
          ⬇ {t("mdx.download")}: {title}
        </a>
      </p>
    );
  };
}

/**
 * The component map for one course's lessons; figures and files resolve inside the course
 * (or, for a trainer's preview, inside the draft at `base`).
 */
export function lessonComponents(courseSlug: string, base = `/courses/${encodeURIComponent(courseSlug)}`) {
  return {
    Callout,
    KeyPoint,
    Steps,
    Step,
    Term,
    CaseStudy,
    Situation,
    Questions,
    Discussion,
    Figure: FigureFor(base),
    Download: DownloadFor(base),
  };
}
