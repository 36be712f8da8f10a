/**
 * Consistency checks: do totals, subtotals and shares agree with their parts? A stated value that
 * does not add up is kept (the report says what the source says) and reported as a warning.
 * Missing values are warnings in a draft and errors in a final edition.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { Cel, Eenheid, Rij, Tabel } from './schema.ts';
import { formatGetal } from '../render/format/index.ts';
import { roundHalfAway } from '../render/format/round.ts';
import {
  allRows,
  cellNumber,
  cellValue,
  columnPath,
  columnUnit,
  cellOptional,
  computedColumn,
  computedTerms,
  decimalsOf,
  findColumn,
  isSummed,
  round,
  rowValue,
  shownTotal,
  sumOfParts,
  sumRows,
  termsValue,
  totalPartValue,
} from './table.ts';
import type { Sum } from './table.ts';
import type { Edition } from './validate.ts';
import { isComputed } from './derive.ts';
import { diagnosticAt } from './yaml-source.ts';
import type { YamlSource } from './yaml-source.ts';

export interface CheckOptions {
  final: boolean;
}

/** All consistency diagnostics of an edition (warnings, and errors for gaps in a final edition). */
export function checkEdition(edition: Edition, opts: CheckOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [namespace, facts] of Object.entries(edition.facts)) {
    for (const [name, fact] of Object.entries(facts)) {
      if (typeof fact !== 'object') continue;
      // A series' table is located in reeksen/, everything else in the year's file.
      const src = edition.factSources.get(`${namespace}.${name}`) ?? edition.sources.get(namespace);
      if (!src) continue;
      if ('soort' in fact && fact.soort === 'tabel') out.push(...checkTable(src, name, fact, opts));
      else if ('soort' in fact && fact.soort === 'ontbreekt' && !fact.weglaten) {
        out.push(
          diagnosticAt(src, [name], {
            severity: opts.final ? 'error' : 'warning',
            rule: 'ontbreekt',
            message: `de cijfers van "${fact.titel}" ontbreken: ${fact.reden}${opts.final ? ' Een definitieve editie vraagt de cijfers, of weglaten: true.' : ' Het concept toont een plaatshouder.'}`,
          }),
        );
      } else if ('soort' in fact && fact.soort === 'afgeleid') {
        if (isComputed(fact) && fact.waarde === null) {
          out.push(
            diagnosticAt(src, [name, 'formule'], {
              severity: opts.final ? 'error' : 'warning',
              rule: 'ontbreekt',
              message: 'de formule geeft geen waarde: een getal dat ze gebruikt ontbreekt (null)',
            }),
          );
        }
      } else if ('waarde' in fact && fact.waarde === null) {
        out.push(
          diagnosticAt(src, [name, 'waarde'], {
            severity: opts.final ? 'error' : 'warning',
            rule: 'ontbreekt',
            message: 'de waarde ontbreekt (null)',
          }),
        );
      }
    }
  }
  if (edition.editie.datum === null) {
    out.push(
      diagnosticAt(edition.editieSource, ['datum'], {
        severity: opts.final ? 'error' : 'warning',
        rule: 'ontbreekt',
        message: 'de datum van de editie ontbreekt (null); het omslag toont een plaatshouder',
      }),
    );
  }
  return out;
}

const fmt = (n: number) => formatGetal(n);

type Path = readonly PropertyKey[];

/** A value in its unit, for a message: 45,3% for a share or change, else 1.130 or -13. */
function fmtIn(n: number, unit: Eenheid): string {
  return unit === 'procent' || unit === 'mutatie' ? `${formatGetal(n)}%` : fmt(n);
}

/**
 * What a sum lacks: "(2 cellen ontbreken)". With exactly one missing cell and a stated total,
 * what that total implies for it: "(1 cel ontbreekt: met het vermelde totaal zou rij "Zuid-west"
 * 560 zijn)"; the cell itself stays missing.
 */
function missingNote(sum: Sum, impliedBy?: number): string {
  if (!sum.missing) return '';
  const cells = `${sum.missing} ${sum.missing === 1 ? 'cel ontbreekt' : 'cellen ontbreken'}`;
  const at = sum.missingAt[0];
  if (sum.missing === 1 && impliedBy !== undefined && at !== undefined)
    return ` (${cells}: met het vermelde totaal zou rij "${at}" ${fmt(round(impliedBy - sum.value))} zijn)`;
  return ` (${cells})`;
}

/** Every row and part with its path of labels and its place in the YAML, depth-first. */
function rowsWithPaths(
  rows: readonly Rij[],
  path: Path,
  labels: readonly string[] = [],
): Array<{ row: Rij; name: string; path: Path; parent?: Rij }> {
  return rows.flatMap((row, r) => {
    const rowPath = [...path, r];
    const rowLabels = [...labels, row.label];
    return [
      { row, name: rowLabels.join(' / '), path: rowPath },
      ...rowsWithPaths(row.onderdelen ?? [], [...rowPath, 'onderdelen'], rowLabels).map((x) =>
        x.parent ? x : { ...x, parent: row },
      ),
    ];
  });
}

