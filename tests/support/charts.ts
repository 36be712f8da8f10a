/**
 * For the figure tests: a chart theme with the report's font, a small table to draw, and the
 * charts of the publications in data/.
 */
import path from 'node:path';
import { resolveContext } from '../../src/context.ts';
import { checkData } from '../../src/core/check.ts';
import type { Tabel } from '../../src/data/schema.ts';
import { chartTheme } from '../../src/figures/stage.ts';
import { loadTemplates } from '../../src/render/templates.ts';
import { DEFAULT_PALETTE } from '../../src/figures/theme.ts';
import type { ChartTheme } from '../../src/figures/theme.ts';
import { ROOT } from './fixture.ts';

export const FONTS = path.join(ROOT, 'node_modules/@fontsource/source-sans-3/files');

export const theme: ChartTheme = {
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

/** Two rows over three years, one "-" and one missing cell; override what a test needs. */
export function table(over: Partial<Tabel>): Tabel {
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

/**
 * Every table with a chart in a publication's edition in data/, as the build checks it (by
 * fact id, e.g. "koopmarkt.verkocht_per_kwartaal"), and the chart theme of that publication's
 * house style (its width, height, font and palette).
 */
export function publicationCharts(
  publication: string,
  year = 2024,
): { tables: Map<string, Tabel>; theme: ChartTheme } {
  const ctx = resolveContext({ publication, year });
  const { edition } = checkData(ctx);
  const tables = new Map<string, Tabel>();
  for (const [namespace, facts] of Object.entries(edition.facts)) {
    for (const [name, fact] of Object.entries(facts)) {
      if (typeof fact === 'object' && 'soort' in fact && fact.soort === 'tabel' && fact.grafiek) {
        tables.set(`${namespace}.${name}`, fact);
      }
    }
  }
  const style = loadTemplates(ctx, edition.publicatie.sjablonen).style;
  return { tables, theme: chartTheme(ctx.root, style) };
}

/** One table with a chart of a publication's edition (see publicationCharts), and its theme. */
export function publicationChart(
  publication: string,
  fact: string,
  year = 2024,
): { table: Tabel; theme: ChartTheme } {
  const { tables, theme } = publicationCharts(publication, year);
  const found = tables.get(fact);
  if (!found) throw new Error(`${publication} ${year}: geen tabel met grafiek ${fact}`);
  return { table: found, theme };
}
