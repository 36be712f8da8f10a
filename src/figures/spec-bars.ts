/**
 * Bar charts: upright (staaf, gestapeld, gegroepeerd) and lying (liggend). The value axis ends
 * on a tick at or beyond the longest bar (see value-scale.ts). Value labels go where they fit:
 * above single and grouped bars, inside stacked segments with the stack's total above it,
 * after lying bars. Whether labels fit is decided by Vega with the band widths it computed and
 * the label widths measured here with the real font, and per series: a series shows the labels
 * of all its bars or of none, never a gap where one bar is a little too small.
 */
import { stack } from './chart-data.ts';
import type { ChartPoint } from './chart-data.ts';
import type { ChartBody, ChartContext } from './spec-parts.ts';
import { share, VALUE_TICKS, valueDomain, valueScale } from './value-scale.ts';
import type { ValueScale } from './value-scale.ts';
import {
  categoryLabels,
  colourEncoding,
  labelSize,
  labelWhen,
  seriesColour,
  textOn,
  textWidth,
  valueAxis,
  valueLabel,
} from './spec-parts.ts';

type Vorm = 'staaf' | 'gestapeld' | 'gegroepeerd';

/**
 * Bars side by side in series order. Without an `order` encoding Vega-Lite aligns the offset
 * with the colour domain through a formula of one comparison per series, evaluated for every
 * point: quadratic work, and a stack overflow in Vega's expression parser from ~1.000 series.
 * The offset scale has its domain already (the series in table order); the order says the same.
 */
const SERIES_ORDER = { order: { field: 'reeksVolgorde', type: 'quantitative' } } as const;

/** The height of a stacked segment that holds its label: the digits and 2 px above and below. */
const segmentRoom = (size: number): number => Math.ceil(0.7 * size) + 4;

/**
 * Where a label beyond the end of a bar is anchored, as a value: at the bar's end or, when a
 * gridline would run through it (the tallest bar's label and the top gridline, say), moved on
 * past that line. `length` is the plot's length along the value axis in px; [from, to] is where
 * the label's ink lies, in px beyond the anchor. A label longer than the space between two
 * gridlines stays where it is: it cannot miss them all.
 */
function labelAnchor(
  value: number,
  scale: ValueScale,
  length: number,
  [from, to]: readonly [number, number],
): number {
  const sign = value < 0 ? -1 : 1;
  const px = (v: number) => share(scale, v) * length;
  const end = px(value);
  const [first = 0, second = 1] = scale.ticks;
  if (to - from + 3 >= Math.abs(px(second) - px(first))) return value;
  // The gridlines beyond the end, nearest first.
  const beyond = scale.ticks.map((t) => sign * (px(t) - end)).filter((d) => d > 0);
  let shift = 0;
  for (const d of beyond.sort((a, b) => a - b)) {
    if (d > from + shift - 1 && d < to + shift + 1) shift = d + 1.5 - from;
  }
  const [lo, hi] = scale.domain;
  return value + (sign * shift * (hi - lo)) / length;
}

/**
 * Where the digits of a label above (or below) an upright bar lie, in px beyond its anchor:
 * Vega puts a 'bottom' baseline 0,21 × size above the anchor, a 'top' one 0,79 × size below;
 * digits are 0,66 × size tall. With the 3 px between bar and label.
 */
const uprightReach = (value: number, size: number): [number, number] =>
  value < 0 ? [3 + 0.13 * size, 3 + 0.79 * size] : [3 + 0.21 * size, 3 + 0.87 * size];

/** Points with their label text, its width and a colour that reads on the bar. */
function labelled<P extends ChartPoint>(ctx: ChartContext, points: readonly P[]) {
  const size = labelSize(ctx.theme);
  return points.map((p) => {
    const label = valueLabel(p.waarde, ctx.format);
    return {
      ...p,
      label,
      labelBreedte: Math.ceil(textWidth(ctx.theme, label, size)),
      labelKleur: textOn(seriesColour(ctx, p.reeks), ctx.theme.textColor),
    };
  });
}

/**
 * What decides whether a series' labels fit, on every point of it: the widest label of the
 * series (reeksBreedte) and its smallest value drawn as a bar (reeksKleinste, as a size; 0
 * when it has none). Points of 0 have no bar to label: `withZeros` says whether their labels
 * count (above a bar, "0" is shown; inside a stack a segment of 0 has no room and no label).
 */
