/**
 * `jaarverslag status`: every value still to be filled in, located in its YAML file, grouped by
 * the chapters whose prose names it, with last year's value beside it; the count on the real
 * data against the nulls counted here independently in the YAML text.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../src/cli.ts';
import { editionStatus, missingCount } from '../../src/commands/status.ts';
import { resolveContext } from '../../src/context.ts';
import { checkData } from '../../src/core/check.ts';
import { formatStatus, missingValues } from '../../src/data/status.ts';
import type { StatusReport } from '../../src/data/status.ts';
import { FIXTURES, fixtureCopy, ROOT } from '../support/fixture.ts';
import type { FixtureCopy } from '../support/fixture.ts';

const YEAR = 'proef/2024/cijfers.yaml';
const SERIES = 'proef/reeksen/cijfers.yaml';

/** The minimal edition with gaps: in numbers, a table cell, a stated total, the date, a series. */
const GAPS: Record<string, (t: string) => string> = {
  'proef/2024/editie.yaml': (t) => t.replace('datum: 2025-03-14', 'datum: null'),
  [YEAR]: (t) =>
    t
      .replace('{waarde: 12.5, eenheid: procent}', '{waarde: null, eenheid: procent}')
      .replace('[5, "-", 7]', '[5, "-", null]')
      .replace('vermeld: [15, 12, 21]', 'vermeld: [15, 12, null]') +
    `
ongebruikt: {waarde: null, eenheid: aantal}
alleen_afgeleid: {waarde: null, eenheid: aantal}
via:
  soort: afgeleid
  formule: '(som alleen_afgeleid 1)'
  eenheid: aantal
prijzen:
  soort: ontbreekt
  titel: Prijzen per type
  reden: Niet in de bron.
weg:
  soort: ontbreekt
  titel: Weggelaten
  reden: Bewust weggelaten.
  weglaten: true
`,
  'proef/2024/tekst/2-verder.md': (t) =>
    `${t}\n{{figuur cijfers.prijzen}}\n\n{{tabel cijfers.per_jaar}}\n\nVia: {{getal cijfers.via}}.\n`,
};

/** A series with 2025 already there: the 2024 edition shows it up to 2024. */
const SERIES_TEXT = `per_jaar:
  soort: tabel
  titel: Per jaar
  kolommen: [2022, 2023, 2024, 2025]
  rijen:
    - {label: Proef, waarden: [3, null, null, null]}
  totaal: {vermeld: [3, 4, 5, null]}
`;

function withGaps(): FixtureCopy {
  const fx = fixtureCopy('minimaal', GAPS);
  mkdirSync(path.dirname(fx.file(SERIES)));
  writeFileSync(fx.file(SERIES), SERIES_TEXT);
  return fx;
}

/** file:line:column of `column` on the first line of a file in the copy that contains `line`. */
function place(fx: FixtureCopy, relative: string, line: string, column = line): string {
  const lines = readFileSync(fx.file(relative), 'utf8').split('\n');
  const n = lines.findIndex((l) => l.includes(line));
  if (n < 0) throw new Error(`${line} not in ${relative}`);
  const c = (lines[n] ?? '').indexOf(column);
  if (c < 0) throw new Error(`${column} not on line ${n + 1} of ${relative}`);
  return `${fx.file(relative)}:${n + 1}:${c + 1}`;
}

/** The groups as lines: "file:line:column name (vorig)". */
function lines(report: StatusReport): Record<string, string[]> {
  return Object.fromEntries(
    report.groups.map((g) => [
      g.title,
      g.items.map(
        (v) => `${v.file}:${v.line}:${v.column} ${v.name}${v.vorig ? ` (${v.vorig})` : ''}`,
      ),
    ]),
  );
}

/** Add an edition of `year` copied from the fixture's 2024, with other numbers. */
function addEdition(fx: FixtureCopy, year: number, edit: (t: string) => string = (t) => t) {
  const dir = fx.file(`proef/${year}`);
  cpSync(path.join(FIXTURES, 'minimaal', 'data', 'proef', '2024'), dir, { recursive: true });
  const change = (file: string, f: (t: string) => string) =>
    writeFileSync(path.join(dir, file), f(readFileSync(path.join(dir, file), 'utf8')));
  change('editie.yaml', (t) =>
    t.replace('jaar: 2024', `jaar: ${year}`).replace('datum: 2025-03-14', 'datum: 2024-03-14'),
  );
  change('cijfers.yaml', (t) =>
    edit(
      t
        .replace('{waarde: 12.5', '{waarde: 11.5')
        .replace('[10, 12, 14]', '[10, 12, 13]')
        .replace('[5, "-", 7]', '[5, "-", 6]')
        .replace('vermeld: [15, 12, 21]', 'vermeld: [15, 12, 19]'),
    ),
  );
}

