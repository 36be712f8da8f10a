/**
 * Consistency checks: do totals, subtotals and shares agree with their parts? A stated value that
 * does not add up is kept (the report says what the source says) and reported as a warning.
 * Missing values are warnings in a draft and errors in a final edition.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { Rij, Tabel } from './schema.ts';
import { formatGetal } from '../render/format/index.ts';
import {
  cellNumber,
  columnPath,
  decimalsOf,
  findColumn,
  isSummed,
  round,
  sumRows,
} from './table.ts';
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

function checkTable(src: YamlSource, name: string, table: Tabel, opts: CheckOptions): Diagnostic[] {
  const out: Diagnostic[] = [];
  const base = [name];
  const cols = table.kolommen.map(columnPath);
  // Stated totals against the sum of the rows.
  table.totaal?.vermeld?.forEach((stated, c) => {
    const statedN = cellNumber(stated);
    if (statedN === null || !isSummed(table, c)) return;
    const sum = sumRows(table.rijen, c);
    if (sum.value !== statedN) {
      out.push(
        diagnosticAt(src, [...base, 'totaal', 'vermeld', c], {
          severity: 'warning',
          rule: 'totaal',
          message: `tabel "${table.titel}", rij "${table.totaal?.label ?? 'Totaal'}", kolom ${cols[c]}: vermeld ${fmt(statedN)}, berekend ${fmt(sum.value)}${sum.missing ? ` (${sum.missing} ${sum.missing === 1 ? 'cel ontbreekt' : 'cellen ontbreken'})` : ''}`,
        }),
      );
    }
  });
  // Subtotals against their parts.
  const walk = (rows: readonly Rij[], path: readonly PropertyKey[]) => {
    rows.forEach((row, r) => {
      if (!row.onderdelen?.length) return;
      row.waarden.forEach((cel, c) => {
        const stated = cellNumber(cel);
        if (stated === null || !isSummed(table, c)) return;
        const sum = sumRows(row.onderdelen ?? [], c);
        if (sum.value !== stated) {
          out.push(
            diagnosticAt(src, [...path, r, 'waarden', c], {
              severity: 'warning',
              rule: 'subtotaal',
              message: `tabel "${table.titel}", rij "${row.label}", kolom ${cols[c]}: vermeld ${fmt(stated)}, som van de onderdelen ${fmt(sum.value)}${sum.missing ? ` (${sum.missing} ${sum.missing === 1 ? 'cel ontbreekt' : 'cellen ontbreken'})` : ''}`,
            }),
          );
        }
      });
      walk(row.onderdelen, [...path, r, 'onderdelen']);
    });
  };
  walk(table.rijen, [...base, 'rijen']);
  // Stated shares against count / column total.
  table.kolommen.forEach((kolom, c) => {
    if (typeof kolom !== 'object' || kolom.aandeel_van === undefined) return;
    const of = kolom.aandeel_van;
    // The share of what the table says is the whole: the stated total where there is one.
    const stated = cellNumber(table.totaal?.vermeld?.[of]);
    const computed = sumRows(table.rijen, of);
    const total = stated !== null ? { value: stated, missing: 0 } : computed;
    if (total.missing || total.value === 0) return;
    table.rijen.forEach((row, r) => {
      const statedShare = cellNumber(row.waarden[c]);
      const count = cellNumber(row.waarden[of]);
      if (statedShare === null || count === null) return;
      const share = (count / total.value) * 100;
      const d = decimalsOf(statedShare);
      if (Math.abs(round(share) - statedShare) > 0.5 * 10 ** -d + 1e-9) {
        out.push(
          diagnosticAt(src, [...base, 'rijen', r, 'waarden', c], {
            severity: 'warning',
            rule: 'aandeel',
            message: `tabel "${table.titel}", rij "${row.label}", kolom ${cols[c]}: vermeld ${formatGetal(statedShare)}%, berekend ${formatGetal(share, { decimals: Math.max(d, 1) })}% (${fmt(count)} van ${fmt(total.value)})`,
          }),
        );
      }
    });
  });
  out.push(...checkBalance(src, base, table));
  // Cells the source does not give.
  let missing = 0;
  const countMissing = (rows: readonly Rij[]) =>
    rows.forEach((row) => {
      missing += row.waarden.filter((c) => c === null).length;
      countMissing(row.onderdelen ?? []);
    });
  countMissing(table.rijen);
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
