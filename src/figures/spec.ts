/** The Vega-Lite spec of a table's chart: data in, spec out (tests inspect it). */
import type { TopLevelSpec } from 'vega-lite';
import type { Tabel } from '../data/schema.ts';
import { MAX_CHART_POINTS } from '../data/limits.ts';
import { chartCategories, chartPoints, chartShape, seriesOf } from './chart-data.ts';
import { NUMBER_LOCALE, TIME_LOCALE } from './locale.ts';
import { lyingBars, uprightBars } from './spec-bars.ts';
import { lineChart } from './spec-line.ts';
import type { ChartBody, ChartContext } from './spec-parts.ts';
import { valueFormat } from './spec-parts.ts';
import type { ChartTheme } from './theme.ts';

/** A family name as CSS needs it: quoted ("Source Sans 3" unquoted is invalid CSS), with a fallback. */
export function cssFontFamily(family: string): string {
  return `'${family.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}', sans-serif`;
}

export function chartSpec(table: Tabel, theme: ChartTheme): TopLevelSpec {
  const grafiek = table.grafiek;
  if (!grafiek) throw new Error(`tabel "${table.titel}" heeft geen grafiek`);
  // The data checks refuse a larger chart with its place in the YAML; this guards other callers.
  const shape = chartShape(table);
  if (shape.categories * shape.series > MAX_CHART_POINTS) {
    throw new Error(
      `grafiek bij tabel "${table.titel}": ${shape.categories * shape.series} punten, ten hoogste ${MAX_CHART_POINTS}`,
    );
  }
  const points = chartPoints(table);
  const ctx: ChartContext = {
    theme,
    points,
    categories: chartCategories(table),
    series: seriesOf(points),
    format: valueFormat(points),
    valueTitle: grafiek.titel_waarden ?? null,
  };
  let body: ChartBody;
  if (grafiek.vorm === 'lijn') body = lineChart(ctx);
  else if (grafiek.vorm === 'liggend') body = lyingBars(ctx);
  else body = uprightBars(ctx, grafiek.vorm);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    // The SVG is exactly as wide as the text column; the plot takes what axes and legend leave.
    width: theme.width,
    height: body.height,
    autosize: { type: 'fit-x', contains: 'padding' },
    padding: { left: 0, right: 4, top: 6, bottom: 0 },
    background: 'transparent',
    data: { values: body.values },
    layer: body.layer,
    config: config(theme),
  } as TopLevelSpec;
}

function config(theme: ChartTheme): object {
  const font = cssFontFamily(theme.fontFamily);
  const text = { font, fontSize: theme.fontSize, color: theme.textColor };
  return {
    locale: { number: NUMBER_LOCALE, time: TIME_LOCALE },
    font,
    // No ARIA roles on every mark: the figure around the SVG describes the chart (beschrijving).
    aria: false,
    mark: { aria: false },
    view: { stroke: null },
    axis: {
      labelFontSize: theme.fontSize,
      titleFontSize: theme.fontSize,
      titleFontWeight: 600,
      labelColor: theme.textColor,
      titleColor: theme.textColor,
      domainColor: theme.textColor,
      tickColor: theme.textColor,
      gridColor: theme.gridColor,
      labelPadding: 4,
      titlePadding: 8,
      // Never cut a label short: the layout measures the full label with the real font.
      labelLimit: 0,
    },
    axisQuantitative: { domain: false, ticks: false },
    axisDiscrete: { ticks: false, grid: false },
    legend: { labelFontSize: theme.fontSize, labelColor: theme.textColor, labelLimit: 0 },
    text,
    title: { font },
  };
}
