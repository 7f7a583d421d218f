/**
 * The lesson text editor for trainers.
 *
 * - Without JavaScript (and on the server): a large monospace <textarea name> with its <label>,
 *   the problems under it, and the component snippets in a <details> to copy by hand.
 * - With JavaScript: after hydration, CodeMirror is loaded with `import("./codemirror.client")`,
 *   a chunk of its own that only pages rendering this component download. It replaces the
 *   textarea on screen; the textarea stays in the form (hidden) and receives the text on every
 *   change, so a plain or Remix <Form> submit always sends the current text. If the chunk cannot
 *   load (offline, slow network), the textarea simply stays, and the snippet buttons and problem
 *   links work on it.
 *
 * `defaultValue` is read once, when the component mounts: re-rendering with new props never
 * resets what the trainer typed. To replace the whole text (e.g. "load the other trainer's
 * version"), either
 *   - call `editorRef.current.replaceText(text)`: one change the trainer can undo (Ctrl+Z), or
 *   - remount with a new React `key` (`<MdxEditor key={revision} defaultValue={text} … />`):
 *     starts over with a fresh undo history.
 */
import { type Ref, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState } from "react";
import { ScrollRegion } from "~/components/ui/scroll-region";
import type { MdxEditorView } from "./codemirror.client";
import { clampPosition, textLines } from "./problem-position";
import { insertSnippet } from "./snippet-insert";

export interface EditorProblem {
  line: number;
  column: number;
  message: string;
}

export interface EditorSnippet {
  component: string;
  /** What the button says, in the trainer's words ("Khung lưu ý"); the inserted text keeps the component's name. */
  label: string;
  text: string;
}

/** What `editorRef` gives access to. Works with CodeMirror and with the plain textarea. */
export interface MdxEditorHandle {
  /** The current text. */
  getValue(): string;
  /** Replaces the whole text (undoable in the editor); calls `onChange`. */
  replaceText(text: string): void;
  focus(): void;
}

export interface MdxEditorProps {
  id: string;
  /** Form field name: the text is always submitted with the surrounding <form>, with or without JavaScript. */
  name: string;
  /** The initial text only: later changes of this prop are ignored (see the file comment). */
  defaultValue: string;
  label: string;
  /** Problems of the current text (1-based line/column): markers in the editor and a list below it. */
  problems: EditorProblem[];
  problemsTitle: string;
  /** Called on every change (JS only), with the full text. */
  onChange?: (value: string) => void;
  snippets: EditorSnippet[];
  snippetLabel: string;
  /** Shown for each problem as a jump link label prefix, e.g. (line, col) => `Dòng ${line}, cột ${col}` */
  formatPosition: (line: number, column: number) => string;
  rows?: number;
  /** Imperative access, e.g. to replace the whole text. */
  editorRef?: Ref<MdxEditorHandle>;
  /** Words of CodeMirror's own interface (search panel…), e.g. EDITOR_PHRASES_VI from ./phrases. */
  phrases?: Record<string, string>;
}

type EditorModule = typeof import("./codemirror.client");

let editorModule: EditorModule | null = null;
let editorLoading: Promise<EditorModule> | null = null;

/** Loads the CodeMirror chunk once per page; a failure can be retried by the next mount. */
function loadEditor(): Promise<EditorModule> {
  editorLoading ??= import("./codemirror.client").then(
    (module) => {
      editorModule = module;
      return module;
    },
    (error: unknown) => {
      editorLoading = null;
      throw error;
    },
  );
  return editorLoading;
}

const useIsomorphicLayoutEffect = typeof document === "undefined" ? useEffect : useLayoutEffect;

type Mode = "html" | "textarea" | "editor";

