/**
 * The same quantity in two publications (`zelfde_als`, src/data/cross.ts): `check` compares a
 * value with the other publication's value of the same year, reports a difference with both
 * files and lines, and every reference it cannot follow as a located error.
 *
 * The data root has two publications: `proef` (the fixture, with statushouders added to its
 * cijfers.yaml) and `provincie` (a copy of it with a file vergelijk.yaml that says which of its
 * numbers are proef's).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveContext } from '../../src/context.ts';
import type { BuildFlags } from '../../src/context.ts';
import { checkData } from '../../src/core/check.ts';
import { formatDiagnostic } from '../../src/diagnostics.ts';
import type { Diagnostic } from '../../src/diagnostics.ts';
import { DataError } from '../../src/errors.ts';
import { loadEdition } from '../../src/data/load.ts';
import type * as LoadModule from '../../src/data/load.ts';
import { editFile, fixtureCopy, ROOT } from '../support/fixture.ts';
import type { FixtureCopy } from '../support/fixture.ts';

// Counts the editions read, to see that another publication is read once per check.
vi.mock('../../src/data/load.ts', async (importOriginal) => {
  const original = await importOriginal<typeof LoadModule>();
  return { ...original, loadEdition: vi.fn(original.loadEdition) };
});

const BIN = path.join(ROOT, 'bin', 'jaarverslag.js');
const CIJFERS = 'proef/2024/cijfers.yaml';
const VERGELIJK = 'provincie/2024/vergelijk.yaml';

/** Appended to proef's cijfers.yaml (the fixture's 29 lines, then these). */
const STATUSHOUDERS = `
# Statushouders: de provincie telt ze ook.
taakstelling_statushouders: {waarde: 69, eenheid: aantal}
achterstand_statushouders: {waarde: 20, eenheid: aantal}
statushouders_gehuisvest: {waarde: 52, eenheid: aantal}
bron_statushouders: COA
`;

/** Lines 1-7 of provincie's vergelijk.yaml; what a test declares starts on line 8. */
const TABEL = `# Wat de provincie over Proefdorp zegt: een rij van de tabel per gemeente.
statushouders:
  soort: tabel
  titel: Huisvesting statushouders per gemeente
  kolommen: [Taakstelling, Gerealiseerd, {label: "Saldo 1-1-2024", eenheid: mutatie}]
  rijen:
    - {label: Proefdorp, waarden: [69, 49, -20]}
`;

/** proef 2024 in cijfers.yaml: where each value it is compared on stands. */
const AT = {
  /** `statushouders_gehuisvest: {waarde: 52, …}`: at the 52. */
  gehuisvest: (copy: FixtureCopy) =>
    `${copy.file(CIJFERS)}:${copy.lineOf(CIJFERS, 'statushouders_gehuisvest')}:36`,
  /** `achterstand_statushouders: {waarde: 20, …}`: at the 20. */
  achterstand: (copy: FixtureCopy) =>
    `${copy.file(CIJFERS)}:${copy.lineOf(CIJFERS, 'achterstand_statushouders')}:37`,
};

/** A data root with proef and provincie; `declared` follows the table in vergelijk.yaml. */
function twoPublications(declared: string): FixtureCopy {
  const copy = fixtureCopy('minimaal', { [CIJFERS]: (t) => `${t}${STATUSHOUDERS}` });
  cpSync(copy.file('proef'), copy.file('provincie'), { recursive: true });
  writeFileSync(copy.file(VERGELIJK), `${TABEL}${declared}`);
  return copy;
}

/** The `zelfde` diagnostics of checking provincie 2024, whether the check passes or fails. */
function zelfde(copy: FixtureCopy, flags: BuildFlags = {}): Diagnostic[] {
  const ctx = resolveContext({
    dataDir: copy.dataDir,
    publication: 'provincie',
    year: 2024,
    ...flags,
  });
  let all: readonly Diagnostic[];
  try {
    all = checkData(ctx).diagnostics;
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    all = e.diagnostics;
  }
  return all.filter((d) => d.rule === 'zelfde');
}

