import { describe, expect, it } from "vitest";
import {
  barGeometry,
  clampPercent,
  lastWithValue,
  linearScale,
  percentBand,
  percentTicks,
  polylinePoints,
  round2,
  TREND_FRAME,
  trendLayout,
  xLabelIndices,
} from "./indicator-chart-layout";

describe("round2 and clampPercent", () => {
  it("rounds to two decimals without negative zero", () => {
    expect(round2(12.3456)).toBe(12.35);
    expect(Object.is(round2(-0.001), 0)).toBe(true);
  });

  it("keeps percents on 0–100 and treats non-finite as 0", () => {
    expect(clampPercent(-5)).toBe(0);
    expect(clampPercent(42.5)).toBe(42.5);
    expect(clampPercent(130)).toBe(100);
    expect(clampPercent(Number.NaN)).toBe(0);
    expect(clampPercent(Number.POSITIVE_INFINITY)).toBe(0);
  });
});

describe("linearScale", () => {
  it("maps the domain onto the range, including an inverted range", () => {
    const y = linearScale(0, 100, 114, 10);
    expect(y(0)).toBe(114);
    expect(y(100)).toBe(10);
    expect(y(50)).toBe(62);
  });

  it("puts everything in the middle when the domain has no width", () => {
    expect(linearScale(3, 3, 0, 10)(99)).toBe(5);
  });
});

describe("percentBand", () => {
  it("bands below the target and marks the target as met", () => {
    expect(percentBand(null)).toBe("none");
    expect(percentBand(0)).toBe("low");
    expect(percentBand(49.9)).toBe("low");
    expect(percentBand(50)).toBe("mid");
    expect(percentBand(79.9)).toBe("mid");
    expect(percentBand(80)).toBe("high");
    expect(percentBand(99.9)).toBe("high");
    expect(percentBand(100)).toBe("met");
  });

  it("follows a lower target, and a target above 100 is capped at 100", () => {
    expect(percentBand(90, 90)).toBe("met");
    expect(percentBand(89, 90)).toBe("high");
    expect(percentBand(100, 150)).toBe("met");
  });
});

describe("barGeometry", () => {
  it("is proportional to the percent on a 0–100 track", () => {
    expect(barGeometry(87.5)).toEqual({ x: 0, width: 87.5 });
    expect(barGeometry(100)).toEqual({ x: 0, width: 100 });
    expect(barGeometry(140)).toEqual({ x: 0, width: 100 });
  });

  it("scales to another track width", () => {
    expect(barGeometry(25, { width: 240 })).toEqual({ x: 0, width: 60 });
  });

  it("has no bar for 0 or null, and a visible sliver for a tiny value", () => {
    expect(barGeometry(0).width).toBe(0);
    expect(barGeometry(null).width).toBe(0);
    expect(barGeometry(-3).width).toBe(0);
    expect(barGeometry(0.2).width).toBe(1);
    expect(barGeometry(0.2, { minVisible: 0 }).width).toBe(0.2);
  });
});

describe("percentTicks", () => {
  it("gives 0/50/100 by default and always ends at 100", () => {
    expect(percentTicks()).toEqual([0, 50, 100]);
    expect(percentTicks(25)).toEqual([0, 25, 50, 75, 100]);
    expect(percentTicks(40)).toEqual([0, 40, 80, 100]);
    expect(percentTicks(0)).toEqual([0, 100]);
  });
});

describe("xLabelIndices", () => {
  it("labels every point when there is room", () => {
    expect(xLabelIndices(0, 6)).toEqual([]);
    expect(xLabelIndices(1, 6)).toEqual([0]);
    expect(xLabelIndices(5, 6)).toEqual([0, 1, 2, 3, 4]);
  });

  it("labels every other point when that is enough", () => {
    expect(xLabelIndices(13, 7)).toEqual([0, 2, 4, 6, 8, 10, 12]);
  });

  it("always keeps the first and the last and never exceeds the limit", () => {
    for (let count = 2; count <= 13; count++) {
      for (let max = 2; max <= 8; max++) {
        const indices = xLabelIndices(count, max);
        expect(indices[0]).toBe(0);
        expect(indices.at(-1)).toBe(count - 1);
        expect(indices.length).toBeLessThanOrEqual(Math.max(max, 2));
        expect([...indices].sort((a, b) => a - b)).toEqual(indices);
      }
    }
  });

  it("drops a label that would crowd the last one", () => {
    // step 3 → 0, 3, 6, 9, then 11 is only 2 away from 9
    expect(xLabelIndices(12, 6)).toEqual([0, 3, 6, 11]);
    expect(xLabelIndices(12, 6, 2)).toEqual([0, 3, 6, 9, 11]);
  });
});

