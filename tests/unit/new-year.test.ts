/** The YAML rewrites of new-year: values emptied, comments and layout kept, series extended once. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  BareNumberError,
  emptyYearFile,
  extendSeries,
  nextEdition,
} from '../../src/data/new-year.ts';

// The parsed YAML, read freely in the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Data = Record<string, any>;

const YEAR = `# Koopmarkt, bron NVM.
inwoners: 1234            # op 1 januari
groei: {waarde: 18.9, eenheid: mutatie}
tekst: blijft staan
figuur:
  soort: tabel
  titel: Verkocht
  kolommen: [Rij, Vrij]
  rijen:
    - {label: Q1, waarden: [1, 2]}
    - label: Totaal
      waarden: [3, 4]
      onderdelen:
        - {label: deel, waarden: [3, 4]}
  totaal: {vermeld: [4, 6]}
later:
  soort: ontbreekt
  titel: Prijzen
  reden: niet in de bron
som:
  soort: afgeleid
  formule: '(som inwoners 1)'
`;

const SERIES = `# Reeksen
per_jaar:
  soort: tabel
  titel: Per jaar
  kolommen: [2023, 2024]
  rijen:
    - {label: a, waarden: [1, 2]}
  totaal: {vermeld: [1, 2]}
per_rij:
  soort: tabel
  titel: Per rij
  kolommen: [Nieuw, Stand]
  rijen:
    - {label: "2024", waarden: [5, 100]}
op_1_januari:
  soort: tabel
  titel: Inwoners
  tot: volgend_jaar
  kolommen: [2024, 2025]
  rijen:
    - {label: Inwoners, waarden: [10, 11]}
al_verder:
  soort: tabel
  titel: Al ingevuld
  kolommen: [2024, 2025]
  rijen:
    - {label: a, waarden: [1, 2]}
`;

describe('new-year rewrites', () => {
  it('empties every number of the year, keeps texts, placeholders, formulas and comments', () => {
    const { text, count } = emptyYearFile(YEAR, 2024, 2025);
    const data = parse(text) as Data;
    // A bare count becomes a quantity to fill in (null alone would mean "no fact").
    expect(data.inwoners).toEqual({ waarde: null, eenheid: 'aantal' });
    expect(data.groei).toEqual({ waarde: null, eenheid: 'mutatie' });
    expect(data.tekst).toBe('blijft staan');
    expect(data.figuur.rijen[0].waarden).toEqual([null, null]);
    expect(data.figuur.rijen[1].onderdelen[0].waarden).toEqual([null, null]);
    expect(data.figuur.totaal.vermeld).toEqual([null, null]);
    expect(data.later.reden).toBe('niet in de bron');
    expect(data.som.formule).toBe('(som inwoners 1)');
    expect(count).toBe(1 + 1 + 2 + 2 + 2 + 2);
    expect(text).toContain('# Koopmarkt, bron NVM.');
    expect(text).toContain('# op 1 januari');
    expect(text).toContain('- {label: Q1, waarden: [null, null]}');
  });

  it('a bare number that is not a count is refused: its unit is unknown', () => {
    expect(() => emptyYearFile('rente: 3.5\n', 2024, 2025)).toThrow(BareNumberError);
  });

  it('adds the new year once: a column, a row, the next 1 January; a series ahead is left alone', () => {
    const { text, count } = extendSeries(SERIES, 2024, 2025);
    const data = parse(text) as Data;
    expect(data.per_jaar.kolommen).toEqual([2023, 2024, 2025]);
    expect(data.per_jaar.rijen[0].waarden).toEqual([1, 2, null]);
    expect(data.per_jaar.totaal.vermeld).toEqual([1, 2, null]);
    expect(data.per_rij.rijen.at(-1)).toEqual({ label: '2025', waarden: [null, null] });
    expect(data.op_1_januari.kolommen).toEqual([2024, 2025, 2026]);
    expect(data.al_verder.kolommen).toEqual([2024, 2025]);
    expect(count).toBe(2 + 2 + 1);
    expect(text).toContain('# Reeksen');
    // Run again for the same year: the series already has 2025, nothing more is added.
    expect(extendSeries(text, 2024, 2025).count).toBe(0);
  });

  it('the edition: its year, no date, the year in the title moved on', () => {
    const text = nextEdition(
      'jaar: 2024\ntitel: Jaarverslag Wonen 2024\ndatum: 2025-03-14\nhoofdstukken: [1-a.md]\n',
      2024,
      2025,
    );
    expect(parse(text)).toEqual({
      jaar: 2025,
      titel: 'Jaarverslag Wonen 2025',
      datum: null,
      hoofdstukken: ['1-a.md'],
    });
  });
});
