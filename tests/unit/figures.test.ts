/** Chart data, text measurement and the small parts of the figures stage. */
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import * as vega from 'vega';
import { describe, expect, it } from 'vitest';
import type { Rij } from '../../src/data/schema.ts';
import { chartRows } from '../../src/figures/chart-data.ts';
import { renderChart, renumberIds } from '../../src/figures/render-chart.ts';
import { coloursFor } from '../../src/figures/spec-parts.ts';
import { measureText } from '../../src/figures/text-metrics.ts';
import { DEFAULT_PALETTE } from '../../src/figures/theme.ts';
import { table, theme } from '../support/charts.ts';

describe('chart data', () => {
  it('uses leaf rows, not subtotals; "-" is 0 and a missing cell is left out', () => {
    const rijen: Rij[] = [
      {
        label: 'Corporatie',
        waarden: [999, 999, 999],
        onderdelen: [
          { label: 'Dorp A', waarden: [10, 12, 14] },
          { label: 'Dorp B', waarden: [5, '-', null] },
        ],
      },
      { label: 'Particulier', waarden: [1, 2, 3] },
    ];
    const rows = chartRows(table({ rijen }));
    expect(rows.map((r) => `${r.categorie}:${r.reeks}=${r.waarde}`)).toEqual([
      '2022:Dorp A=10',
      '2022:Dorp B=5',
      '2022:Particulier=1',
      '2023:Dorp A=12',
      '2023:Dorp B=0',
      '2023:Particulier=2',
      '2024:Dorp A=14',
      '2024:Particulier=3',
    ]);
    expect(rows.map((r) => r.volgorde)).toEqual([0, 0, 0, 1, 1, 1, 2, 2]);
  });

  it('keeps leaf names apart that occur under two parents', () => {
    const rows = chartRows(
      table({
        rijen: [
          {
            label: 'Actium',
            waarden: [1, 1, 1],
            onderdelen: [{ label: 'Smilde', waarden: [1, 1, 1] }],
          },
          {
            label: 'Woonservice',
            waarden: [2, 2, 2],
            onderdelen: [{ label: 'Smilde', waarden: [2, 2, 2] }],
          },
        ],
        grafiek: { vorm: 'liggend', as: 'rijen', reeksen: [2024], beschrijving: 'x' },
      }),
    );
    expect(rows.map((r) => r.categorie)).toEqual(['Smilde (Actium)', 'Smilde (Woonservice)']);
  });

  it('restricts the series, compared as strings, and keeps the table order', () => {
    const t = table({
      grafiek: { vorm: 'liggend', as: 'rijen', reeksen: [2024, '2022'], beschrijving: 'x' },
    });
    expect(chartRows(t).map((v) => `${v.categorie}/${v.reeks}`)).toEqual([
      'Rijwoning/2022',
      'Rijwoning/2024',
      'Vrijstaand/2022',
    ]);
  });
});

describe('text measurement', () => {
  it('uses the font’s advance widths, not Vega’s 0.8 × size estimate', async () => {
    const text = 'Twee-onder-een-kap';
    const font = fontkit.create(readFileSync(theme.fontFiles.regular)) as fontkit.Font;
    const own = (font.layout(text).advanceWidth / font.unitsPerEm) * 11;
    const width = measureText(theme.fontFiles.regular, text, 11);
    expect(width).toBeCloseTo(own, 6);
    expect(width).toBeGreaterThan(text.length * 11 * 0.35);
    expect(width).toBeLessThan(0.8 * 11 * text.length * 0.8);
    expect(measureText(theme.fontFiles.semibold, text, 11)).toBeGreaterThan(width);
    // and Vega itself measures with it once a chart was rendered
    await renderChart(table({}), theme);
    const metrics = (
      vega as unknown as { textMetrics: { width: (i: object, t: string) => number } }
    ).textMetrics;
    expect(metrics.width({ font: "'Source Sans 3', sans-serif", fontSize: 11 }, text)).toBeCloseTo(
      own,
      6,
    );
  });
});

describe('details', () => {
  it('renames clip ids after a prefix, in order, references included', () => {
    const svg = '<svg><defs><clipPath id="clip7"/></defs><g clip-path="url(#clip7)"/></svg>';
    expect(renumberIds(svg, 'grafiek-a.b')).toBe(
      '<svg><defs><clipPath id="grafiek-a-b-1"/></defs><g clip-path="url(#grafiek-a-b-1)"/></svg>',
    );
  });

  it('has a colour-blind-safe default palette and never repeats a colour', () => {
    expect(DEFAULT_PALETTE.length).toBeGreaterThanOrEqual(6);
    expect(DEFAULT_PALETTE.map((c) => c.toLowerCase())).not.toContain('#f0e442');
    const many = coloursFor(DEFAULT_PALETTE.length * 2 + 1, DEFAULT_PALETTE);
    expect(new Set(many).size).toBe(many.length);
  });
});
