/** A table as the long-format rows a chart draws: one row per category and series. */
import type { Eenheid, Rij, Tabel } from '../data/schema.ts';
import { cellUnit, cellValue, columnLabel, findColumn, partLabels } from '../data/table.ts';

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

/** A leaf row with its name in the chart. */
type Leaf = { row: Rij; name: string };

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

/** What a chart draws: its categories and series by name, and the cell at each pair. */
interface Axes {
  categories: string[];
  series: string[];
  /** The row and column drawn at a category and a series (indices); undefined: nothing. */
  cell(category: number, serie: number): { row: Rij; col: number } | undefined;
}

/**
 * What runs along the axis (categories) and what the series are, in table order, the series
 * narrowed to `reeksen` when it is given:
 * - `kolommen`: the columns along the axis, the leaf rows as series;
 * - `rijen`: the leaf rows along the axis, the columns as series;
 * - `groepen`: the rows with parts along the axis, the parts' labels as series, the values from
 *   one column (`kolom`, default the first).
 */
function chartAxes(table: Tabel): Axes {
  const grafiek = table.grafiek;
  const wanted = grafiek?.reeksen && new Set(grafiek.reeksen.map(String));
  const keep = (series: string): boolean => !wanted || wanted.has(series);
  if (grafiek?.as === 'groepen') {
    const groups = table.rijen.filter((r) => r.onderdelen?.length);
    const parts = partLabels(table).filter(keep);
    const col = grafiek.kolom === undefined ? 0 : findColumn(table, grafiek.kolom);
    return {
      categories: groups.map((g) => g.label),
      series: parts,
      cell: (c, s) => {
        const part = groups[c]?.onderdelen?.find((p) => p.label === parts[s]);
        return part && col >= 0 ? { row: part, col } : undefined;
      },
    };
  }
  const leaves = namedLeaves(table.rijen);
  const columns = table.kolommen.map((k, index) => ({ label: columnLabel(k), index }));
  if (grafiek?.as === 'rijen') {
    const series = columns.filter((c) => keep(c.label));
    return {
      categories: leaves.map((l) => l.name),
      series: series.map((c) => c.label),
      cell: (c, s) => {
        const leaf = leaves[c];
        const column = series[s];
        return leaf && column ? { row: leaf.row, col: column.index } : undefined;
      },
    };
  }
  const series = leaves.filter((l) => keep(l.row.label));
  return {
    categories: columns.map((c) => c.label),
    series: series.map((l) => l.name),
    cell: (c, s) => {
      const leaf = series[s];
      return leaf && c < columns.length ? { row: leaf.row, col: c } : undefined;
    },
  };
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
 * Subtotal rows (rows with `onderdelen`) are not drawn, their leaf rows are (or, `as: groepen`,
 * their parts); "-" is 0, a computed column's empty cell its computed value, and a missing cell
 * (null) is left out, so it is never drawn as 0.
 */
export function chartPoints(table: Tabel): ChartPoint[] {
  const axes = chartAxes(table);
  const out: ChartPoint[] = [];
  axes.categories.forEach((categorie, volgorde) => {
    axes.series.forEach((reeks, reeksVolgorde) => {
      const cell = axes.cell(volgorde, reeksVolgorde);
      if (!cell) return;
      const waarde = cellValue(table, cell.row.waarden, cell.col);
      if (waarde === null) return;
      out.push({
        categorie,
        reeks,
        waarde,
        volgorde,
        eenheid: cellUnit(table, cell.row, cell.col),
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
  return chartAxes(table).categories;
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
