/** Charts rendered to SVG in Node, read back as a reader sees them. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Tabel } from '../../src/data/schema.ts';
import { chartRows } from '../../src/figures/chart-data.ts';
import { renderChart } from '../../src/figures/render-chart.ts';
import { chartSpec } from '../../src/figures/spec.ts';
import { measureText } from '../../src/figures/text-metrics.ts';
import { DEFAULT_PALETTE } from '../../src/figures/theme.ts';
import type { ChartTheme } from '../../src/figures/theme.ts';
import { ROOT } from '../support/fixture.ts';

const FONTS = path.join(ROOT, 'node_modules/@fontsource/source-sans-3/files');
const theme: ChartTheme = {
  fontFamily: 'Source Sans 3',
  fontFiles: {
    regular: path.join(FONTS, 'source-sans-3-latin-400-normal.woff2'),
    semibold: path.join(FONTS, 'source-sans-3-latin-600-normal.woff2'),
  },
  fontSize: 11,
  textColor: '#1f2933',
  gridColor: '#d5dbe1',
  palette: DEFAULT_PALETTE,
  width: 600,
  height: 200,
};

function table(over: Partial<Tabel>): Tabel {
  return {
    soort: 'tabel',
    titel: 'Proef',
    eenheid: 'aantal',
    kolommen: [2022, 2023, 2024],
    rijen: [
      { label: 'Rijwoning', waarden: [10, 12, 14] },
      { label: 'Vrijstaand', waarden: [5, '-', null] },
    ],
    grafiek: { vorm: 'gestapeld', as: 'kolommen', beschrijving: 'Proefgrafiek.' },
    ...over,
  };
}

/** Visible texts of an SVG, in document order. */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
/** Bars drawn: Vega writes each rect mark as a <path> inside a g with class mark-rect. */
const bars = (svg: string) =>
  (/<g[^>]*class="mark-rect[^"]*"[^>]*>([\s\S]*?)<\/g>/.exec(svg)?.[1]?.match(/<path/g) ?? [])
    .length;

describe('charts', () => {
  it('leaves missing cells out, draws "-" as zero, and uses leaf rows only', () => {
    const rows = chartRows(
      table({
        rijen: [
          {
            label: 'Corporatie',
            waarden: [15, 12, 14],
            onderdelen: [
              { label: 'Dorp A', waarden: [10, 12, 14] },
              { label: 'Dorp B', waarden: [5, '-', null] },
            ],
          },
        ],
      }),
    );
    expect(rows.map((r) => `${r.categorie}:${r.reeks}=${r.waarde}`)).toEqual([
      '2022:Dorp A=10',
      '2022:Dorp B=5',
      '2023:Dorp A=12',
      '2023:Dorp B=0',
      '2024:Dorp A=14',
    ]);
  });

  it('renders as many bars as there are data points, with Dutch numbers', async () => {
    const big = table({
      rijen: [{ label: 'Voorraad', waarden: [13986, 14030, 14849] }],
      grafiek: { vorm: 'staaf', as: 'kolommen', beschrijving: 'x' },
    });
    const svg = await renderChart(big, theme);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(bars(svg)).toBe(3);
    expect(texts(svg)).toContain('14.849');
    expect(texts(svg)).not.toContain('14,849');
    expect(svg).toContain('font-family="Source Sans 3"');
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
  });

  it('a stacked chart has one bar per non-missing cell and a legend per series', async () => {
    const svg = await renderChart(table({}), theme);
    expect(bars(svg)).toBe(5);
    expect(texts(svg)).toEqual(
      expect.arrayContaining(['Rijwoning', 'Vrijstaand', '2022', '2023', '2024']),
    );
  });

  it('restricts the series and keeps the table order of the categories', () => {
    const spec = chartSpec(
      table({ grafiek: { vorm: 'liggend', as: 'rijen', reeksen: [2024], beschrijving: 'x' } }),
      theme,
    ) as {
      data: { values: Array<{ categorie: string; reeks: string }> };
    };
    expect(spec.data.values.map((v) => `${v.categorie}/${v.reeks}`)).toEqual(['Rijwoning/2024']);
  });

  it('prints years on a line chart as years, spaced by their distance', async () => {
    const svg = await renderChart(
      table({
        kolommen: [2010, 2015, 2020, 2025],
        rijen: [{ label: 'Inwoners', waarden: [33562, 33285, 33215, 34021] }],
        grafiek: { vorm: 'lijn', as: 'kolommen', beschrijving: 'x' },
      }),
      theme,
    );
    const labels = texts(svg);
    expect(labels).toEqual(expect.arrayContaining(['2010', '2015', '2020', '2025']));
    expect(labels).not.toContain('2.010');
    // value ticks in the tens of thousands, grouped the Dutch way
    const ticks = labels.filter((l) => /^3\d[.,]\d{3}$/.test(l ?? ''));
    expect(ticks.length).toBeGreaterThan(2);
    for (const t of ticks) expect(t).toMatch(/^3\d\.\d{3}$/);
  });

  it('measures text with the real font, not Vega’s 0.8 × size estimate', () => {
    const text = 'Twee-onder-een-kap';
    const width = measureText(theme.fontFiles.regular, text, 11);
    const estimate = 0.8 * 11 * text.length;
    expect(width).toBeGreaterThan(text.length * 11 * 0.35);
    expect(width).toBeLessThan(estimate * 0.8);
    expect(measureText(theme.fontFiles.semibold, text, 11)).toBeGreaterThan(width);
  });

  it('is deterministic', async () => {
    const a = await renderChart(table({}), theme);
    const b = await renderChart(table({}), theme);
    expect(a.replace(/clip\d+/g, 'clip')).toBe(b.replace(/clip\d+/g, 'clip'));
  });
});
