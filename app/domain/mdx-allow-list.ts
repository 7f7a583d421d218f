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

/** Walks the whole tree once; every refusal carries the position of the offending node. */
export function checkMdxTree(root: MdNode): MdxCheck {
  const result: MdxCheck = { problems: [], assets: [] };
  const report = (node: { position?: { start: Point } }, message: string, fallback: Point) => {
    const { line, column } = at(node, fallback);
    result.problems.push({ line, column, message });
  };

  const visit = (node: MdNode, parentComponent: string | null, fallback: Point) => {
    const here = at(node, fallback);
    switch (node.type) {
      case "mdxjsEsm":
        report(node, "Không được dùng import hoặc export trong bài học.", here);
        return;
      case "mdxFlowExpression":
      case "mdxTextExpression":
        report(node, "Không được dùng biểu thức trong dấu { } — hãy viết chữ thường.", here);
        return;
      case "html":
        report(node, "Không được dùng thẻ HTML — hãy dùng các thành phần được phép.", here);
        return;
      case "image":
      case "imageReference":
        report(node, 'Hãy chèn hình bằng <Figure src="…" alt="…" /> để có mô tả thay thế.', here);
        return;
      case "link":
      case "definition":
        if (typeof node.url === "string" && !SAFE_URL.test(node.url.trim())) {
          report(
            node,
            `Liên kết "${node.url}" không được phép: chỉ dùng https://, http://, mailto:, tel:, / hoặc #.`,
            here,
          );
        }
        break;
      case "mdxJsxFlowElement":
      case "mdxJsxTextElement": {
        const name = node.name ?? "";
        const rule = MDX_COMPONENTS[name];
        if (!rule) {
          const label = name === "" ? "<>…</>" : `<${name}>`;
          report(node, `Thành phần ${label} không nằm trong danh sách được phép.`, here);
          return;
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
        for (const child of node.children ?? []) visit(child, name, here);
        return;
      }
    }
    for (const child of node.children ?? []) visit(child, parentComponent, here);
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

  visit(root, null, { line: 1, column: 1 });
  result.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return result;
}
