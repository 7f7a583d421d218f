/**
 * Safe MDX: lessons are edited by trainers in a browser, so a lesson must not be able to
 * run code. This checks a parsed MDX tree (mdast + remark-mdx nodes) against an allow-list
 * of components and attributes; anything else is refused with its line and column.
 * Pure: the tree comes from the parser in app/utils/mdx.server.ts.
 */

export interface AttributeRule {
  required?: boolean;
  values?: readonly string[];
  /** Must name a file of the course's media/ or files/ folder. */
  asset?: "media" | "file";
}

export interface ComponentRule {
  attributes: Record<string, AttributeRule>;
  /** Where it may stand: directly inside this component only. */
  parent?: string;
  /** Components that must be its direct children (text between them is not allowed). */
  children?: readonly string[];
  selfClosing?: boolean;
}

export const MDX_COMPONENTS: Record<string, ComponentRule> = {
  Callout: { attributes: { type: { required: true, values: ["note", "warning", "law"] }, title: {} } },
  KeyPoint: { attributes: {} },
  Steps: { attributes: {}, children: ["Step"] },
  Step: { attributes: { title: { required: true } }, parent: "Steps" },
  Term: { attributes: { definition: { required: true } } },
  CaseStudy: { attributes: { title: { required: true } }, children: ["Situation", "Questions", "Discussion"] },
  Situation: { attributes: {}, parent: "CaseStudy" },
  Questions: { attributes: {}, parent: "CaseStudy" },
  Discussion: { attributes: {}, parent: "CaseStudy" },
  Figure: {
    attributes: { src: { required: true, asset: "media" }, alt: { required: true }, caption: {} },
    selfClosing: true,
  },
  Download: { attributes: { file: { required: true, asset: "file" }, title: { required: true } }, selfClosing: true },
};

