/**
 * Named derived values (soort: afgeleid): a formula in the prose's own expression language,
 * computed once after validation; the prose and the checks see its result.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/context.ts';
import { checkData } from '../../src/core/build.ts';
import { formatDiagnostic } from '../../src/diagnostics.ts';
import { DataError } from '../../src/errors.ts';
import { errorLines } from '../support/check.ts';
import { fixtureCopy } from '../support/fixture.ts';
import type { FixtureCopy } from '../support/fixture.ts';

const CIJFERS = 'proef/2024/cijfers.yaml';
const PROSE = 'proef/2024/tekst/1-cijfers.md';

const context = (copy: FixtureCopy, flags: { final?: boolean } = {}) =>
  resolveContext({ dataDir: copy.dataDir, publication: 'proef', year: 2024, ...flags });

/** A fixture copy with facts added to cijfers.yaml, and new data files beside it. */
function withFacts(yaml: string, files: Record<string, string> = {}) {
  const copy = fixtureCopy('minimaal', { [CIJFERS]: (t) => `${t}\n${yaml}` });
  for (const [name, text] of Object.entries(files)) writeFileSync(copy.file(name), text);
  return copy;
}

/** The value (waarde) of a fact of the checked edition. */
function waarde(copy: FixtureCopy, namespace: string, name: string): unknown {
  const facts = checkData(context(copy)).edition.facts[namespace] ?? {};
  return (facts[name] as { waarde?: unknown } | undefined)?.waarde;
}

/** The first line of each error of a failing check. */
function errorsOf(copy: FixtureCopy): string[] {
  return errorLines(() => checkData(context(copy)));
}

