/** Arithmetic on tables: what a cell means, which rows are leaves, what a column adds up to. */
import type { Cel, Eenheid, Kolom, Rij, Tabel } from './schema.ts';

/** A cell as a number: "-" is none (0), null is missing. */
export function cellNumber(cel: Cel | undefined): number | null {
  if (cel === '-') return 0;
  return typeof cel === 'number' ? cel : null;
}

export function columnLabel(kolom: Kolom): string {
  return typeof kolom === 'object' ? String(kolom.label) : String(kolom);
}

/** The unit of a cell: the row's, else the column's, else the table's. */
export function cellUnit(table: Tabel, row: Rij, col: number): Eenheid {
  const kolom = table.kolommen[col];
  const colUnit = typeof kolom === 'object' ? kolom.eenheid : undefined;
  return row.eenheid ?? colUnit ?? table.eenheid;
}

export function columnUnit(table: Tabel, col: number): Eenheid {
  const kolom = table.kolommen[col];
  return (typeof kolom === 'object' ? kolom.eenheid : undefined) ?? table.eenheid;
}

/** Rows without parts, depth-first in table order. */
export function leafRows(rows: readonly Rij[]): Rij[] {
  return rows.flatMap((r) => (r.onderdelen?.length ? leafRows(r.onderdelen) : [r]));
}

/** Every row with its depth, depth-first in table order. */
export function allRows(rows: readonly Rij[], depth = 0): Array<{ row: Rij; depth: number }> {
  return rows.flatMap((row) => [{ row, depth }, ...allRows(row.onderdelen ?? [], depth + 1)]);
}

export interface Sum {
  value: number;
  /** How many cells that should add up were missing (null). */
  missing: number;
}

/** The sum of a list of rows in one column; a row with parts counts with its own value. */
export function sumRows(rows: readonly Rij[], col: number): Sum {
  let value = 0;
  let missing = 0;
  for (const row of rows) {
    const own = cellNumber(row.waarden[col]);
    if (own !== null) value += own;
    else if (row.onderdelen?.length) {
      const parts = sumRows(row.onderdelen, col);
      value += parts.value;
      missing += parts.missing;
    } else missing++;
  }
  return { value: round(value), missing };
}

/** Whether a column is summed in a total row (shares are not). */
export function isSummed(table: Tabel, col: number): boolean {
  return columnUnit(table, col) !== 'procent' && columnUnit(table, col) !== 'mutatie';
}

/** Computed total of a column, or null when cells are missing or the column is not summed. */
export function columnTotal(table: Tabel, col: number): number | null {
  if (!isSummed(table, col)) return null;
  const sum = sumRows(table.rijen, col);
  return sum.missing > 0 ? null : sum.value;
}

/** Find a row by label anywhere in the table (depth-first). */
export function findRow(table: Tabel, label: string | number): Rij | undefined {
  return allRows(table.rijen).find((r) => r.row.label === String(label))?.row;
}

/** A column's full name: its groups and its label, "Actium / Netto huur / aantal". */
export function columnPath(kolom: Kolom): string {
  return typeof kolom === 'object'
    ? [...(kolom.groep ?? []), String(kolom.label)].join(' / ')
    : String(kolom);
}

/** A column by its full name, or by its label when that is unique; -1 when there is none. */
export function findColumn(table: Tabel, label: string | number): number {
  const name = String(label);
  const byPath = table.kolommen.findIndex((k) => columnPath(k) === name);
  if (byPath >= 0) return byPath;
  const matches = table.kolommen.flatMap((k, i) => (columnLabel(k) === name ? [i] : []));
  return matches.length === 1 ? (matches[0] ?? -1) : -1;
}

/** The total a table shows: the stated one where the source gives it, else the computed one. */
export function shownTotal(table: Tabel, col: number): number | null {
  const stated = cellNumber(table.totaal?.vermeld?.[col]);
  return stated ?? columnTotal(table, col);
}

/** Removes binary floating-point noise from sums of decimals. */
export function round(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

/** How many decimals a stated number has (10.4 -> 1, 7 -> 0). */
export function decimalsOf(n: number): number {
  const s = String(n);
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}
