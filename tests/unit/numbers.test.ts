/**
 * Dutch thousands separators never silently become decimals: 300.000 typed for three hundred
 * thousand euro is refused at its place instead of printing "€ 300", and a text typed where a
 * number belongs ("10,4") says how to write it.
 */
import { describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/context.ts';
import { checkData } from '../../src/core/build.ts';
import { formatDiagnostic } from '../../src/diagnostics.ts';
import { DataError } from '../../src/errors.ts';
import { looksLikeThousands, numberHint } from '../../src/data/numbers.ts';
import { fixtureCopy } from '../support/fixture.ts';
import type { FixtureCopy } from '../support/fixture.ts';

const CIJFERS = 'proef/2024/cijfers.yaml';

function check(copy: FixtureCopy) {
  return checkData(resolveContext({ dataDir: copy.dataDir, publication: 'proef', year: 2024 }));
}

/** The first line of every error of a failing check. */
function errorsOf(copy: FixtureCopy): string[] {
  try {
    check(copy);
  } catch (e) {
    if (e instanceof DataError)
      return e.diagnostics.map((d) => formatDiagnostic(d).split('\n')[0] ?? '');
    throw e;
  }
  return [];
}

/** `file:line:column` of a needle in the copy, computed from the fixture's text. */
const at = (copy: FixtureCopy, needle: string) =>
  `${copy.file(CIJFERS)}:${copy.lineOf(CIJFERS, needle)}:${copy.columnOf(CIJFERS, needle)}`;

describe('Dutch thousands separators in the data', () => {
  it('300.000 typed as an amount is refused, not printed as € 300', () => {
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: (t) => `${t}max_koopsom: {waarde: 300.000, eenheid: euro}\n`,
    });
    expect(errorsOf(copy)).toEqual([
      `${at(copy, '300.000')} fout [getal] max_koopsom.waarde: verwacht een getal zonder scheidingsteken voor duizendtallen, gevonden 300.000 (in YAML is de punt het decimaalteken: dit zou 300 zijn); schrijf 300000`,
    ]);
  });

  it('14.849 typed as a count in a table cell is refused once, with both readings', () => {
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: (t) => t.replace('[10, 12, 14]', '[10, 14.849, 14]'),
    });
    // One message: not also "verwacht een aantal (een geheel getal …)" for the misread 14,849.
    expect(errorsOf(copy)).toEqual([
      `${at(copy, '14.849')} fout [getal] verkocht.rijen[0].waarden[1]: verwacht een getal zonder scheidingsteken voor duizendtallen, gevonden 14.849 (in YAML is de punt het decimaalteken: dit zou 14,849 zijn); schrijf 14849; is het een decimaal getal, schrijf dan hoogstens twee cijfers na de punt: 14.85`,
    ]);
  });

  it('1.234.567 (a text to YAML) is refused where it stands, also as a bare fact', () => {
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: (t) => t.replace('inwoners: 1234', 'inwoners: 1.234.567'),
    });
    expect(errorsOf(copy)).toEqual([
      `${at(copy, '1.234.567')} fout [getal] inwoners: verwacht een getal zonder scheidingsteken voor duizendtallen, gevonden 1.234.567; schrijf 1234567`,
    ]);
  });

  it('decimals that cannot be a thousands group still pass: 0.125, 18.9, 3.25, 454.47', () => {
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: (t) =>
        t.replace('waarde: 12.5', 'waarde: 0.125') +
        [
          'aanbod_groei: {waarde: 18.9, eenheid: mutatie}',
          'rente: {waarde: 3.25, eenheid: procent}',
          'huur: {waarde: 454.47, eenheid: euro}',
          'daling: {waarde: -0.125, eenheid: mutatie}',
          // quoted, it is a text: printed as typed, never taken for a number
          'notitie: "300.000"',
          '',
        ].join('\n'),
    });
    expect(check(copy).diagnostics).toEqual([]);
  });

  it('a text where a number belongs says how to write the number', () => {
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: (t) =>
        t
          .replace('[10, 12, 14]', '["300.000", "14.849", 14]')
          .replace('[5, "-", 7]', '[5, "-", "10,4"]')
          .replace('waarde: 12.5', 'waarde: "12,5%"'),
    });
    expect(errorsOf(copy)).toEqual([
      `${at(copy, '"12,5%"')} fout [schema] aandeel_starters.waarde: verwacht een getal, gevonden "12,5%"; schrijf 12.5: een decimaal met een punt, zonder %-teken (dat volgt uit de eenheid)`,
      `${at(copy, '"300.000"')} fout [schema] verkocht.rijen[0].waarden[0]: verwacht een getal, "-" of null, gevonden "300.000"; schrijf 300000: zonder scheidingsteken voor duizendtallen`,
      `${at(copy, '"14.849"')} fout [schema] verkocht.rijen[0].waarden[1]: verwacht een getal, "-" of null, gevonden "14.849"; schrijf 14849: zonder scheidingsteken voor duizendtallen`,
      `${at(copy, '"10,4"')} fout [schema] verkocht.rijen[1].waarden[2]: verwacht een getal, "-" of null, gevonden "10,4"; schrijf 10.4: een decimaal met een punt`,
    ]);
  });

  it('a text that is no number at all gets no hint', () => {
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: (t) => t.replace('[10, 12, 14]', '[10, "8t4", 14]'),
    });
    expect(errorsOf(copy)).toEqual([
      `${at(copy, '"8t4"')} fout [schema] verkocht.rijen[0].waarden[1]: verwacht een getal, "-" of null, gevonden "8t4"`,
    ]);
  });
});

describe('what reads as a thousands group', () => {
  it('grouped whole numbers do, decimals do not', () => {
    for (const s of ['300.000', '14.849', '1.234.567', '-2.500', '1.000']) {
      expect(looksLikeThousands(s), s).toBe(true);
    }
    for (const s of ['0.125', '18.9', '3.25', '454.47', '1234.567', '14849', '1.2345', '0.000']) {
      expect(looksLikeThousands(s), s).toBe(false);
    }
  });

  it('hints for texts typed as Dutch numbers', () => {
    expect(numberHint('300.000')).toBe('schrijf 300000: zonder scheidingsteken voor duizendtallen');
    expect(numberHint('10,4')).toBe('schrijf 10.4: een decimaal met een punt');
    expect(numberHint('€ 1.234,50')).toBe(
      'schrijf 1234.50: zonder scheidingsteken voor duizendtallen, een decimaal met een punt, zonder €-teken (dat volgt uit de eenheid)',
    );
    expect(numberHint('300 000')).toBe('schrijf 300000: zonder scheidingsteken voor duizendtallen');
    expect(numberHint('12')).toBe('schrijf 12: zonder aanhalingstekens');
    expect(numberHint('8t4')).toBeUndefined();
    expect(numberHint('Rijwoning')).toBeUndefined();
  });
});
