/** Charts rendered to SVG in Node, read back as a reader sees them. */
import { describe, expect, it } from 'vitest';
import type { Cel, Rij } from '../../src/data/schema.ts';
import { renderChart } from '../../src/figures/render-chart.ts';
import { chartSpec } from '../../src/figures/spec.ts';
import { measureText } from '../../src/figures/text-metrics.ts';
import { table, theme } from '../support/charts.ts';

/** The contents of the first mark group of a class, e.g. "mark-rect role-mark". */
const group = (svg: string, cls: string) =>
  new RegExp(`<g class="${cls}[^"]*"[^>]*>([\\s\\S]*?)</g>`).exec(svg)?.[1] ?? '';
/** Visible texts of an SVG, in document order. */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
/** Texts of one kind (role), e.g. the value labels on the marks or the axis labels. */
const textsIn = (svg: string, cls: string) =>
  [...svg.matchAll(new RegExp(`<g class="${cls}[^"]*"[^>]*>([\\s\\S]*?)</g>`, 'g'))].flatMap((g) =>
    [...(g[1] ?? '').matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? ''),
  );
/** Bars drawn: Vega writes each rect of the bar layer as a <path> in a mark-rect group. */
const bars = (svg: string) => (group(svg, 'mark-rect role-mark').match(/<path/g) ?? []).length;
/** x of an axis label's anchor, by its text. */
function labelX(svg: string, text: string): number {
  const m = new RegExp(`<text[^>]*translate\\(([-\\d.]+),[^>]*>${text}</text>`).exec(svg);
  if (!m?.[1]) throw new Error(`geen label ${text}`);
  return Number(m[1]);
}
/** Leaf rows of a table in order, the way the test reads them (independent of the code). */
const leaves = (rows: Rij[]): Rij[] =>
  rows.flatMap((r) => (r.onderdelen ? leaves(r.onderdelen) : [r]));
const present = (cells: Cel[]) => cells.filter((c) => c !== null).length;

