/**
 * Indicator charts drawn on the server: plain HTML and SVG, no client JavaScript, no chart library.
 *
 * Every visible string comes in as a prop so the caller translates and formats for the locale.
 * Values are always printed as text next to the graphic, so colour is never the only signal and the
 * charts still read correctly with CSS off or through a screen reader.
 */
import {
  barGeometry,
  lastWithValue,
  PERCENT_MAX,
  type PercentBand,
  percentBand,
  TREND_FRAME,
  trendLayout,
} from "./indicator-chart-layout";

/** Tailwind fill class per band, with the same colour as an attribute for when the stylesheet is missing. */
const BAR_FILL: Record<PercentBand, { className: string; fallback: string }> = {
  none: { className: "fill-slate-300", fallback: "#cbd5e1" },
  low: { className: "fill-red-600", fallback: "#dc2626" },
  mid: { className: "fill-amber-500", fallback: "#f59e0b" },
  high: { className: "fill-sky-600", fallback: "#0284c7" },
  met: { className: "fill-green-600", fallback: "#16a34a" },
};

/** A short dashed line, the key for the target line. */
function TargetKey({ label }: { label: string }) {
  return (
    <p className="flex items-center gap-2 text-sm text-slate-600">
      <svg
        viewBox="0 0 24 8"
        width="24"
        height="8"
        className="h-2 w-6 shrink-0 text-slate-700"
        aria-hidden="true"
        focusable="false"
      >
        <line x1="0" y1="4" x2="24" y2="4" stroke="currentColor" strokeWidth="2" strokeDasharray="4 3" />
      </svg>
      <span>{label}</span>
    </p>
  );
}

export interface UnitBarChartRow {
  key: string;
  label: string;
  href?: string;
  percent: number | null;
  trained: number;
  assigned: number;
}

export interface UnitBarChartProps {
  rows: UnitBarChartRow[];
  /** The target line, 100 by default. */
  target?: number;
  /** Accessible title/caption, e.g. "Tỷ lệ đã tập huấn theo đơn vị". */
  title: string;
  /** Formats a percent for display in the locale (caller passes e.g. (p) => "87,5%"); null percent → `noData` text. */
  formatPercent: (value: number) => string;
  noData: string;
  /** e.g. (trained, assigned) => "12/15 người" */
  formatCount: (trained: number, assigned: number) => string;
  targetLabel: string;
}

/**
 * One horizontal bar per unit, as an HTML list: the unit name (a link when `href` is given) and its
 * values on one line that wraps on a narrow phone, then a small inline SVG bar with the dashed target
 * line. The SVG is decorative (aria-hidden): the list text carries the whole content.
 */
export function UnitBarChart({
  rows,
  target = PERCENT_MAX,
  title,
  formatPercent,
  noData,
  formatCount,
  targetLabel,
}: UnitBarChartProps) {
  const targetX = Math.min(PERCENT_MAX, Math.max(0, target));
  return (
    <figure className="m-0">
      <figcaption className="font-semibold text-slate-900">{title}</figcaption>
      <TargetKey label={targetLabel} />
      {rows.length > 0 ? (
        <ul className="mt-3 list-none space-y-3 p-0">
          {rows.map((row) => {
            const bar = barGeometry(row.percent);
            const band = percentBand(row.percent, target);
            return (
              <li key={row.key} className="min-w-0">
                <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5">
                  <span className="min-w-0 break-words">
                    {row.href ? <a href={row.href}>{row.label}</a> : row.label}
                  </span>{" "}
                  <span className="shrink-0 whitespace-nowrap text-sm text-slate-700 tabular-nums">
                    <span className="font-semibold text-slate-900">
                      {row.percent === null ? noData : formatPercent(row.percent)}
                    </span>
                    {row.assigned > 0 ? (
                      <>
                        <span aria-hidden="true"> · </span>
                        <span>{formatCount(row.trained, row.assigned)}</span>
                      </>
                    ) : null}
                  </span>
                </div>
                <svg
                  viewBox="0 0 100 10"
                  preserveAspectRatio="none"
                  width="100%"
                  height="12"
                  className="mt-1 block h-3 w-full overflow-visible"
                  aria-hidden="true"
                  focusable="false"
                >
                  <rect x="0" y="2" width="100" height="6" rx="1" fill="#e2e8f0" className="fill-slate-200" />
                  {bar.width > 0 ? (
                    <rect
                      x={bar.x}
                      y="2"
                      width={bar.width}
                      height="6"
                      rx="1"
                      fill={BAR_FILL[band].fallback}
                      className={BAR_FILL[band].className}
                    />
                  ) : null}
                  <line
                    x1={targetX}
                    y1="0"
                    x2={targetX}
                    y2="10"
                    stroke="currentColor"
                    strokeWidth="2"
                    strokeDasharray="3 2"
                    vectorEffect="non-scaling-stroke"
                    className="text-slate-700"
                  />
                </svg>
              </li>
            );
          })}
        </ul>
      ) : null}
    </figure>
  );
}