function checkTable(src: YamlSource, name: string, table: Tabel, opts: CheckOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  const base = [name];
  const cols = table.kolommen.map(columnPath);
  const totalLabel = table.totaal?.label ?? 'Totaal';
  const rows = rowsWithPaths(table.rijen, [...base, 'rijen']);
  const warn = (path: Path, rule: string, message: string) =>
    out.push(diagnosticAt(src, path, { severity: 'warning', rule, message }));
  const where = (rowName: string, c: number) =>
    `tabel "${table.titel}", rij "${rowName}", kolom ${cols[c]}`;
  // Stated totals against the sum of the rows.
  table.totaal?.vermeld?.forEach((stated, c) => {
    const statedN = cellNumber(stated);
    if (statedN === null || !isSummed(table, c)) return;
    const sum = sumRows(table, table.rijen, c);
    if (sum.value !== statedN) {
      warn(
        [...base, 'totaal', 'vermeld', c],
        'totaal',
        `${where(totalLabel, c)}: vermeld ${fmt(statedN)}, berekend ${fmt(sum.value)}${missingNote(sum, statedN)}`,
      );
    }
  });
  // Subtotals against their parts.
  for (const { row, name: rowName, path } of rows) {
    if (!row.onderdelen?.length) continue;
    row.waarden.forEach((cel, c) => {
      const stated = cellNumber(cel);
      if (stated === null || !isSummed(table, c)) return;
      const sum = sumRows(table, row.onderdelen ?? [], c, rowName);
      if (sum.value !== stated) {
        warn(
          [...path, 'waarden', c],
          'subtotaal',
          `${where(rowName, c)}: vermeld ${fmt(stated)}, som van de onderdelen ${fmt(sum.value)}${missingNote(sum)}`,
        );
      }
    });
  }
  checkTotalParts(table, base, warn, where);
  checkShares(table, rows, base, warn, where);
  checkComputed(table, rows, base, warn, where);
  out.push(...checkBalance(src, base, table));
  // Cells the source does not give; an empty cell of a computed column is computed, and a
  // subtotal's share may be left blank: neither is missing.
  const missing = allRows(table.rijen).reduce(
    (n, { row }) =>
      n + row.waarden.filter((cel, c) => cel === null && !cellOptional(table, row, c)).length,
    0,
  );
  if (missing > 0) {
    out.push(
      diagnosticAt(src, [...base], {
        severity: opts.final ? 'error' : 'warning',
        rule: 'ontbreekt',
        message: `tabel "${table.titel}": ${missing} ${missing === 1 ? 'cel is' : 'cellen zijn'} leeg (null): nog in te vullen, of de bron geeft er geen waarde ("jaarverslag status" toont ze)`,
      }),
    );
  }
  return out;
}

type Warn = (path: Path, rule: string, message: string) => void;
type Where = (rowName: string, c: number) => string;
type Located = ReturnType<typeof rowsWithPaths>;

/**
 * The total broken down (`totaal.onderdelen`): each part against the same parts of all rows,
 * and the total's stated value against the sum of its parts.
 */
function checkTotalParts(table: Tabel, base: Path, warn: Warn, where: Where): void {
  const totaal = table.totaal;
  const parts = totaal?.onderdelen ?? [];
  if (!totaal || !parts.length) return;
  parts.forEach((part, i) => {
    part.vermeld.forEach((cel, c) => {
      const stated = cellNumber(cel);
      if (stated === null || !isSummed(table, c)) return;
      const sum = sumOfParts(table, part.label, c);
      if (sum.value !== stated) {
        warn(
          [...base, 'totaal', 'onderdelen', i, 'vermeld', c],
          'totaal',
          `${where(`${totaal.label} / ${part.label}`, c)}: vermeld ${fmt(stated)}, som over de rijen ${fmt(sum.value)}${missingNote(sum, stated)}`,
        );
      }
    });
  });
  totaal.vermeld?.forEach((cel, c) => {
    const stated = cellNumber(cel);
    if (stated === null || !isSummed(table, c)) return;
    const values = parts.map((p) => totalPartValue(table, p, c));
    const sum: Sum = {
      value: round(values.reduce<number>((s, v) => s + (v ?? 0), 0)),
      missing: values.filter((v) => v === null).length,
      missingAt: [],
    };
    if (sum.value !== stated) {
      warn(
        [...base, 'totaal', 'vermeld', c],
        'subtotaal',
        `${where(totaal.label, c)}: vermeld ${fmt(stated)}, som van de onderdelen ${fmt(sum.value)}${missingNote(sum)}`,
      );
    }
  });
}

/**
 * Stated shares against count / whole: a top-level row's share is of the table's total (the
 * stated one where there is one), a part's of its parent row, a part of the total's of the total.
 */