describe('charts as SVG', () => {
  it('draws one bar per value present, with Dutch numbers in the theme’s font', async () => {
    const big = table({
      rijen: [{ label: 'Voorraad', waarden: [13986, '-', 14849] }],
      grafiek: { vorm: 'staaf', as: 'kolommen', beschrijving: 'x' },
    });
    const svg = await renderChart(big, theme);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toMatch(/^<svg[^>]* width="600"/);
    expect(bars(svg)).toBe(3);
    const labels = textsIn(svg, 'mark-text role-mark');
    expect(labels).toEqual(expect.arrayContaining(['13.986', '0', '14.849']));
    expect(texts(svg)).not.toContain('14,849');
    // the value axis groups thousands with a full stop too
    const ticks = textsIn(svg, 'mark-text role-axis-label').filter((l) => /^\d+\.\d{3}$/.test(l));
    expect(ticks.length).toBeGreaterThan(1);
    const families = [...svg.matchAll(/font-family="([^"]*)"/g)].map((m) => m[1]);
    expect(families.length).toBeGreaterThan(5);
    for (const f of families) expect(f?.startsWith(`'${theme.fontFamily}'`)).toBe(true);
  });

  it('stacks the leaf rows: a bar per non-missing cell, a legend entry per series', async () => {
    const rijen: Rij[] = [
      {
        label: 'Huur',
        waarden: [30, 40, 50],
        onderdelen: [
          { label: 'Corporatie', waarden: [20, 25, null] },
          { label: 'Particulier', waarden: [10, '-', 30] },
        ],
      },
      { label: 'Koop', waarden: [60, 70, 80] },
    ];
    const svg = await renderChart(table({ rijen }), theme);
    const expected = leaves(rijen).reduce((n, r) => n + present(r.waarden), 0);
    expect(bars(svg)).toBe(expected);
    expect(textsIn(svg, 'mark-text role-legend-label')).toEqual([
      'Corporatie',
      'Particulier',
      'Koop',
    ]);
    expect(texts(svg)).not.toContain('Huur');
  });

  it('writes decimals with a comma and percentages with a % sign', async () => {
    const svg = await renderChart(
      table({
        eenheid: 'procent',
        rijen: [{ label: 'Aandeel', waarden: [10.4, 12.25, 9] }],
        grafiek: { vorm: 'staaf', as: 'kolommen', beschrijving: 'x' },
      }),
      theme,
    );
    expect(textsIn(svg, 'mark-text role-mark')).toEqual(['10,4%', '12,25%', '9%']);
    const ticks = textsIn(svg, 'mark-text role-axis-label').filter(
      (l) => /\d/.test(l) && l.length < 5,
    );
    expect(ticks.length).toBeGreaterThan(2);
    for (const t of ticks.filter((l) => !/^20\d\d$/.test(l))) expect(t).toMatch(/^[\d,]+%$/);
  });

  it('draws only the chosen series, grouped side by side', async () => {
    const rijen: Rij[] = [
      { label: '2019', waarden: [59, 26, 14378] },
      { label: '2020', waarden: [50, null, 14415] },
    ];
    const svg = await renderChart(
      table({
        kolommen: ['Nieuwbouw', 'Sloop', 'Eindstand'],
        rijen,
        grafiek: {
          vorm: 'gegroepeerd',
          as: 'rijen',
          reeksen: ['Nieuwbouw', 'Sloop'],
          beschrijving: 'x',
        },
      }),
      theme,
    );
    expect(bars(svg)).toBe(rijen.reduce((n, r) => n + present(r.waarden.slice(0, 2)), 0));
    expect(texts(svg)).not.toContain('14.378');
    expect(textsIn(svg, 'mark-text role-legend-label')).toEqual(['Nieuwbouw', 'Sloop']);
  });

  it('lays lying bars out in table order, with a single series and no legend', async () => {
    const rijen: Rij[] = [
      { label: 'Zwiggelte', waarden: [1] },
      { label: 'Beilen', waarden: [124] },
      { label: 'Twee-onder-een-kap', waarden: [null] },
    ];
    const svg = await renderChart(
      table({
        kolommen: [2024],
        rijen,
        grafiek: { vorm: 'liggend', as: 'rijen', beschrijving: 'x' },
      }),
      theme,
    );
    expect(bars(svg)).toBe(2);
    expect(svg).not.toContain('role-legend');
    const labels = textsIn(svg, 'mark-text role-axis-label').filter((l) => /[a-z]/.test(l));
    expect(labels).toEqual(['Zwiggelte', 'Beilen', 'Twee-onder-een-kap']);
    // the plot starts right after the widest category label, measured with the real font
    const plotLeft = Number(/transform="translate\(([\d.]+),/.exec(svg)?.[1]);
    const text = 'Twee-onder-een-kap';
    expect(plotLeft).toBeGreaterThan(measureText(theme.fontFiles.regular, text, 11));
    expect(plotLeft).toBeLessThan(0.8 * 11 * text.length);
  });

  it('spaces years on a line chart by their distance and prints them as years', async () => {
    const waarden: Cel[] = [33562, 33285, 33215, null, 34021];
    const svg = await renderChart(
      table({
        kolommen: [2010, 2015, 2020, 2021, 2025],
        rijen: [{ label: 'Inwoners', waarden }],
        grafiek: { vorm: 'lijn', as: 'kolommen', beschrijving: 'x' },
      }),
      theme,
    );
    const labels = texts(svg);
    expect(labels).toEqual(expect.arrayContaining(['2010', '2015', '2020', '2021', '2025']));
    expect(labels.some((l) => /^2[.,]0\d\d$/.test(l ?? ''))).toBe(false);
    const [a, b, c, d] = ['2010', '2015', '2020', '2021'].map((y) => labelX(svg, y));
    expect(b! - a!).toBeCloseTo(c! - b!, 1);
    expect(d! - c!).toBeCloseTo((b! - a!) / 5, 1);
    // a point per value present: the missing year is not drawn as 0
    expect((group(svg, 'mark-symbol role-mark').match(/<path/g) ?? []).length).toBe(
      present(waarden),
    );
    const ticks = textsIn(svg, 'mark-text role-axis-label').filter((l) => /^3\d[.,]\d{3}$/.test(l));
    expect(ticks.length).toBeGreaterThan(2);
    for (const t of ticks) expect(t).toMatch(/^3\d\.\d{3}$/);
  });

  it('puts the Dutch locale and the quoted font family in the spec', () => {
    const spec = chartSpec(table({}), theme) as {
      config: { font: string; locale: { number: { decimal: string; thousands: string } } };
    };
    expect(spec.config.locale.number).toMatchObject({ decimal: ',', thousands: '.' });
    expect(spec.config.font).toBe("'Source Sans 3', sans-serif");
  });

  it('is the same to the byte on every render, with nothing external in it', async () => {
    const a = await renderChart(table({}), theme);
    await renderChart(
      table({ grafiek: { vorm: 'lijn', as: 'kolommen', beschrijving: 'x' } }),
      theme,
    );
    const b = await renderChart(table({}), theme);
    expect(b).toBe(a);
    expect(a).not.toMatch(/<image|<script|<foreignObject|href="http/);
    expect(a).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    for (const [, fill] of a.matchAll(/<rect[^>]*fill="([^"]*)"/g))
      expect(fill).toMatch(/^(white|#fff(fff)?|transparent|none)$/i);
  });
});
