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

/** A part of the total row (`totaal.onderdelen`): the total of the parts with its label. */
export type TotaalDeel = NonNullable<NonNullable<Tabel['totaal']>['onderdelen']>[number];

/**
 * Whether an empty cell (null) of a row is simply not stated, rather than missing: a computed
 * column (the pipeline computes it), or a share in a row that has parts (a subtotal's share of the
 * whole is often left blank by a source that gives the parts' shares of the subtotal).
 */
export function cellOptional(table: Tabel, row: Rij, col: number): boolean {
  const kolom = table.kolommen[col];
  const share = typeof kolom === 'object' && kolom.aandeel_van !== undefined;
  return Boolean(computedColumn(table, col)) || (share && Boolean(row.onderdelen?.length));
}

/** How a column is computed from the other columns of its row (`berekend`), if it is. */
export function computedColumn(
  table: Tabel,
  col: number,
): { bij: ReadonlyArray<string | number>; af: ReadonlyArray<string | number> } | undefined {
  const kolom = table.kolommen[col];
  return typeof kolom === 'object' ? kolom.berekend : undefined;
}

/** One term of a computed cell: the column it comes from, added or taken off, its value. */
export interface Term {
  col: number;
  sign: 1 | -1;
  /** null: missing. */
  value: number | null;
}

/**
 * The terms of a computed column in one row, in the table's column order; `valueOf` gives the
 * row's value in another column. undefined when the column is not computed.
 */
export function computedTerms(
  table: Tabel,
  col: number,
  valueOf: (col: number) => number | null,
): Term[] | undefined {
  const spec = computedColumn(table, col);
  if (!spec) return undefined;
  const terms: Array<Omit<Term, 'value'>> = [
    ...spec.bij.map((label) => ({ col: findColumn(table, label), sign: 1 as const })),
    ...spec.af.map((label) => ({ col: findColumn(table, label), sign: -1 as const })),
  ];
  return terms
    .filter((t) => t.col >= 0)
    .sort((a, b) => a.col - b.col)
    .map((t) => ({ ...t, value: valueOf(t.col) }));
}

/** The sum of the terms (bij − af); null when one of them is missing. */
export function termsValue(terms: readonly Term[]): number | null {
  if (terms.some((t) => t.value === null)) return null;
  return round(terms.reduce((s, t) => s + t.sign * (t.value ?? 0), 0));
}

/**
 * A value as the table shows it: the stated one (`stated`), else, in a computed column, the
 * computed one from the same row's values (themselves stated or computed).
 */
function shown(
  table: Tabel,
  col: number,
  stated: (col: number) => number | null,
  depth = 0,
): number | null {
  const own = stated(col);
  // A column that (through others) computes itself is a validation error; never loop here.
  if (own !== null || depth > table.kolommen.length) return own;
  const terms = computedTerms(table, col, (c) => shown(table, c, stated, depth + 1));
  return terms ? termsValue(terms) : null;
}

/** A row's cell as the table shows it: the stated number, else computed (`berekend`). */
export function cellValue(table: Tabel, cells: readonly Cel[], col: number): number | null {
  return shown(table, col, (c) => cellNumber(cells[c]));
}

export interface Sum {
  value: number;
  /** How many cells that should add up were missing (null). */
  missing: number;
  /** The rows of the missing cells, by path ("Woonservice / Smilde"). */
  missingAt: string[];
}

const joinPath = (prefix: string, label: string) => (prefix ? `${prefix} / ${label}` : label);

/**
 * The sum of a list of rows in one column; a row counts with its own value (stated or computed),
 * else with the sum of its parts. `prefix` names the rows' parent in `missingAt`.
 */
export function sumRows(table: Tabel, rows: readonly Rij[], col: number, prefix = ''): Sum {
  let value = 0;
  let missing = 0;
  const missingAt: string[] = [];
  for (const row of rows) {
    const own = cellValue(table, row.waarden, col);
    if (own !== null) value += own;
    else if (row.onderdelen?.length) {
      const parts = sumRows(table, row.onderdelen, col, joinPath(prefix, row.label));
      value += parts.value;
      missing += parts.missing;
      missingAt.push(...parts.missingAt);
    } else {
      missing++;
      missingAt.push(joinPath(prefix, row.label));
    }
  }
  return { value: round(value), missing, missingAt };
}