/** One line per diagnostic, as the terminal shows it (without the code frame). */
const lines = (list: readonly Diagnostic[]): string[] =>
  list.map((d) => formatDiagnostic({ ...d, frame: undefined }));

const GEREALISEERD = `gerealiseerd:
  soort: afgeleid
  formule: '(cel statushouders "Proefdorp" "Gerealiseerd")'
  eenheid: aantal
  zelfde_als: {publicatie: proef, waarde: cijfers.statushouders_gehuisvest}
`; // lines 8-12; zelfde_als's value at 12:15

describe('the same quantity in two publications (zelfde_als)', () => {
  beforeEach(() => {
    vi.mocked(loadEdition).mockClear();
  });

  it('numbers that agree give no message: quantity, bare number, derived value, either side', () => {
    const copy = twoPublications(
      GEREALISEERD.replace('"Gerealiseerd"', '"Taakstelling"').replace(
        'statushouders_gehuisvest',
        'taakstelling_statushouders',
      ) +
        `inwoners_proefdorp:
  waarde: 1234
  eenheid: aantal
  zelfde_als: {publicatie: proef, waarde: cijfers.inwoners}
verkocht_proefdorp:
  waarde: 21
  eenheid: aantal
  zelfde_als: {publicatie: proef, waarde: cijfers.verkocht_dit_jaar}
saldo_begin:
  soort: afgeleid
  formule: '(cel statushouders "Proefdorp" "Saldo 1-1-2024")'
  zelfde_als: {publicatie: proef, waarde: cijfers.achterstand_statushouders, teken: tegengesteld}
`,
    );
    expect(lines(zelfde(copy))).toEqual([]);
    // Four values of proef, one reading of proef (and one of provincie itself).
    const read = vi.mocked(loadEdition).mock.calls.map(([ctx]) => ctx.publication);
    expect(read.sort()).toEqual(['proef', 'provincie']);
  });

  it('a difference is a warning with both values and both files, lines and columns', () => {
    const copy = twoPublications(GEREALISEERD);
    expect(lines(zelfde(copy))).toEqual([
      `${copy.file(VERGELIJK)}:12:15 waarschuwing [zelfde] gerealiseerd: 49 hier, maar proef 2024 zegt 52 (cijfers.statushouders_gehuisvest, ${AT.gehuisvest(copy)})`,
    ]);
  });

  it('a derived value on the other side is located where its name stands', () => {
    const copy = twoPublications(`verkocht_proefdorp:
  waarde: 22
  eenheid: aantal
  zelfde_als:
    publicatie: proef
    waarde: cijfers.verkocht_dit_jaar
`); // lines 8-13; zelfde_als's value (a block) starts at 12:5
    // verkocht_dit_jaar is (totaal verkocht jaar): 14 + 7 = 21, named on line 19 of cijfers.yaml.
    expect(copy.lineOf(CIJFERS, 'verkocht_dit_jaar:')).toBe(19);
    expect(lines(zelfde(copy))).toEqual([
      `${copy.file(VERGELIJK)}:12:5 waarschuwing [zelfde] verkocht_proefdorp: 22 hier, maar proef 2024 zegt 21 (cijfers.verkocht_dit_jaar, ${copy.file(CIJFERS)}:19:1)`,
    ]);
  });

  it('teken: tegengesteld compares with the other value turned round', () => {
    const declared = `saldo_begin:
  soort: afgeleid
  formule: '(cel statushouders "Proefdorp" "Saldo 1-1-2024")'
  zelfde_als: {publicatie: proef, waarde: cijfers.achterstand_statushouders, teken: tegengesteld}
`; // lines 8-11; zelfde_als's value at 11:15
    expect(lines(zelfde(twoPublications(declared)))).toEqual([]);
    const copy = twoPublications(declared);
    editFile(copy.file(VERGELIJK), (t) => t.replace('[69, 49, -20]', '[69, 49, -21]'));
    expect(lines(zelfde(copy))).toEqual([
      `${copy.file(VERGELIJK)}:11:15 waarschuwing [zelfde] saldo_begin: -21 hier, maar proef 2024 zegt 20 (cijfers.achterstand_statushouders, ${AT.achterstand(copy)}); met tegengesteld teken is dat -20`,
    ]);
    // Without the sign turned round, -20 and 20 are not the same.
    const plain = twoPublications(declared.replace(', teken: tegengesteld', ''));
    expect(lines(zelfde(plain))).toEqual([
      `${plain.file(VERGELIJK)}:11:15 waarschuwing [zelfde] saldo_begin: -20 hier, maar proef 2024 zegt 20 (cijfers.achterstand_statushouders, ${AT.achterstand(plain)})`,
    ]);
  });

  it('a difference beyond two decimals shows the decimals that differ', () => {
    const copy = twoPublications(`aandeel:
  waarde: 12.5
  eenheid: procent
  zelfde_als: {publicatie: proef, waarde: cijfers.aandeel_starters}
`);
    expect(lines(zelfde(copy))).toEqual([]);
    editFile(copy.file(VERGELIJK), (t) => t.replace('waarde: 12.5', 'waarde: 12.5001'));
    expect(lines(zelfde(copy))[0]).toContain('12,5001 hier, maar proef 2024 zegt 12,5000 (');
  });

  it('two publications may name each other: each check reads the other once, no further', () => {
    const copy = twoPublications(GEREALISEERD);
    editFile(copy.file(CIJFERS), (t) =>
      t.replace(
        '{waarde: 52, eenheid: aantal}',
        '{waarde: 52, eenheid: aantal, zelfde_als: {publicatie: provincie, waarde: vergelijk.gerealiseerd}}',
      ),
    );
    const line = copy.lineOf(CIJFERS, 'statushouders_gehuisvest');
    const column = copy.columnOf(CIJFERS, '{publicatie: provincie'); // zelfde_als's value
    const proef = resolveContext({ dataDir: copy.dataDir, publication: 'proef', year: 2024 });
    expect(lines(checkData(proef).diagnostics.filter((d) => d.rule === 'zelfde'))).toEqual([
      `${copy.file(CIJFERS)}:${line}:${column} waarschuwing [zelfde] statushouders_gehuisvest: 52 hier, maar provincie 2024 zegt 49 (vergelijk.gerealiseerd, ${copy.file(VERGELIJK)}:8:1)`,
    ]);
    expect(lines(zelfde(copy))).toHaveLength(1);
    const read = vi.mocked(loadEdition).mock.calls.map(([ctx]) => ctx.publication);
    expect(read).toEqual(['proef', 'provincie', 'provincie', 'proef']);
  });

  it('under --strict a difference stops the check', () => {
    const copy = twoPublications(GEREALISEERD);
    const found = zelfde(copy, { strict: true });
    expect(found.map((d) => d.severity)).toEqual(['error']);
    expect(found[0]?.message).toContain('49 hier, maar proef 2024 zegt 52');
  });

  describe('a reference that cannot be followed is an error at the zelfde_als', () => {
    /**
     * vergelijk.yaml with one quantity whose zelfde_als is `ref`, on line 11: `publicatie`'s value
     * at column 28, and with `publicatie: proef`, `waarde`'s at column 43.
     */
    const declaring = (ref: string) =>
      twoPublications(`aantal:
  waarde: 52
  eenheid: aantal
  zelfde_als: {${ref}}
`);

    it('the publication itself', () => {
      const copy = declaring('publicatie: provincie, waarde: cijfers.inwoners');
      expect(lines(zelfde(copy))).toEqual([
        `${copy.file(VERGELIJK)}:11:28 fout [zelfde] aantal.zelfde_als.publicatie: "provincie" is deze publicatie zelf; zelfde_als vergelijkt met een waarde van een andere publicatie (binnen één publicatie: een afgeleide waarde)`,
      ]);
    });

    it('a publication that does not exist', () => {
      const copy = declaring('publicatie: gemeente-x, waarde: cijfers.inwoners');
      expect(lines(zelfde(copy))).toEqual([
        `${copy.file(VERGELIJK)}:11:28 fout [zelfde] aantal.zelfde_als.publicatie: onbekende publicatie "gemeente-x"; er zijn: proef`,
      ]);
    });

    it('a publication without an edition of the year: a gap in a draft, an error in a final', () => {
      const copy = declaring('publicatie: proef, waarde: cijfers.statushouders_gehuisvest');
      renameSync(copy.file('proef/2024'), copy.file('proef/2023'));
      expect(lines(zelfde(copy))).toEqual([
        `${copy.file(VERGELIJK)}:11:28 waarschuwing [zelfde] aantal.zelfde_als.publicatie: proef heeft geen editie 2024; er zijn: 2023`,
      ]);
      expect(lines(zelfde(copy, { final: true }))).toEqual([
        `${copy.file(VERGELIJK)}:11:28 fout [zelfde] aantal.zelfde_als.publicatie: proef heeft geen editie 2024; er zijn: 2023`,
      ]);
    });

    it('a publication whose data has errors: one line, not its errors', () => {
      const copy = declaring('publicatie: proef, waarde: cijfers.statushouders_gehuisvest');
      editFile(copy.file(CIJFERS), (t) =>
        t.replace('[10, 12, 14]', '[10, "5t60", 14]').replace('[5, "-", 7]', '[5, "-", "x"]'),
      );
      const ctx = resolveContext({ dataDir: copy.dataDir, publication: 'provincie', year: 2024 });
      let error: unknown;
      try {
        checkData(ctx);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DataError);
      expect(lines((error as DataError).diagnostics)).toEqual([
        `${copy.file(VERGELIJK)}:11:28 fout [zelfde] aantal.zelfde_als.publicatie: de gegevens van proef 2024 hebben 2 fouten, dus er valt niet mee te vergelijken; "jaarverslag check --publication proef --year 2024" toont ze`,
      ]);
    });

    it('a value that is not there: no such file, no such name', () => {
      const file = declaring('publicatie: proef, waarde: woningmarkt.aanbod');
      expect(lines(zelfde(file))).toEqual([
        `${file.file(VERGELIJK)}:11:43 fout [zelfde] aantal.zelfde_als.waarde: proef 2024 heeft geen "woningmarkt.aanbod": geen gegevensbestand woningmarkt.yaml`,
      ]);
      const name = declaring('publicatie: proef, waarde: cijfers.statushouders');
      expect(lines(zelfde(name))).toEqual([
        `${name.file(VERGELIJK)}:11:43 fout [zelfde] aantal.zelfde_als.waarde: proef 2024 heeft geen "cijfers.statushouders": geen "statushouders" in ${name.file(CIJFERS)}`,
      ]);
    });

    it('a value that is not a number: a table, a text', () => {
      const table = declaring('publicatie: proef, waarde: cijfers.verkocht');
      expect(lines(zelfde(table))).toEqual([
        `${table.file(VERGELIJK)}:11:43 fout [zelfde] aantal.zelfde_als.waarde: "cijfers.verkocht" is in proef 2024 een tabel (soort: tabel) (${table.file(CIJFERS)}:4:1); verwacht een getal: een getal, een grootheid {waarde, eenheid} of een afgeleide waarde (soort: afgeleid)`,
      ]);
      const text = declaring('publicatie: proef, waarde: cijfers.bron_statushouders');
      const line = text.lineOf(CIJFERS, 'bron_statushouders');
      expect(lines(zelfde(text))).toEqual([
        `${text.file(VERGELIJK)}:11:43 fout [zelfde] aantal.zelfde_als.waarde: "cijfers.bron_statushouders" is in proef 2024 een tekst (${text.file(CIJFERS)}:${line}:1); verwacht een getal: een getal, een grootheid {waarde, eenheid} of een afgeleide waarde (soort: afgeleid)`,
      ]);
    });
  });

  describe('a missing value (null) on either side', () => {
    it('is a warning in a draft and an error in a final edition: missing there', () => {
      const copy = twoPublications(GEREALISEERD);
      editFile(copy.file(CIJFERS), (t) => t.replace('{waarde: 52,', '{waarde: null,'));
      const expected = `${copy.file(VERGELIJK)}:12:15 waarschuwing [zelfde] gerealiseerd: 49 hier, maar proef 2024 geeft geen waarde (null) (cijfers.statushouders_gehuisvest, ${AT.gehuisvest(copy)}); niet te vergelijken`;
      expect(lines(zelfde(copy))).toEqual([expected]);
      expect(lines(zelfde(copy, { final: true }))).toEqual([
        expected.replace(' waarschuwing ', ' fout '),
      ]);
    });

    it('is a warning in a draft and an error in a final edition: missing here', () => {
      const copy = twoPublications(`gehuisvest:
  waarde: null
  eenheid: aantal
  zelfde_als: {publicatie: proef, waarde: cijfers.statushouders_gehuisvest}
`); // lines 8-11
      const expected = `${copy.file(VERGELIJK)}:11:15 waarschuwing [zelfde] gehuisvest: de waarde ontbreekt hier (null); niet te vergelijken met proef 2024 (cijfers.statushouders_gehuisvest, ${AT.gehuisvest(copy)}: 52)`;
      expect(lines(zelfde(copy))).toEqual([expected]);
      expect(lines(zelfde(copy, { final: true }))).toEqual([
        expected.replace(' waarschuwing ', ' fout '),
      ]);
    });
  });

  describe('on the command line', () => {
    const run = (copy: FixtureCopy, args: string[]) => {
      const r = spawnSync(process.execPath, [BIN, 'check', ...args], {
        encoding: 'utf8',
        env: { ...process.env, JAARVERSLAG_DATA: copy.dataDir, DEBUG: '' },
      });
      return { code: r.status, out: r.stdout, err: r.stderr };
    };
    const warning = (copy: FixtureCopy) =>
      `${copy.file(VERGELIJK)}:12:15 waarschuwing [zelfde] gerealiseerd: 49 hier, maar proef 2024 zegt 52 (cijfers.statushouders_gehuisvest, ${AT.gehuisvest(copy)})`;

    it('check prints the warning and exits 0; --all too; --strict exits 1', () => {
      const copy = twoPublications(GEREALISEERD);
      const one = run(copy, ['--publication', 'provincie']);
      expect(one.err).toContain(warning(copy));
      expect(one.out).toMatch(/provincie 2024: gegevens geldig, \d+ waarschuwing/);
      expect(one.code).toBe(0);

      const all = run(copy, ['--all']);
      expect(all.err).toContain(warning(copy));
      expect(all.out).toContain('proef 2024: gegevens geldig');
      expect(all.out).toContain('provincie 2024: gegevens geldig');
      expect(all.code).toBe(0);

      const strict = run(copy, ['--publication', 'provincie', '--strict']);
      expect(strict.err).toContain(warning(copy).replace(' waarschuwing ', ' fout '));
      expect(strict.code).toBe(1);
    });

    it('a reference that cannot be followed exits 1', () => {
      const copy = twoPublications(
        GEREALISEERD.replace('publicatie: proef', 'publicatie: gemeente-x'),
      );
      const r = run(copy, ['--publication', 'provincie']);
      expect(r.err).toContain(
        `${copy.file(VERGELIJK)}:12:28 fout [zelfde] gerealiseerd.zelfde_als.publicatie: onbekende publicatie "gemeente-x"; er zijn: proef`,
      );
      expect(r.code).toBe(1);
    });
  });
});
