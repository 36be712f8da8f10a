/** A chart theme with the report's font, and a small table to draw, for the figure tests. */
import path from 'node:path';
import type { Tabel } from '../../src/data/schema.ts';
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