const SAFE_URL = /^(https?:\/\/|mailto:|tel:|\/(?!\/)|#)/i;

export interface MdxProblem {
  line: number;
  column: number;
  message: string;
}

export interface MdxCheck {
  problems: MdxProblem[];
  /** Files the lesson refers to, for the importer to check. */
  assets: { kind: "media" | "file"; name: string; line: number; column: number }[];
}

interface Point {
  line: number;
  column: number;
}
interface MdNode {
  type: string;
  name?: string | null;
  url?: string;
  value?: unknown;
  attributes?: MdAttribute[];
  children?: MdNode[];
  position?: { start: Point };
}
interface MdAttribute {
  type: string;
  name?: string;
  value?: unknown;
  position?: { start: Point };
}

const at = (node: { position?: { start: Point } }, fallback: Point): Point => node.position?.start ?? fallback;

/**
 * What one lesson may cost. Text is checked before any parser sees it, the tree before
 * anything compiles or renders it; the compile itself is bounded in time by its caller.
 * - 100 KB: the longest lesson in content/ is under 10 KB; ten times that is still a
 *   lesson, and the parser stays well under a second on it.
 * - 24 levels: a deep real lesson (a case study holding a list of lists) is about 10.
 * - 20,000 nodes: a 100 KB lesson of prose, lists and tables has fewer than 5,000.
 */
export const LESSON_LIMITS = { maxBytes: 100 * 1024, maxDepth: 24, maxNodes: 20_000 } as const;

export type LessonLimits = { maxBytes: number; maxDepth: number; maxNodes: number };

const tooDeep = (limits: LessonLimits) =>
  `Bài học lồng nhau quá sâu (quá ${limits.maxDepth} tầng trích dẫn, danh sách hoặc thành phần lồng trong nhau). Hãy viết phẳng hơn.`;

/** UTF-8 length without allocating: the limit is in bytes, as stored and sent. */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * A front-matter fence (`---`, `---js`, `--- yaml`, `+++`) on the first line with text.
 * Lesson bodies have none: the title and minutes are the file's own YAML block, split off
 * by `splitFrontmatter`. A second block would reach gray-matter inside mdx-bundler, which
 * runs a `---js` block as JavaScript, so it is refused wherever it hides (after a BOM,
 * spaces or blank lines).
 */
export function findFrontmatterFence(text: string): (Point & { fence: string }) | null {
  let line = 1;
  let start = 0;
  while (start <= text.length) {
    const end = text.indexOf("\n", start);
    const raw = text.slice(start, end === -1 ? text.length : end);
    const content = raw.replace(/^[\uFEFF\s]+/, "");
    if (content !== "") {
      if (!/^(?:---|\+\+\+)/.test(content)) return null;
      return { line, column: raw.length - content.length + 1, fence: content.trimEnd().slice(0, 40) };
    }
    if (end === -1) return null;
    start = end + 1;
    line++;
  }
  return null;
}

/**
 * Block quotes and list items opened at the start of one line (`> > - 1. text` opens four):
 * the column of the first one past `max`, or null.
 */
function containerPastLimit(line: string, max: number): number | null {
  const blank = (at: number) => at === line.length || line[at] === " " || line[at] === "\t";
  const digit = (at: number) => line.charCodeAt(at) >= 48 && line.charCodeAt(at) <= 57;
  let i = 0;
  let count = 0;
  while (i < line.length) {
    while (line[i] === " " || line[i] === "\t") i++;
    const here = i;
    const c = line[i];
    if (c === ">") i++;
    else if ((c === "-" || c === "*" || c === "+") && blank(i + 1)) i++;
    else {
      let j = i;
      while (j - i < 9 && digit(j)) j++;
      if (j === i || (line[j] !== "." && line[j] !== ")") || !blank(j + 1)) return null;
      i = j + 1;
    }
    if (++count > max) return here + 1;
  }
  return null;
}

/**
 * Checks on the text alone, before parsing: linear, no recursion, no parser. The size
 * bounds everything after; nesting is also refused here where the text shows it plainly,
 * because the Markdown parser gets slow (seconds for a few thousand `>`) and walks its tree
 * recursively before our tree check ever runs.
 */
export function checkLessonText(text: string, limits: LessonLimits = LESSON_LIMITS): MdxProblem[] {
  if (text.length > limits.maxBytes || utf8Bytes(text) > limits.maxBytes) {
    const kb = Math.ceil(utf8Bytes(text) / 1024);
    return [
      {
        line: 1,
        column: 1,
        message: `Bài học quá dài (${kb} KB, tối đa ${Math.floor(limits.maxBytes / 1024)} KB). Hãy chia thành nhiều bài ngắn hơn.`,
      },
    ];
  }
  const fence = findFrontmatterFence(text);
  if (fence) {
    return [
      {
        line: fence.line,
        column: fence.column,
        message: `Nội dung bài không được mở đầu bằng "${fence.fence}": không được viết thêm khối thông tin (front matter) hay mã trong bài. Tiêu đề và thời lượng chỉ ghi một lần, bằng YAML, ở đầu tệp bài. Nếu muốn kẻ đường ngang, hãy đặt nó sau một đoạn chữ.`,
      },
    ];
  }
  let jsxDepth = 0;
  let inFence: string | null = null;
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    const fenceMark = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (inFence) {
      if (fenceMark && fenceMark[0] === inFence[0] && fenceMark.length >= inFence.length) inFence = null;
      continue;
    }
    if (fenceMark) {
      inFence = fenceMark;
      continue;
    }
    const column = containerPastLimit(line, limits.maxDepth);
    if (column !== null) return [{ line: index + 1, column, message: tooDeep(limits) }];
    // Every `<Name` opens an element, `</` and `/>` close one; code spans are skipped.
    let inCode = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === "`") inCode = !inCode;
      else if (inCode) continue;
      else if (c === "<" && /[A-Za-z]/.test(line[i + 1] ?? "")) {
        jsxDepth++;
        if (jsxDepth > limits.maxDepth) return [{ line: index + 1, column: i + 1, message: tooDeep(limits) }];
      } else if ((c === "<" && line[i + 1] === "/") || (c === "/" && line[i + 1] === ">")) {
        jsxDepth = Math.max(0, jsxDepth - 1);
      }
    }
  }
  return [];
}

/**
 * Walks the whole tree once, without recursion (an explicit stack), so no tree can overflow
 * the call stack; stops at the depth or node limit. Every refusal carries the position of
 * the offending node.
 */
