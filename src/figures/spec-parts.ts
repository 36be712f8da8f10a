/** Pieces the chart specs share: number formats per unit, value labels, legend, label colours. */
import type { ChartPoint } from './chart-data.ts';
import { formatNumber } from './locale.ts';
import { labelColour } from './palette.ts';
import { measureText } from './text-metrics.ts';
import type { ChartTheme } from './theme.ts';
import type { ValueScale } from './value-scale.ts';

/** How the values of a chart read: on the value axis and as labels on the marks. */
export interface ValueFormat {
  /** d3-format specifier of a value label. */
  label: string;
  /** Written after every number, e.g. "%". */
  suffix: string;
  /**
   * d3-format specifier of the value axis without its precision, e.g. ',' or '$,': the ticks'
   * step gives the number of decimals (see valueAxis).
   */
  axis: string;
}

/** The format of the drawn values: percent signs only when every drawn value is a percentage. */
export function valueFormat(points: readonly ChartPoint[]): ValueFormat {
  const units = new Set(points.map((p) => p.eenheid));
  const only = units.size === 1 ? [...units][0] : undefined;
  if (only === 'procent' || only === 'mutatie') return { label: ',.2~f', suffix: '%', axis: ',' };
  if (only === 'euro') {
    const whole = points.every((p) => Number.isInteger(Math.round(p.waarde * 100) / 100));
    return { label: whole ? '$,.0f' : '$,.2f', suffix: '', axis: '$,' };
  }
  return { label: ',.2~f', suffix: '', axis: ',' };
}

/** A value as its label reads: 14.849, 10,4%, € 454,47. */
export function valueLabel(value: number, format: ValueFormat): string {
  return formatNumber(value, format.label) + format.suffix;
}

/** The size of value labels on the marks, a little smaller than the axis labels. */
export const labelSize = (theme: ChartTheme): number => Math.max(7, theme.fontSize - 1);

/** Width in px of a text at a size, regular or semibold, in the theme's font. */
export function textWidth(theme: ChartTheme, text: string, size: number, bold = false): number {
  return measureText(bold ? theme.fontFiles.semibold : theme.fontFiles.regular, text, size);
}

/**
 * Properties of the value axis: exactly the ticks of its scale, with grid lines, Dutch numbers
 * with as many decimals as the step between the ticks needs, a % after them when needed. (Vega
 * thins out given tick values to its tickCount, so the count is the number of ticks.)
 */
export function valueAxis(
  format: ValueFormat,
  title: string | null,
  scale: ValueScale,
): Record<string, unknown> {
  const [first = 0, second = first + 1] = scale.ticks;
  // The step is 1, 2 or 5 × a power of ten: 0,05 needs two decimals, 20 none.
  const decimals = Math.max(0, -Math.floor(Math.log10(Math.abs(second - first)) + 1e-9));
  return {
    title,
    grid: true,
    values: scale.ticks,
    tickCount: scale.ticks.length,
    format: `${format.axis}.${decimals}f`,
    ...(format.suffix ? { labelExpr: `datum.label + ${JSON.stringify(format.suffix)}` } : {}),
  };
}

/** The colour encoding: one colour for one series, else the palette in series order. */
export function colourEncoding(
  series: readonly string[],
  theme: ChartTheme,
  symbolType: string,
): Record<string, unknown> {
  if (series.length <= 1) return { value: theme.palette[0] ?? '#0072B2' };
  return {
    field: 'reeks',
    type: 'nominal',
    title: null,
    scale: { domain: [...series], range: coloursFor(series.length, theme.palette) },
    legend: legend(series, theme, symbolType),
  };
}

/** A horizontal legend under the chart, in as many columns as fit the width. */
function legend(series: readonly string[], theme: ChartTheme, symbolType: string): object {
  const symbol = Math.round(theme.fontSize * 0.9);
  const labelOffset = 5;
  const gap = Math.round(theme.fontSize * 1.4);
  const entries = series.map((s) => symbol + labelOffset + textWidth(theme, s, theme.fontSize));
  const room = theme.width - 8;
  // Vega sizes each legend column to its widest entry (gridAlign "each"). One pass per try.
  const fits = (columns: number): boolean => {
    const widest = new Array<number>(columns).fill(0);
    entries.forEach((w, i) => {
      const c = i % columns;
      if (w > (widest[c] ?? 0)) widest[c] = w;
    });
    return widest.reduce((sum, w) => sum + w, 0) + (columns - 1) * gap <= room;
  };
  // Every column is at least as wide as the narrowest entry, so more columns than `most` never
  // fit: the tries are bounded by the width of the chart, not by the number of series.
  const narrowest = entries.reduce((min, w) => Math.min(min, w), Infinity);
  const most = Math.max(1, Math.floor((room + gap) / (narrowest + gap)));
  let columns = Math.min(series.length, most);
  while (columns > 1 && !fits(columns)) columns--;
  return {
    orient: 'bottom',
    direction: 'horizontal',
    columns,
    symbolType,
    symbolSize: symbol * symbol,
    symbolOffset: 0,
    labelOffset,
    columnPadding: gap,
    rowPadding: 4,
    offset: 10,
    labelLimit: 0,
  };
}

