/**
 * A chart's text alternative: the description the data gives (`grafiek.beschrijving`), written
 * by someone who knows what the chart is meant to show. Should a table ever come without one,
 * a plain one is composed from the data: what kind of chart, of what, along which categories,
 * and per series its highest and lowest value, in the table's own formatting.
 */
import type { Tabel } from '../data/schema.ts';
import { formatCell } from '../render/table-view.ts';
import { chartCategories, chartPoints, seriesOf } from './chart-data.ts';
import type { ChartPoint } from './chart-data.ts';

const KIND: Record<NonNullable<Tabel['grafiek']>['vorm'], string> = {
  staaf: 'Staafgrafiek',
  gestapeld: 'Gestapelde staafgrafiek',
  gegroepeerd: 'Gegroepeerde staafgrafiek',
  lijn: 'Lijngrafiek',
  liggend: 'Liggende staafgrafiek',
};

/** At most this many series or categories are named one by one. */
const NAMED = 8;

/** "a", "a en b", "a, b en c". */
export function dutchList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} en ${items.at(-1) ?? ''}`;
}

const value = (p: ChartPoint): string => formatCell(p.waarde, p.eenheid).text;

function categoryText(categories: readonly string[]): string {
  if (categories.length <= NAMED) return dutchList(categories);
  return `${categories[0] ?? ''} tot en met ${categories.at(-1) ?? ''}`;
}

/** The text alternative of a table's chart. */
export function chartDescription(table: Tabel): string {
  const given: string | undefined = table.grafiek?.beschrijving;
  if (given?.trim()) return given.trim();
  return composedDescription(table);
}

/** A description made from the data alone. */
export function composedDescription(table: Tabel): string {
  const kind = KIND[table.grafiek?.vorm ?? 'staaf'];
  const points = chartPoints(table);
  const categories = chartCategories(table);
  const series = seriesOf(points);
  const parts = [`${kind} van ${table.titel.replace(/\.$/, '')}`];
  if (categories.length) parts[0] += `, voor ${categoryText(categories)}`;
  if (series.length > 1 && series.length <= NAMED) parts[0] += `, per ${dutchList(series)}`;
  if (series.length > NAMED) parts[0] += `, in ${series.length} reeksen`;
  if (points.length === 0) return `${parts[0]}. De cijfers ontbreken nog.`;
  for (const name of series.slice(0, NAMED)) {
    const own = points.filter((p) => p.reeks === name);
    const high = own.reduce((a, b) => (b.waarde > a.waarde ? b : a));
    const low = own.reduce((a, b) => (b.waarde < a.waarde ? b : a));
    const lead = series.length > 1 ? `${name}: ` : '';
    const text =
      own.length === 1 || high.waarde === low.waarde
        ? `${lead}${own.length === 1 ? `${value(high)} (${high.categorie})` : `overal ${value(high)}`}`
        : `${lead}hoogste ${value(high)} (${high.categorie}), laagste ${value(low)} (${low.categorie})`;
    parts.push(text.charAt(0).toUpperCase() + text.slice(1));
  }
  return `${parts.join('. ')}.`;
}
