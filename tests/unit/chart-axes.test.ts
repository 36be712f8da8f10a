/**
 * The value axis and the value labels of charts, read from the SVG as a reader sees it.
 *
 * - The axis ends on a tick at or beyond the largest value drawn (a stack's total for stacked
 *   bars) and starts on one at or below the smallest: no bar rises above the top gridline.
 *   Before, Vega rounded the domain for 10 ticks and the axis drew 5: bars of 86 and 87 under
 *   an axis whose last tick was 80.
 * - Value labels are shown per series: all labels of a series, or none of them.
 *
 * The expected ticks are d3's "nice" steps (1, 2 or 5 × a power of ten) for about 5 ticks (6 on
 * lying bars), worked out by hand in each test.
 */
import { describe, expect, it } from 'vitest';
import type { Tabel } from '../../src/data/schema.ts';
import { renderChart } from '../../src/figures/render-chart.ts';
import { measureText } from '../../src/figures/text-metrics.ts';
import { chartPoints, seriesOf, stack } from '../../src/figures/chart-data.ts';
import { publicationChart, publicationCharts, table, theme } from '../support/charts.ts';

/** Groups of an SVG by class (Vega writes each mark's items in one <g> without nested groups). */
function groups(svg: string, cls: string): string[] {
  return [...svg.matchAll(/<g class="([^"]*)"[^>]*>((?:(?!<g[\s>])[\s\S])*?)<\/g>/g)]
    .filter((m) => (m[1] ?? '').startsWith(cls))
    .map((m) => m[2] ?? '');
}

const textsOf = (body: string): string[] =>
  [...body.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? '');

/** A number as the chart prints it: 4.000, 12,5%, € 300.000, -100. */
function dutch(text: string): number {
  const plain = text
    .replace(/[€%\s\u00a0]/g, '')
    .replace(/\./g, '')
    .replace(',', '.');
  return plain === '' || Number.isNaN(Number(plain)) ? NaN : Number(plain);
}

/**
 * The value axis's tick labels as numbers: the axis whose labels are all numbers and stand left
 * of the plot (all text-anchor end: upright charts), or under it (lying bars: Vega-Lite sets the
 * first and last flush with the plot's ends, the others centred under their ticks).
 */
function valueTicks(svg: string, lying = false): number[] {
  for (const body of groups(svg, 'mark-text role-axis-label')) {
    const labels = [...body.matchAll(/<text[^>]*text-anchor="([^"]*)"[^>]*>([^<]*)<\/text>/g)];
    const values = labels.map((m) => dutch(m[2] ?? ''));
    const left = labels.every((m) => m[1] === 'end');
    if (labels.length && left !== lying && values.every(Number.isFinite)) return values;
  }
  throw new Error('geen waarde-as');
}

/** Where the gridlines are (px from the top, or from the left on lying bars). */
function gridlines(svg: string, lying = false): number[] {
  return groups(svg, 'mark-rule role-axis-grid').flatMap((body) =>
    [...body.matchAll(/translate\(([-\d.e]+),([-\d.e]+)\)/g)].map((m) =>
      Number(lying ? m[1] : m[2]),
    ),
  );
}