export function checkMdxTree(root: MdNode, limits: LessonLimits = LESSON_LIMITS): MdxCheck {
  const result: MdxCheck = { problems: [], assets: [] };
  const report = (node: { position?: { start: Point } }, message: string, fallback: Point) => {
    const { line, column } = at(node, fallback);
    result.problems.push({ line, column, message });
  };

  const checkAttributes = (node: MdNode, name: string, rule: ComponentRule, here: Point) => {
    const given = new Set<string>();
    for (const attribute of node.attributes ?? []) {
      if (attribute.type !== "mdxJsxAttribute" || !attribute.name) {
        report(attribute, `Thuộc tính dạng { … } không được phép trong <${name}>.`, here);
        continue;
      }
      const attrRule = rule.attributes[attribute.name];
      if (!attrRule) {
        report(attribute, `<${name}> không có thuộc tính "${attribute.name}".`, here);
        continue;
      }
      if (typeof attribute.value !== "string") {
        report(attribute, `Giá trị của "${attribute.name}" phải đặt trong dấu ngoặc kép.`, here);
        continue;
      }
      given.add(attribute.name);
      const value = attribute.value.trim();
      if (attrRule.required && value === "")
        report(attribute, `"${attribute.name}" của <${name}> không được để trống.`, here);
      if (attrRule.values && !attrRule.values.includes(value)) {
        report(attribute, `"${attribute.name}" của <${name}> phải là một trong: ${attrRule.values.join(", ")}.`, here);
      }
      if (attrRule.asset && value !== "") {
        const { line, column } = at(attribute, here);
        result.assets.push({ kind: attrRule.asset, name: value, line, column });
      }
    }
    for (const [attrName, attrRule] of Object.entries(rule.attributes)) {
      if (attrRule.required && !given.has(attrName) && !(node.attributes ?? []).some((a) => a.name === attrName)) {
        report(node, `<${name}> thiếu thuộc tính bắt buộc "${attrName}".`, here);
      }
    }
  };

  /** Returns the component the children stand in, or undefined when they are not walked. */
  const visit = (node: MdNode, parentComponent: string | null, here: Point): string | null | undefined => {
    switch (node.type) {
      case "mdxjsEsm":
        report(node, "Không được dùng import hoặc export trong bài học.", here);
        return undefined;
      case "mdxFlowExpression":
      case "mdxTextExpression":
        report(node, "Không được dùng biểu thức trong dấu { } — hãy viết chữ thường.", here);
        return undefined;
      case "html":
        report(node, "Không được dùng thẻ HTML — hãy dùng các thành phần được phép.", here);
        return undefined;
      case "image":
      case "imageReference":
        report(node, 'Hãy chèn hình bằng <Figure src="…" alt="…" /> để có mô tả thay thế.', here);
        return undefined;
      case "link":
      case "definition":
        if (typeof node.url === "string" && !SAFE_URL.test(node.url.trim())) {
          report(
            node,
            `Liên kết "${node.url}" không được phép: chỉ dùng https://, http://, mailto:, tel:, / hoặc #.`,
            here,
          );
        }
        return parentComponent;
      case "mdxJsxFlowElement":
      case "mdxJsxTextElement": {
        const name = node.name ?? "";
        const rule = MDX_COMPONENTS[name];
        if (!rule) {
          const label = name === "" ? "<>…</>" : `<${name}>`;
          report(node, `Thành phần ${label} không nằm trong danh sách được phép.`, here);
          return undefined;
        }
        if (rule.parent && parentComponent !== rule.parent) {
          report(node, `<${name}> chỉ được đặt bên trong <${rule.parent}>.`, here);
        }
        checkAttributes(node, name, rule, here);
        if (rule.selfClosing && (node.children ?? []).length > 0) {
          report(node, `<${name}> không có nội dung bên trong: hãy viết <${name} … />.`, here);
        }
        if (rule.children) {
          // Without blank lines between them, children arrive wrapped in a paragraph.
          const direct = (node.children ?? []).flatMap((child) =>
            child.type === "paragraph" ? (child.children ?? []) : [child],
          );
          for (const child of direct) {
            const isAllowedChild =
              (child.type === "mdxJsxFlowElement" || child.type === "mdxJsxTextElement") &&
              rule.children.includes(child.name ?? "");
            const isBlank = child.type === "text" && String(child.value ?? "").trim() === "";
            if (!isAllowedChild && !isBlank) {
              report(child, `Bên trong <${name}> chỉ được có ${rule.children.map((c) => `<${c}>`).join(", ")}.`, here);
            }
          }
        }
        return name;
      }
      default:
        return parentComponent;
    }
  };

  type Frame = { node: MdNode; parentComponent: string | null; fallback: Point; depth: number };
  const stack: Frame[] = [{ node: root, parentComponent: null, fallback: { line: 1, column: 1 }, depth: 0 }];
  let nodes = 0;
  while (stack.length > 0) {
    const { node, parentComponent, fallback, depth } = stack.pop() as Frame;
    const here = at(node, fallback);
    nodes++;
    if (depth > limits.maxDepth) {
      report(node, tooDeep(limits), here);
      break;
    }
    if (nodes > limits.maxNodes) {
      report(
        node,
        `Bài học quá phức tạp (quá ${limits.maxNodes.toLocaleString("vi-VN")} phần tử). Hãy chia thành nhiều bài ngắn hơn.`,
        here,
      );
      break;
    }
    const inside = visit(node, parentComponent, here);
    if (inside === undefined) continue;
    const children = node.children ?? [];
    // Pushed last to first, so they are checked in reading order (assets are listed in it).
    for (let i = children.length - 1; i >= 0; i--) {
      stack.push({ node: children[i] as MdNode, parentComponent: inside, fallback: here, depth: depth + 1 });
    }
  }
  result.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return result;
}
