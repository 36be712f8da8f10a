/**
 * Bar charts: upright (staaf, gestapeld, gegroepeerd) and lying (liggend). Value labels go
 * where they fit: above single and grouped bars, inside stacked segments with the stack's
 * total above it, after lying bars. Whether a label fits is decided by Vega with the band
 * widths it computed and the label widths measured here with the real font.
 */
import { stack } from './chart-data.ts';
import type { ChartPoint } from './chart-data.ts';
import type { ChartBody, ChartContext } from './spec-parts.ts';
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
 * Room beyond the most negative bar for its label, so that it does not run into the category
 * labels on that side: a line of text below upright bars, the widest label left of lying bars.
 */
function negativeRoom(ctx: ChartContext, horizontal: boolean): object {
  const negative = ctx.points.filter((p) => p.waarde < 0);
  if (!negative.length) return {};
  const size = labelSize(ctx.theme);
  const widest = negative.reduce(
    (most, p) => Math.max(most, textWidth(ctx.theme, valueLabel(p.waarde, ctx.format), size)),
    0,
  );
  return { scale: { padding: Math.ceil(horizontal ? widest + 8 : size + 6) } };
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
  const x = {
    field: 'categorie',
    type: 'nominal',
    title: null,
    scale: { domain: categories, paddingInner, paddingOuter: paddingInner / 2 },
    axis: {
      ...categoryLabels(categories, theme, band - 4),
      // With bars below 0 the zero line is the base; an axis line under them would be a second.
      ...(ctx.points.some((p) => p.waarde < 0) ? { domain: false } : {}),
    },
  };
  const xOffset = grouped ? { xOffset: { field: 'reeks', scale: { domain: series } } } : {};
  const colour = colourEncoding(series, theme, 'square');
  const axis = valueAxis(ctx.format, ctx.valueTitle);

  if (stacked) {
    const values = labelled(ctx, stack(ctx.points)).map((p) => ({
      ...p,
      midden: (p.van + p.tot) / 2,
    }));
    const segmentFits =
      `abs(scale('y', datum.tot) - scale('y', datum.van)) >= ${size + 3}` +
      ` && bandwidth('x') >= datum.labelBreedte + 6`;
    return {
      values,
      height: theme.height,
      layer: [
        {
          mark: { type: 'bar', stroke: '#ffffff', strokeWidth: 0.75 },
          encoding: {
            x,
            y: { field: 'tot', type: 'quantitative', axis, ...negativeRoom(ctx, false) },
            y2: { field: 'van' },
            color: colour,
          },
        },
        ...zeroRule(ctx, 'y'),
        {
          mark: { type: 'text', baseline: 'middle', fontSize: size },
          encoding: {
            x,
            y: { field: 'midden', type: 'quantitative' },
            color: {
              condition: { test: `datum.labelKleur == '#ffffff'`, value: '#ffffff' },
              value: theme.textColor,
            },
            text: labelWhen(segmentFits),
          },
        },
        {
          data: { values: totals(ctx) },
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
            y: { field: 'totaal', type: 'quantitative' },
            text: labelWhen(`bandwidth('x') >= datum.labelBreedte + 2`),
          },
        },
      ],
    };
  }

  const values = labelled(ctx, ctx.points);
  const position = { x, ...xOffset, y: { field: 'waarde', type: 'quantitative' } };
  const fits = grouped
    ? `bandwidth('xOffset') >= datum.labelBreedte`
    : `bandwidth('x') >= datum.labelBreedte + 4`;
  return {
    values,
    height: theme.height,
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          ...position,
          y: { ...position.y, axis, ...negativeRoom(ctx, false) },
          color: colour,
          ...(grouped ? SERIES_ORDER : {}),
        },
      },
      ...zeroRule(ctx, 'y'),
      endLabels(ctx, position, false, 1, fits),
      ...(values.some((v) => v.waarde < 0) ? [endLabels(ctx, position, false, -1, fits)] : []),
    ],
  };
}

/** The total above each stack, only where no value of the category is missing. */
function totals(ctx: ChartContext): object[] {
  const size = labelSize(ctx.theme);
  // The points of each category, gathered in one pass (not a scan of every point per category).
  const byCategory = new Map<string, ChartPoint[]>();
  for (const p of ctx.points) {
    const own = byCategory.get(p.categorie);
    if (own) own.push(p);
    else byCategory.set(p.categorie, [p]);
  }
  return ctx.categories.flatMap((categorie) => {
    const own = byCategory.get(categorie) ?? [];
    if (own.length < ctx.series.length || own.some((p) => p.waarde < 0)) return [];
    const totaal = own.reduce((sum, p) => sum + p.waarde, 0);
    const label = valueLabel(totaal, ctx.format);
    const labelBreedte = Math.ceil(textWidth(ctx.theme, label, size, true));
    return totaal > 0 ? [{ categorie, totaal, label, labelBreedte }] : [];
  });
}

/** Lying bars: categories down the side in table order, several series side by side. */
export function lyingBars(ctx: ChartContext): ChartBody {
  const { theme, categories, series } = ctx;
  const several = series.length > 1;
  const y = {
    field: 'categorie',
    type: 'nominal',
    title: null,
    scale: { domain: categories, paddingInner: several ? 0.3 : 0.25, paddingOuter: 0.15 },
    // With bars left of 0 the zero line is the base; no second line at the left edge.
    ...(ctx.points.some((p) => p.waarde < 0) ? { axis: { domain: false } } : {}),
  };
  const yOffset = several ? { yOffset: { field: 'reeks', scale: { domain: series } } } : {};
  const position = { y, ...yOffset, x: { field: 'waarde', type: 'quantitative' } };
  const values = labelled(ctx, ctx.points);
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
          x: {
            ...position.x,
            axis: { ...valueAxis(ctx.format, ctx.valueTitle), tickCount: 6 },
            ...negativeRoom(ctx, true),
          },
          color: colourEncoding(series, theme, 'square'),
          ...(several ? SERIES_ORDER : {}),
        },
      },
      ...zeroRule(ctx, 'x'),
      endLabels(ctx, position, true, 1, fits),
      ...(values.some((v) => v.waarde < 0) ? [endLabels(ctx, position, true, -1, fits)] : []),
    ],
  };
}