describe("polylinePoints", () => {
  it("joins rounded x,y pairs", () => {
    expect(polylinePoints([])).toBe("");
    expect(
      polylinePoints([
        { x: 40, y: 114 },
        { x: 61.456, y: 10.001 },
      ]),
    ).toBe("40,114 61.46,10");
  });
});

describe("trendLayout", () => {
  const { left, right, top, bottom, width, height } = TREND_FRAME;
  const x0 = left;
  const x1 = width - right;
  const y0 = top;
  const y1 = height - bottom;

  it("spreads the points edge to edge on a 0–100 y axis", () => {
    const layout = trendLayout([{ percent: 0 }, { percent: 50 }, { percent: 100 }]);
    expect(layout.plot).toEqual({ x0, x1, y0, y1 });
    expect(layout.points.map((p) => p.x)).toEqual([x0, (x0 + x1) / 2, x1]);
    expect(layout.points.map((p) => p.y)).toEqual([y1, (y0 + y1) / 2, y0]);
    expect(layout.segments).toHaveLength(1);
    expect(layout.ticks).toEqual([
      { value: 0, y: y1 },
      { value: 50, y: (y0 + y1) / 2 },
      { value: 100, y: y0 },
    ]);
    expect(layout.labelIndices).toEqual([0, 1, 2]);
  });

  it("centres a single point and draws no line for it", () => {
    const layout = trendLayout([{ percent: 40 }]);
    expect(layout.points[0]?.x).toBe((x0 + x1) / 2);
    expect(layout.segments).toEqual([]);
  });

  it("breaks the line where a value is missing and keeps lone points out of segments", () => {
    const layout = trendLayout([
      { percent: 10 },
      { percent: 20 },
      { percent: null },
      { percent: 30 },
      { percent: null },
      { percent: 40 },
      { percent: 50 },
      { percent: 60 },
    ]);
    expect(layout.points.map((p) => p.y === null)).toEqual([false, false, true, false, true, false, false, false]);
    expect(layout.segments).toHaveLength(2);
    expect(layout.segments[0]?.split(" ")).toHaveLength(2);
    expect(layout.segments[1]?.split(" ")).toHaveLength(3);
  });

  it("clamps values outside 0–100 and ignores non-finite ones", () => {
    const layout = trendLayout([{ percent: 120 }, { percent: -10 }, { percent: Number.NaN }]);
    expect(layout.points.map((p) => p.y)).toEqual([y0, y1, null]);
    expect(layout.points[2]?.percent).toBeNull();
  });

  it("places the target line, and omits it without a target", () => {
    expect(trendLayout([{ percent: 1 }], { target: 100 }).targetY).toBe(y0);
    expect(trendLayout([{ percent: 1 }], { target: 50 }).targetY).toBe((y0 + y1) / 2);
    expect(trendLayout([{ percent: 1 }]).targetY).toBeNull();
  });

  it("thins thirteen monthly labels so they do not overlap", () => {
    const points = Array.from({ length: 13 }, (_, i) => ({ percent: i * 8 }));
    const layout = trendLayout(points);
    const xs = layout.labelIndices.map((i) => layout.points[i]?.x ?? Number.NaN);
    expect(layout.labelIndices[0]).toBe(0);
    expect(layout.labelIndices.at(-1)).toBe(12);
    for (let i = 1; i < xs.length; i++) {
      expect((xs[i] ?? 0) - (xs[i - 1] ?? 0)).toBeGreaterThanOrEqual(TREND_FRAME.minLabelSpacing);
    }
  });
});

describe("lastWithValue", () => {
  it("finds the newest point that has a value", () => {
    expect(lastWithValue([{ percent: 1 }, { percent: 2 }, { percent: null }])).toEqual({ percent: 2 });
    expect(lastWithValue([{ percent: null }])).toBeNull();
    expect(lastWithValue([])).toBeNull();
  });
});
