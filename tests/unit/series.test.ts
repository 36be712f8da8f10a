/**
 * Series kept once: tables that run over the years live in data/<publicatie>/reeksen/ and an
 * edition shows them up to its own year. Tested on the real Midden-Drenthe data.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/context.ts';
import { checkData } from '../../src/core/check.ts';
import { DataError } from '../../src/errors.ts';
import { seriesUpTo } from '../../src/data/history.ts';
import type { Tabel } from '../../src/data/schema.ts';
import { editFile, publicationCopy } from '../support/fixture.ts';

/** A copy of the real publication's data in a temporary folder. */

const table = (over: Partial<Tabel>): Tabel =>
  ({
    soort: 'tabel',
    titel: 't',
    eenheid: 'aantal',
    kolommen: [2022, 2023, 2024, 2025],
    rijen: [
      { label: 'a', waarden: [1, 2, 3, 4], onderdelen: [{ label: 'b', waarden: [1, 2, 3, 4] }] },
    ],
    totaal: { label: 'Totaal', vermeld: [1, 2, 3, 4] },
    ...over,
  }) as Tabel;

describe('a series shown up to the edition year', () => {
  it('cuts year columns, their parts and the stated totals after the year', () => {
    const { table: shown } = seriesUpTo(table({}), 2024);
    expect(shown.kolommen).toEqual([2022, 2023, 2024]);
    expect(shown.rijen[0]?.waarden).toEqual([1, 2, 3]);
    expect(shown.rijen[0]?.onderdelen?.[0]?.waarden).toEqual([1, 2, 3]);
    expect(shown.totaal?.vermeld).toEqual([1, 2, 3]);
  });

  it('cuts year rows; `tot: volgend_jaar` keeps the next year (a stand on 1 January)', () => {
    const rows = table({
      kolommen: ['Nieuwbouw', 'Stand'],
      rijen: ['2023', '2024', '2025'].map((label) => ({ label, waarden: [1, 2] })),
      totaal: undefined,
    });
    expect(seriesUpTo(rows, 2024).table.rijen.map((r) => r.label)).toEqual(['2023', '2024']);
    expect(seriesUpTo(table({ tot: 'volgend_jaar' }), 2024).table.kolommen).toEqual([
      2022, 2023, 2024, 2025,
    ]);
  });

  it('years out of order, or a table without years, is a problem it names', () => {
    expect(seriesUpTo(table({ kolommen: [2022, 2024, 2023, 2025] }), 2024).problem).toBe(
      'de jaren staan niet oplopend (2023 na 2024)',
    );
    expect(seriesUpTo(table({ kolommen: ['A', 'B', 'C', 'D'] }), 2024).problem).toContain(
      'een reeks heeft jaren als kolommen of als rijen',
    );
  });
});

describe('the real series', () => {
  it('the 2024 edition reads its multi-year tables from reeksen/, with the same numbers', () => {
    const { edition } = checkData(
      resolveContext({
        dataDir: publicationCopy('midden-drenthe'),
        publication: 'midden-drenthe',
        year: 2024,
      }),
    );
    const verkocht = edition.facts.koopmarkt?.verkocht_naar_type as Tabel;
    expect(verkocht.kolommen).toEqual([2018, 2019, 2020, 2023, 2024]);
    expect(edition.sources.has('koopmarkt')).toBe(true);
    expect(edition.factSources.get('koopmarkt.verkocht_naar_type')?.file).toMatch(
      /\/midden-drenthe\/reeksen\/koopmarkt\.yaml$/,
    );
  });

  it('a table in both the year file and reeksen/ is an error at its name in reeksen/', () => {
    const dataDir = publicationCopy('midden-drenthe');
    const series = path.join(dataDir, 'midden-drenthe', 'reeksen', 'koopmarkt.yaml');
    editFile(path.join(dataDir, 'midden-drenthe', '2024', 'koopmarkt.yaml'), (t) =>
      t.replace('verkooptijd_dagen:', 'verkocht_naar_type: 3\nverkooptijd_dagen:'),
    );
    const run = () =>
      checkData(resolveContext({ dataDir, publication: 'midden-drenthe', year: 2024 }));
    expect(run).toThrow(DataError);
    const line =
      readFileSync(series, 'utf8')
        .split('\n')
        .findIndex((l) => l.startsWith('verkocht_naar_type:')) + 1;
    expect(run).toThrow(
      `reeksen/koopmarkt.yaml:${line}:1 fout [reeks] verkocht_naar_type: "koopmarkt.verkocht_naar_type" staat ook in het gegevensbestand van het jaar`,
    );
  });
});