/** file:line:column of the last `needle` in cijfers.yaml of a copy (the facts added last). */
function at(copy: FixtureCopy, needle: string): string {
  const lines = readFileSync(copy.file(CIJFERS), 'utf8').split('\n');
  const i = lines.findLastIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in ${CIJFERS}`);
  return `${copy.file(CIJFERS)}:${i + 1}:${(lines[i] ?? '').indexOf(needle) + 1}`;
}

const derived = (name: string, formule: string, eenheid?: string) =>
  `${name}:\n  soort: afgeleid\n  formule: '${formule}'\n${eenheid ? `  eenheid: ${eenheid}\n` : ''}`;

describe('derived values', () => {
  it('computes a value from a table total, with its unit, before the prose and the checks', () => {
    const { edition, diagnostics } = checkData(context(fixtureCopy('minimaal')));
    const facts = edition.facts.cijfers ?? {};
    // (totaal verkocht jaar): the stated total of 2024, 14 + 7.
    expect(facts.verkocht_dit_jaar).toEqual({
      soort: 'afgeleid',
      formule: '(totaal verkocht jaar)',
      eenheid: 'aantal',
      waarde: 21,
    });
    expect(diagnostics).toEqual([]);
  });

  it('a derived value may use others, in any order, in its own file and in other files', () => {
    // The fixture's verkocht_verandering uses two derived values: 21 − 12.
    expect(waarde(fixtureCopy('minimaal'), 'cijfers', 'verkocht_verandering')).toBe(9);
    // Used before it is defined; a chain of three; a name in another data file.
    const copy = withFacts(
      derived('dubbel', '(som helft helft)') +
        derived('helft', '(verschil verkocht_dit_jaar 10.5)') +
        derived('cel_vrijstaand', '(cel verkocht "Vrijstaand" jaar)', 'aantal'),
      {
        'proef/2024/markt.yaml':
          derived('inwoners_per_verkochte', '(verschil cijfers.inwoners cijfers.dubbel)') +
          derived('jaren_terug', '(verschil jaar 2020)', 'jaren'),
      },
    );
    expect(waarde(copy, 'cijfers', 'helft')).toBe(10.5);
    expect(waarde(copy, 'cijfers', 'dubbel')).toBe(21);
    expect(waarde(copy, 'cijfers', 'cel_vrijstaand')).toBe(7);
    expect(waarde(copy, 'markt', 'inwoners_per_verkochte')).toBe(1234 - 21);
    expect(waarde(copy, 'markt', 'jaren_terug')).toBe(4);
  });

  it('a name is first a fact of the formula’s own file, then a data file or the edition', () => {
    // markt.yaml has its own "verkocht" table: a formula there means that one.
    const table = `verkocht:\n  soort: tabel\n  titel: Eigen tabel\n  kolommen: [2024]\n  rijen:\n    - {label: a, waarden: [100]}\n`;
    const copy = withFacts('', {
      'proef/2024/markt.yaml':
        table +
        derived('eigen', '(totaal verkocht jaar)') +
        derived('andere', '(totaal cijfers.verkocht jaar)'),
    });
    expect(waarde(copy, 'markt', 'eigen')).toBe(100);
    expect(waarde(copy, 'markt', 'andere')).toBe(21);
  });

  it('is named in the prose like any other number', () => {
    const copy = fixtureCopy('minimaal', {
      [PROSE]: (t) =>
        `${t}\nVerkocht: {{getal cijfers.verkocht_dit_jaar}}, verschil {{getal cijfers.verkocht_verandering}}.\n`,
    });
    const { chapters } = checkData(context(copy));
    const body = chapters[0]?.body.replace(/\u00ad/g, '') ?? '';
    expect(body).toContain('Verkocht: 21, verschil 9.');
    // The fixture's own sentence: a derived total, a derived difference and its direction word.
    expect(body).toContain(
      'In 2024 werden 21 woningen verkocht (zie figuur 1), 9 meer dan in 2023.',
    );
  });

  it('a cycle is an error at the name that closes it, naming the whole cycle', () => {
    const copy = withFacts(
      derived('a', '(som b 1)') + derived('b', '(som c 1)') + derived('c', '(verschil a 2)'),
    );
    expect(errorsOf(copy)).toEqual([
      `${at(copy, 'a 2)')} fout [afgeleid] c.formule: kringverwijzing: cijfers.a → cijfers.b → cijfers.c → cijfers.a; een afgeleide waarde kan niet (via andere) van zichzelf afhangen`,
    ]);
    const self = withFacts(derived('zelf', '(som zelf 1)'));
    expect(errorsOf(self)).toEqual([
      `${at(self, 'zelf 1)')} fout [afgeleid] zelf.formule: kringverwijzing: cijfers.zelf → cijfers.zelf; een afgeleide waarde kan niet (via andere) van zichzelf afhangen`,
    ]);
  });

  it('a name that is not there is an error with file, line and the column of the name', () => {
    const copy = withFacts(derived('x', '(som verkocht_dit_jar 1)'));
    expect(errorsOf(copy)).toEqual([
      `${at(copy, 'verkocht_dit_jar 1')} fout [afgeleid] x.formule: "verkocht_dit_jar" staat niet in de gegevens: geen "verkocht_dit_jar" in cijfers.yaml, en geen gegevensbestand verkocht_dit_jar.yaml of waarde van de editie (jaar, vorig_jaar, volgend_jaar)`,
    ]);
    const deeper = withFacts(derived('x', '(totaal woningbouw.kavels "A")'));
    expect(errorsOf(deeper)[0]).toContain(
      `${at(deeper, 'woningbouw.kavels')} fout [afgeleid] x.formule: "woningbouw.kavels" staat niet in de gegevens: geen "woningbouw" in cijfers.yaml`,
    );
  });

  it('looks up own data only: no prototype, no this, no @data', () => {
    for (const [formule, needle, message] of [
      [
        '(som verkocht.constructor 1)',
        'verkocht.constructor',
        '"verkocht.constructor" staat niet in de gegevens: cijfers.verkocht heeft geen "constructor"',
      ],
      ['(som __proto__ 1)', '__proto__', '"__proto__" staat niet in de gegevens'],
      [
        '(som this.inwoners 1)',
        'this.inwoners',
        'in een formule staat een naam uit de gegevens (kernvoorraad, woningbouw.inwoners, jaar), niet this.inwoners',
      ],
      ['(som @root.inwoners 1)', '@root', 'in een formule staat een naam uit de gegevens'],
    ] as const) {
      const copy = withFacts(derived('x', formule));
      const [error] = errorsOf(copy);
      expect(error).toContain(`${at(copy, needle)} fout [afgeleid] x.formule: ${message}`);
    }
  });

  it('a helper error, a result that is no number, or a wrong unit is a located error', () => {
    const cases: Array<[formule: string, needle: string, message: string, eenheid?: string]> = [
      [
        '(totaal verkocht 2025)',
        '(totaal',
        '(totaal …): tabel "Verkochte woningen per type" heeft geen kolom 2025; wel: 2022, 2023, 2024',
      ],
      ['(som 1 (verschil 1))', '(verschil 1', '(verschil …) verwacht 2 waarden, kreeg 1'],
      [
        'verkocht',
        'verkocht',
        'de formule geeft een tabel, verwacht een getal; kies er een getal uit met (cel tabel "rij" "kolom") of (totaal tabel "kolom")',
      ],
      ['"tekst"', '"tekst"', 'de formule geeft de tekst "tekst", verwacht een getal'],
      [
        '(verschil 1 2)',
        '(verschil',
        'de uitkomst past niet bij eenheid aantal: verwacht een aantal (een geheel getal van 0 of meer), gevonden -1; laat eenheid weg bij een verschil dat negatief kan zijn',
        'aantal',
      ],
      [
        '(getal 1)',
        'getal',
        '(getal …) hoort in de tekst, niet in een formule; een formule rekent met verschil, verschil_absoluut, som, absoluut, aandeel, cel, totaal',
      ],
      ['(plus 1 2)', 'plus', '"plus" is geen rekenregel; een formule rekent met'],
      [
        '(som 1 2',
        '(som',
        'ongeldige formule: de formule houdt op voordat alle haakjes gesloten zijn (ontbreekt er een ")"?)',
      ],
      ['{{som 1 2}}', '{{', 'een formule staat zonder {{ }}: schrijf bijvoorbeeld (som a b)'],
      ['som 1 2', '1 2', 'een berekening staat tussen haakjes: schrijf (som 1 2)'],
    ];
    for (const [formule, needle, message, eenheid] of cases) {
      const copy = withFacts(derived('x', formule, eenheid));
      const [error, ...more] = errorsOf(copy);
      expect(more).toEqual([]);
      expect(error).toContain(`${at(copy, needle)} fout [afgeleid] x.formule: ${message}`);
    }
  });

  it('a formula written over several lines is located at its start', () => {
    const copy = withFacts('x:\n  soort: afgeleid\n  formule: >-\n    (som 1\n    onbekend)\n');
    expect(errorsOf(copy)[0]).toContain(
      `${at(copy, '>-')} fout [afgeleid] x.formule: "onbekend" staat niet in de gegevens`,
    );
  });

  it('reports formula errors with the other errors, without a second message for a broken fact', () => {
    const copy = withFacts(
      derived('x', '(som kapot 1)') +
        'kapot: {waarde: "a", eenheid: aantal}\n' +
        derived('y', '(som onbekend 1)'),
    );
    expect(errorsOf(copy)).toEqual([
      `${at(copy, '"a"')} fout [schema] kapot.waarde: verwacht een getal, gevonden "a"`,
      `${at(copy, 'onbekend 1')} fout [afgeleid] y.formule: "onbekend" staat niet in de gegevens: geen "onbekend" in cijfers.yaml, en geen gegevensbestand onbekend.yaml of waarde van de editie (jaar, vorig_jaar, volgend_jaar)`,
    ]);
  });

  it('a table with an error of its own gives its derived values no second message', () => {
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: (t) => t.replace('kolommen: [2022, 2023, 2024]', 'kolommen: [2022, 2023, 2042]'),
    });
    // verkocht_dit_jaar is (totaal verkocht jaar): column 2024 is gone, and the year says why.
    expect(errorsOf(copy)).toEqual([
      `${at(copy, '2042')} fout [jaar] verkocht.kolommen[2]: verwacht een jaar van 1974 tot en met 2025 (editie 2024), gevonden 2042; een tabel die vooruitkijkt (plannen, prognoses) zegt hoeveel jaar met vooruit: N`,
    ]);
  });

  it('a formula that meets a missing cell gives no value: a warning in a draft, an error when final', () => {
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: (t) =>
        `${t.replace('[10, 12, 14]', '[10, null, 14]')}\n${derived('leeg', '(som (cel verkocht "Rijwoning" 2023) 1)')}`,
      [PROSE]: (t) => `${t}\nLeeg: {{getal cijfers.leeg}}.\n`,
    });
    const { diagnostics, chapters } = checkData(context(copy));
    const message = `${at(copy, "'(som (cel")} waarschuwing [ontbreekt] leeg.formule: de formule geeft geen waarde: een getal dat ze gebruikt ontbreekt (null)`;
    expect(diagnostics.map((d) => formatDiagnostic(d).split('\n')[0])).toContain(message);
    expect(chapters[0]?.body.replace(/\u00ad/g, '')).toContain(
      'Leeg: <span class="ontbreekt">[ontbreekt]</span>.',
    );
    expect(() => checkData(context(copy, { final: true }))).toThrow(DataError);
  });

  it('the approximate-statement check sees a derived value, and warns when the data changes', () => {
    const prose = (t: string) =>
      `${t}\nDat zijn er {{ongeveer (absoluut cijfers.verkocht_verandering) "bijna 10"}}.\n`;
    expect(checkData(context(fixtureCopy('minimaal', { [PROSE]: prose }))).diagnostics).toEqual([]);
    // 2024 down to 12 + 7 = 19 sold: 7 more than 2023, not "bijna 10".
    const copy = fixtureCopy('minimaal', {
      [PROSE]: prose,
      [CIJFERS]: (t) =>
        t.replace('[10, 12, 14]', '[10, 12, 12]').replace('[15, 12, 21]', '[15, 12, 19]'),
    });
    const line = copy.lineOf(PROSE, 'bijna 10');
    expect(checkData(context(copy)).diagnostics.map((d) => formatDiagnostic(d))).toEqual([
      `${copy.file(PROSE)}:${line} waarschuwing [bewering] de tekst zegt "bijna 10", de gegevens geven 7`,
    ]);
  });
});