/** A row's value as the table shows it, else the sum of its parts; null when that is missing. */
export function rowValue(table: Tabel, row: Rij, col: number): number | null {
  const own = cellValue(table, row.waarden, col);
  if (own !== null || !row.onderdelen?.length) return own;
  const parts = sumRows(table, row.onderdelen, col, row.label);
  return parts.missing ? null : parts.value;
}

/**
 * The sum, over the table's rows, of their parts with this label (what a part of the total
 * states): a row without such a part counts as a missing cell.
 */
export function sumOfParts(table: Tabel, label: string, col: number): Sum {
  let value = 0;
  let missing = 0;
  const missingAt: string[] = [];
  for (const row of table.rijen) {
    const part = row.onderdelen?.find((p) => p.label === label);
    const sum = part
      ? sumRows(table, [part], col, row.label)
      : { value: 0, missing: 1, missingAt: [joinPath(row.label, label)] };
    value += sum.value;
    missing += sum.missing;
    missingAt.push(...sum.missingAt);
  }
  return { value: round(value), missing, missingAt };
}

/** The labels of the rows' parts (one level down), each once, in table order. */
export function partLabels(table: Tabel): string[] {
  return [...new Set(table.rijen.flatMap((r) => (r.onderdelen ?? []).map((p) => p.label)))];
}

/** Whether a column is summed in a total row (shares are not). */
export function isSummed(table: Tabel, col: number): boolean {
  return columnUnit(table, col) !== 'procent' && columnUnit(table, col) !== 'mutatie';
}

/** Computed total of a column, or null when cells are missing or the column is not summed. */
export function columnTotal(table: Tabel, col: number): number | null {
  if (!isSummed(table, col)) return null;
  const sum = sumRows(table, table.rijen, col);
  return sum.missing > 0 ? null : sum.value;
}

/**
 * The total a table shows: the stated one where the source gives it, else the computed one (the
 * sum of the rows, or in a computed column, from the total row's other values).
 */
export function shownTotal(table: Tabel, col: number): number | null {
  return shown(table, col, (c) => cellNumber(table.totaal?.vermeld?.[c]) ?? columnTotal(table, c));
}

/** A part of the total as the table shows it: stated, else the sum of the rows' parts. */
export function totalPartValue(table: Tabel, part: TotaalDeel, col: number): number | null {
  return shown(table, col, (c) => {
    const stated = cellNumber(part.vermeld[c]);
    if (stated !== null || !isSummed(table, c)) return stated;
    const sum = sumOfParts(table, part.label, c);
    return sum.missing ? null : sum.value;
  });
}

/** The row at a path of labels from the top ("Zuid-oost", "Bouwers voor de markt"). */
export function rowAtPath(rows: readonly Rij[], labels: readonly string[]): Rij | undefined {
  const [first, ...rest] = labels;
  const row = rows.find((r) => r.label === first);
  if (!row || rest.length === 0) return row;
  return rowAtPath(row.onderdelen ?? [], rest);
}

/** A row a lookup can name: a row or part, the total row, or a part of the total. */
export type NamedRow =
  { kind: 'rij'; row: Rij } | { kind: 'totaal' } | { kind: 'totaaldeel'; part: TotaalDeel };

/**
 * Find a row by its label anywhere in the table (depth-first, as always), else by its path
 * "Zuid-oost / Bouwers voor de markt"; the total row by its label ("Drenthe"), a part of the
 * total by its path ("Drenthe / Bouwers voor de markt").
 */