/**
 * The colour of a value label on a fill: white or the chart's dark text, whichever reaches 4,5:1
 * (WCAG text contrast), else black (see palette.ts).
 */
export function textOn(fill: string, dark: string): string {
  return labelColour(fill, dark);
}

/**
 * The category axis labels for a band of `room` px each: as they are when they fit, else
 * broken over lines at spaces and hyphens ("Twee-onder-" / "een-kap"), else slanted when
 * even one word is too wide.
 */
export function categoryLabels(
  categories: readonly string[],
  theme: ChartTheme,
  room: number,
): Record<string, unknown> {
  const width = (text: string) => textWidth(theme, text, theme.fontSize);
  const lines = new Map<string, string[]>();
  for (const category of categories) {
    if (width(category) <= room) continue;
    const out: string[] = [];
    for (const word of category.split(/(?<=[\s-])/)) {
      const last = out.at(-1);
      if (last !== undefined && width(last + word) <= room) out[out.length - 1] = last + word;
      else out.push(word);
    }
    const trimmed = out.map((l) => l.trim());
    if (trimmed.some((l) => width(l) > room)) {
      return { labelAngle: -35, labelAlign: 'right', labelBaseline: 'top' };
    }
    lines.set(category, trimmed);
  }
  if (lines.size === 0) return { labelAngle: 0 };
  // Arrays and indexof, not an object literal: a label like "constructor" must not hit a prototype.
  const keys = JSON.stringify([...lines.keys()]);
  const values = JSON.stringify([...lines.values()]);
  return {
    labelAngle: 0,
    labelExpr: `indexof(${keys}, datum.label) >= 0 ? ${values}[indexof(${keys}, datum.label)] : datum.label`,
  };
}

/**
 * `count` colours: the palette, and when there are more series than colours, the palette
 * again in lighter tints, so that no two series share a colour.
 */
export function coloursFor(count: number, palette: readonly string[]): string[] {
  const base = palette.length ? palette : ['#0072B2'];
  return Array.from({ length: count }, (_, i) => {
    const colour = base[i % base.length] ?? '#0072B2';
    const round = Math.floor(i / base.length);
    return round === 0 ? colour : tint(colour, 1 - 0.55 ** round);
  });
}

/** A colour mixed with white: share 0 is the colour, 1 is white. */
function tint(colour: string, share: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(colour.trim())?.[1];
  if (!hex) return colour;
  const mix = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16);
    return Math.round(c + (255 - c) * share)
      .toString(16)
      .padStart(2, '0');
  });
  return `#${mix.join('')}`;
}

/** What every kind of chart gets to work with. */
export interface ChartContext {
  theme: ChartTheme;
  points: ChartPoint[];
  /** Every category in table order, also those without values. */
  categories: string[];
  series: string[];
  format: ValueFormat;
  valueTitle: string | null;
}

/** The part of a spec a kind of chart decides: its data, layers and plot height. */
export interface ChartBody {
  values: object[];
  layer: object[];
  height: number;
}

/** The colour of every series of a chart, computed once per chart (a lookup per point after). */
const colourMaps = new WeakMap<ChartContext, Map<string, string>>();

/** The colour a series gets: its place in the palette (which repeats when it runs out). */
export function seriesColour(ctx: ChartContext, series: string): string {
  let colours = colourMaps.get(ctx);
  if (!colours) {
    const list = coloursFor(ctx.series.length, ctx.theme.palette);
    colours = new Map();
    // The first series of a name wins, as indexOf found it.
    for (const [i, name] of ctx.series.entries()) {
      if (!colours.has(name)) colours.set(name, list[i] ?? '#0072B2');
    }
    colourMaps.set(ctx, colours);
  }
  return colours.get(series) ?? colours.get(ctx.series[0] ?? '') ?? '#0072B2';
}

/** A value-label text condition: the label where `test` holds, else nothing. */
export function labelWhen(test: string): object {
  return { condition: { test, field: 'label' }, value: '' };
}