function perSeries<P extends { reeks: string; waarde: number; labelBreedte: number }>(
  points: readonly P[],
  withZeros: boolean,
): Array<P & { reeksBreedte: number; reeksKleinste: number }> {
  const stats = new Map<string, { breedte: number; kleinste: number }>();
  for (const p of points) {
    if (!withZeros && p.waarde === 0) continue;
    const own = stats.get(p.reeks) ?? { breedte: 0, kleinste: Infinity };
    own.breedte = Math.max(own.breedte, p.labelBreedte);
    own.kleinste = Math.min(own.kleinste, Math.abs(p.waarde));
    stats.set(p.reeks, own);
  }
  return points.map((p) => {
    const own = stats.get(p.reeks);
    return {
      ...p,
      reeksBreedte: own?.breedte ?? 0,
      reeksKleinste: own && Number.isFinite(own.kleinste) ? own.kleinste : 0,
    };
  });
}

/** A text layer of value labels beyond the end of each bar, for positive or negative values. */
function endLabels(
  ctx: ChartContext,
  position: Record<string, unknown>,
  horizontal: boolean,
  sign: 1 | -1,
  fits: string,
): object {
  const outward = horizontal
    ? { align: sign > 0 ? 'left' : 'right', baseline: 'middle', dx: 3 * sign }
    : { baseline: sign > 0 ? 'bottom' : 'top', dy: -3 * sign };
  return {
    transform: [{ filter: sign > 0 ? 'datum.waarde >= 0' : 'datum.waarde < 0' }],
    mark: { type: 'text', fontSize: labelSize(ctx.theme), color: ctx.theme.textColor, ...outward },
    encoding: { ...position, text: labelWhen(fits) },
  };
}

/** A line at 0 when bars go below it, so that up and down read from the same base. */
function zeroRule(ctx: ChartContext, channel: 'x' | 'y'): object[] {
  if (!ctx.points.some((p) => p.waarde < 0)) return [];
  return [
    {
      mark: { type: 'rule', color: ctx.theme.textColor, strokeWidth: 1 },
      encoding: { [channel]: { datum: 0, type: 'quantitative' } },
    },
  ];
}

/**
 * Room below the plot for the labels under bars below 0, so that they do not run into the
 * category labels: the offset of the category axis in px (the plot height is known). A label's
 * digits end 3 + 0,79 × size px below its anchor.
 */
function roomBelow(ctx: ChartContext, scale: ValueScale, anchors: readonly number[]): object {
  const size = labelSize(ctx.theme);
  const lowest = anchors.reduce((min, a) => Math.min(min, a), 0);
  if (lowest >= 0) return {};
  const room = Math.ceil(3 + 0.8 * size - share(scale, lowest) * ctx.theme.height);
  return room > 0 ? { offset: room } : {};
}

/**
 * The layout of lying bars along the value axis, as Vega-Lite's fit to the column gives it: the
 * plot is the column less the category labels (the value axis's end labels are flush with the
 * plot), less what the labels after the longest bars reach beyond it, less the room left of it
 * for labels left of bars below 0 (the category axis's offset). With the labels' anchors (see
 * labelAnchor), which move the plot's end in turn: a few rounds settle it to a pixel.
 */
function lyingLayout(
  ctx: ChartContext,
  scale: ValueScale,
  points: ReadonlyArray<{ waarde: number; labelBreedte: number }>,
): { anchors: number[]; offset: number } {
  const { theme } = ctx;
  const categories = ctx.categories.reduce(
    (most, c) => Math.max(most, textWidth(theme, c, theme.fontSize)),
    0,
  );
  const column = theme.width - 4 - Math.ceil(categories + 4);
  let plot = column;
  let anchors: number[] = [];
  let offset = 0;
  for (let round = 0; round < 4; round++) {
    const length = plot;
    anchors = points.map((p) => labelAnchor(p.waarde, scale, length, [3, 3 + p.labelBreedte]));
    let beyond = 0;
    offset = 0;
    points.forEach((p, i) => {
      const at = share(scale, anchors[i] ?? p.waarde) * length;
      // After a bar: its end + 3 + the label, past the plot's end? Before one: left of its start?
      if (p.waarde >= 0) beyond = Math.max(beyond, at + 3 + p.labelBreedte - length);
      else offset = Math.max(offset, 3 + p.labelBreedte + 2 - at);
    });
    offset = Math.ceil(offset);
    plot = column - beyond - offset;
  }
  return { anchors, offset };
}

