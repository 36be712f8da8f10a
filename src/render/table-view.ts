/** A table as rows of display strings: header rows with spans, formatted cells, the total row. */
import type { Cel, Eenheid, Rij, Tabel } from '../data/schema.ts';
import type { TotaalDeel } from '../data/table.ts';
import {
  allRows,
  cellUnit,
  cellValue,
  columnLabel,
  columnUnit,
  computedColumn,
  shownTotal,
  totalPartValue,
} from '../data/table.ts';
import { formatEuro, formatGetal, formatProcent } from './format/index.ts';

export interface HeaderCell {
  text: string;
  colspan: number;
  rowspan: number;
  numeric: boolean;
}

export interface CellView {
  text: string;
  /** The source gives no value here. */
  missing: boolean;
}

export interface RowView {
  label: string;
  depth: number;
  /** A row whose values are the sum of the rows under it. */
  subtotal: boolean;
  cells: CellView[];
}

export interface TableView {
  /** Few columns: set narrow instead of across the whole column. */
  smal: boolean;
  headerRows: HeaderCell[][];
  rows: RowView[];
  total?: RowView | undefined;
  /** The total broken down (`totaal.onderdelen`): rows under the total row, at depth 1. */
  totalParts: RowView[];
}

/** A value in its unit, Dutch formatted: a count or saldo as 1.130 or -13, a share as 10,4%. */
export function formatCell(cel: Cel | undefined, unit: Eenheid): CellView {
  if (cel === null || cel === undefined) return { text: '', missing: true };
  if (cel === '-') return { text: '-', missing: false };
  switch (unit) {
    case 'procent':
    case 'mutatie':
      return { text: formatProcent(cel), missing: false };
    case 'euro':
      return { text: formatEuro(cel), missing: false };
    default:
      return { text: formatGetal(cel), missing: false };
  }
}

/** Header rows: the column groups (outermost first, equal neighbours merged), then the labels. */
function headerRows(table: Tabel): HeaderCell[][] {
  const groups = table.kolommen.map((k) => (typeof k === 'object' ? (k.groep ?? []) : []));
  const depth = Math.max(0, ...groups.map((g) => g.length));
  const rows: HeaderCell[][] = [];
  for (let level = 0; level < depth; level++) {
    const row: Array<HeaderCell & { key: string }> = [];
    groups.forEach((group) => {
      const key = group.slice(0, level + 1).join('\u0000');
      const prev = row.at(-1);
      if (prev && prev.key === key) prev.colspan++;
      else row.push({ key, text: group[level] ?? '', colspan: 1, rowspan: 1, numeric: true });
    });
    rows.push(row.map(({ key: _key, ...cell }) => cell));
  }
  rows.push(
    table.kolommen.map((k) => ({ text: columnLabel(k), colspan: 1, rowspan: 1, numeric: true })),
  );
  rows[0]?.unshift({ text: table.kop ?? '', colspan: 1, rowspan: rows.length, numeric: false });
  return rows;
}

/** A row's cell: what the source states; in a computed column, else the computed value. */
function rowCell(table: Tabel, row: Rij, c: number): Cel | undefined {
  const stated = row.waarden[c];
  if (stated !== null || !computedColumn(table, c)) return stated;
  return cellValue(table, row.waarden, c);
}

/**
 * A cell of the total row or of a part of it: what the source states, else what the rows add
 * up to (shares are not summed: blank, and not marked missing).
 */
function totalCell(table: Tabel, stated: Cel | undefined, computed: number | null, c: number) {
  return { ...formatCell(stated ?? computed, columnUnit(table, c)), missing: false };
}

function totalPart(table: Tabel, part: TotaalDeel): RowView {
  return {
    label: part.label,
    depth: 1,
    subtotal: false,
    cells: table.kolommen.map((_, c) =>
      totalCell(table, part.vermeld[c], totalPartValue(table, part, c), c),
    ),
  };
}

export function tableView(table: Tabel): TableView {
  const rows = allRows(table.rijen).map(({ row, depth }) => ({
    label: row.label,
    depth,
    subtotal: Boolean(row.onderdelen?.length),
    cells: table.kolommen.map((_, c) =>
      formatCell(rowCell(table, row, c), cellUnit(table, row, c)),
    ),
  }));
  let total: RowView | undefined;
  if (table.totaal) {
    const stated = table.totaal.vermeld;
    total = {
      label: table.totaal.label,
      depth: 0,
      subtotal: true,
      cells: table.kolommen.map((_, c) => totalCell(table, stated?.[c], shownTotal(table, c), c)),
    };
  }
  const totalParts = (table.totaal?.onderdelen ?? []).map((part) => totalPart(table, part));
  return {
    smal: table.kolommen.length <= 2,
    headerRows: headerRows(table),
    rows,
    total,
    totalParts,
  };
}