const flags = (fx: FixtureCopy, year = 2024) => ({
  dataDir: fx.dataDir,
  publication: 'proef',
  year,
});

describe('status', () => {
  it('lists every missing value per chapter, at its place in the YAML', () => {
    const fx = withGaps();
    const { report } = editionStatus(flags(fx));
    expect(lines(report)).toEqual({
      'Editie (editie.yaml)': [
        `${place(fx, 'proef/2024/editie.yaml', 'datum: null', 'null')} editie.datum (de datum van de editie)`,
      ],
      'Hoofdstuk 1 Cijfers (1-cijfers.md)': [
        `${place(fx, YEAR, 'aandeel_starters', 'null')} cijfers.aandeel_starters`,
        `${place(fx, YEAR, 'Vrijstaand', 'null')} cijfers.verkocht, rij "Vrijstaand", kolom 2024`,
        `${place(fx, YEAR, 'vermeld:', 'null')} cijfers.verkocht, vermeld totaal "Totaal", kolom 2024`,
      ],
      'Hoofdstuk 2 Verder (2-verder.md)': [
        // Named by no chapter itself, but by the derived value `via` that chapter 2 prints.
        `${place(fx, YEAR, 'alleen_afgeleid:', 'null')} cijfers.alleen_afgeleid`,
        `${place(fx, YEAR, 'soort: ontbreekt')} cijfers.prijzen, figuur "Prijzen per type": de cijfers ontbreken (soort: ontbreekt)`,
        // 2023 and 2024 of the series; 2025 is not in the 2024 edition.
        `${place(fx, SERIES, 'label: Proef', 'null')} cijfers.per_jaar, rij "Proef", kolom 2023 (vorig jaar 3)`,
        `${place(fx, SERIES, 'label: Proef', 'null, null]')} cijfers.per_jaar, rij "Proef", kolom 2024 (vorig jaar leeg)`,
      ],
      'Niet in de tekst': [`${place(fx, YEAR, 'ongebruikt:', 'null')} cijfers.ongebruikt`],
    });
    // A figure without numbers is at its first field (prijzen's comes before weg's).
    expect(place(fx, YEAR, 'soort: ontbreekt')).toMatch(/:\d+:3$/);
    expect(report.items).toHaveLength(9);
    expect(missingCount(flags(fx))).toBe(9);

    const text = formatStatus('proef 2024', report).split('\n');
    expect(text[0]).toBe('proef 2024: 9 waarden nog in te vullen');
    expect(text[1]).toBe('');
    expect(text[2]).toBe('Editie (editie.yaml)');
    expect(text).toContain('Hoofdstuk 2 Verder (2-verder.md)');
    const row = text.find((l) => l.includes('kolom 2023'));
    expect(row).toMatch(
      /^ {2}\S+reeksen\/cijfers\.yaml:\d+:\d+ +cijfers\.per_jaar, rij "Proef", kolom 2023 {3}\(vorig jaar 3\)$/,
    );
  });

  it("shows last year's value from the previous edition", () => {
    const fx = withGaps();
    addEdition(fx, 2023);
    const { report } = editionStatus(flags(fx));
    const byName = Object.fromEntries(report.items.map((v) => [v.name, v.vorig]));
    expect(byName).toEqual({
      'editie.datum (de datum van de editie)': 'vorig jaar 14 maart 2024',
      'cijfers.aandeel_starters': 'vorig jaar 11,5%',
      'cijfers.verkocht, rij "Vrijstaand", kolom 2024': 'vorig jaar 6',
      'cijfers.verkocht, vermeld totaal "Totaal", kolom 2024': 'vorig jaar 19',
      // Not in 2023's data: nothing beside it.
      'cijfers.alleen_afgeleid': undefined,
      'cijfers.ongebruikt': undefined,
      'cijfers.prijzen, figuur "Prijzen per type": de cijfers ontbreken (soort: ontbreekt)':
        undefined,
      // A series: the previous column of the same row, whatever the editions.
      'cijfers.per_jaar, rij "Proef", kolom 2023': 'vorig jaar 3',
      'cijfers.per_jaar, rij "Proef", kolom 2024': 'vorig jaar leeg',
    });
    expect(formatStatus('proef 2024', report)).toContain(
      'cijfers.aandeel_starters   (vorig jaar 11,5%)',
    );
  });

  it('the latest earlier edition when the year before is missing, by its year', () => {
    const fx = withGaps();
    addEdition(fx, 2022, (t) =>
      t.replace('kolommen: [2022, 2023, 2024]', 'kolommen: [2020, 2021, 2022]'),
    );
    const { report } = editionStatus(flags(fx));
    const byName = Object.fromEntries(report.items.map((v) => [v.name, v.vorig]));
    expect(byName['cijfers.aandeel_starters']).toBe('2022: 11,5%');
    // 2022's table has no column 2024: nothing to compare with.
    expect(byName['cijfers.verkocht, rij "Vrijstaand", kolom 2024']).toBeUndefined();
  });

  it('"vorig jaar: onbekend" when the previous edition does not validate', () => {
    const fx = withGaps();
    addEdition(fx, 2023, (t) => t.replace('{waarde: 11.5', '{waarde: "8t4"'));
    const { report } = editionStatus(flags(fx));
    for (const v of report.items) {
      if (v.file.includes('reeksen')) expect(v.vorig).not.toBe('vorig jaar: onbekend');
      else expect(v.vorig).toBe('vorig jaar: onbekend');
    }
    expect(formatStatus('proef 2024', report).split('\n')[1]).toContain(
      'de editie 2023 is niet geldig',
    );
  });

  it('goes to 0 when every gap is filled; a series year the edition does not show stays out', () => {
    const fx = withGaps();
    expect(missingCount(flags(fx))).toBe(9);
    const edit = (relative: string, f: (t: string) => string) =>
      writeFileSync(fx.file(relative), f(readFileSync(fx.file(relative), 'utf8')));
    edit('proef/2024/editie.yaml', (t) => t.replace('datum: null', 'datum: 2025-03-14'));
    edit(YEAR, (t) =>
      t
        .replace('{waarde: null, eenheid: procent}', '{waarde: 12.5, eenheid: procent}')
        .replace('[5, "-", null]', '[5, "-", 7]')
        .replace('vermeld: [15, 12, null]', 'vermeld: [15, 12, 21]')
        .replace('ongebruikt: {waarde: null', 'ongebruikt: {waarde: 1')
        .replace('alleen_afgeleid: {waarde: null', 'alleen_afgeleid: {waarde: 2')
        .replace('reden: Niet in de bron.', 'reden: Niet in de bron.\n  weglaten: true'),
    );
    edit(SERIES, (t) => t.replace('[3, null, null, null]', '[3, 4, 5, null]'));
    expect(missingCount(flags(fx))).toBe(0);
    expect(formatStatus('proef 2024', editionStatus(flags(fx)).report)).toBe(
      'proef 2024: 0 waarden nog in te vullen',
    );
  });

  it('a number typed as null (x: null) is listed, should the schema let it through', () => {
    const fx = fixtureCopy('minimaal');
    const { edition } = checkData(resolveContext(flags(fx)));
    (edition.facts.cijfers as Record<string, unknown>).inwoners = null;
    expect(missingValues(edition).map((v) => `${v.line}:${v.column} ${v.name}`)).toEqual([
      `${fx.lineOf(YEAR, 'inwoners:')}:${fx.columnOf(YEAR, '1234')} cijfers.inwoners`,
    ]);
  });
});