export function uprightBars(ctx: ChartContext, vorm: Vorm): ChartBody {
  const { theme, categories, series } = ctx;
  const several = series.length > 1;
  const stacked = vorm === 'gestapeld' && several;
  const grouped = several && !stacked;
  const size = labelSize(theme);
  // The plot is the column less the value axis (about 50 px); a label may use its whole band.
  const band = (theme.width - 50) / Math.max(1, categories.length);
  // Bars no wider than a report needs: with few categories the gaps grow, not the bars.
  const widest = (stacked ? 7 : grouped ? 5 * series.length : 6) * theme.fontSize;
  const paddingInner = Math.min(0.7, Math.max(grouped ? 0.2 : 0.3, 1 - widest / band));
  const negative = ctx.points.some((p) => p.waarde < 0);
  const stackedPoints = stacked ? stack(ctx.points) : [];
  const scale = valueScale(
    stacked ? stackedPoints.flatMap((p) => [p.van, p.tot]) : ctx.points.map((p) => p.waarde),
    { count: VALUE_TICKS, zero: true },
  );
  // Where the labels beyond the bars' ends are anchored (none below stacks: only the totals).
  const anchor = (value: number) =>
    labelAnchor(value, scale, theme.height, uprightReach(value, size));
  const anchors = stacked ? [] : ctx.points.map((p) => anchor(p.waarde));
  const x = {
    field: 'categorie',
    type: 'nominal',
    title: null,
    scale: { domain: categories, paddingInner, paddingOuter: paddingInner / 2 },
    axis: {
      ...categoryLabels(categories, theme, band - 4),
      // With bars below 0 the zero line is the base; an axis line under them would be a second.
      ...(negative ? { domain: false } : {}),
      ...roomBelow(ctx, scale, anchors),
    },
  };
  const xOffset = grouped ? { xOffset: { field: 'reeks', scale: { domain: series } } } : {};
  const colour = colourEncoding(series, theme, 'square');
  const axis = valueAxis(ctx.format, ctx.valueTitle, scale);
  const y = { type: 'quantitative', scale: valueDomain(scale) };

  if (stacked) {
    const values = perSeries(labelled(ctx, stackedPoints), false).map((p) => ({
      ...p,
      midden: (p.van + p.tot) / 2,
    }));
    // Every segment of the series, its smallest one included, holds its label: height and width.
    const segmentFits =
      `datum.waarde != 0` +
      ` && abs(scale('y', datum.reeksKleinste) - scale('y', 0)) >= ${segmentRoom(size)}` +
      ` && bandwidth('x') >= datum.reeksBreedte + 6`;
    return {
      values,
      height: theme.height,
      layer: [
        {
          mark: { type: 'bar', stroke: '#ffffff', strokeWidth: 0.75 },
          encoding: {
            x,
            y: { ...y, field: 'tot', axis },
            y2: { field: 'van' },
            color: colour,
          },
        },
        ...zeroRule(ctx, 'y'),
        {
          mark: { type: 'text', baseline: 'middle', fontSize: size },
          encoding: {
            x,
            y: { ...y, field: 'midden' },
            // The colour chosen per segment (white, the dark text or black: 4,5:1 on its fill).
            color: { field: 'labelKleur', type: 'nominal', scale: null },
            text: labelWhen(segmentFits),
          },
        },
        {
          data: {
            values: totals(ctx).map((t) => ({
              ...t,
              anker: anchor(t.totaal),
            })),
          },
          mark: {
            type: 'text',
            baseline: 'bottom',
            dy: -3,
            fontSize: size,
            fontWeight: 600,
            color: theme.textColor,
          },
          encoding: {
            x,
            y: { ...y, field: 'anker' },
            // All totals or none: the widest one decides.
            text: labelWhen(`bandwidth('x') >= datum.totaalBreedte + 2`),
          },
        },
      ],
    };
  }

  const values = perSeries(labelled(ctx, ctx.points), true).map((p, i) => ({
    ...p,
    anker: anchors[i] ?? p.waarde,
  }));
  const position = { x, ...xOffset, y: { ...y, field: 'waarde' } };
  const labelPosition = { ...position, y: { ...y, field: 'anker' } };
  // The widest label of the series decides for all its bars.
  const fits = grouped
    ? `bandwidth('xOffset') >= datum.reeksBreedte`
    : `bandwidth('x') >= datum.reeksBreedte + 4`;
  return {
    values,
    height: theme.height,
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          ...position,
          y: { ...position.y, axis },
          color: colour,
          ...(grouped ? SERIES_ORDER : {}),
        },
      },
      ...zeroRule(ctx, 'y'),
      endLabels(ctx, labelPosition, false, 1, fits),
      ...(negative ? [endLabels(ctx, labelPosition, false, -1, fits)] : []),
    ],
  };
}

