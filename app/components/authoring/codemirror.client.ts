/**
 * The CodeMirror 6 editor behind <MdxEditor>. Loaded only with `import("./codemirror.client")`
 * from mdx-editor.tsx after the page has hydrated, so it is a chunk of its own that only
 * authoring pages download; the `.client` suffix keeps it out of the server build.
 */
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { markdownKeymap, markdownLanguage } from "@codemirror/lang-markdown";
import {
  bracketMatching,
  defaultHighlightStyle,
  indentOnInput,
  Language,
  LanguageSupport,
  syntaxHighlighting,
} from "@codemirror/language";
import { type Diagnostic, lintGutter, lintKeymap, setDiagnostics } from "@codemirror/lint";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { EditorState, Prec } from "@codemirror/state";
import {
  drawSelection,
  dropCursor,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { parser as htmlParser } from "@lezer/html";
import { MarkdownParser, parseCode } from "@lezer/markdown";
import type { EditorProblem } from "./mdx-editor";
import { clampPosition, problemRange } from "./problem-position";
import { insertSnippet } from "./snippet-insert";

export interface MdxEditorOptions {
  parent: HTMLElement;
  doc: string;
  /** Where the cursor was in the textarea the editor replaces. */
  selection?: { anchor: number; head: number };
  /** Id of the visible <label>: the editable element is named by it. */
  labelledBy: string;
  describedBy?: string;
  problems: readonly EditorProblem[];
  phrases?: Record<string, string>;
  /** Height of what covers the top of the window (a sticky toolbar), so the cursor is never scrolled under it. */
  coveredTop?: () => number;
  onChange: (value: string) => void;
}

export interface MdxEditorView {
  getValue(): string;
  /** Replaces the whole text as one undoable change. */
  replaceText(text: string): void;
  insertSnippet(text: string): void;
  focusAt(line: number, column: number): void;
  focus(): void;
  setProblems(problems: readonly EditorProblem[]): void;
  setDescribedBy(id: string | undefined): void;
  destroy(): void;
}

const theme = EditorView.theme({
  "&": {
    fontSize: "1rem",
    backgroundColor: "#fff",
    border: "1px solid var(--color-slate-300, #cbd5e1)",
    borderRadius: "0.375rem",
  },
  "&.cm-focused": {
    outline: "2px solid var(--color-brand-600, #2563eb)",
    outlineOffset: "2px",
  },
  ".cm-scroller": {
    // Trainers write Vietnamese prose: common monospace fonts stack tone marks badly ("thể").
    fontFamily: "var(--font-sans, system-ui), sans-serif",
    lineHeight: "1.6",
  },
  ".cm-content": { padding: "0.5rem 0" },
  ".cm-content, .cm-gutter": { minHeight: "60vh" },
  ".cm-line": { padding: "0 0.5rem" },
  ".cm-gutters": {
    backgroundColor: "var(--color-slate-50, #f8fafc)",
    color: "var(--color-slate-500, #64748b)",
    borderRight: "1px solid var(--color-slate-200, #e2e8f0)",
    borderRadius: "0.375rem 0 0 0.375rem",
  },
  ".cm-lineNumbers .cm-gutterElement": { fontSize: "0.8125rem", padding: "0 4px 0 6px", minWidth: "2ch" },
  ".cm-activeLine": { backgroundColor: "rgb(59 130 246 / 0.06)" },
  ".cm-activeLineGutter": { backgroundColor: "rgb(59 130 246 / 0.12)" },
  ".cm-panels": { fontSize: "1rem" },
  ".cm-panel.cm-search": { padding: "0.5rem" },
  ".cm-panel.cm-search input, .cm-panel.cm-search button": { minHeight: "2.25rem", fontSize: "1rem" },
  ".cm-tooltip-lint": { fontSize: "0.9375rem" },
});

/**
 * GFM Markdown whose HTML blocks and inline tags (our JSX components: `<Callout type="note">`)
 * are parsed by the HTML grammar, so tag names, attributes and values are coloured. This is
 * what `markdown()` does, without `@codemirror/lang-html`, which brings the CSS and JavaScript
 * grammars along (about 145 kB minified, 55 kB gzipped) for <style>/<script> that lessons never have.
 * Reusing `markdownLanguage.data` keeps Markdown's own commands (list continuation) active.
 */
function mdxLanguage(): LanguageSupport {
  const base = markdownLanguage.parser;
  if (!(base instanceof MarkdownParser)) return new LanguageSupport(markdownLanguage);
  // "noMatch": a closing tag in its own block (after a blank line) is not flagged as unmatched.
  const tags = htmlParser.configure({ dialect: "noMatch" });
  const parser = base.configure([parseCode({ htmlParser: tags })]);
  return new LanguageSupport(new Language(markdownLanguage.data, parser, [], "markdown"));
}

export function createMdxEditor(options: MdxEditorOptions): MdxEditorView {
  const length = options.doc.length;
  const clamp = (n: number) => Math.min(Math.max(n, 0), length);
  const state = EditorState.create({
    doc: options.doc,
    selection: options.selection
      ? { anchor: clamp(options.selection.anchor), head: clamp(options.selection.head) }
      : undefined,
    extensions: [
      lineNumbers(),
      highlightActiveLineGutter(),
      lintGutter(),
      highlightSpecialChars(),
      history(),
      drawSelection(),
      dropCursor(),
      indentOnInput(),
      bracketMatching(),
      highlightActiveLine(),
      highlightSelectionMatches(),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      mdxLanguage(),
      Prec.high(keymap.of(markdownKeymap)),
      EditorView.lineWrapping,
      // Tab is left to the browser (moves focus): no keyboard trap for people not using a mouse.
      keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, ...lintKeymap]),
      EditorView.contentAttributes.of({
        "aria-labelledby": options.labelledBy,
      }),
      EditorState.phrases.of(options.phrases ?? {}),
      EditorView.scrollMargins.of(() => ({ top: options.coveredTop?.() ?? 0 })),
      theme,
      EditorView.updateListener.of((update) => {
        if (update.docChanged) options.onChange(update.state.doc.toString());
      }),
    ],
  });
  const view = new EditorView({ state, parent: options.parent });

  const describedBy = (id: string | undefined) => {
    if (id) view.contentDOM.setAttribute("aria-describedby", id);
    else view.contentDOM.removeAttribute("aria-describedby");
  };
  describedBy(options.describedBy);

  const setProblems = (problems: readonly EditorProblem[]) => {
    const doc = view.state.doc;
    const diagnostics: Diagnostic[] = problems
      .map((problem) => ({
        ...problemRange(doc, problem.line, problem.column),
        severity: "error" as const,
        message: problem.message,
      }))
      .sort((a, b) => a.from - b.from || a.to - b.to);
    view.dispatch(setDiagnostics(view.state, diagnostics));
  };
  setProblems(options.problems);

  return {
    getValue: () => view.state.doc.toString(),
    replaceText(text) {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        selection: { anchor: 0 },
        scrollIntoView: true,
        userEvent: "input.replace",
      });
    },
    insertSnippet(text) {
      const insertion = insertSnippet(view.state.doc.toString(), view.state.selection.main.to, text);
      view.dispatch({
        changes: insertion.change,
        selection: { anchor: insertion.selection.from, head: insertion.selection.to },
        scrollIntoView: true,
        userEvent: "input.snippet",
      });
      view.focus();
    },
    focusAt(line, column) {
      const { offset } = clampPosition(view.state.doc, line, column);
      view.dispatch({ selection: { anchor: offset }, effects: EditorView.scrollIntoView(offset, { y: "center" }) });
      view.focus();
    },
    focus: () => view.focus(),
    setProblems,
    setDescribedBy: describedBy,
    destroy: () => view.destroy(),
  };
}
