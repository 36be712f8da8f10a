import type { HelperOptions } from 'handlebars';
import type { Tabel } from '../../data/schema.ts';
import { columnPath, findColumn, findRow, namedRowValue, shownTotal } from '../../data/table.ts';
import { HelperError, lineOf, requireDefined } from './values.ts';

function asTable(value: unknown, helper: string, options: HelperOptions): Tabel {
  requireDefined(helper, [value], options);
  if (value && typeof value === 'object' && (value as { soort?: unknown }).soort === 'tabel')
    return value as Tabel;
  throw new HelperError(
    `{{${helper} …}} verwacht als eerste argument een tabel uit de gegevens`,
    lineOf(options),
  );
}

function column(table: Tabel, label: unknown, helper: string, options: HelperOptions): number {
  const c = findColumn(table, String(label));
  if (c < 0) {
    throw new HelperError(
      `{{${helper} …}}: tabel "${table.titel}" heeft geen kolom ${JSON.stringify(label)}; wel: ${table.kolommen.map(columnPath).join(', ')}`,
      lineOf(options),
    );
  }
  return c;
}

/**
 * {{cel tabel "rij" "kolom"}} → the number in that cell as the table shows it (null when missing):
 * a row or part by its label or path ("Zuid-oost / Bouwers voor de markt"), the total row by its
 * label, a part of the total by its path ("Drenthe / Bouwers voor de markt").
 */
export function cel(table: unknown, row: unknown, col: unknown, options: HelperOptions) {
  const t = asTable(table, 'cel', options);
  const r = findRow(t, String(row));
  if (!r) {
    throw new HelperError(
      `{{cel …}}: tabel "${t.titel}" heeft geen rij ${JSON.stringify(row)}`,
      lineOf(options),
    );
  }
  return namedRowValue(t, r, column(t, col, 'cel', options));
}

/** {{totaal tabel "kolom"}} → the column's total as the table shows it (stated, else computed) */
export function totaal(table: unknown, col: unknown, options: HelperOptions) {
  const t = asTable(table, 'totaal', options);
  return shownTotal(t, column(t, col, 'totaal', options));
}
