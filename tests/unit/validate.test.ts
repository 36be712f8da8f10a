import { describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/context.ts';
import { checkData } from '../../src/core/build.ts';
import { formatDiagnostic } from '../../src/diagnostics.ts';
import { DataError } from '../../src/errors.ts';
import { fixtureCopy } from '../support/fixture.ts';
import type { FixtureCopy } from '../support/fixture.ts';

const CIJFERS = 'proef/2024/cijfers.yaml';
const PROSE = 'proef/2024/tekst/1-cijfers.md';

/** The error lines (first line of each diagnostic) of a failing check. */
function errorsOf(copy: FixtureCopy, flags: { final?: boolean } = {}): string[] {
  try {
    checkData(
      resolveContext({ dataDir: copy.dataDir, publication: 'proef', year: 2024, ...flags }),
    );
  } catch (e) {
    if (e instanceof DataError)
      return e.diagnostics.map((d) => formatDiagnostic(d).split('\n')[0] ?? '');
    throw e;
  }
  return [];
}

describe('validation of the data', () => {
  it('accepts the minimal edition', () => {
    const copy = fixtureCopy('minimaal');
    const result = checkData(
      resolveContext({ dataDir: copy.dataDir, publication: 'proef', year: 2024 }),
    );
    expect(result.edition.editie.jaar).toBe(2024);
  });

  it('a text where a number belongs names file, line, column and field', () => {
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: (t) => t.replace('[10, 12, 14]', '[10, "5t60", 14]'),
    });
    const line = copy.lineOf(CIJFERS, '5t60');
    const col = copy.columnOf(CIJFERS, '"5t60"');
    expect(errorsOf(copy)).toEqual([
      `${copy.file(CIJFERS)}:${line}:${col} fout [schema] verkocht.rijen[0].waarden[1]: verwacht een getal, "-" of null, gevonden "5t60"`,
    ]);
  });

  it('reports every problem in one run', () => {
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: (t) =>
        t
          .replace('[10, 12, 14]', '[10, -12, 14]')
          .replace('waarde: 12.5', 'waarde: 112.5')
          .replace('bron: Proefbron', 'bron: Proefbron\n  bronn: typfout'),
    });
    const errors = errorsOf(copy);
    expect(errors).toHaveLength(3);
    expect(errors).toContain(
      `${copy.file(CIJFERS)}:${copy.lineOf(CIJFERS, 'bronn')}:3 fout [schema] verkocht.bronn: onbekend veld "bronn"`,
    );
    expect(errors).toContain(
      `${copy.file(CIJFERS)}:${copy.lineOf(CIJFERS, '-12')}:${copy.columnOf(CIJFERS, '-12')} fout [eenheid] verkocht.rijen[0].waarden[1]: verwacht een aantal (een geheel getal van 0 of meer), gevonden -12`,
    );
    expect(errors).toContain(
      `${copy.file(CIJFERS)}:${copy.lineOf(CIJFERS, '112.5')}:${copy.columnOf(CIJFERS, '112.5')} fout [eenheid] aandeel_starters.waarde: verwacht een percentage van 0 tot en met 100, gevonden 112.5`,
    );
  });

  it('a missing required field and an unknown kind say what was expected', () => {
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: (t) =>
        t.replace('  titel: Verkochte woningen per type\n', '') +
        '\nplaatje:\n  soort: video\n  titel: Iets\n',
    });
    expect(errorsOf(copy)).toEqual([
      `${copy.file(CIJFERS)}:${copy.lineOf(CIJFERS, 'soort: tabel')}:3 fout [schema] verkocht.titel: verplicht veld ontbreekt; verwacht een tekst`,
      `${copy.file(CIJFERS)}:${copy.lineOf(CIJFERS, 'soort: video')}:10 fout [schema] plaatje.soort: verwacht "tabel", "ontbreekt", "afgeleid", "foto" of "link", gevonden "video"`,
    ]);
  });

  it('a year outside the edition range is an error', () => {
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: (t) => t.replace('kolommen: [2022, 2023, 2024]', 'kolommen: [2022, 2023, 2042]'),
    });
    expect(errorsOf(copy)).toEqual([
      `${copy.file(CIJFERS)}:${copy.lineOf(CIJFERS, '2042')}:${copy.columnOf(CIJFERS, '2042')} fout [jaar] verkocht.kolommen[2]: verwacht een jaar van 1974 tot en met 2025 (editie 2024), gevonden 2042; een tabel die vooruitkijkt (plannen, prognoses) zegt hoeveel jaar met vooruit: N`,
    ]);
  });

  it('a table that looks ahead (vooruit: N) may name years up to N years after the edition', () => {
    const ahead = (years: string) =>
      fixtureCopy('minimaal', {
        [CIJFERS]: (t) =>
          t.replace('kolommen: [2022, 2023, 2024]', `vooruit: 6\n  kolommen: [${years}]`),
      });
    expect(errorsOf(ahead('2023, 2024, 2030'))).toEqual([]);
    const tooFar = ahead('2023, 2024, 2031');
    expect(errorsOf(tooFar)).toEqual([
      `${tooFar.file(CIJFERS)}:${tooFar.lineOf(CIJFERS, '2031')}:${tooFar.columnOf(CIJFERS, '2031')} fout [jaar] verkocht.kolommen[2]: verwacht een jaar van 1974 tot en met 2030 (editie 2024), gevonden 2031`,
    ]);
  });

  it('a row with too few values says how many columns there are', () => {
    const copy = fixtureCopy('minimaal', { [CIJFERS]: (t) => t.replace('[5, "-", 7]', '[5, 7]') });
    expect(errorsOf(copy)).toEqual([
      `${copy.file(CIJFERS)}:${copy.lineOf(CIJFERS, '[5, 7]')}:${copy.columnOf(CIJFERS, '[5, 7]')} fout [kolommen] verkocht.rijen[1].waarden: verwacht 3 waarden (één per kolom: 2022, 2023, 2024), gevonden 2`,
    ]);
  });

  it('a YAML syntax error names the line', () => {
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: (t) => t.replace('inwoners: 1234', 'inwoners: [1234'),
    });
    const errors = errorsOf(copy);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(
      new RegExp(
        `^${copy.file(CIJFERS).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+ fout \\[yaml\\]`,
      ),
    );
  });

  it('an alias bomb ends with a clear error, not a hang', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    ].join('\n');
    const copy = fixtureCopy('minimaal', { [CIJFERS]: (t) => `${t}\n${bomb}\n` });
    const started = Date.now();
    const errors = errorsOf(copy);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(errors).toEqual([
      `${copy.file(CIJFERS)} fout [yaml] Excessive alias count indicates a resource exhaustion attack (ten hoogste 100 alias-verwijzingen)`,
    ]);
  });

  it('a huge file is refused before it is read', () => {
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: (t) => `${t}\n# ${'x'.repeat(1_100_000)}\n`,
    });
    expect(errorsOf(copy)[0]).toMatch(
      /cijfers\.yaml fout \[yaml\] het bestand is \d+ bytes; verwacht ten hoogste 1000000 bytes$/,
    );
  });

  it('deep nesting is refused before parsing', () => {
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: (t) => `${t}\ndiep: ${'['.repeat(200)}${']'.repeat(200)}\n`,
    });
    const line = copy.lineOf(CIJFERS, 'diep:');
    expect(errorsOf(copy)).toEqual([
      `${copy.file(CIJFERS)}:${line} fout [yaml] de gegevens zijn dieper genest dan 40 niveaus`,
    ]);
  });
});