export function findRow(table: Tabel, label: string | number): NamedRow | undefined {
  const name = String(label);
  const row = allRows(table.rijen).find((r) => r.row.label === name)?.row;
  if (row) return { kind: 'rij', row };
  const labels = name.split(' / ');
  const byPath = labels.length > 1 ? rowAtPath(table.rijen, labels) : undefined;
  if (byPath) return { kind: 'rij', row: byPath };
  const totaal = table.totaal;
  if (!totaal || labels[0] !== totaal.label) return undefined;
  if (labels.length === 1) return { kind: 'totaal' };
  const part = labels.length === 2 && totaal.onderdelen?.find((p) => p.label === labels[1]);
  return part ? { kind: 'totaaldeel', part } : undefined;
}

/** The value of a named row in a column, as the table shows it; null when missing. */
export function namedRowValue(table: Tabel, named: NamedRow, col: number): number | null {
  switch (named.kind) {
    case 'rij':
      return rowValue(table, named.row, col);
    case 'totaal':
      return shownTotal(table, col);
    case 'totaaldeel':
      return totalPartValue(table, named.part, col);
  }
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

/** One typed value of a table: a cell of a row (parts included), or of a stated total. */
export interface TableValue {
  /** Where it is typed, from the table's own key: ['rijen', 1, 'onderdelen', 0, 'waarden', 2]. */
  path: Array<string | number>;
  /** How a person names it: `rij "Actium / Beilen", kolom 2024` or `vermeld totaal "Totaal", kolom 2024`. */
  label: string;
  cel: Cel;
  eenheid: Eenheid;
  column: number;
  /** The column's full name ("Actium / Netto huur / aantal"), its number when it has none. */
  columnName: string;
  /** The row it is in (undefined for a stated total) and its indices and labels from the top. */
  row?: Rij | undefined;
  rows: number[];
  rowLabels: string[];
  /** A stated total's part (`totaal.onderdelen`): its index and label. */
  totalPart?: { index: number; label: string } | undefined;
}

/**
 * Every typed value of a table in file order: each row's cells, then its parts', depth-first;
 * then the stated total and the stated totals of its parts. The status (what is missing) and
 * the review's values record (what changed) both name a value this way.
 */
export function tableValues(table: Tabel): TableValue[] {
  const out: TableValue[] = [];
  const kolom = (c: number) => {
    const k = table.kolommen[c];
    return k === undefined ? `${c + 1}` : columnPath(k);
  };
  const walk = (
    rows: readonly Rij[],
    path: Array<string | number>,
    indices: number[],
    labels: string[],
  ) => {
    rows.forEach((row, r) => {
      const rowLabels = [...labels, row.label];
      row.waarden.forEach((cel, c) => {
        out.push({
          path: [...path, r, 'waarden', c],
          label: `rij "${rowLabels.join(' / ')}", kolom ${kolom(c)}`,
          cel,
          eenheid: cellUnit(table, row, c),
          column: c,
          columnName: kolom(c),
          row,
          rows: [...indices, r],
          rowLabels,
        });
      });
      if (row.onderdelen)
        walk(row.onderdelen, [...path, r, 'onderdelen'], [...indices, r], rowLabels);
    });
  };
  walk(table.rijen, ['rijen'], [], []);
  const label = table.totaal?.label ?? 'Totaal';
  const stated = (
    cells: readonly Cel[],
    path: Array<string | number>,
    name: string,
    totalPart?: TableValue['totalPart'],
  ) =>
    cells.forEach((cel, c) =>
      out.push({
        path: [...path, c],
        label: `vermeld totaal "${name}", kolom ${kolom(c)}`,
        cel,
        eenheid: columnUnit(table, c),
        column: c,
        columnName: kolom(c),
        rows: [],
        rowLabels: [],
        totalPart,
      }),
    );
  stated(table.totaal?.vermeld ?? [], ['totaal', 'vermeld'], label);
  table.totaal?.onderdelen?.forEach((part, i) =>
    stated(part.vermeld, ['totaal', 'onderdelen', i, 'vermeld'], `${label} / ${part.label}`, {
      index: i,
      label: part.label,
    }),
  );
  return out;
}
