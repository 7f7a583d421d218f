/**
 * Pure geometry for the indicator charts (`indicator-charts.tsx`): scales, bar widths, ticks, label
 * thinning and polyline points. No React, no DOM, so it is unit-tested on its own.
 *
 * Percent values live on a fixed 0–100 axis: a share of people trained cannot sensibly go past 100,
 * and a fixed axis lets months and units be compared at a glance.
 */

export const PERCENT_MIN = 0;
export const PERCENT_MAX = 100;

/** Rounds a coordinate to two decimals so the markup stays short and stable. */
export function round2(value: number): number {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** Puts a percent on the 0–100 axis; anything not finite counts as 0. */
export function clampPercent(value: number): number {
  if (!Number.isFinite(value)) return PERCENT_MIN;
  return Math.min(PERCENT_MAX, Math.max(PERCENT_MIN, value));
}

/** A linear map from [d0, d1] to [r0, r1]; a zero-width domain maps everything to the middle of the range. */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (value: number) => number {
  if (d0 === d1) {
    const middle = (r0 + r1) / 2;
    return () => middle;
  }
  const k = (r1 - r0) / (d1 - d0);
  return (value) => r0 + (value - d0) * k;
}

/**
 * Colour band of a percent. Reaching the target wins over the other bands; below it the bands are
 * <50, <80 and the rest. The colour is never the only signal: the charts always print the value.
 */
export type PercentBand = "none" | "low" | "mid" | "high" | "met";

export function percentBand(percent: number | null, target: number = PERCENT_MAX): PercentBand {
  if (percent === null || !Number.isFinite(percent)) return "none";
  if (percent >= clampPercent(target)) return "met";
  if (percent < 50) return "low";
  if (percent < 80) return "mid";
  return "high";
}

/**
 * Horizontal bar on a track `width` units wide (the bar chart draws in a 0–100 viewBox, so one unit is
 * one percent). A value above 0 is never thinner than `minVisible`, so 0.4 % still shows as a sliver
 * and differs from 0 %; null has no bar.
 */
export function barGeometry(
  percent: number | null,
  { width = PERCENT_MAX, minVisible = 1 }: { width?: number; minVisible?: number } = {},
): { x: number; width: number } {
  if (percent === null || !Number.isFinite(percent) || percent <= 0) return { x: 0, width: 0 };
  const scaled = (clampPercent(percent) / PERCENT_MAX) * width;
  return { x: 0, width: round2(Math.min(width, Math.max(minVisible, scaled))) };
}

/** Tick values from 0 to 100 every `step` (50 → [0, 50, 100]); 100 is always included. */
export function percentTicks(step = 50): number[] {
  const safeStep = Number.isFinite(step) && step > 0 ? step : PERCENT_MAX;
  const ticks: number[] = [];
  for (let value = PERCENT_MIN; value < PERCENT_MAX; value += safeStep) ticks.push(round2(value));
  ticks.push(PERCENT_MAX);
  return ticks;
}

/**
 * Which of `count` evenly spaced x labels to print so that at most `maxLabels` appear: always the
 * first and the last, and every `step`-th point between them (every other one when that is enough).
 * A label closer than `minGap` points to the last one is dropped so the two do not overlap; `minGap`
 * defaults to the step, which is always safe.
 */
export function xLabelIndices(count: number, maxLabels: number, minGap?: number): number[] {
  if (count <= 0) return [];
  if (count === 1) return [0];
  const limit = Math.max(2, Math.floor(maxLabels));
  if (count <= limit) return Array.from({ length: count }, (_, i) => i);
  const last = count - 1;
  const step = Math.ceil(last / (limit - 1));
  const gap = minGap !== undefined && Number.isFinite(minGap) ? Math.max(1, Math.ceil(minGap)) : step;
  const indices: number[] = [];
  for (let i = 0; i < last; i += step) {
    if (i === 0 || last - i >= gap) indices.push(i);
  }
  indices.push(last);
  return indices;
}

/** SVG `points` attribute for a polyline: "x1,y1 x2,y2 …". */
export function polylinePoints(points: readonly { x: number; y: number }[]): string {
  return points.map((p) => `${round2(p.x)},${round2(p.y)}`).join(" ");
}

/** Drawing area of the trend chart inside its viewBox. */
export interface TrendFrame {
  width: number;
  height: number;
  top: number;
  right: number;
  bottom: number;
  left: number;
  /** Narrowest distance, in viewBox units, between two printed x labels. */
  minLabelSpacing: number;
}

/** viewBox 0 0 320 140: about 1:1 on a 360-px phone, room on the left for "100%" and below for "10/2026". */
export const TREND_FRAME: TrendFrame = {
  width: 320,
  height: 140,
  top: 10,
  right: 24,
  bottom: 26,
  left: 40,
  minLabelSpacing: 46,
};

export interface TrendPoint {
  index: number;
  x: number;
  /** null where the month has no value: no dot, and the line breaks. */
  y: number | null;
  percent: number | null;
}

export interface TrendLayout {
  points: TrendPoint[];
  /** One `points` string per unbroken run of two or more values. */
  segments: string[];
  /** Gridlines with their y positions. */
  ticks: { value: number; y: number }[];
  /** y of the target line, or null when there is no usable target. */
  targetY: number | null;
  /** Indices of the points whose x label is printed. */
  labelIndices: number[];
  plot: { x0: number; x1: number; y0: number; y1: number };
}

/** Lays out a line chart of percents, oldest first, on a 0–100 y axis. */
export function trendLayout(
  values: readonly { percent: number | null }[],
  { target, frame = TREND_FRAME, tickStep = 50 }: { target?: number; frame?: TrendFrame; tickStep?: number } = {},
): TrendLayout {
  const plot = {
    x0: frame.left,
    x1: frame.width - frame.right,
    y0: frame.top,
    y1: frame.height - frame.bottom,
  };
  const toY = linearScale(PERCENT_MIN, PERCENT_MAX, plot.y1, plot.y0);
  // One point sits in the middle; several spread edge to edge.
  const toX = values.length > 1 ? linearScale(0, values.length - 1, plot.x0, plot.x1) : () => (plot.x0 + plot.x1) / 2;

  const points: TrendPoint[] = values.map((v, index) => {
    const percent = v.percent !== null && Number.isFinite(v.percent) ? v.percent : null;
    return {
      index,
      x: round2(toX(index)),
      y: percent === null ? null : round2(toY(clampPercent(percent))),
      percent,
    };
  });

  const segments: string[] = [];
  let run: { x: number; y: number }[] = [];
  const flush = () => {
    if (run.length >= 2) segments.push(polylinePoints(run));
    run = [];
  };
  for (const p of points) {
    if (p.y === null) flush();
    else run.push({ x: p.x, y: p.y });
  }
  flush();

  const plotWidth = plot.x1 - plot.x0;
  const maxLabels = Math.max(2, Math.floor(plotWidth / frame.minLabelSpacing) + 1);
  const pointSpacing = values.length > 1 ? plotWidth / (values.length - 1) : plotWidth;
  const minGap = Math.ceil(frame.minLabelSpacing / pointSpacing);

  return {
    points,
    segments,
    ticks: percentTicks(tickStep).map((value) => ({ value, y: round2(toY(value)) })),
    targetY: target !== undefined && Number.isFinite(target) ? round2(toY(clampPercent(target))) : null,
    labelIndices: xLabelIndices(values.length, maxLabels, minGap),
    plot,
  };
}

/** The last point that has a value, for the chart's one-line summary. */
export function lastWithValue<T extends { percent: number | null }>(values: readonly T[]): T | null {
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (v && v.percent !== null && Number.isFinite(v.percent)) return v;
  }
  return null;
}
