import { getMDXComponent } from "mdx-bundler/client/index.js";
import { useMemo } from "react";
import { lessonComponents } from "~/components/mdx";

/** Renders compiled MDX; the function is built once per compiled code, not on every render. */
export function MdxContent({ code, courseSlug }: { code: string; courseSlug: string }) {
  const Component = useMemo(() => getMDXComponent(code), [code]);
  const components = useMemo(() => lessonComponents(courseSlug), [courseSlug]);
  return (
    <div className="prose-lesson">
      <Component components={components} />
    </div>
  );
}