describe('consistency checks', () => {
  it('a stated total that does not add up is kept and reported as a warning', () => {
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: (t) => t.replace('vermeld: [15, 12, 21]', 'vermeld: [15, 13, 21]'),
    });
    const { diagnostics } = checkData(
      resolveContext({ dataDir: copy.dataDir, publication: 'proef', year: 2024 }),
    );
    const line = copy.lineOf(CIJFERS, 'vermeld: [15, 13, 21]');
    expect(diagnostics.map((d) => formatDiagnostic(d).split('\n')[0])).toEqual([
      `${copy.file(CIJFERS)}:${line}:${copy.columnOf(CIJFERS, '13, 21]')} waarschuwing [totaal] verkocht.totaal.vermeld[1]: tabel "Verkochte woningen per type", rij "Totaal", kolom 2023: vermeld 13, berekend 12`,
    ]);
  });

  it('a figure without numbers is a warning in a draft and an error in a final edition', () => {
    const missing = `\nprijzen:\n  soort: ontbreekt\n  titel: Prijzen\n  reden: Niet in de bron.\n`;
    const copy = fixtureCopy('minimaal', { [CIJFERS]: (t) => t + missing });
    const draft = checkData(
      resolveContext({ dataDir: copy.dataDir, publication: 'proef', year: 2024 }),
    );
    expect(draft.diagnostics.map((d) => `${d.severity} ${d.rule} ${d.field}`)).toEqual([
      'warning ontbreekt prijzen',
    ]);
    const errors = errorsOf(copy, { final: true });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('fout [ontbreekt] prijzen: de cijfers van "Prijzen" ontbreken');
  });

  it('a stock that does not follow from its flows is a warning per year', () => {
    const stock = `\nvoorraad:\n  soort: tabel\n  titel: Voorraad\n  kolommen: [Bij, Af, Stand]\n  balans: {stand: Stand, bij: [Bij], af: [Af]}\n  rijen:\n    - {label: "2022", waarden: [0, 0, 100]}\n    - {label: "2023", waarden: [10, 2, 108]}\n    - {label: "2024", waarden: [5, 1, 115]}\n`;
    const copy = fixtureCopy('minimaal', { [CIJFERS]: (t) => t + stock });
    const { diagnostics } = checkData(
      resolveContext({ dataDir: copy.dataDir, publication: 'proef', year: 2024 }),
    );
    expect(diagnostics.map((d) => formatDiagnostic(d).split('\n')[0])).toEqual([
      `${copy.file(CIJFERS)}:${copy.lineOf(CIJFERS, '[5, 1, 115]')}:${copy.columnOf(CIJFERS, '115]')} waarschuwing [balans] voorraad.rijen[2].waarden[2]: tabel "Voorraad", 2024: 108 + 5 − 1 = 112, vermeld 115 (verschil 3)`,
    ]);
  });

  it('an approximate statement in the prose is checked against the data', () => {
    const copy = fixtureCopy('minimaal', {
      [PROSE]: (t) =>
        `${t}\nHet zijn er {{ongeveer cijfers.inwoners "ruim 1300"}} en {{ongeveer cijfers.inwoners "bijna 1250"}}.\n`,
    });
    const { diagnostics } = checkData(
      resolveContext({ dataDir: copy.dataDir, publication: 'proef', year: 2024 }),
    );
    const line = copy.lineOf(PROSE, 'ruim 1300');
    expect(diagnostics.map((d) => formatDiagnostic(d))).toEqual([
      `${copy.file(PROSE)}:${line} waarschuwing [bewering] de tekst zegt "ruim 1300", de gegevens geven 1.234`,
    ]);
  });
});
