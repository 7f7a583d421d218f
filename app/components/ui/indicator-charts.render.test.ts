import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TrendChart, UnitBarChart } from "./indicator-charts";

const formatPercent = (value: number) =>
  `${new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 }).format(value)}%`;
const formatCount = (trained: number, assigned: number) => `${trained}/${assigned} người`;

/** The text a reader gets with CSS off: tags stripped, whitespace collapsed. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

describe("UnitBarChart", () => {
  const html = renderToStaticMarkup(
    createElement(UnitBarChart, {
      title: "Tỷ lệ đã tập huấn theo đơn vị",
      targetLabel: "Mục tiêu 100%",
      noData: "Chưa giao",
      formatPercent,
      formatCount,
      rows: [
        { key: "1", label: "Thành phố Điện Biên Phủ", href: "/units/1", percent: 87.5, trained: 14, assigned: 16 },
        { key: "2", label: "Huyện Mường Nhé", percent: 30, trained: 3, assigned: 10 },
        { key: "3", label: "Huyện Nậm Pồ", percent: 100, trained: 8, assigned: 8 },
        { key: "4", label: "Xã Thanh Minh", percent: null, trained: 0, assigned: 0 },
      ],
    }),
  );

  it("prints title, target, every label with its percent and count as text", () => {
    const t = text(html);
    expect(t).toContain("Tỷ lệ đã tập huấn theo đơn vị");
    expect(t).toContain("Mục tiêu 100%");
    expect(t).toContain("Thành phố Điện Biên Phủ 87,5% · 14/16 người");
    expect(t).toContain("Huyện Mường Nhé 30% · 3/10 người");
    expect(t).toContain("Huyện Nậm Pồ 100% · 8/8 người");
    expect(t).toContain("Xã Thanh Minh Chưa giao");
    expect(t).not.toContain("0/0");
  });

  it("links a unit that has an href, and only that one", () => {
    expect(html).toContain('<a href="/units/1">Thành phố Điện Biên Phủ</a>');
    expect(html.match(/<a /g)).toHaveLength(1);
  });

  it("keeps the bars decorative and coloured by band, with the target line", () => {
    expect(html.match(/<svg[^>]*aria-hidden="true"/g)?.length).toBe(5); // 4 bars + the key
    expect(html).toContain('width="87.5"');
    expect(html).toContain("fill-sky-600");
    expect(html).toContain("fill-red-600");
    expect(html).toContain("fill-green-600");
    expect(html).toContain('stroke-dasharray="3 2"');
    expect(html).toContain('x1="100"');
  });

  it("renders a figure with no list when there are no rows", () => {
    const empty = renderToStaticMarkup(
      createElement(UnitBarChart, {
        title: "T",
        targetLabel: "Mục tiêu 80%",
        target: 80,
        noData: "Chưa giao",
        formatPercent,
        formatCount,
        rows: [],
      }),
    );
    expect(empty).toContain("<figcaption");
    expect(empty).not.toContain("<ul");
  });
});

describe("TrendChart", () => {
  const months = Array.from({ length: 13 }, (_, i) => {
    const month = ((9 + i) % 12) + 1;
    const year = 2025 + Math.floor((9 + i) / 12);
    return `${month}/${year}`;
  });
  const points = months.map((label, i) => ({ label, percent: i === 4 ? null : 20 + i * 5.5 }));
  const html = renderToStaticMarkup(
    createElement(TrendChart, {
      title: "Tỷ lệ đã tập huấn theo tháng",
      targetLabel: "Mục tiêu 100%",
      emptyText: "Chưa có số liệu",
      noData: "Không có số liệu",
      formatPercent,
      points,
    }),
  );

  it("labels the SVG as one image with a summary of the latest value and the target", () => {
    expect(html).toContain(
      '<svg viewBox="0 0 320 140" class="mt-2 block h-auto w-full max-w-md overflow-visible" role="img" aria-label="Tỷ lệ đã tập huấn theo tháng. 10/2026: 86%. Mục tiêu 100%."',
    );
  });

  it("lists every point in a visually hidden table, including the missing month", () => {
    const table = html.slice(html.indexOf('<table class="sr-only">'));
    expect(table).toContain("<caption>Tỷ lệ đã tập huấn theo tháng</caption>");
    expect(table.match(/<tr>/g)).toHaveLength(13);
    expect(table).toContain('<th scope="row">10/2025</th><td>20%</td>');
    expect(table).toContain('<th scope="row">2/2026</th><td>Không có số liệu</td>');
    expect(table).toContain('<th scope="row">10/2026</th><td>86%</td>');
  });

  it("draws a dot with a tooltip per value, a gap for the missing month, gridlines and the target", () => {
    expect(html.match(/<circle /g)).toHaveLength(12);
    expect(html).toContain("<title>11/2025: 25,5%</title>");
    expect(html.match(/<polyline /g)).toHaveLength(2);
    for (const tick of ["0%", "50%", "100%"]) expect(html).toContain(`>${tick}</text>`);
    expect(html).toContain('stroke-dasharray="5 4"');
    expect(text(html)).toContain("Mục tiêu 100%");
  });

  it("prints the first and last month labels on the axis", () => {
    expect(html).toMatch(/text-anchor="start"[^>]*>10\/2025<\/text>/);
    expect(html).toMatch(/text-anchor="end"[^>]*>10\/2026<\/text>/);
  });

  it("shows the empty text, and no chart, when no point has a value", () => {
    const empty = renderToStaticMarkup(
      createElement(TrendChart, {
        title: "Tỷ lệ đã tập huấn theo tháng",
        targetLabel: "Mục tiêu 100%",
        emptyText: "Chưa có số liệu",
        formatPercent,
        points: [{ label: "10/2026", percent: null }],
      }),
    );
    expect(text(empty)).toBe("Tỷ lệ đã tập huấn theo tháng Chưa có số liệu");
    expect(empty).not.toContain("<svg");
    expect(renderToStaticMarkup(createElement(TrendChart, { ...emptyProps(), points: [] }))).toContain(
      "Chưa có số liệu",
    );
  });
});

function emptyProps() {
  return { title: "T", targetLabel: "Mục tiêu", emptyText: "Chưa có số liệu", formatPercent, points: [] };
}