describe('status at the command line', () => {
  const saved = process.env.JAARVERSLAG_DATA;
  let out: string[];
  let err: string[];
  beforeEach(() => {
    out = [];
    err = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    if (saved === undefined) delete process.env.JAARVERSLAG_DATA;
    else process.env.JAARVERSLAG_DATA = saved;
  });

  it('a report: exit 0 with gaps and without', async () => {
    process.env.JAARVERSLAG_DATA = withGaps().dataDir;
    expect(await main(['status'])).toBe(0);
    expect(out.join('\n')).toMatch(/^proef 2024: 9 waarden nog in te vullen\n\nEditie/);
    out = [];
    process.env.JAARVERSLAG_DATA = fixtureCopy('minimaal').dataDir;
    expect(await main(['status', '--year', '2024'])).toBe(0);
    expect(out).toEqual(['proef 2024: 0 waarden nog in te vullen']);
  });

  it('data that does not validate is an error, located as check prints it', async () => {
    const fx = fixtureCopy('minimaal', {
      [YEAR]: (t) => t.replace('{waarde: 12.5', '{waarde: "8t4"'),
    });
    process.env.JAARVERSLAG_DATA = fx.dataDir;
    expect(await main(['status'])).toBe(1);
    expect(err.join('\n')).toContain(`${place(fx, YEAR, '"8t4"')} fout [schema]`);
    expect(out).toEqual([]);
  });
});

