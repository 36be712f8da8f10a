/** One table's chart as an SVG string: Vega-Lite -> Vega -> SVG in Node, no browser. */
import { formatLocale, parse, View } from 'vega';
import { compile } from 'vega-lite';
import type { Tabel } from '../data/schema.ts';
import { chartSpec } from './spec.ts';
import { useFontMetrics } from './text-metrics.ts';
import type { ChartTheme } from './theme.ts';

/** Dutch numbers everywhere Vega formats one: 1.200 and 10,4. */
formatLocale({ decimal: ',', thousands: '.', grouping: [3], currency: ['€\u00a0', ''] });

export async function renderChart(table: Tabel, theme: ChartTheme): Promise<string> {
  useFontMetrics(theme.fontFiles);
  const vega = compile(chartSpec(table, theme)).spec;
  const view = new View(parse(vega), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return svg.replace('<svg ', '<svg role="img" focusable="false" ');
  } finally {
    view.finalize();
  }
}
