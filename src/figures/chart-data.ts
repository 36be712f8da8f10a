/** A table as the long-format rows a chart draws: one row per category and series. */
import type { Tabel } from '../data/schema.ts';
import type { Rij } from '../data/schema.ts';
import { cellNumber, columnLabel } from '../data/table.ts';

export interface ChartRow {
  categorie: string;
  reeks: string;
  waarde: number;
  /** Position of the category in the table, to keep the table's order on the axis. */
  volgorde: number;
}

/** Leaf rows with a name that is unique in the table: "Smilde (Woonservice)" when needed. */
function namedLeaves(rows: readonly Rij[]): Array<{ row: Rij; name: string }> {
  const leaves: Array<{ row: Rij; parent?: string }> = [];
  const walk = (list: readonly Rij[], parent?: string) =>
    list.forEach((row) =>
      row.onderdelen?.length ? walk(row.onderdelen, row.label) : leaves.push({ row, parent }),
    );
  walk(rows);
  const count = new Map<string, number>();
  for (const l of leaves) count.set(l.row.label, (count.get(l.row.label) ?? 0) + 1);
  return leaves.map((l) => ({
    row: l.row,
    name:
      (count.get(l.row.label) ?? 0) > 1 && l.parent ? `${l.row.label} (${l.parent})` : l.row.label,
  }));
}

/** Rows for the chart: leaf rows only (subtotals are not drawn), missing cells left out. */
export function chartRows(table: Tabel): ChartRow[] {
  const grafiek = table.grafiek;
  const wanted = grafiek?.reeksen?.map(String);
  const rows = namedLeaves(table.rijen);
  const columns = table.kolommen.map(columnLabel);
  const out: ChartRow[] = [];
  const keep = (series: string) => !wanted || wanted.includes(series);
  if (grafiek?.as === 'rijen') {
    rows.forEach(({ row, name }, r) => {
      columns.forEach((col, c) => {
        const value = cellNumber(row.waarden[c]);
        if (keep(col) && value !== null)
          out.push({ categorie: name, reeks: col, waarde: value, volgorde: r });
      });
    });
  } else {
    columns.forEach((col, c) => {
      rows.forEach(({ row, name }) => {
        const value = cellNumber(row.waarden[c]);
        if (keep(row.label) && value !== null)
          out.push({ categorie: col, reeks: name, waarde: value, volgorde: c });
      });
    });
  }
  return out;
}

/** Series names in table order. */
export function seriesOf(rows: readonly ChartRow[]): string[] {
  return [...new Set(rows.map((r) => r.reeks))];
}

/** Category names in table order. */
export function categoriesOf(rows: readonly ChartRow[]): string[] {
  return [...new Set([...rows].sort((a, b) => a.volgorde - b.volgorde).map((r) => r.categorie))];
}