/**
 * The total above each stack, only where no value of the category is missing or negative; with
 * the width of the widest total (totaalBreedte), which decides whether they fit.
 */
function totals(ctx: ChartContext): Array<{ totaal: number; totaalBreedte: number }> {
  const size = labelSize(ctx.theme);
  // The points of each category, gathered in one pass (not a scan of every point per category).
  const byCategory = new Map<string, ChartPoint[]>();
  for (const p of ctx.points) {
    const own = byCategory.get(p.categorie);
    if (own) own.push(p);
    else byCategory.set(p.categorie, [p]);
  }
  const out = ctx.categories.flatMap((categorie) => {
    const own = byCategory.get(categorie) ?? [];
    if (own.length < ctx.series.length || own.some((p) => p.waarde < 0)) return [];
    const totaal = own.reduce((sum, p) => sum + p.waarde, 0);
    const label = valueLabel(totaal, ctx.format);
    const labelBreedte = Math.ceil(textWidth(ctx.theme, label, size, true));
    return totaal > 0 ? [{ categorie, totaal, label, labelBreedte }] : [];
  });
  const totaalBreedte = out.reduce((most, t) => Math.max(most, t.labelBreedte), 0);
  return out.map((t) => ({ ...t, totaalBreedte }));
}

/** Lying bars: categories down the side in table order, several series side by side. */
export function lyingBars(ctx: ChartContext): ChartBody {
  const { theme, categories, series } = ctx;
  const several = series.length > 1;
  const negative = ctx.points.some((p) => p.waarde < 0);
  // The value axis runs across the column: room for a tick more than upright.
  const scale = valueScale(
    ctx.points.map((p) => p.waarde),
    { count: VALUE_TICKS + 1, zero: true },
  );
  const labels = labelled(ctx, ctx.points);
  const { anchors, offset } = lyingLayout(ctx, scale, labels);
  const values = labels.map((p, i) => ({ ...p, anker: anchors[i] ?? p.waarde }));
  const y = {
    field: 'categorie',
    type: 'nominal',
    title: null,
    scale: { domain: categories, paddingInner: several ? 0.3 : 0.25, paddingOuter: 0.15 },
    // With bars left of 0 the zero line is the base; no second line at the left edge.
    ...(negative ? { axis: { domain: false, ...(offset > 0 ? { offset } : {}) } } : {}),
  };
  const yOffset = several ? { yOffset: { field: 'reeks', scale: { domain: series } } } : {};
  const x = { type: 'quantitative', scale: valueDomain(scale) };
  const position = { y, ...yOffset, x: { ...x, field: 'waarde' } };
  const labelPosition = { ...position, x: { ...x, field: 'anker' } };
  // Every bar has the same thickness: all labels fit, or none.
  const fits = `bandwidth('${several ? 'yOffset' : 'y'}') >= ${labelSize(theme) - 2}`;
  const bar = theme.fontSize + 2;
  return {
    values,
    // A fixed height per category (a Vega-Lite `step` does not combine with fitting the width).
    height:
      categories.length *
      (several ? series.length * bar + Math.round(bar / 2) : Math.round(bar * 1.35)),
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          ...position,
          x: { ...position.x, axis: valueAxis(ctx.format, ctx.valueTitle, scale) },
          color: colourEncoding(series, theme, 'square'),
          ...(several ? SERIES_ORDER : {}),
        },
      },
      ...zeroRule(ctx, 'x'),
      endLabels(ctx, labelPosition, true, 1, fits),
      ...(negative ? [endLabels(ctx, labelPosition, true, -1, fits)] : []),
    ],
  };
}
