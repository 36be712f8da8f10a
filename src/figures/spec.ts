/** The Vega-Lite spec of a table's chart: one function, data in, spec out (tests inspect it). */
import type { TopLevelSpec } from 'vega-lite';
import type { Tabel } from '../data/schema.ts';
import { columnUnit } from '../data/table.ts';
import { categoriesOf, chartRows, seriesOf } from './chart-data.ts';
import type { ChartTheme } from './theme.ts';

/** Dutch grouping and decimal comma come from the locale (render-chart.ts); this trims zeros. */
const NUMBER = ',~f';

function isYears(categories: readonly string[]): boolean {
  return categories.length > 0 && categories.every((c) => /^\d{4}$/.test(c));
}

export function chartSpec(table: Tabel, theme: ChartTheme): TopLevelSpec {
  const grafiek = table.grafiek;
  if (!grafiek) throw new Error(`tabel "${table.titel}" heeft geen grafiek`);
  const rows = chartRows(table);
  const series = seriesOf(rows);
  const categories = categoriesOf(rows);
  const several = series.length > 1;
  const percent = table.kolommen.every((_, c) => columnUnit(table, c) === 'procent');
  const valueTitle = grafiek.titel_waarden ?? null;
  const valueAxis = {
    title: valueTitle,
    format: percent ? ',~f' : NUMBER,
    grid: true,
    tickCount: 5,
  };
  const color = several
    ? {
        field: 'reeks',
        type: 'nominal' as const,
        title: null,
        sort: series,
        scale: { range: theme.palette },
        legend: {
          orient: 'bottom' as const,
          direction: 'horizontal' as const,
          symbolType: 'square',
          columns: Math.min(series.length, 5),
        },
      }
    : { value: theme.palette[0] ?? '#0072B2' };
  const category = { field: 'categorie', type: 'nominal' as const, title: null, sort: categories };

  let layer: object[];
  if (grafiek.vorm === 'lijn') {
    const years = isYears(categories);
    const x = years
      ? {
          field: 'jaar',
          type: 'quantitative' as const,
          title: null,
          scale: { zero: false, nice: false },
          axis: { format: 'd', values: categories.map(Number), grid: false },
        }
      : { ...category, axis: { labelAngle: 0 } };
    layer = [
      {
        mark: { type: 'line', strokeWidth: 2.5 },
        encoding: {
          x,
          y: { field: 'waarde', type: 'quantitative', axis: valueAxis, scale: { zero: false } },
          color,
        },
      },
      {
        mark: { type: 'point', filled: true, size: 45 },
        encoding: { x, y: { field: 'waarde', type: 'quantitative' }, color },
      },
      // No value labels on a line: they collide with it; the exact numbers are in the table below.
    ];
    return base(
      table,
      theme,
      rows.map((r) => ({ ...r, jaar: Number(r.categorie) })),
      layer,
      categories.length,
    );
  }
  if (grafiek.vorm === 'liggend') {
    layer = [
      {
        mark: { type: 'bar', cornerRadiusEnd: 1.5 },
        encoding: {
          y: { ...category, axis: { labelLimit: 220 } },
          x: {
            field: 'waarde',
            type: 'quantitative',
            axis: { ...valueAxis, tickCount: 6 },
            stack: several ? 'zero' : null,
          },
          color,
          ...(several ? { order: { field: 'reeks' } } : {}),
        },
      },
      ...(several
        ? []
        : [
            {
              mark: {
                type: 'text',
                align: 'left',
                dx: 3,
                fontSize: theme.fontSize - 1,
                color: theme.textColor,
              },
              encoding: {
                y: category,
                x: { field: 'waarde', type: 'quantitative' },
                text: { field: 'waarde', type: 'quantitative', format: NUMBER },
              },
            },
          ]),
    ];
    return base(
      table,
      theme,
      rows,
      layer,
      categories.length,
      categories.length * (theme.fontSize + 5),
    );
  }
  const stacked = grafiek.vorm === 'gestapeld';
  const grouped = !stacked && several;
  layer = [
    {
      mark: { type: 'bar', cornerRadiusEnd: stacked ? 0 : 1.5 },
      encoding: {
        x: { ...category, axis: { labelAngle: 0 } },
        y: {
          field: 'waarde',
          type: 'quantitative',
          axis: valueAxis,
          stack: stacked ? 'zero' : null,
        },
        color,
        ...(grouped ? { xOffset: { field: 'reeks', sort: series } } : {}),
        ...(stacked ? { order: { field: 'volgordeReeks' } } : {}),
      },
    },
    ...(several
      ? []
      : [
          {
            mark: { type: 'text', dy: -7, fontSize: theme.fontSize - 1, color: theme.textColor },
            encoding: {
              x: category,
              y: { field: 'waarde', type: 'quantitative' },
              text: { field: 'waarde', type: 'quantitative', format: NUMBER },
            },
          },
        ]),
  ];
  const ordered = rows.map((r) => ({ ...r, volgordeReeks: series.indexOf(r.reeks) }));
  return base(table, theme, ordered, layer, categories.length);
}

function base(
  table: Tabel,
  theme: ChartTheme,
  values: object[],
  layer: object[],
  _n: number,
  height = theme.height,
): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: table.grafiek?.beschrijving ?? table.titel,
    width: theme.width,
    height,
    autosize: { type: 'fit', contains: 'padding' },
    padding: { left: 2, right: 8, top: 8, bottom: 2 },
    background: 'transparent',
    data: { values },
    layer,
    config: {
      font: theme.fontFamily,
      view: { stroke: null },
      numberFormat: NUMBER,
      axis: {
        labelFont: theme.fontFamily,
        titleFont: theme.fontFamily,
        labelFontSize: theme.fontSize,
        titleFontSize: theme.fontSize,
        titleFontWeight: 600,
        labelColor: theme.textColor,
        titleColor: theme.textColor,
        domainColor: theme.textColor,
        tickColor: theme.gridColor,
        gridColor: theme.gridColor,
        labelPadding: 4,
      },
      axisY: { domain: false, ticks: false },
      legend: {
        labelFont: theme.fontFamily,
        labelFontSize: theme.fontSize,
        labelColor: theme.textColor,
        symbolSize: 90,
        columnPadding: 14,
      },
      text: { font: theme.fontFamily },
    },
  } as TopLevelSpec;
}
