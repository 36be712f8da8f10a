/** A table as rows of display strings: header rows with spans, formatted cells, the total row. */
import type { Cel, Eenheid, Tabel } from '../data/schema.ts';
import { allRows, cellUnit, columnLabel, columnTotal, columnUnit } from '../data/table.ts';
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
}

/** A value in its unit, Dutch formatted. */
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

export function tableView(table: Tabel): TableView {
  const rows = allRows(table.rijen).map(({ row, depth }) => ({
    label: row.label,
    depth,
    subtotal: Boolean(row.onderdelen?.length),
    cells: table.kolommen.map((_, c) => formatCell(row.waarden[c], cellUnit(table, row, c))),
  }));
  let total: RowView | undefined;
  if (table.totaal) {
    const stated = table.totaal.vermeld;
    total = {
      label: table.totaal.label,
      depth: 0,
      subtotal: true,
      // What the source states, else what the rows add up to (shares are not summed: blank).
      cells: table.kolommen.map((_, c) => ({
        ...formatCell(stated?.[c] ?? columnTotal(table, c), columnUnit(table, c)),
        missing: false,
      })),
    };
  }
  return { smal: table.kolommen.length <= 2, headerRows: headerRows(table), rows, total };
}
