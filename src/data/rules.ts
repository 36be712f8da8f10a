/** Rules the schema cannot express alone: units, row lengths, years within the report's range. */
import type { Diagnostic } from '../diagnostics.ts';
import type { Eenheid, Tabel } from './schema.ts';
import { chartShape } from '../figures/chart-data.ts';
import { formatGetal } from '../render/format/index.ts';
import { MAX_CHART_POINTS, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS } from './limits.ts';
import { allRows, cellUnit, columnLabel } from './table.ts';
import { diagnosticAt } from './yaml-source.ts';
import type { YamlSource } from './yaml-source.ts';

/** What is wrong with a number in a unit, or undefined. */
export function unitProblem(n: number, unit: Eenheid): string | undefined {
  switch (unit) {
    case 'aantal':
      if (!Number.isInteger(n) || n < 0)
        return `verwacht een aantal (een geheel getal van 0 of meer), gevonden ${n}`;
      return undefined;
    case 'procent':
      if (n < 0 || n > 100) return `verwacht een percentage van 0 tot en met 100, gevonden ${n}`;
      return undefined;
    case 'mutatie':
      return undefined;
    default:
      if (n < 0)
        return `verwacht ${unit === 'euro' ? 'een bedrag' : `een aantal ${unit}`} van 0 of meer, gevonden ${n}`;
      return undefined;
  }
}

/** The years an edition may speak of: a long look back, and the first of January after it. */
export function yearRange(year: number): [number, number] {
  return [year - 50, year + 1];
}

function looksLikeYear(label: string | number): boolean {
  return /^\d{4}$/.test(String(label));
}

const n = (count: number): string => formatGetal(count);

/**
 * A table or chart larger than the limits (src/data/limits.ts), at the table's `rijen` (or
 * `kolommen`) in the YAML. Nothing else is checked in such a table: one message, not thousands.
 */
export function tableSizeDiagnostics(
  src: YamlSource,
  base: readonly PropertyKey[],
  table: Tabel,
): Diagnostic[] {
  const rows = allRows(table.rijen).length;
  if (rows > MAX_TABLE_ROWS) {
    return [
      diagnosticAt(src, base, {
        rule: 'omvang',
        key: 'rijen',
        message: `verwacht ten hoogste ${n(MAX_TABLE_ROWS)} rijen per tabel (onderdelen meegeteld), gevonden ${n(rows)}; splits de tabel, of laat de rijen weg die het verslag niet toont`,
      }),
    ];
  }
  const columns = table.kolommen.length;
  if (columns > MAX_TABLE_COLUMNS) {
    return [
      diagnosticAt(src, base, {
        rule: 'omvang',
        key: 'kolommen',
        message: `verwacht ten hoogste ${n(MAX_TABLE_COLUMNS)} kolommen per tabel, gevonden ${n(columns)}; splits de tabel`,
      }),
    ];
  }
  if (!table.grafiek) return [];
  const shape = chartShape(table);
  const points = shape.categories * shape.series;
  if (points <= MAX_CHART_POINTS) return [];
  // Leaf rows and columns drawn, whichever of them runs along the axis.
  const byRow = table.grafiek.as === 'rijen';
  const drawnRows = byRow ? shape.categories : shape.series;
  const drawnColumns = byRow ? shape.series : shape.categories;
  return [
    diagnosticAt(src, base, {
      rule: 'omvang',
      key: 'rijen',
      message: `verwacht ten hoogste ${n(MAX_CHART_POINTS)} punten per grafiek, gevonden ${n(points)} (${n(drawnRows)} rijen × ${n(drawnColumns)} kolommen); kies minder reeksen met grafiek.reeksen, of laat grafiek weg (de tabel blijft)`,
    }),
  ];
}