function checkShares(table: Tabel, rows: Located, base: Path, warn: Warn, where: Where): void {
  table.kolommen.forEach((kolom, c) => {
    if (typeof kolom !== 'object' || kolom.aandeel_van === undefined) return;
    const of = kolom.aandeel_van;
    const check = (cel: Cel | undefined, count: number | null, whole: number | null) => {
      const stated = cellNumber(cel);
      if (stated === null || count === null || whole === null || whole === 0) return undefined;
      const share = (count / whole) * 100;
      const d = decimalsOf(stated);
      if (Math.abs(round(share) - stated) <= 0.5 * 10 ** -d + 1e-9) return undefined;
      return `vermeld ${formatGetal(stated)}%, berekend ${formatGetal(share, { decimals: Math.max(d, 1) })}% (${fmt(count)} van ${fmt(whole)})`;
    };
    const total = shownTotal(table, of);
    for (const { row, name, path, parent } of rows) {
      const whole = parent ? rowValue(table, parent, of) : total;
      const problem = check(row.waarden[c], cellValue(table, row.waarden, of), whole);
      if (problem) warn([...path, 'waarden', c], 'aandeel', `${where(name, c)}: ${problem}`);
    }
    const totaal = table.totaal;
    totaal?.onderdelen?.forEach((part, i) => {
      const problem = check(part.vermeld[c], totalPartValue(table, part, of), total);
      if (problem) {
        warn(
          [...base, 'totaal', 'onderdelen', i, 'vermeld', c],
          'aandeel',
          `${where(`${totaal.label} / ${part.label}`, c)}: ${problem}`,
        );
      }
    });
  });
}

/**
 * Computed columns (`berekend`): a stated cell against bij − af of its own row, of the total row
 * and of each part of the total. A share computed from rounded shares is compared rounded to the
 * stated decimals; a cell whose terms are not all there is not checked.
 */
function checkComputed(table: Tabel, rows: Located, base: Path, warn: Warn, where: Where): void {
  table.kolommen.forEach((_, c) => {
    if (!computedColumn(table, c)) return;
    const unit = columnUnit(table, c);
    const check = (
      cel: Cel | undefined,
      valueOf: (col: number) => number | null,
      path: Path,
      rowName: string,
    ) => {
      const stated = cellNumber(cel);
      const terms = computedTerms(table, c, valueOf);
      const computed = terms && termsValue(terms);
      if (stated === null || !terms || computed === null || computed === undefined) return;
      if (roundHalfAway(computed, decimalsOf(stated)) === stated) return;
      const sum = terms
        .map((t, i) => {
          const value = fmtIn(t.value ?? 0, columnUnit(table, t.col));
          if (i === 0) return t.sign > 0 ? value : `− ${value}`;
          return `${t.sign > 0 ? '+' : '−'} ${value}`;
        })
        .join(' ');
      warn(
        path,
        'berekend',
        `${where(rowName, c)}: vermeld ${fmtIn(stated, unit)}, berekend ${sum} = ${fmtIn(computed, unit)}`,
      );
    };
    for (const { row, name, path } of rows)
      check(row.waarden[c], (k) => cellValue(table, row.waarden, k), [...path, 'waarden', c], name);
    const totaal = table.totaal;
    if (!totaal) return;
    check(
      totaal.vermeld?.[c],
      (k) => shownTotal(table, k),
      [...base, 'totaal', 'vermeld', c],
      totaal.label,
    );
    totaal.onderdelen?.forEach((part, i) =>
      check(
        part.vermeld[c],
        (k) => totalPartValue(table, part, k),
        [...base, 'totaal', 'onderdelen', i, 'vermeld', c],
        `${totaal.label} / ${part.label}`,
      ),
    );
  });
}

/** Stock and flows: stand(previous year) + bij − af = stand(year), for consecutive years. */
function checkBalance(src: YamlSource, base: readonly PropertyKey[], table: Tabel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const balans = table.balans;
  if (!balans) return out;
  const col = (label: string | number) => findColumn(table, label);
  const stand = col(balans.stand);
  table.rijen.forEach((row, r) => {
    const prev = table.rijen[r - 1];
    if (!prev || Number(row.label) !== Number(prev.label) + 1 || !/^\d{4}$/.test(row.label)) return;
    const before = cellNumber(prev.waarden[stand]);
    const after = cellNumber(row.waarden[stand]);
    const plus = balans.bij.map((l) => cellNumber(row.waarden[col(l)]));
    const minus = balans.af.map((l) => cellNumber(row.waarden[col(l)]));
    if (before === null || after === null || [...plus, ...minus].some((n) => n === null)) return;
    const computed = round(before + sum(plus) - sum(minus));
    if (computed === after) return;
    const terms = [
      fmt(before),
      ...plus.map((n) => `+ ${fmt(n ?? 0)}`),
      ...minus.map((n) => `− ${fmt(n ?? 0)}`),
    ].join(' ');
    out.push(
      diagnosticAt(src, [...base, 'rijen', r, 'waarden', stand], {
        severity: 'warning',
        rule: 'balans',
        message: `tabel "${table.titel}", ${row.label}: ${terms} = ${fmt(computed)}, vermeld ${fmt(after)} (verschil ${fmt(round(after - computed))})`,
      }),
    );
  });
  return out;
}

function sum(ns: ReadonlyArray<number | null>): number {
  return ns.reduce<number>((s, n) => s + (n ?? 0), 0);
}