export function MdxEditor({
  id,
  name,
  defaultValue,
  label,
  problems,
  problemsTitle,
  onChange,
  snippets,
  snippetLabel,
  formatPosition,
  rows = 24,
  editorRef,
  phrases,
}: MdxEditorProps): JSX.Element {
  // Read once: React would otherwise push a new defaultValue into the textarea.
  const [initialValue] = useState(defaultValue);
  // "html" while server-rendered or hydrating; "textarea" once scripts run; "editor" once CodeMirror is up.
  const [mode, setMode] = useState<Mode>("html");
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const toolbarRef = useRef<HTMLFieldSetElement>(null);
  const viewRef = useRef<MdxEditorView | null>(null);
  const latest = useRef({ onChange, problems, phrases });
  useIsomorphicLayoutEffect(() => {
    latest.current = { onChange, problems, phrases };
  });

  const labelId = `${id}-label`;
  const problemsTitleId = `${id}-problems-title`;
  const describedBy = problems.length > 0 ? problemsTitleId : undefined;

  // Mount CodeMirror once; the textarea keeps whatever was typed before it arrived.
  useIsomorphicLayoutEffect(() => {
    let cancelled = false;
    setMode("textarea");
    const mount = (module: EditorModule) => {
      const host = hostRef.current;
      const textarea = textareaRef.current;
      if (cancelled || !host || !textarea) return;
      const hadFocus = document.activeElement === textarea;
      viewRef.current = module.createMdxEditor({
        parent: host,
        doc: textarea.value,
        selection: { anchor: textarea.selectionStart, head: textarea.selectionEnd },
        labelledBy: labelId,
        describedBy: latest.current.problems.length > 0 ? problemsTitleId : undefined,
        problems: latest.current.problems,
        phrases: latest.current.phrases,
        coveredTop: () => {
          const toolbar = toolbarRef.current;
          return toolbar && getComputedStyle(toolbar).position === "sticky" ? toolbar.offsetHeight : 0;
        },
        onChange: (value) => {
          textarea.value = value;
          latest.current.onChange?.(value);
        },
      });
      setMode("editor");
      if (hadFocus) viewRef.current.focus();
    };
    if (editorModule) mount(editorModule);
    else
      loadEditor().then(mount, (error: unknown) => {
        // The textarea stays and keeps working.
        console.warn("The text editor could not be loaded; using the plain text box.", error);
      });
    return () => {
      cancelled = true;
      viewRef.current?.destroy();
      viewRef.current = null;
    };
  }, [labelId, problemsTitleId]);

  // A form reset puts the textarea back to its initial text: follow it in the editor.
  useEffect(() => {
    const form = textareaRef.current?.form;
    if (!form) return;
    const onReset = () => {
      setTimeout(() => {
        const textarea = textareaRef.current;
        if (textarea) viewRef.current?.replaceText(textarea.value);
      });
    };
    form.addEventListener("reset", onReset);
    return () => form.removeEventListener("reset", onReset);
  }, []);

  // Re-mark only when the problems' content changes (callers often pass a new array each render).
  const problemsKey = JSON.stringify(problems);
  useEffect(() => {
    if (problemsKey) viewRef.current?.setProblems(latest.current.problems);
  }, [problemsKey]);

  useEffect(() => {
    viewRef.current?.setDescribedBy(describedBy);
  }, [describedBy]);

  const replaceText = useCallback((text: string) => {
    const view = viewRef.current;
    if (view) {
      view.replaceText(text);
      return;
    }
    const textarea = textareaRef.current;
    if (!textarea) return;
    textarea.value = text;
    latest.current.onChange?.(text);
  }, []);

  const focus = useCallback(() => {
    if (viewRef.current) viewRef.current.focus();
    else textareaRef.current?.focus();
  }, []);

  useImperativeHandle(
    editorRef,
    () => ({
      getValue: () => viewRef.current?.getValue() ?? textareaRef.current?.value ?? initialValue,
      replaceText,
      focus,
    }),
    [replaceText, focus, initialValue],
  );

  const jumpTo = (problem: EditorProblem) => {
    const view = viewRef.current;
    if (view) {
      view.focusAt(problem.line, problem.column);
      return;
    }
    const textarea = textareaRef.current;
    if (!textarea) return;
    const { offset } = clampPosition(textLines(textarea.value), problem.line, problem.column);
    textarea.focus();
    textarea.setSelectionRange(offset, offset);
  };

  const insert = (snippet: EditorSnippet) => {
    const view = viewRef.current;
    if (view) {
      view.insertSnippet(snippet.text);
      return;
    }
    const textarea = textareaRef.current;
    if (!textarea) return;
    const { change, selection } = insertSnippet(textarea.value, textarea.selectionEnd, snippet.text);
    textarea.setRangeText(change.insert, change.from, change.to, "end");
    textarea.focus();
    textarea.setSelectionRange(selection.from, selection.to);
    latest.current.onChange?.(textarea.value);
  };

  return (
    <div className="space-y-3">
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: a label is not focusable; keyboard users reach the editor with Tab. */}
      <label
        id={labelId}
        htmlFor={id}
        className="block font-medium"
        onClick={(event) => {
          // The textarea is hidden behind the editor: send the click to the editor instead.
          if (viewRef.current) {
            event.preventDefault();
            viewRef.current.focus();
          }
        }}
      >
        {label}
      </label>

      {snippets.length > 0 ? (
        mode === "html" ? (
          <details className="rounded-md border border-slate-200 bg-white p-3">
            <summary className="cursor-pointer font-medium">{snippetLabel}</summary>
            <ul className="mt-2 space-y-3">
              {snippets.map((snippet) => (
                <li key={snippet.component}>
                  <p className="text-sm font-semibold">{snippet.label}</p>
                  <ScrollRegion label={snippet.label} className="mt-1">
                    <pre className="rounded bg-slate-100 p-2 font-mono text-sm select-all">{snippet.text}</pre>
                  </ScrollRegion>
                </li>
              ))}
            </ul>
          </details>
        ) : (
          // Sticky from 640 px up only: on a phone with its keyboard open it would hide half the text.
          <fieldset ref={toolbarRef} className="-mx-1 min-w-0 bg-slate-50 px-1 py-2 sm:sticky sm:top-0 sm:z-10">
            <legend className="float-left mb-2 w-full text-sm font-medium text-slate-700">{snippetLabel}</legend>
            <div className="clear-both flex flex-wrap gap-2">
              {snippets.map((snippet) => (
                <button
                  key={snippet.component}
                  type="button"
                  className="btn-secondary px-3 text-sm"
                  title={snippet.text}
                  onClick={() => insert(snippet)}
                >
                  {snippet.label}
                </button>
              ))}
            </div>
          </fieldset>
        )
      ) : null}

      <textarea
        ref={textareaRef}
        id={id}
        name={name}
        defaultValue={initialValue}
        rows={rows}
        hidden={mode === "editor"}
        spellCheck={false}
        autoCapitalize="off"
        aria-describedby={describedBy}
        onChange={(event) => latest.current.onChange?.(event.currentTarget.value)}
        className="block min-h-[60vh] w-full rounded-md border border-slate-300 bg-white p-3 text-base leading-relaxed"
      />
      <div ref={hostRef} />

      {problems.length > 0 ? (
        <section aria-labelledby={problemsTitleId} className="rounded-md border border-red-200 bg-red-50 p-3">
          <h3 id={problemsTitleId} className="font-semibold text-red-900">
            {problemsTitle} ({problems.length})
          </h3>
          <ul className="mt-2 space-y-1">
            {problems.map((problem, index) => (
              <li key={`${index}:${problem.line}:${problem.column}`}>
                {mode === "html" ? (
                  <p className="py-1 text-red-900">
                    <span className="font-medium">{formatPosition(problem.line, problem.column)}</span>:{" "}
                    {problem.message}
                  </p>
                ) : (
                  <button
                    type="button"
                    onClick={() => jumpTo(problem)}
                    className="min-h-11 w-full rounded px-2 py-1 text-left text-red-900 hover:bg-red-100"
                  >
                    <span className="font-medium underline underline-offset-2">
                      {formatPosition(problem.line, problem.column)}
                    </span>
                    : {problem.message}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
