/** Rules the schema cannot express alone: units, row lengths, years within the report's range. */
import type { Diagnostic } from '../diagnostics.ts';
import type { Eenheid, Tabel } from './schema.ts';
import { chartShape } from '../figures/chart-data.ts';
import { formatGetal } from '../render/format/index.ts';
import { MAX_CHART_POINTS, MAX_TABLE_COLUMNS, MAX_TABLE_ROWS } from './limits.ts';
import {
  allRows,
  cellUnit,
  columnLabel,
  columnPath,
  computedColumn,
  findColumn,
  partLabels,
} from './table.ts';
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
    case 'saldo':
      if (!Number.isInteger(n)) return `verwacht een saldo (een geheel getal), gevonden ${n}`;
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
  // Leaf rows and columns drawn, whichever of them runs along the axis; or rows and their parts.
  const as = table.grafiek.as;
  const byRow = as === 'rijen';
  const drawnRows = byRow || as === 'groepen' ? shape.categories : shape.series;
  const drawnColumns = byRow ? shape.series : shape.categories;
  const what =
    as === 'groepen'
      ? `${n(drawnRows)} rijen × ${n(shape.series)} onderdelen`
      : `${n(drawnRows)} rijen × ${n(drawnColumns)} kolommen`;
  return [
    diagnosticAt(src, base, {
      rule: 'omvang',
      key: 'rijen',
      message: `verwacht ten hoogste ${n(MAX_CHART_POINTS)} punten per grafiek, gevonden ${n(points)} (${what}); kies minder reeksen met grafiek.reeksen, of laat grafiek weg (de tabel blijft)`,
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
  const [from, next] = yearRange(year);
  const to = Math.max(next, year + (table.vooruit ?? 0));
  const checkYear = (label: string | number, path: readonly PropertyKey[]) => {
    if (looksLikeYear(label) && (Number(label) < from || Number(label) > to)) {
      out.push(
        diagnosticAt(src, path, {
          rule: 'jaar',
          message: `verwacht een jaar van ${from} tot en met ${to} (editie ${year}), gevonden ${label}${Number(label) > to && table.vooruit === undefined ? '; een tabel die vooruitkijkt (plannen, prognoses) zegt hoeveel jaar met vooruit: N' : ''}`,
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
  out.push(...computedRules(src, base, table));
  out.push(...totalPartRules(src, base, table));
  out.push(...chartRules(src, base, table));
  const series = table.grafiek?.reeksen ?? [];
  const as = table.grafiek?.as;
  const known = new Set(
    as === 'rijen'
      ? table.kolommen.map(columnLabel)
      : as === 'groepen'
        ? partLabels(table)
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

/** The columns of a table by name, for messages: "Aantal, Aandeel". */
const columnList = (table: Tabel): string => table.kolommen.map(columnPath).join(', ');

/**
 * Computed columns (`berekend`): every label in bij and af names another column of the table, and
 * no column computes itself, directly or through others.
 */
function computedRules(src: YamlSource, base: readonly PropertyKey[], table: Tabel): Diagnostic[] {
  const out: Diagnostic[] = [];
  table.kolommen.forEach((kolom, i) => {
    if (typeof kolom !== 'object' || !kolom.berekend) return;
    const path = [...base, 'kolommen', i, 'berekend'];
    for (const side of ['bij', 'af'] as const) {
      kolom.berekend[side].forEach((label, j) => {
        const c = findColumn(table, label);
        const problem =
          c < 0
            ? `verwacht een kolom van de tabel (${columnList(table)}), gevonden ${JSON.stringify(label)}`
            : c === i || computedFrom(table, c).has(i)
              ? `kolom ${columnPath(kolom)} kan niet (via andere) uit zichzelf berekend worden, gevonden ${JSON.stringify(label)}`
              : undefined;
        if (problem)
          out.push(diagnosticAt(src, [...path, side, j], { rule: 'berekend', message: problem }));
      });
    }
  });
  return out;
}

/** Every column a computed column uses, directly or through other computed columns. */
function computedFrom(table: Tabel, col: number): Set<number> {
  const seen = new Set<number>();
  const todo = [col];
  while (todo.length) {
    const spec = computedColumn(table, todo.pop() ?? -1);
    for (const label of [...(spec?.bij ?? []), ...(spec?.af ?? [])]) {
      const c = findColumn(table, label);
      if (c >= 0 && !seen.has(c)) {
        seen.add(c);
        todo.push(c);
      }
    }
  }
  return seen;
}

/**
 * The parts of the total (`totaal.onderdelen`): each is a part the rows have (by label), once,
 * with one value per column.
 */
function totalPartRules(src: YamlSource, base: readonly PropertyKey[], table: Tabel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const parts = table.totaal?.onderdelen ?? [];
  const known = partLabels(table);
  const width = table.kolommen.length;
  const seen = new Set<string>();
  parts.forEach((part, i) => {
    const path = [...base, 'totaal', 'onderdelen', i];
    if (!known.includes(part.label)) {
      out.push(
        diagnosticAt(src, [...path, 'label'], {
          rule: 'totaal',
          message: known.length
            ? `verwacht een onderdeel van de rijen (${known.join(', ')}), gevonden ${JSON.stringify(part.label)}`
            : `verwacht rijen met onderdelen (onderdelen:) om het totaal in te delen; geen rij heeft onderdelen, gevonden ${JSON.stringify(part.label)}`,
        }),
      );
    } else if (seen.has(part.label)) {
      out.push(
        diagnosticAt(src, [...path, 'label'], {
          rule: 'totaal',
          message: `"${part.label}" staat al eerder in totaal.onderdelen; verwacht elk onderdeel één keer`,
        }),
      );
    }
    seen.add(part.label);
    if (part.vermeld.length !== width) {
      out.push(
        diagnosticAt(src, [...path, 'vermeld'], {
          rule: 'kolommen',
          message: `verwacht ${width} totalen (één per kolom), gevonden ${part.vermeld.length}`,
        }),
      );
    }
  });
  return out;
}

/** A chart of the rows' parts (`as: groepen`): rows with parts, and a column that is there. */
function chartRules(src: YamlSource, base: readonly PropertyKey[], table: Tabel): Diagnostic[] {
  const grafiek = table.grafiek;
  if (!grafiek) return [];
  const out: Diagnostic[] = [];
  const path = [...base, 'grafiek'];
  if (grafiek.as === 'groepen' && !table.rijen.some((r) => r.onderdelen?.length)) {
    out.push(
      diagnosticAt(src, [...path, 'as'], {
        rule: 'grafiek',
        message:
          'as: groepen tekent de onderdelen van de rijen, maar geen rij heeft onderdelen; kies as: kolommen of as: rijen',
      }),
    );
  }
  if (grafiek.kolom === undefined) return out;
  if (grafiek.as !== 'groepen') {
    out.push(
      diagnosticAt(src, [...path, 'kolom'], {
        rule: 'grafiek',
        message: `grafiek.kolom kiest de kolom bij as: groepen; bij as: ${grafiek.as} tekent de grafiek alle kolommen (kies ze met grafiek.reeksen)`,
      }),
    );
  } else if (findColumn(table, grafiek.kolom) < 0) {
    out.push(
      diagnosticAt(src, [...path, 'kolom'], {
        rule: 'grafiek',
        message: `verwacht een kolom van de tabel (${columnList(table)}), gevonden ${JSON.stringify(grafiek.kolom)}`,
      }),
    );
  }
  return out;
}
