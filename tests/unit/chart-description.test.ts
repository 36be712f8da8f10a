/**
 * A chart's text alternative: the SVG carries no accessibility markup of its own (Vega's
 * aria-hidden groups made Chromium drop the chart from the PDF's structure tree), and the element
 * around it is described by the data's `beschrijving`, or, without one, by a text made from the data.
 */
import { describe, expect, it } from 'vitest';
import type { Tabel } from '../../src/data/schema.ts';
import { chartDescription, composedDescription, dutchList } from '../../src/figures/describe.ts';
import { renderChart, withoutAria } from '../../src/figures/render-chart.ts';
import { publicationCharts, table, theme } from '../support/charts.ts';

describe('the chart as an image with one text alternative', () => {
  it('has no role or aria attribute inside the SVG', async () => {
    const svg = await renderChart(table({}), theme);
    expect(svg).not.toMatch(/\saria-[a-z]+=/);
    expect(svg).not.toMatch(/\srole=/);
    expect(svg).toMatch(/^<svg[^>]*>/);
    expect(withoutAria('<g role="graphics-object" aria-hidden="true" class="x">')).toBe(
      '<g class="x">',
    );
  });

  it('is described by the data where it gives a description, in every chart of both reports', () => {
    for (const publication of ['midden-drenthe', 'provincie-drenthe']) {
      for (const [, t] of publicationCharts(publication).tables) {
        expect(chartDescription(t)).toBe(t.grafiek?.beschrijving.trim());
      }
    }
  });

  it('without a description, says what the chart shows and its main values, in Dutch', () => {
    const t = table({
      titel: 'Verkochte woningen.',
      grafiek: { vorm: 'gestapeld', as: 'kolommen', beschrijving: '' },
    });
    expect(chartDescription(t)).toBe(composedDescription(t));
    expect(composedDescription(t)).toBe(
      'Gestapelde staafgrafiek van Verkochte woningen, voor 2022, 2023 en 2024, per Rijwoning en ' +
        'Vrijstaand. Rijwoning: hoogste 14 (2024), laagste 10 (2022). ' +
        'Vrijstaand: hoogste 5 (2022), laagste 0 (2023).',
    );
    const shares: Tabel = table({
      eenheid: 'procent',
      kolommen: Array.from({ length: 12 }, (_, i) => 2013 + i),
      rijen: [{ label: 'Aandeel', waarden: Array.from({ length: 12 }, (_, i) => 10 + i / 2) }],
      grafiek: { vorm: 'lijn', as: 'kolommen', beschrijving: ' ' },
    });
    expect(chartDescription(shares)).toBe(
      'Lijngrafiek van Proef, voor 2013 tot en met 2024. Hoogste 15,5% (2024), laagste 10% (2013).',
    );
  });

  it('joins lists the Dutch way', () => {
    expect(dutchList([])).toBe('');
    expect(dutchList(['a'])).toBe('a');
    expect(dutchList(['a', 'b'])).toBe('a en b');
    expect(dutchList(['a', 'b', 'c'])).toBe('a, b en c');
  });
});