/**
 * The nulls of an edition counted in the YAML text, independently of the tool: year files
 * whole, series only as far as the edition shows them (its year, or the next for a stand on
 * 1 January).
 */
function countNulls(publicationDir: string, year: number): number {
  // Data read freely here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Any = any;
  const read = (file: string): Any => parse(readFileSync(file, 'utf8'));
  const nullsIn = (cells: unknown[] | undefined, upTo = Infinity) =>
    (cells ?? []).slice(0, upTo).filter((c) => c === null).length;
  const rowNulls = (rows: Any[], upTo = Infinity): number =>
    rows.reduce((n, r) => n + nullsIn(r.waarden, upTo) + rowNulls(r.onderdelen ?? [], upTo), 0);
  let n = 0;
  const yearDir = path.join(publicationDir, String(year));
  for (const name of readdirSync(yearDir).filter((f) => f.endsWith('.yaml'))) {
    const data = read(path.join(yearDir, name));
    if (name === 'editie.yaml') {
      if (data.datum === null) n++;
      continue;
    }
    for (const fact of Object.values<Any>(data)) {
      if (fact === null) n++;
      else if (typeof fact !== 'object') continue;
      else if (fact.soort === 'tabel') {
        // A total's share of the whole (a column with aandeel_van) is not a value to fill in.
        const isShare = (c: number) => fact.kolommen[c]?.aandeel_van !== undefined;
        const stated = (fact.totaal?.vermeld ?? []).filter((_: unknown, c: number) => !isShare(c));
        n += rowNulls(fact.rijen) + nullsIn(stated);
      } else if (fact.soort === 'ontbreekt') n += fact.weglaten ? 0 : 1;
      else if (fact.soort === undefined && fact.waarde === null) n++;
    }
  }
  const seriesDir = path.join(publicationDir, 'reeksen');
  for (const name of readdirSync(seriesDir)) {
    for (const table of Object.values<Any>(read(path.join(seriesDir, name)))) {
      const last = year + (table.tot === 'volgend_jaar' ? 1 : 0);
      const isYear = (x: unknown) => /^\d{4}$/.test(String(x));
      if (table.kolommen.some(isYear)) {
        const shown = table.kolommen.filter((k: unknown) => !isYear(k) || Number(k) <= last).length;
        n += rowNulls(table.rijen, shown) + nullsIn(table.totaal?.vermeld, shown);
      } else {
        n += rowNulls(table.rijen.filter((r: Any) => Number(r.label) <= last));
      }
    }
  }
  return n;
}

describe('status on the real data', () => {
  it('counts exactly the nulls the 2024 edition shows, each at a null in its file', () => {
    const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'jv-status-')), 'data');
    cpSync(path.join(ROOT, 'data', 'midden-drenthe'), path.join(dataDir, 'midden-drenthe'), {
      recursive: true,
    });
    const publicationDir = path.join(dataDir, 'midden-drenthe');
    // A 2025 column in a series, empty: not shown in 2024, so not counted there.
    const series = path.join(publicationDir, 'reeksen', 'koopmarkt.yaml');
    writeFileSync(
      series,
      readFileSync(series, 'utf8')
        .replace(
          'kolommen: [2018, 2019, 2020, 2023, 2024]',
          'kolommen: [2018, 2019, 2020, 2023, 2024, 2025]',
        )
        .replace(/((?:waarden|vermeld): \[[^\]]*)\]/g, '$1, null]'),
    );
    const realFlags = { dataDir, publication: 'midden-drenthe', year: 2024 };
    const expected = countNulls(publicationDir, 2024);
    expect(expected).toBeGreaterThan(18);
    expect(missingCount(realFlags)).toBe(expected);

    const { report } = editionStatus(realFlags);
    for (const v of report.items) {
      const line = readFileSync(v.file, 'utf8').split('\n')[v.line - 1] ?? '';
      const at = line.slice(v.column - 1);
      if (v.name.includes('soort: ontbreekt')) expect(at).toMatch(/^soort: ontbreekt/);
      else expect(at).toMatch(/^null/);
    }
    // A series cell beside the year before it in the same row.
    expect(
      report.items.find((v) => v.name.endsWith('rij "Woonservice / Smilde", kolom 2022'))?.vorig,
    ).toBe('vorig jaar 1');
    // No 2023 edition: the year files' values have nothing beside them.
    expect(report.items.find((v) => v.name.startsWith('editie.datum'))?.vorig).toBeUndefined();
  });
});
