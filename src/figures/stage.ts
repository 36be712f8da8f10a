/** The figures stage: every table with a `grafiek` becomes an SVG, keyed by its fact id. */
import type { Rij } from '../data/schema.ts';
import type { Edition } from '../data/validate.ts';
import { fontFilePath } from '../render/fonts.ts';
import type { HouseStyle } from '../render/house-style.ts';
import { chartKey } from './cache.ts';
import type { ChartCache } from './cache.ts';
import type { ChartTheme } from './theme.ts';

/** The chart theme that matches a publication's house style. */
export function chartTheme(root: string, style: HouseStyle): ChartTheme {
  const file = (weight: number) =>
    fontFilePath(root, style.lettertype, { subset: 'latin', weight, style: 'normal' });
  return {
    fontFamily: style.lettertype.familie,
    fontFiles: { regular: file(400), semibold: file(600) },
    fontSize: style.grafiek.tekstgrootte,
    textColor: style.grafiek.tekstkleur,
    gridColor: style.grafiek.rasterkleur,
    palette: style.grafiek.palet,
    width: style.grafiek.breedte,
    height: style.grafiek.hoogte,
  };
}

function hasNumbers(rows: readonly Rij[]): boolean {
  return rows.some(
    (r) => r.waarden.some((c) => typeof c === 'number') || hasNumbers(r.onderdelen ?? []),
  );
}

/** Every chart of an edition; with a cache, a chart whose input did not change is not rendered again. */
export async function renderFigures(
  edition: Edition,
  theme: ChartTheme,
  cache?: ChartCache,
): Promise<Map<string, string>> {
  const charts = new Map<string, string>();
  const fonts = [theme.fontFiles.regular, theme.fontFiles.semibold];
  for (const [namespace, facts] of Object.entries(edition.facts)) {
    for (const [name, fact] of Object.entries(facts)) {
      if (typeof fact === 'object' && 'soort' in fact && fact.soort === 'tabel' && fact.grafiek) {
        // A table with no number yet (a new year not filled in) gets no empty chart: its table
        // shows the gaps.
        if (!hasNumbers(fact.rijen)) continue;
        const id = `${namespace}.${name}`;
        const idPrefix = `grafiek-${id}`;
        const key = cache && chartKey({ fact, theme, idPrefix }, fonts);
        let svg = key ? cache?.get(key) : undefined;
        if (!svg) {
          // Vega is loaded only when a chart has to be drawn.
          const { renderChart } = await import('./render-chart.ts');
          svg = await renderChart(fact, theme, { idPrefix });
          if (key) cache?.set(key, svg);
        }
        charts.set(id, svg);
      }
    }
  }
  return charts;
}