/** Errors in one table: a row with the wrong number of cells, a value outside its unit, a year out of range. */
export function tableRuleDiagnostics(
  src: YamlSource,
  base: readonly PropertyKey[],
  table: Tabel,
  year: number,
): Diagnostic[] {
  const tooLarge = tableSizeDiagnostics(src, base, table);
  if (tooLarge.length) return tooLarge;
  const out: Diagnostic[] = [];
  const width = table.kolommen.length;
  const [from, to] = yearRange(year);
  const checkYear = (label: string | number, path: readonly PropertyKey[]) => {
    if (looksLikeYear(label) && (Number(label) < from || Number(label) > to)) {
      out.push(
        diagnosticAt(src, path, {
          rule: 'jaar',
          message: `verwacht een jaar van ${from} tot en met ${to} (editie ${year}), gevonden ${label}`,
        }),
      );
    }
  };
  table.kolommen.forEach((kolom, i) => {
    checkYear(typeof kolom === 'object' ? kolom.label : kolom, [...base, 'kolommen', i]);
    if (typeof kolom === 'object' && kolom.aandeel_van !== undefined) {
      if (kolom.aandeel_van >= width || kolom.aandeel_van === i) {
        out.push(
          diagnosticAt(src, [...base, 'kolommen', i, 'aandeel_van'], {
            rule: 'schema',
            message: `verwacht het nummer (vanaf 0) van een andere kolom, gevonden ${kolom.aandeel_van}`,
          }),
        );
      }
    }
  });
  const walk = (rows: Tabel['rijen'], path: readonly PropertyKey[]) => {
    rows.forEach((row, r) => {
      const rowPath = [...path, r];
      checkYear(row.label, [...rowPath, 'label']);
      if (row.waarden.length !== width) {
        out.push(
          diagnosticAt(src, [...rowPath, 'waarden'], {
            rule: 'kolommen',
            message: `verwacht ${width} waarden (één per kolom: ${table.kolommen.map(columnLabel).join(', ')}), gevonden ${row.waarden.length}`,
          }),
        );
      }
      row.waarden.forEach((cel, c) => {
        if (typeof cel !== 'number') return;
        const problem = unitProblem(cel, cellUnit(table, row, c));
        if (problem)
          out.push(
            diagnosticAt(src, [...rowPath, 'waarden', c], { rule: 'eenheid', message: problem }),
          );
      });
      if (row.onderdelen) walk(row.onderdelen, [...rowPath, 'onderdelen']);
    });
  };
  walk(table.rijen, [...base, 'rijen']);
  if (table.totaal?.vermeld && table.totaal.vermeld.length !== width) {
    out.push(
      diagnosticAt(src, [...base, 'totaal', 'vermeld'], {
        rule: 'kolommen',
        message: `verwacht ${width} totalen (één per kolom), gevonden ${table.totaal.vermeld.length}`,
      }),
    );
  }
  if (table.balans) {
    const names = table.kolommen.map(columnLabel);
    const { stand, bij, af } = table.balans;
    const check = (label: string | number, path: readonly PropertyKey[]) => {
      if (!names.includes(String(label))) {
        out.push(
          diagnosticAt(src, path, {
            rule: 'balans',
            message: `verwacht een kolom van de tabel (${names.join(', ')}), gevonden ${JSON.stringify(label)}`,
          }),
        );
      }
    };
    check(stand, [...base, 'balans', 'stand']);
    bij.forEach((l, i) => check(l, [...base, 'balans', 'bij', i]));
    af.forEach((l, i) => check(l, [...base, 'balans', 'af', i]));
  }
  const series = table.grafiek?.reeksen ?? [];
  const known = new Set(
    table.grafiek?.as === 'rijen'
      ? table.kolommen.map(columnLabel)
      : allRows(table.rijen).map((r) => r.row.label),
  );
  series.forEach((s, i) => {
    if (!known.has(String(s))) {
      out.push(
        diagnosticAt(src, [...base, 'grafiek', 'reeksen', i], {
          rule: 'grafiek',
          message: `verwacht een van: ${[...known].join(', ')}; gevonden ${JSON.stringify(s)}`,
        }),
      );
    }
  });
  return out;
}
