/**
 * Every table of the report as open data: a CSV file beside the HTML edition, linked from the
 * figure. Written as Dutch spreadsheets read it without asking: UTF-8 with a byte order mark, `;`
 * between fields, a decimal comma and no thousands separator, CRLF line ends, fields quoted as
 * RFC 4180 says (with `;` for its comma). The values come from the data, not from the printed
 * table: 1130 where the table prints 1.130, 10,4 where it prints 10,4%.
 *
 * One header row (the label column's head, then each column's full name, its groups joined with
 * " / "), one row per table row (a part named by its path, "Woonservice / Smilde"), then the total
 * row and its parts. A missing cell (null) is empty, a dash ("-") stays "-". A computed column's
 * or total's empty cell holds the computed value, as the printed table shows it.
 */
import type { Cel, Rij, Tabel } from '../data/schema.ts';
import {
  cellValue,
  columnPath,
  computedColumn,
  round,
  shownTotal,
  totalPartValue,
} from '../data/table.ts';
import type { Placement } from './helpers/figuur.ts';

export const CSV_SEPARATOR = ';';
const BOM = '\uFEFF';
const EOL = '\r\n';

/**
 * The file name of a table's CSV: the HTML edition's name, then the table's id (`onderwerp.naam`,
 * its dot a hyphen): jaarverslag-wonen-midden-drenthe-2024-koopmarkt-verkocht_naar_type.csv.
 * The id is the name in the data, so the file keeps its name when figures are renumbered.
 */
export function csvFileName(baseName: string, id: string): string {
  return `${baseName}-${id.replace(/[^A-Za-z0-9_-]+/g, '-')}.csv`;
}

/** A field as it stands in the file: quoted, its quotes doubled, when it holds `;`, `"` or a line end. */
export function csvField(text: string): string {
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A text from the data (a label, a column name): a spreadsheet would run one that starts with
 * =, +, -, @ or a tab as a formula, so such a text gets a leading apostrophe (the usual guard:
 * Excel shows the text, not the apostrophe). Numbers are written by csvNumber and never guarded.
 */
export function csvText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A number with a decimal comma and no thousands separator: 1130, 10,4, -13, 454,47. */
export function csvNumber(value: number): string {
  const n = round(value);
  let text = String(n);
  // Very small or very large numbers would read 1e-7: write all their digits.
  if (/e/i.test(text)) text = n.toFixed(20).replace(/\.?0+$/, '');
  return text.replace('.', ',');
}

/** A cell: a number, "-" as the source prints it, empty when the value is missing. */
export function csvCell(cel: Cel | undefined): string {
  if (cel === null || cel === undefined) return '';
  return cel === '-' ? '-' : csvNumber(cel);
}

/** A row's cell as the table shows it: stated, else in a computed column the computed value. */
function rowCell(table: Tabel, row: Rij, c: number): Cel {
  const stated = row.waarden[c] ?? null;
  if (stated !== null || !computedColumn(table, c)) return stated;
  return cellValue(table, row.waarden, c);
}

/** The table's lines of fields: header, rows (depth-first, by path), total, parts of the total. */
export function tableRecords(table: Tabel): string[][] {
  const columns = table.kolommen.map((_, c) => c);
  const records: string[][] = [
    [csvText(table.kop ?? ''), ...table.kolommen.map((k) => csvText(columnPath(k)))],
  ];
  const walk = (rows: readonly Rij[], path: readonly string[]): void => {
    for (const row of rows) {
      const label = [...path, row.label];
      records.push([
        csvText(label.join(' / ')),
        ...columns.map((c) => csvCell(rowCell(table, row, c))),
      ]);
      walk(row.onderdelen ?? [], label);
    }
  };
  walk(table.rijen, []);
  const totaal = table.totaal;
  if (totaal) {
    records.push([
      csvText(totaal.label),
      ...columns.map((c) => csvCell(totaal.vermeld?.[c] ?? shownTotal(table, c))),
    ]);
    for (const part of totaal.onderdelen ?? []) {
      records.push([
        csvText(`${totaal.label} / ${part.label}`),
        ...columns.map((c) => csvCell(part.vermeld[c] ?? totalPartValue(table, part, c))),
      ]);
    }
  }
  return records;
}

/** The whole file: byte order mark, one line per record, every line ended with CRLF. */
export function tableCsv(table: Tabel): string {
  const lines = tableRecords(table).map((r) => r.map(csvField).join(CSV_SEPARATOR));
  return BOM + lines.map((l) => l + EOL).join('');
}

export interface CsvFile {
  /** The table's id, `onderwerp.naam`. */
  id: string;
  /** The file name, beside the HTML edition. */
  name: string;
  data: string;
}

/** A CSV for every table placed in the report (figures and unnumbered tables), in report order. */
export function csvFiles(baseName: string, placements: Iterable<Placement>): CsvFile[] {
  const out: CsvFile[] = [];
  for (const p of placements) {
    if (p.kind === 'foto' || p.fact.soort !== 'tabel') continue;
    out.push({ id: p.id, name: csvFileName(baseName, p.id), data: tableCsv(p.fact) });
  }
  return out;
}
