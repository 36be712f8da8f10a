/** One table's chart as an SVG string: Vega-Lite -> Vega -> SVG in Node, no browser, no canvas. */
import { createHash } from 'node:crypto';
import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import type { Tabel } from '../data/schema.ts';
import { chartSpec } from './spec.ts';
import { useFontMetrics } from './text-metrics.ts';
import type { ChartTheme } from './theme.ts';

export interface RenderOptions {
  /**
   * Prefix of the ids inside the SVG (clip paths), unique in the page the SVG is placed in,
   * e.g. the fact id. By default a hash of the table and theme: the same input, the same bytes.
   */
  idPrefix?: string;
}

export async function renderChart(
  table: Tabel,
  theme: ChartTheme,
  options: RenderOptions = {},
): Promise<string> {
  useFontMetrics(theme.fontFamily, theme.fontFiles);
  const warnings: string[] = [];
  const collect = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  const logger = {
    level: () => logger,
    error: collect,
    warn: collect,
    info: () => {},
    debug: () => {},
  };
  const vega = compile(chartSpec(table, theme), { logger: logger as never }).spec;
  if (warnings.length) {
    throw new Error(`grafiek bij tabel "${table.titel}": ${warnings.join('; ')}`);
  }
  const view = new View(parse(vega), { renderer: 'none', logLevel: 0 });
  try {
    const svg = await view.toSVG();
    const prefix = options.idPrefix ?? defaultPrefix(table, theme);
    return renumberIds(withoutAria(svg), prefix);
  } finally {
    view.finalize();
  }
}

/**
 * Vega's SVG without its own accessibility markup. Even with `aria: false` Vega writes
 * `aria-hidden="true"` on the axes, legends and backgrounds and `role="graphics-object"` on the
 * root group; with a hidden descendant Chromium leaves the whole `role="img"` element around the
 * chart (the one that carries the description) out of the PDF's structure tree, so the chart had
 * no /Figure and no /Alt. The element around the SVG is the chart's one text alternative.
 */
export function withoutAria(svg: string): string {
  return svg.replace(/\s(?:aria-[a-z]+|role)="[^"]*"/g, '');
}

function defaultPrefix(table: Tabel, theme: ChartTheme): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([table, theme]))
    .digest('hex');
  return `grafiek-${hash.slice(0, 10)}`;
}

/**
 * Vega numbers clip paths with a counter that runs on over the whole process (clip1, clip7…).
 * Give them names from the prefix in order of appearance: stable bytes, and unique ids when
 * several SVGs share one HTML page.
 */
export function renumberIds(svg: string, prefix: string): string {
  const safe = prefix.replace(/[^A-Za-z0-9_-]+/g, '-');
  const names = new Map<string, string>();
  for (const [, id] of svg.matchAll(/\sid="([^"]+)"/g)) {
    if (id && !names.has(id)) names.set(id, `${safe}-${names.size + 1}`);
  }
  if (names.size === 0) return svg;
  return svg.replace(/(\sid="|url\(#|href="#)([^")]+)/g, (all, lead: string, id: string) => {
    const name = names.get(id);
    return name ? lead + name : all;
  });
}
