/**
 * Line charts. Years run along a numeric axis, so 2015 → 2020 takes five times the room of
 * 2020 → 2021 and a gap in the years shows; they print as years (2024, not 2.024). Other
 * categories are evenly spaced in table order. No value labels: they would collide with the
 * line, and the exact numbers are in the table under the chart.
 */
import type { ChartBody, ChartContext } from './spec-parts.ts';
import { categoryLabels, colourEncoding, valueAxis } from './spec-parts.ts';
import { VALUE_TICKS, valueDomain, valueScale } from './value-scale.ts';

/** Whether every category is a four-digit year. */
export function isYears(categories: readonly string[]): boolean {
  return categories.length > 0 && categories.every((c) => /^\d{4}$/.test(c));
}

export function lineChart(ctx: ChartContext): ChartBody {
  const { theme, categories, series } = ctx;
  const years = isYears(categories);
  const x = years
    ? {
        field: 'jaar',
        type: 'quantitative',
        title: null,
        // A little room before the first and after the last year, so no point sits on an axis.
        scale: { zero: false, nice: false, padding: Math.round(theme.fontSize * 1.5) },
        axis: {
          values: categories.map(Number),
          format: 'd',
          grid: false,
          domain: true,
          ticks: true,
          labelOverlap: 'greedy',
        },
      }
    : {
        field: 'categorie',
        type: 'ordinal',
        title: null,
        scale: { domain: categories, padding: 0.5 },
        axis: categoryLabels(categories, theme, (theme.width - 50) / categories.length - 4),
      };
  // Not from 0: a line shows the change, the axis spans the values (and ends on ticks around
  // them), with room for a point's radius and 2 px under the lowest, off the axis line.
  const pointSize = theme.fontSize * 3.5;
  const radius = Math.sqrt(pointSize / Math.PI);
  const scale = valueScale(
    ctx.points.map((p) => p.waarde),
    { count: VALUE_TICKS, zero: false, below: (radius + 2) / theme.height },
  );
  const y = {
    field: 'waarde',
    type: 'quantitative',
    scale: valueDomain(scale),
    axis: valueAxis(ctx.format, ctx.valueTitle, scale),
  };
  const colour = colourEncoding(series, theme, 'circle');
  const values = ctx.points.map((p) => (years ? { ...p, jaar: Number(p.categorie) } : p));
  return {
    values,
    height: theme.height,
    layer: [
      {
        mark: { type: 'line', strokeWidth: 2, strokeJoin: 'round' },
        encoding: {
          x,
          y,
          color: colour,
          // Connect the points in the order of the axis: by year, else in table order.
          order: { field: years ? 'jaar' : 'volgorde', type: 'quantitative' },
        },
      },
      {
        mark: { type: 'point', filled: true, size: pointSize, opacity: 1 },
        encoding: {
          x,
          y: { field: 'waarde', type: 'quantitative', scale: y.scale },
          color: colour,
        },
      },
    ],
  };
}