/** The bars' extents along the value axis: [start, end] in px of each bar (rect) drawn. */
function barExtents(svg: string, lying = false): Array<[number, number]> {
  return groups(svg, 'mark-rect role-mark').flatMap((body) =>
    [...body.matchAll(/d="M([-\d.e]+),([-\d.e]+)h([-\d.e]+)v([-\d.e]+)h/g)].map(
      (m): [number, number] => {
        const [x, y, w, h] = [m[1], m[2], m[3], m[4]].map(Number) as [
          number,
          number,
          number,
          number,
        ];
        return lying ? [x, x + w] : [y, y + h];
      },
    ),
  );
}

/** The value labels of the marks, layer by layer (segment labels, then totals, …), sorted. */
function markLabels(svg: string): string[][] {
  return groups(svg, 'mark-text role-mark').map((body) =>
    textsOf(body)
      .filter((t) => t !== '')
      .sort((a, b) => dutch(a) - dutch(b)),
  );
}

/** Every bar lies between the outermost gridlines (half a pixel for the lines' offset). */
function expectBarsWithinGrid(svg: string, lying = false): void {
  const lines = gridlines(svg, lying);
  const [first, last] = [Math.min(...lines), Math.max(...lines)];
  for (const [a, b] of barExtents(svg, lying)) {
    expect(Math.min(a, b)).toBeGreaterThanOrEqual(first - 1);
    expect(Math.max(a, b)).toBeLessThanOrEqual(last + 1);
  }
}

const upright = (vorm: 'staaf' | 'gestapeld' | 'gegroepeerd', over: Partial<Tabel>): Tabel =>
  table({ ...over, grafiek: { vorm, as: 'kolommen', beschrijving: 'x' } });

describe('the value axis ends on a tick at or beyond the values drawn', () => {
  it('87 → 100: bars of 86 and 87 stay under the top gridline', async () => {
    // [0, 87] for about 5 ticks: 87 / 5 = 17,4 → a step of 20 → up to 5 × 20 = 100.
    const svg = await renderChart(
      upright('staaf', {
        kolommen: ['Kwartaal 1', 'Kwartaal 2', 'Kwartaal 3', 'Kwartaal 4'],
        rijen: [{ label: 'Aantal', waarden: [56, 70, 86, 87] }],
      }),
      theme,
    );
    expect(valueTicks(svg)).toEqual([0, 20, 40, 60, 80, 100]);
    expectBarsWithinGrid(svg);
    expect(markLabels(svg)[0]).toEqual(['56', '70', '86', '87']);
  });

  it('380 → 400 on grouped bars', async () => {
    // 380 / 5 = 76 → a step of 100 → 400.
    const svg = await renderChart(
      upright('gegroepeerd', {
        kolommen: ['Noord', 'Zuid'],
        rijen: [
          { label: 'Nieuwbouw', waarden: [380, 120] },
          { label: 'Sloop', waarden: [200, 90] },
        ],
      }),
      theme,
    );
    expect(valueTicks(svg)).toEqual([0, 100, 200, 300, 400]);
    expectBarsWithinGrid(svg);
    // And 255 (Figuur 7's tallest): 51 → a step of 50 → 300 (Vega alone stopped at 250).
    const other = await renderChart(
      upright('gegroepeerd', {
        kolommen: ['2021', '2022'],
        rijen: [
          { label: 'Nieuwbouw', waarden: [255, 60] },
          { label: 'Sloop', waarden: [15, 50] },
        ],
      }),
      theme,
    );
    expect(valueTicks(other)).toEqual([0, 50, 100, 150, 200, 250, 300]);
    expectBarsWithinGrid(other);
  });

  it('3.900 stacked → 4.000: the stack’s total counts, not its largest part', async () => {
    // Totals 3.591 and 3.900, the largest part 1.751 (which alone would give 2.000):
    // 3.900 / 5 = 780 → a step of 1.000 → 4.000.
    const svg = await renderChart(
      upright('gestapeld', {
        kolommen: ['Eerste', 'Tweede'],
        rijen: [
          { label: 'Noord', waarden: [877, 1143] },
          { label: 'Zuid-oost', waarden: [963, 1334] },
          { label: 'Zuid-west', waarden: [1751, 1423] },
        ],
      }),
      theme,
    );
    expect(valueTicks(svg)).toEqual([0, 1000, 2000, 3000, 4000]);
    expectBarsWithinGrid(svg);
    expect(markLabels(svg)[1]).toEqual(['3.591', '3.900']);
    // A stack of 57 + 67 = 124: 24,8 → a step of 20 → 140 (Vega alone stopped at 120).
    const small = await renderChart(
      upright('gestapeld', {
        kolommen: ['Eerste', 'Tweede'],
        rijen: [
          { label: 'A', waarden: [57, 40] },
          { label: 'B', waarden: [67, 30] },
        ],
      }),
      theme,
    );
    expect(valueTicks(small)).toEqual([0, 20, 40, 60, 80, 100, 120, 140]);
    expectBarsWithinGrid(small);
  });

  it('below 0 the same: -87 → -100', async () => {
    // From -87 to 40: 127 / 5 = 25,4 → a step of 20 → from -100 (5 × -20) to 40.
    const svg = await renderChart(
      upright('staaf', {
        kolommen: ['Noord', 'Midden', 'Zuid'],
        rijen: [{ label: 'Saldo', waarden: [-87, 40, 12] }],
      }),
      theme,
    );
    expect(valueTicks(svg)).toEqual([-100, -80, -60, -40, -20, 0, 20, 40]);
    expectBarsWithinGrid(svg);
    // The label under the lowest bar stays clear of the category labels below the plot: the
    // top of "Noord" (its axis's place, plus its 'top' baseline 0,79 × 11 px down less the
    // capitals' 0,66 × 11) lies below the baseline of "-87" (in the plot's coordinates).
    const axis =
      /<g class="mark-group role-axis"[^>]*><g transform="translate\([-\d.]+,([-\d.]+)\)">(?:(?!role-axis")[\s\S])*?>Noord</.exec(
        svg,
      );
    const baseline = (text: string) =>
      Number(new RegExp(`translate\\([-\\d.]+,([-\\d.]+)\\)[^>]*>${text}<`).exec(svg)?.[1]);
    const noordTop = Number(axis?.[1]) + baseline('Noord') - 0.66 * 11;
    expect(noordTop).toBeGreaterThan(baseline('-87') + 1);
  });

  it('lying bars: 124 → 140 with about 6 ticks across', async () => {
    // 124 / 6 = 20,7 → a step of 20 → 7 × 20 = 140.
    const svg = await renderChart(
      table({
        kolommen: [2024],
        rijen: [
          { label: 'Beilen', waarden: [124] },
          { label: 'Westerbork', waarden: [36] },
          { label: 'Elp', waarden: [0] },
        ],
        grafiek: { vorm: 'liggend', as: 'rijen', beschrijving: 'x' },
      }),
      theme,
    );
    expect(valueTicks(svg, true)).toEqual([0, 20, 40, 60, 80, 100, 120, 140]);
    expectBarsWithinGrid(svg, true);
  });

  it('a line: the axis spans the values, from a tick below the lowest to one above the highest', async () => {
    // 33.215 to 34.021, with room for a point under the lowest: a step of 200, 33.000 to 34.200.
    const svg = await renderChart(
      table({
        kolommen: [2010, 2015, 2020, 2025],
        rijen: [{ label: 'Inwoners', waarden: [33562, 33285, 33215, 34021] }],
        grafiek: { vorm: 'lijn', as: 'kolommen', beschrijving: 'x' },
      }),
      theme,
    );
    const ticks = valueTicks(svg);
    expect(ticks[0]).toBe(33000);
    expect(ticks.at(-1)).toBe(34200);
    expect(ticks[1]! - ticks[0]!).toBe(200);
  });
});

describe('value labels: all of a series, or none of it', () => {
  it('stacked: a series with one segment too small for its label shows none of its labels', async () => {
    // Totals 290, 300 and 168: the axis runs to 300 over the 200 px plot, 1 = 0,67 px. B's 8
    // is a segment of 5,3 px, too low for a 10 px label: none of B's labels (also not its two
    // 150s, 100 px high). A's smallest is 100 (67 px), C's 40 (27 px): all of theirs.
    const svg = await renderChart(
      upright('gestapeld', {
        kolommen: ['Noord', 'Midden', 'Zuid'],
        rijen: [
          { label: 'A', waarden: [100, 100, 100] },
          { label: 'B', waarden: [150, 150, 8] },
          { label: 'C', waarden: [40, 50, 60] },
        ],
      }),
      theme,
    );
    expect(valueTicks(svg).at(-1)).toBe(300);
    const [segments, totals] = markLabels(svg);
    expect(segments).toEqual(['40', '50', '60', '100', '100', '100']);
    expect(totals).toEqual(['168', '290', '300']);
  });

  it('grouped: a series with one label wider than its bar shows none; one whose labels all fit, all', async () => {
    // 10 categories of 2 bars in a plot narrower than the 600 px column: each category < 60 px,
    // its bars take 80 % of it (paddingInner 0,2), so a bar is < 24 px wide. "12.345" is wider
    // (checked below), so none of A's labels show, not even its narrow "12"; all of B's fit.
    const a = [12, 15, 12345, 14, 13, 12, 11, 10, 16, 17];
    const b = [5, 6, 7, 8, 9, 5, 6, 7, 8, 9];
    const svg = await renderChart(
      upright('gegroepeerd', {
        kolommen: a.map((_, i) => `K${i + 1}`),
        rijen: [
          { label: 'A', waarden: a },
          { label: 'B', waarden: b },
        ],
      }),
      theme,
    );
    const width = (t: string) => measureText(theme.fontFiles.regular, t, 10);
    expect(width('12.345')).toBeGreaterThan(24);
    // …and a bar is more than 20 px wide (a plot of over 500 px): "17" and "9" fit.
    expect(width('17')).toBeLessThan(20);
    expect(markLabels(svg)[0]).toEqual(b.map(String).sort((x, y) => Number(x) - Number(y)));
  });

  it('stack totals: all of them or none, the widest decides', async () => {
    // 15 stacks in < 600 px: a category < 40 px, a stack 70 % of it (paddingInner 0,3), < 28 px.
    // The total "123.456" (semibold) is wider: no total is shown, also not the narrow "20"s.
    const first = [123450, ...Array<number>(14).fill(10)];
    const svg = await renderChart(
      upright('gestapeld', {
        kolommen: first.map((_, i) => `K${i + 1}`),
        rijen: [
          { label: 'A', waarden: first },
          { label: 'B', waarden: [6, ...Array<number>(14).fill(10)] },
        ],
      }),
      theme,
    );
    expect(measureText(theme.fontFiles.semibold, '123.456', 10) + 2).toBeGreaterThan(28);
    expect(markLabels(svg)[1]).toEqual([]);
    // The same chart without the wide total: all 15 totals.
    const narrow = await renderChart(
      upright('gestapeld', {
        kolommen: first.map((_, i) => `K${i + 1}`),
        rijen: [
          { label: 'A', waarden: Array<number>(15).fill(10) },
          { label: 'B', waarden: Array<number>(15).fill(10) },
        ],
      }),
      theme,
    );
    expect(markLabels(narrow)[1]).toEqual(Array<string>(15).fill('20'));
  });
});

/**
 * Labels beyond the ends of bars (not those inside stacked segments, over their bar) that a
 * gridline runs through. Upright: the digits span 0,66 × size above the baseline Vega writes.
 * Lying: the label spans its measured width from its anchor, left or right of it.
 */
function struckThrough(svg: string, layers: readonly number[], lying = false): string[] {
  const lines = gridlines(svg, lying).map((at) => at + 0.5);
  const bodies = groups(svg, 'mark-text role-mark');
  const label =
    /text-anchor="(\w+)" transform="translate\(([-\d.]+),([-\d.]+)\)[^>]*font-size="(\d+)px"[^>]*>([^<]+)</g;
  return layers.flatMap((i) =>
    [...(bodies[i] ?? '').matchAll(label)]
      .filter((m) => {
        const [anchor, x, y, size, text] = [m[1], Number(m[2]), Number(m[3]), Number(m[4]), m[5]];
        const width = measureText(theme.fontFiles.regular, text ?? '', size);
        const [from, to] = !lying
          ? [y - 0.66 * size, y]
          : anchor === 'end'
            ? [x - width, x]
            : [x, x + width];
        return lines.some((at) => at > from - 0.5 && at < to + 0.5);
      })
      .map((m) => m[5] ?? ''),
  );
}

describe('no gridline runs through a value label', () => {
  it('a label that would sit on a gridline moves on past it', async () => {
    // Figuur 2's 56 ends 8 px under the 60 line; 87 and 86 well under 100.
    const bars = await renderChart(
      upright('staaf', {
        kolommen: ['Kwartaal 1', 'Kwartaal 2', 'Kwartaal 3', 'Kwartaal 4'],
        rijen: [{ label: 'Aantal', waarden: [56, 70, 86, 87] }],
      }),
      theme,
    );
    expect(markLabels(bars)[0]).toEqual(['56', '70', '86', '87']);
    expect(struckThrough(bars, [0])).toEqual([]);
    // A stack of 480 under the 500 line, and bars below 0 with -48 just above the -50 line.
    const stacked = await renderChart(
      upright('gestapeld', {
        kolommen: ['Noord', 'Zuid-west'],
        rijen: [
          { label: 'A', waarden: [171, 34] },
          { label: 'B', waarden: [145, 375] },
          { label: 'C', waarden: [52, 71] },
        ],
      }),
      theme,
    );
    expect(markLabels(stacked)[1]).toEqual(['368', '480']);
    expect(struckThrough(stacked, [1])).toEqual([]);
    const negative = await renderChart(
      upright('gegroepeerd', {
        kolommen: ['2021', '2022'],
        rijen: [
          { label: 'A', waarden: [120, -35] },
          { label: 'B', waarden: [-12, -48] },
        ],
      }),
      theme,
    );
    expect(markLabels(negative).flat().sort()).toEqual(['-12', '-35', '-48', '120']);
    expect(struckThrough(negative, [0, 1])).toEqual([]);
  });

  it('on lying bars too: a label moves on past the gridline it would cross', async () => {
    // Ticks every 20 from -20 to 140, about 3,4 px a unit: 38's label (3 to 13 px after its
    // end) would cross the 40 line, 7 px on; 139's the 140 line; -18's the -20 line.
    const svg = await renderChart(
      table({
        kolommen: [2024],
        rijen: [
          { label: 'Beilen', waarden: [139] },
          { label: 'Westerbork', waarden: [38] },
          { label: 'Elp', waarden: [17] },
          { label: 'Assen', waarden: [-18] },
        ],
        grafiek: { vorm: 'liggend', as: 'rijen', beschrijving: 'x' },
      }),
      theme,
    );
    expect(valueTicks(svg, true)).toEqual([-20, 0, 20, 40, 60, 80, 100, 120, 140]);
    expect(markLabels(svg).flat()).toEqual(['17', '38', '139', '-18']);
    expect(struckThrough(svg, [0, 1], true)).toEqual([]);
  });
});

describe('the published charts of Midden-Drenthe 2024', () => {
  it('Figuur 2 (sold per quarter, 56 to 87): the axis runs to 100, every bar under it', async () => {
    const { table: t, theme: style } = publicationChart(
      'midden-drenthe',
      'koopmarkt.verkocht_per_kwartaal',
    );
    const svg = await renderChart(t, style);
    expect(valueTicks(svg)).toEqual([0, 20, 40, 60, 80, 100]);
    expectBarsWithinGrid(svg);
    expect(markLabels(svg)[0]).toEqual(['56', '70', '86', '87']);
  });

  it('Figuur 1 (sold by type, stacked): to 400 over the largest stack (385), labels per series', async () => {
    const { table: t, theme: style } = publicationChart(
      'midden-drenthe',
      'koopmarkt.verkocht_naar_type',
    );
    const svg = await renderChart(t, style);
    // Stacks of 359, 355, 385, 292 and 300: 385 / 5 = 77 → a step of 100 → 400.
    expect(valueTicks(svg)).toEqual([0, 100, 200, 300, 400]);
    expectBarsWithinGrid(svg);
    // 400 over the 210 px plot: Tussenwoning's smallest segment (2024: 23) is 12,1 px, room for
    // a 10 px label, so all five of its labels show; Appartement's (2019: 9) is 4,7 px, so none
    // of its five. Hoekwoning (≥ 26), Twee-onder-een-kap and Vrijstaand: all.
    const [segments, totals] = markLabels(svg);
    const shown = [
      [26, 38, 25, 30, 23],
      [28, 36, 28, 26, 30],
      [113, 105, 138, 95, 84],
      [175, 167, 184, 129, 150],
    ]
      .flat()
      .sort((x, y) => x - y)
      .map(String);
    expect(segments).toEqual(shown);
    expect(totals).toEqual(['292', '300', '355', '359', '385']);
  });
});

describe('every chart of both publications', () => {
  it.each(['midden-drenthe', 'provincie-drenthe'])(
    '%s: the axis spans every value drawn, no bar beyond a gridline, no label struck through',
    async (publication) => {
      const { tables, theme: style } = publicationCharts(publication);
      expect(tables.size).toBeGreaterThan(0);
      for (const [id, t] of tables) {
        const vorm = t.grafiek?.vorm;
        const points = chartPoints(t);
        const stacked = vorm === 'gestapeld' && seriesOf(points).length > 1;
        // What is drawn: a stack's ends for stacked bars, else the values (bars from 0).
        const ends = stacked
          ? stack(points).flatMap((p) => [p.van, p.tot])
          : points.map((p) => p.waarde);
        const lying = vorm === 'liggend';
        const svg = await renderChart(t, style);
        const ticks = valueTicks(svg, lying);
        expect(ticks.at(-1), id).toBeGreaterThanOrEqual(Math.max(...ends));
        expect(ticks[0], id).toBeLessThanOrEqual(Math.min(...ends));
        if (vorm === 'lijn') continue;
        expectBarsWithinGrid(svg, lying);
        const layers = groups(svg, 'mark-text role-mark').map((_, i) => i);
        expect(struckThrough(svg, stacked ? [1] : layers, lying), id).toEqual([]);
      }
    },
  );
});
