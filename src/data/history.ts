/**
 * Series kept once. Tables that run over the years live once per publication, in
 * data/<publicatie>/reeksen/<onderwerp>.yaml, not in each year's folder; an edition shows such a
 * table up to its own year (or the next, for a stand on 1 January: `tot: volgend_jaar`). Adding
 * 2025 to a series therefore never changes what the 2024 edition prints. A year the publisher
 * skipped is simply not a column (or row): a gap, never a zero.
 *
 * Years run along the columns (labels 2018, 2019, …) or down the rows ("2012", "2015", …), in
 * ascending order, so cutting at a year drops only trailing columns or rows: every kept cell
 * keeps its index, and with it its place in the YAML for messages.
 */
import type { Rij, Tabel } from './schema.ts';

/** A label that is a year: 2024 or "2024". */
export function yearOf(label: unknown): number | undefined {
  const text = typeof label === 'object' && label && 'label' in label ? label.label : label;
  if (typeof text === 'number' && Number.isInteger(text) && text >= 1900 && text <= 2200)
    return text;
  if (typeof text === 'string' && /^(19|20|21)\d\d$/.test(text)) return Number(text);
  return undefined;
}

/** The last year an edition of `jaar` shows of this series. */
export function lastYearShown(table: Tabel, jaar: number): number {
  return table.tot === 'volgend_jaar' ? jaar + 1 : jaar;
}

/** How many leading items to keep, or a message when the years are not in ascending order. */
function cut(labels: readonly unknown[], last: number): number | string {
  const years = labels.map(yearOf);
  let previous = -Infinity;
  for (const y of years) {
    if (y === undefined) continue;
    if (y <= previous) return `de jaren staan niet oplopend (${y} na ${previous})`;
    previous = y;
  }
  const firstLater = years.findIndex((y) => y !== undefined && y > last);
  return firstLater < 0 ? labels.length : firstLater;
}

const take = <T>(xs: readonly T[] | undefined, n: number): T[] | undefined => xs?.slice(0, n);

function sliceRow(row: Rij, n: number): Rij {
  return {
    ...row,
    waarden: row.waarden.slice(0, n),
    ...(row.onderdelen ? { onderdelen: row.onderdelen.map((r) => sliceRow(r, n)) } : {}),
  };
}

/** The table as an edition of `jaar` shows it; `problem` when its years are out of order. */
export function seriesUpTo(table: Tabel, jaar: number): { table: Tabel; problem?: string } {
  const last = lastYearShown(table, jaar);
  const yearColumns = table.kolommen.some((k) => yearOf(k) !== undefined);
  if (yearColumns) {
    const n = cut(table.kolommen, last);
    if (typeof n === 'string') return { table, problem: n };
    const totaal = table.totaal && {
      ...table.totaal,
      vermeld: take(table.totaal.vermeld, n),
      ...(table.totaal.onderdelen
        ? {
            onderdelen: table.totaal.onderdelen.map((p) => ({
              ...p,
              vermeld: p.vermeld.slice(0, n),
            })),
          }
        : {}),
    };
    return {
      table: {
        ...table,
        kolommen: table.kolommen.slice(0, n),
        rijen: table.rijen.map((r) => sliceRow(r, n)),
        ...(totaal ? { totaal } : {}),
      },
    };
  }
  if (table.rijen.every((r) => yearOf(r.label) !== undefined)) {
    const n = cut(
      table.rijen.map((r) => r.label),
      last,
    );
    if (typeof n === 'string') return { table, problem: n };
    return { table: { ...table, rijen: table.rijen.slice(0, n) } };
  }
  return {
    table,
    problem:
      'een reeks heeft jaren als kolommen of als rijen (2018, 2019, …); deze tabel heeft geen van beide',
  };
}
