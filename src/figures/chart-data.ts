/** A table as the long-format rows a chart draws: one row per category and series. */
import type { Eenheid, Rij, Tabel } from '../data/schema.ts';
import { cellNumber, cellUnit, columnLabel } from '../data/table.ts';

export interface ChartRow {
  categorie: string;
  reeks: string;
  waarde: number;
  /** Position of the category in the table, to keep the table's order on the axis. */
  volgorde: number;
}

/** A chart row with what the spec needs besides: the cell's unit and the series' position. */
export interface ChartPoint extends ChartRow {
  eenheid: Eenheid;
  /** Position of the series in the table (after `reeksen` picked them). */
  reeksVolgorde: number;
}

/** A leaf row with its name in the chart; a column with its position in the table. */
type Leaf = { row: Rij; name: string };
type Column = { label: string; index: number };

/** Leaf rows, depth-first, with a name unique in the table: "Smilde (Woonservice)" when needed. */
function namedLeaves(rows: readonly Rij[]): Leaf[] {
  const leaves: Array<{ row: Rij; parent?: string }> = [];
  const walk = (list: readonly Rij[], parent?: string): void => {
    for (const row of list) {
      if (row.onderdelen?.length) walk(row.onderdelen, row.label);
      else leaves.push(parent === undefined ? { row } : { row, parent });
    }
  };
  walk(rows);
  const count = new Map<string, number>();
  for (const l of leaves) count.set(l.row.label, (count.get(l.row.label) ?? 0) + 1);
  return leaves.map((l) => ({
    row: l.row,
    name:
      (count.get(l.row.label) ?? 0) > 1 && l.parent ? `${l.row.label} (${l.parent})` : l.row.label,
  }));
}

/**
 * What runs along the axis (categories) and what the series are, in table order: leaf rows and
 * columns, the series narrowed to `reeksen` when it is given.
 */
function chartAxes(table: Tabel): {
  categories: Array<Leaf | Column>;
  series: Array<Leaf | Column>;
} {
  const grafiek = table.grafiek;
  const wanted = grafiek?.reeksen && new Set(grafiek.reeksen.map(String));
  const keep = (series: string): boolean => !wanted || wanted.has(series);
  const leaves = namedLeaves(table.rijen);
  const columns: Column[] = table.kolommen.map((k, index) => ({ label: columnLabel(k), index }));
  const byRow = grafiek?.as === 'rijen';
  const categories = byRow ? leaves : columns;
  const series = (byRow ? columns : leaves).filter((s) => keep('row' in s ? s.row.label : s.label));
  return { categories, series };
}

/**
 * How big a table's chart is: its categories and series. Categories × series is the number of
 * points it can draw (a missing cell draws nothing); the data checks limit it before rendering.
 */
export function chartShape(table: Tabel): { categories: number; series: number } {
  const { categories, series } = chartAxes(table);
  return { categories: categories.length, series: series.length };
}

/**
 * Every value the chart draws, categories in table order, series in table order within each.
 * Subtotal rows (rows with `onderdelen`) are not drawn, their leaf rows are; "-" is 0 and a
 * missing cell (null) is left out, so it is never drawn as 0.
 */
export function chartPoints(table: Tabel): ChartPoint[] {
  const { categories, series } = chartAxes(table);
  const out: ChartPoint[] = [];
  categories.forEach((category, volgorde) => {
    series.forEach((serie, reeksVolgorde) => {
      const leaf = 'row' in category ? category : 'row' in serie ? serie : undefined;
      const column = 'index' in category ? category : 'index' in serie ? serie : undefined;
      if (!leaf || !column) return;
      const waarde = cellNumber(leaf.row.waarden[column.index]);
      if (waarde === null) return;
      out.push({
        categorie: 'row' in category ? category.name : category.label,
        reeks: 'row' in serie ? serie.name : serie.label,
        waarde,
        volgorde,
        eenheid: cellUnit(table, leaf.row, column.index),
        reeksVolgorde,
      });
    });
  });
  return out;
}

/** The long format the spec draws: {categorie, reeks, waarde, volgorde}, in table order. */
export function chartRows(table: Tabel): ChartRow[] {
  return chartPoints(table).map(({ categorie, reeks, waarde, volgorde }) => ({
    categorie,
    reeks,
    waarde,
    volgorde,
  }));
}

/** Series names in table order (each once; one pass over the points, then the series sorted). */
export function seriesOf(rows: readonly ChartPoint[]): string[] {
  const first = new Map<string, number>();
  for (const r of rows) {
    const seen = first.get(r.reeks);
    if (seen === undefined || r.reeksVolgorde < seen) first.set(r.reeks, r.reeksVolgorde);
  }
  return [...first].sort((a, b) => a[1] - b[1]).map(([name]) => name);
}

/**
 * Every category in table order, also one without any value: a year the source has no
 * numbers for keeps its place on the axis, empty, instead of silently closing the gap.
 */
export function chartCategories(table: Tabel): string[] {
  return table.grafiek?.as === 'rijen'
    ? namedLeaves(table.rijen).map((l) => l.name)
    : table.kolommen.map(columnLabel);
}

/** A point with where its segment starts and ends in a stack (series stacked in table order). */
export type StackedPoint = ChartPoint & { van: number; tot: number };

/** Stack the series per category: positive values up from 0, negative values down. */
export function stack(points: readonly ChartPoint[]): StackedPoint[] {
  const up = new Map<number, number>();
  const down = new Map<number, number>();
  return [...points]
    .sort((a, b) => a.volgorde - b.volgorde || a.reeksVolgorde - b.reeksVolgorde)
    .map((p) => {
      const sums = p.waarde < 0 ? down : up;
      const van = sums.get(p.volgorde) ?? 0;
      const tot = van + p.waarde;
      sums.set(p.volgorde, tot);
      return { ...p, van, tot };
    });
}