export interface TrendChartPoint {
  /** e.g. "10/2026" */
  label: string;
  percent: number | null;
}

export interface TrendChartProps {
  /** Oldest first, up to 13 points. */
  points: TrendChartPoint[];
  title: string;
  formatPercent: (value: number) => string;
  target?: number;
  targetLabel: string;
  /** Shown when no point has a value. */
  emptyText: string;
  /** Shown in the screen-reader table for a point without a value; "—" by default. */
  noData?: string;
}

/**
 * A line chart of a percent over time on a fixed 0–100 axis, with gridlines at 0/50/100, a dashed
 * target line, a dot per value (hover shows its <title>) and gaps where a month has no value. The SVG
 * is one image for assistive technology (role="img", a one-line summary); a visually hidden table
 * beside it lists every point.
 */
export function TrendChart({
  points,
  title,
  formatPercent,
  target = PERCENT_MAX,
  targetLabel,
  emptyText,
  noData = "—",
}: TrendChartProps) {
  const latest = lastWithValue(points);
  if (latest === null || latest.percent === null) {
    return (
      <figure className="m-0">
        <figcaption className="font-semibold text-slate-900">{title}</figcaption>
        <p className="mt-2 text-sm text-slate-600">{emptyText}</p>
      </figure>
    );
  }

  const layout = trendLayout(points, { target });
  const { plot } = layout;
  const lastIndex = points.length - 1;
  const summary = `${title}. ${latest.label}: ${formatPercent(latest.percent)}. ${targetLabel}.`;

  return (
    <figure className="m-0">
      <figcaption className="font-semibold text-slate-900">{title}</figcaption>
      <svg
        viewBox={`0 0 ${TREND_FRAME.width} ${TREND_FRAME.height}`}
        className="mt-2 block h-auto w-full max-w-md overflow-visible"
        role="img"
        aria-label={summary}
      >
        <g className="text-slate-600" fontSize="11">
          {layout.ticks.map((tick) => (
            <g key={tick.value}>
              <line
                x1={plot.x0}
                y1={tick.y}
                x2={plot.x1}
                y2={tick.y}
                stroke="currentColor"
                strokeWidth="1"
                className="text-slate-200"
              />
              <text x={plot.x0 - 6} y={tick.y} dy="0.35em" textAnchor="end" fill="currentColor">
                {formatPercent(tick.value)}
              </text>
            </g>
          ))}
          {layout.labelIndices.map((index) => {
            const point = layout.points[index];
            const source = points[index];
            if (!point || !source) return null;
            // With several points, the edge labels hang inwards from their dot so they stay inside the viewBox.
            let anchor: "start" | "middle" | "end" = "middle";
            let x = point.x;
            if (lastIndex > 0 && index === 0) {
              anchor = "start";
              x -= 8;
            } else if (lastIndex > 0 && index === lastIndex) {
              anchor = "end";
              x += 8;
            }
            return (
              <text key={source.label} x={x} y={TREND_FRAME.height - 8} textAnchor={anchor} fill="currentColor">
                {source.label}
              </text>
            );
          })}
        </g>
        {layout.targetY !== null ? (
          <line
            x1={plot.x0}
            y1={layout.targetY}
            x2={plot.x1}
            y2={layout.targetY}
            stroke="currentColor"
            strokeWidth="1.5"
            strokeDasharray="5 4"
            className="text-slate-700"
          />
        ) : null}
        <g className="text-brand-600">
          {layout.segments.map((segment) => (
            <polyline
              key={segment}
              points={segment}
              fill="none"
              stroke="currentColor"
              strokeWidth="2.5"
              strokeLinejoin="round"
              strokeLinecap="round"
            />
          ))}
          {layout.points.map((point) => {
            const source = points[point.index];
            if (point.y === null || point.percent === null || !source) return null;
            return (
              <circle
                key={source.label}
                cx={point.x}
                cy={point.y}
                r="3.5"
                fill="currentColor"
                stroke="white"
                strokeWidth="1.5"
              >
                <title>{`${source.label}: ${formatPercent(point.percent)}`}</title>
              </circle>
            );
          })}
        </g>
      </svg>
      <TargetKey label={targetLabel} />
      <table className="sr-only">
        <caption>{title}</caption>
        <tbody>
          {points.map((point) => (
            <tr key={point.label}>
              <th scope="row">{point.label}</th>
              <td>{point.percent === null ? noData : formatPercent(point.percent)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
