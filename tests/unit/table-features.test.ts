/**
 * Table features of a provincial report, general for any publication: the unit saldo, computed
 * columns (berekend), the total broken down (totaal.onderdelen), shares of a part's parent, the
 * value a stated total implies for its one missing cell, rows found by path, and {{aandeel a b}}.
 * The numbers are those of the published tables (Woningbouwvergunningen: Zuid-oost's parts add
 * up to 263, not 282; Drenthe's to 1.111, not 1.130: both real inconsistencies of the source).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/context.ts';
import { checkData } from '../../src/core/build.ts';
import type { Tabel } from '../../src/data/schema.ts';
import { seriesUpTo } from '../../src/data/history.ts';
import { emptyYearFile, extendSeries } from '../../src/data/new-year.ts';
import { missingValues } from '../../src/data/status.ts';
import { formatDiagnostic } from '../../src/diagnostics.ts';
import { renderChapters } from '../../src/render/chapters.ts';
import { renderReport } from '../../src/render/document.ts';
import { formatCell, tableView } from '../../src/render/table-view.ts';
import { loadTemplates } from '../../src/render/templates.ts';
import { errorLines } from '../support/check.ts';
import { fixtureCopy } from '../support/fixture.ts';
import type { FixtureCopy } from '../support/fixture.ts';

const CIJFERS = 'proef/2024/cijfers.yaml';
const PROSE = 'proef/2024/tekst/1-cijfers.md';

/** The published table, with Zuid-west's parts as the total's parts imply them (34, 375, 71). */
const VERGUNNINGEN = `
vergunningen:
  soort: tabel
  titel: Woningbouwvergunningen
  kop: Regio
  kolommen: [Aantal, {label: Aandeel, eenheid: procent, aandeel_van: 0}]
  rijen:
    - label: Noord
      waarden: [368, null]
      onderdelen:
        - {label: Overheid of woningcorporatie, waarden: [171, 46]}
        - {label: Bouwers voor de markt, waarden: [145, 39]}
        - {label: Andere particuliere opdrachtgevers, waarden: [52, 14]}
    - label: Zuid-oost
      waarden: [282, null]
      onderdelen:
        - {label: Overheid of woningcorporatie, waarden: [55, 20]}
        - {label: Bouwers voor de markt, waarden: [125, 44]}
        - {label: Andere particuliere opdrachtgevers, waarden: [83, 29]}
    - label: Zuid-west
      waarden: [480, null]
      onderdelen:
        - {label: Overheid of woningcorporatie, waarden: [34, 7]}
        - {label: Bouwers voor de markt, waarden: [375, 78]}
        - {label: Andere particuliere opdrachtgevers, waarden: [71, 15]}
  totaal:
    label: Drenthe
    vermeld: [1130, null]
    onderdelen:
      - {label: Overheid of woningcorporatie, vermeld: [260, 23]}
      - {label: Bouwers voor de markt, vermeld: [645, 57]}
      - {label: Andere particuliere opdrachtgevers, vermeld: [206, 18]}
  bron: CBS
  grafiek:
    vorm: gestapeld
    as: groepen
    beschrijving: Gestapelde staven van de vergunningen per regio, naar opdrachtgever.
`;

/** Saldo 1-1-2025 = Saldo 1-1-2024 + Gerealiseerd − Taakstelling 2024. */
const STATUSHOUDERS = `
statushouders:
  soort: tabel
  titel: Huisvesting statushouders
  eenheid: saldo
  kolommen:
    - Saldo 1-1-2024
    - Taakstelling 2024
    - Gerealiseerd
    - {label: Saldo 1-1-2025, berekend: {bij: [Saldo 1-1-2024, Gerealiseerd], af: [Taakstelling 2024]}}
  rijen:
    - {label: Assen, waarden: [-24, 139, 150, -13]}
    - {label: Emmen, waarden: [10, 200, 180, null]}
    - {label: Hoogeveen, waarden: [5, 100, 90, -4]}
  totaal: {label: Drenthe, vermeld: [-9, 439, 420, -28]}
`;

/** A share computed from rounded shares: compared rounded to the stated decimals. */
const BETAALBAARHEID = `
betaalbaarheid:
  soort: tabel
  titel: Betaalbaarheid nieuwbouw
  eenheid: procent
  kolommen:
    - Middeldure huur
    - Sociale huur
    - Betaalbare koop
    - label: Totaal percentage betaalbaar
      eenheid: procent
      berekend: {bij: [Middeldure huur, Sociale huur, Betaalbare koop]}
  rijen:
    - {label: Assen, waarden: [12.1, 20.0, 13.2, 45.3]}
    - {label: Hoogeveen, waarden: [10.4, 20.3, 14.6, 45]}
    - {label: Meppel, waarden: [10.4, 20.3, 14.6, 45.4]}
    - {label: Tynaarlo, waarden: [null, 20, 10, 40]}
`;

/** Plancapaciteit: one missing cell in 2025, two in 2024. */
const PLANCAPACITEIT = `
plancapaciteit:
  soort: tabel
  titel: Plancapaciteit per regio per jaar
  kolommen: [2024, 2025]
  rijen:
    - {label: Noord, waarden: [null, 700]}
    - {label: Zuid-oost, waarden: [null, 721]}
    - {label: Zuid-west, waarden: [400, null]}
  totaal: {label: Totaal Drenthe, vermeld: [1200, 1981]}
`;

const context = (copy: FixtureCopy) =>
  resolveContext({ dataDir: copy.dataDir, publication: 'proef', year: 2024 });

/** The minimal edition with facts added to cijfers.yaml and lines added to the first chapter. */
function withFacts(yaml: string, prose = ''): FixtureCopy {
  return fixtureCopy('minimaal', {
    [CIJFERS]: (t) => `${t}\n${yaml}`,
    ...(prose ? { [PROSE]: (t: string) => `${t}\n${prose}\n` } : {}),
  });
}

/** The first line of every diagnostic of a check about one fact, in file order. */
function messages(copy: FixtureCopy, fact: string): string[] {
  return checkData(context(copy))
    .diagnostics.filter((d) => d.field === fact || d.field?.startsWith(`${fact}.`))
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
    .map((d) => formatDiagnostic(d).split('\n')[0] ?? '');
}

/** The first line of each error of a failing check. */
function errorsOf(copy: FixtureCopy): string[] {
  return errorLines(() => checkData(context(copy)));
}

/** file:line:column in cijfers.yaml: the last line with `line`, the column of `col` on it. */
function at(copy: FixtureCopy, line: string, col = line): string {
  const lines = readFileSync(copy.file(CIJFERS), 'utf8').split('\n');
  const i = lines.findLastIndex((l) => l.includes(line));
  const c = (lines[i] ?? '').indexOf(col);
  if (i < 0 || c < 0) throw new Error(`${line} / ${col} not in ${CIJFERS}`);
  return `${copy.file(CIJFERS)}:${i + 1}:${c + 1}`;
}

/** The checked table of a fact of cijfers.yaml. */
function tableOf(copy: FixtureCopy, name: string): Tabel {
  return checkData(context(copy)).edition.facts.cijfers?.[name] as Tabel;
}

/** The value of a derived value of cijfers.yaml. */
function derived(copy: FixtureCopy, name: string): unknown {
  const fact = checkData(context(copy)).edition.facts.cijfers?.[name];
  return (fact as { waarde?: unknown } | undefined)?.waarde;
}

const formula = (name: string, formule: string) =>
  `${name}:\n  soort: afgeleid\n  formule: '${formule}'\n`;

/** The report's HTML, rendered with the fixture's (the municipal report's) templates. */
function reportHtml(copy: FixtureCopy): string {
  const ctx = context(copy);
  const { edition, prose } = checkData(ctx);
  const templates = loadTemplates(ctx, edition.publicatie.sjablonen);
  const { chapters } = renderChapters(edition, prose, [ctx.root, ctx.dataDir]);
  const html = renderReport({
    edition,
    templates,
    chapters,
    charts: new Map(),
    fontCss: '',
    final: false,
  });
  return html.replace(/\u00ad/g, '');
}

describe('unit saldo', () => {
  it('prints a Dutch whole number with its sign, like getal does for a negative number', () => {
    expect(formatCell(-13, 'saldo')).toEqual({ text: '-13', missing: false });
    expect(formatCell(-1321, 'saldo')).toEqual({ text: '-1.321', missing: false });
    expect(formatCell(150, 'saldo')).toEqual({ text: '150', missing: false });
  });

  it('is summed in the total row, and a saldo with decimals is refused at the cell', () => {
    const copy = withFacts(
      STATUSHOUDERS.replace('vermeld: [-9, 439, 420, -28]', 'vermeld: [-8, 439, 420, -28]'),
    );
    // -24 + 10 + 5 = -9: a total of negative and positive balances, summed.
    expect(messages(copy, 'statushouders')).toContain(
      `${at(copy, 'vermeld: [-8', '-8')} waarschuwing [totaal] statushouders.totaal.vermeld[0]: tabel "Huisvesting statushouders", rij "Drenthe", kolom Saldo 1-1-2024: vermeld -8, berekend -9`,
    );
    const broken = withFacts(STATUSHOUDERS.replace('[5, 100, 90, -4]', '[5.5, 100, 90, -4]'));
    expect(errorsOf(broken)).toEqual([
      `${at(broken, '5.5')} fout [eenheid] statushouders.rijen[2].waarden[0]: verwacht een saldo (een geheel getal), gevonden 5.5`,
    ]);
  });
});

describe('computed columns (berekend)', () => {
  it('reports a stated cell that differs from bij − af, with the terms in column order', () => {
    const copy = withFacts(STATUSHOUDERS);
    expect(messages(copy, 'statushouders')).toEqual([
      // Assen: -24 − 139 + 150 = -13 as stated; Emmen is computed; Hoogeveen is not what it says.
      `${at(copy, 'Hoogeveen', '-4]')} waarschuwing [berekend] statushouders.rijen[2].waarden[3]: tabel "Huisvesting statushouders", rij "Hoogeveen", kolom Saldo 1-1-2025: vermeld -4, berekend 5 − 100 + 90 = -5`,
      // The total row: -9 − 439 + 420 = -28 as stated, but the rows add up to -13 − 10 − 4 = -27.
      `${at(copy, 'vermeld: [-9', '-28]')} waarschuwing [totaal] statushouders.totaal.vermeld[3]: tabel "Huisvesting statushouders", rij "Drenthe", kolom Saldo 1-1-2025: vermeld -28, berekend -27`,
    ]);
  });

  it('checks the total row from its stated values', () => {
    const copy = withFacts(STATUSHOUDERS.replace('[-9, 439, 420, -28]', '[-9, 439, 420, -27]'));
    expect(messages(copy, 'statushouders')).toEqual([
      `${at(copy, 'Hoogeveen', '-4]')} waarschuwing [berekend] statushouders.rijen[2].waarden[3]: tabel "Huisvesting statushouders", rij "Hoogeveen", kolom Saldo 1-1-2025: vermeld -4, berekend 5 − 100 + 90 = -5`,
      `${at(copy, 'vermeld: [-9', '-27]')} waarschuwing [berekend] statushouders.totaal.vermeld[3]: tabel "Huisvesting statushouders", rij "Drenthe", kolom Saldo 1-1-2025: vermeld -27, berekend -9 − 439 + 420 = -28`,
    ]);
  });

  it('shows an empty computed cell computed, and does not count it as missing', () => {
    const copy = withFacts(STATUSHOUDERS);
    const view = tableView(tableOf(copy, 'statushouders'));
    expect(view.rows.map((r) => r.cells[3])).toEqual([
      { text: '-13', missing: false },
      { text: '-10', missing: false },
      { text: '-4', missing: false },
    ]);
    // No "cellen zijn leeg" warning, and nothing to fill in for `status` (nor the workbook).
    expect(messages(copy, 'statushouders').some((m) => m.includes('[ontbreekt]'))).toBe(false);
    const { edition } = checkData(context(copy));
    expect(missingValues(edition).filter((v) => v.fact === 'cijfers.statushouders')).toEqual([]);
  });

  it('leaves a computed cell empty and missing when one of its terms is missing', () => {
    const copy = withFacts(
      STATUSHOUDERS.replace('[10, 200, 180, null]', '[10, 200, null, null]').replace(
        '[-9, 439, 420, -28]',
        '[-9, 439, null, null]',
      ),
    );
    const view = tableView(tableOf(copy, 'statushouders'));
    expect(view.rows[1]?.cells[3]).toEqual({ text: '', missing: true });
    const { edition } = checkData(context(copy));
    // Only the term is to be filled in; the computed cell follows from it.
    expect(
      missingValues(edition)
        .filter((v) => v.fact === 'cijfers.statushouders')
        .map((v) => v.field),
    ).toEqual(['statushouders.rijen[1].waarden[2]', 'statushouders.totaal.vermeld[2]']);
    expect(messages(copy, 'statushouders')).toContain(
      `${at(copy, 'soort: tabel', 'soort')} waarschuwing [ontbreekt] statushouders: tabel "Huisvesting statushouders": 1 cel is leeg (null): nog in te vullen, of de bron geeft er geen waarde ("jaarverslag status" toont ze)`,
    );
  });

  it('compares a share computed from rounded shares rounded to the stated decimals', () => {
    const copy = withFacts(BETAALBAARHEID);
    expect(messages(copy, 'betaalbaarheid')).toEqual([
      `${at(copy, 'soort: tabel', 'soort')} waarschuwing [ontbreekt] betaalbaarheid: tabel "Betaalbaarheid nieuwbouw": 1 cel is leeg (null): nog in te vullen, of de bron geeft er geen waarde ("jaarverslag status" toont ze)`,
      // Hoogeveen states 45 for 45,3: right to whole percents. Tynaarlo cannot be computed.
      `${at(copy, 'Meppel', '45.4')} waarschuwing [berekend] betaalbaarheid.rijen[2].waarden[3]: tabel "Betaalbaarheid nieuwbouw", rij "Meppel", kolom Totaal percentage betaalbaar: vermeld 45,4%, berekend 10,4% + 20,3% + 14,6% = 45,3%`,
    ]);
  });

  it('gives cel and totaal what the table shows: stated, else computed', () => {
    const copy = withFacts(
      STATUSHOUDERS.replace('[-9, 439, 420, -28]', '[-9, 439, 420, null]') +
        formula('emmen', '(cel statushouders "Emmen" "Saldo 1-1-2025")') +
        formula('hoogeveen', '(cel statushouders "Hoogeveen" "Saldo 1-1-2025")') +
        formula('drenthe', '(totaal statushouders "Saldo 1-1-2025")'),
      'Emmen: {{getal cijfers.emmen}}; Drenthe: {{getal (totaal cijfers.statushouders "Saldo 1-1-2025")}}.',
    );
    expect(derived(copy, 'emmen')).toBe(-10);
    expect(derived(copy, 'hoogeveen')).toBe(-4);
    // The rows as shown: -13 − 10 − 4.
    expect(derived(copy, 'drenthe')).toBe(-27);
    expect(reportHtml(copy)).toContain('Emmen: -10; Drenthe: -27.');
  });

  it('a label in bij or af that is not a column is an error at the label', () => {
    const copy = withFacts(STATUSHOUDERS.replace('af: [Taakstelling 2024]', 'af: [Taakstelling]'));
    expect(errorsOf(copy)).toEqual([
      `${at(copy, 'af: [Taakstelling]', 'Taakstelling]')} fout [berekend] statushouders.kolommen[3].berekend.af[0]: verwacht een kolom van de tabel (Saldo 1-1-2024, Taakstelling 2024, Gerealiseerd, Saldo 1-1-2025), gevonden "Taakstelling"`,
    ]);
    const self = withFacts(
      STATUSHOUDERS.replace('bij: [Saldo 1-1-2024, Gerealiseerd]', 'bij: [Saldo 1-1-2025]'),
    );
    expect(errorsOf(self)).toEqual([
      `${at(self, 'bij: [Saldo 1-1-2025]', 'Saldo 1-1-2025]')} fout [berekend] statushouders.kolommen[3].berekend.bij[0]: kolom Saldo 1-1-2025 kan niet (via andere) uit zichzelf berekend worden, gevonden "Saldo 1-1-2025"`,
    ]);
  });
});

describe('the total broken down (totaal.onderdelen)', () => {
  it('reports parts that do not add up to their row, and the total against its parts', () => {
    const copy = withFacts(VERGUNNINGEN);
    expect(messages(copy, 'vergunningen')).toEqual([
      // 55 + 125 + 83 = 263: the source's own inconsistency.
      `${at(copy, '[282, null]', '282')} waarschuwing [subtotaal] vergunningen.rijen[1].waarden[0]: tabel "Woningbouwvergunningen", rij "Zuid-oost", kolom Aantal: vermeld 282, som van de onderdelen 263`,
      // 260 + 645 + 206 = 1.111; the rows themselves add up to 1.130.
      `${at(copy, 'vermeld: [1130, null]', '1130')} waarschuwing [subtotaal] vergunningen.totaal.vermeld[0]: tabel "Woningbouwvergunningen", rij "Drenthe", kolom Aantal: vermeld 1.130, som van de onderdelen 1.111`,
    ]);
  });

  it('reports a part of the total that is not the sum of the same parts of the rows', () => {
    const copy = withFacts(VERGUNNINGEN.replace('vermeld: [645, 57]', 'vermeld: [650, 57]'));
    expect(messages(copy, 'vergunningen')).toContain(
      `${at(copy, 'vermeld: [650, 57]', '650')} waarschuwing [totaal] vergunningen.totaal.onderdelen[1].vermeld[0]: tabel "Woningbouwvergunningen", rij "Drenthe / Bouwers voor de markt", kolom Aantal: vermeld 650, som over de rijen 645`,
    );
  });

  it('a part of the total that no row has is an error at its label', () => {
    const copy = withFacts(
      VERGUNNINGEN.replace(
        '{label: Bouwers voor de markt, vermeld: [645, 57]}',
        '{label: Bouwers, vermeld: [645, 57]}',
      ),
    );
    expect(errorsOf(copy)).toEqual([
      `${at(copy, '{label: Bouwers, vermeld', 'Bouwers,')} fout [totaal] vergunningen.totaal.onderdelen[1].label: verwacht een onderdeel van de rijen (Overheid of woningcorporatie, Bouwers voor de markt, Andere particuliere opdrachtgevers), gevonden "Bouwers"`,
    ]);
  });

  it('shows the parts of the total as rows under the total row', () => {
    const copy = withFacts(VERGUNNINGEN);
    const view = tableView(tableOf(copy, 'vergunningen'));
    expect(view.total?.cells.map((c) => c.text)).toEqual(['1.130', '']);
    expect(
      view.totalParts.map(
        (r) => `${r.depth} ${r.label}: ${r.cells.map((c) => c.text).join(' | ')}`,
      ),
    ).toEqual([
      '1 Overheid of woningcorporatie: 260 | 23%',
      '1 Bouwers voor de markt: 645 | 57%',
      '1 Andere particuliere opdrachtgevers: 206 | 18%',
    ]);
    const html = reportHtml(
      fixtureCopy('minimaal', {
        [CIJFERS]: (t) => `${t}\n${VERGUNNINGEN}`,
        [PROSE]: (t) => `${t}\n{{tabel cijfers.vergunningen}}\n`,
      }),
    );
    const total = html.indexOf('<tr class="totaal"><th scope="row">Drenthe</th>');
    const part = html.indexOf(
      '<tr class="diepte-1 totaal-onderdeel"><th scope="row">Bouwers voor de markt</th><td class="getal">645</td><td class="getal">57%</td></tr>',
    );
    expect(total).toBeGreaterThan(0);
    expect(part).toBeGreaterThan(total);
    expect(html.indexOf('</table>', total)).toBeGreaterThan(part);
  });

  it('lists an empty part of the total as a value to fill in', () => {
    const copy = withFacts(VERGUNNINGEN.replace('vermeld: [206, 18]', 'vermeld: [null, 18]'));
    const { edition } = checkData(context(copy));
    expect(
      missingValues(edition)
        .filter((v) => v.fact === 'cijfers.vergunningen')
        .map((v) => v.name),
    ).toContain(
      'cijfers.vergunningen, vermeld totaal "Drenthe / Andere particuliere opdrachtgevers", kolom Aantal',
    );
    // The table shows what the rows' parts add up to: 52 + 83 + 71.
    expect(tableView(tableOf(copy, 'vergunningen')).totalParts[2]?.cells[0]?.text).toBe('206');
  });
});

describe('shares of parts (aandeel_van)', () => {
  it('checks a part against its parent row, and a part of the total against the total', () => {
    // The published shares are right only as shares of the parent: 171 of 368 is 46%, not of 1.130.
    const right = withFacts(VERGUNNINGEN);
    expect(messages(right, 'vergunningen').filter((m) => m.includes('[aandeel]'))).toEqual([]);
    const wrong = withFacts(
      VERGUNNINGEN.replace('[55, 20]', '[55, 22]').replace(
        'vermeld: [645, 57]',
        'vermeld: [645, 67]',
      ),
    );
    expect(messages(wrong, 'vergunningen').filter((m) => m.includes('[aandeel]'))).toEqual([
      `${at(wrong, '[55, 22]', '22]')} waarschuwing [aandeel] vergunningen.rijen[1].onderdelen[0].waarden[1]: tabel "Woningbouwvergunningen", rij "Zuid-oost / Overheid of woningcorporatie", kolom Aandeel: vermeld 22%, berekend 19,5% (55 van 282)`,
      `${at(wrong, 'vermeld: [645, 67]', '67]')} waarschuwing [aandeel] vergunningen.totaal.onderdelen[1].vermeld[1]: tabel "Woningbouwvergunningen", rij "Drenthe / Bouwers voor de markt", kolom Aandeel: vermeld 67%, berekend 57,1% (645 van 1.130)`,
    ]);
  });
});

describe('a subtotal row without its share', () => {
  it("is not a missing value: the source gives the parts' shares, not the subtotal's", () => {
    // VERGUNNINGEN leaves the Aandeel of Noord, Zuid-oost and Zuid-west empty (null), as printed.
    const copy = withFacts(VERGUNNINGEN);
    expect(messages(copy, 'vergunningen').filter((m) => m.includes('[ontbreekt]'))).toEqual([]);
    // An empty share of a part is still missing.
    const gap = withFacts(VERGUNNINGEN.replace('[171, 46]', '[171, null]'));
    expect(messages(gap, 'vergunningen').filter((m) => m.includes('[ontbreekt]'))).toEqual([
      `${gap.file(CIJFERS)}:${gap.lineOf(CIJFERS, 'vergunningen:') + 1}:3 waarschuwing [ontbreekt] vergunningen: tabel "Woningbouwvergunningen": 1 cel is leeg (null): nog in te vullen, of de bron geeft er geen waarde ("jaarverslag status" toont ze)`,
    ]);
  });
});

describe('a stated total with one missing cell', () => {
  it('says what the stated total implies for that cell, and leaves it missing', () => {
    const copy = withFacts(
      PLANCAPACITEIT + formula('zuid_west', '(cel plancapaciteit "Zuid-west" 2025)'),
    );
    expect(messages(copy, 'plancapaciteit').filter((m) => m.includes('[totaal]'))).toEqual([
      // 2024: two cells missing, nothing implied.
      `${at(copy, 'vermeld: [1200, 1981]', '1200')} waarschuwing [totaal] plancapaciteit.totaal.vermeld[0]: tabel "Plancapaciteit per regio per jaar", rij "Totaal Drenthe", kolom 2024: vermeld 1.200, berekend 400 (2 cellen ontbreken)`,
      `${at(copy, 'vermeld: [1200, 1981]', '1981')} waarschuwing [totaal] plancapaciteit.totaal.vermeld[1]: tabel "Plancapaciteit per regio per jaar", rij "Totaal Drenthe", kolom 2025: vermeld 1.981, berekend 1.421 (1 cel ontbreekt: met het vermelde totaal zou rij "Zuid-west" 560 zijn)`,
    ]);
    expect(tableView(tableOf(copy, 'plancapaciteit')).rows[2]?.cells[1]).toEqual({
      text: '',
      missing: true,
    });
    expect(derived(copy, 'zuid_west')).toBeNull();
  });
});

describe('rows found by path (cel)', () => {
  it('finds the total row, a part of the total, and a part of a row by its path', () => {
    const copy = withFacts(
      VERGUNNINGEN +
        formula('drenthe', '(cel vergunningen "Drenthe" "Aantal")') +
        formula('drenthe_markt', '(cel vergunningen "Drenthe / Bouwers voor de markt" "Aantal")') +
        formula(
          'zuidoost_markt',
          '(cel vergunningen "Zuid-oost / Bouwers voor de markt" "Aantal")',
        ) +
        formula('eerste_markt', '(cel vergunningen "Bouwers voor de markt" "Aantal")') +
        formula('noord', '(cel vergunningen "Noord" "Aantal")'),
    );
    expect(derived(copy, 'drenthe')).toBe(1130);
    expect(derived(copy, 'drenthe_markt')).toBe(645);
    expect(derived(copy, 'zuidoost_markt')).toBe(125);
    // A label alone finds the first row with it, as before.
    expect(derived(copy, 'eerste_markt')).toBe(145);
    expect(derived(copy, 'noord')).toBe(368);
  });

  it('a path that is not there is an error at the formula', () => {
    const copy = withFacts(
      VERGUNNINGEN + formula('x', '(cel vergunningen "Drenthe / Bouwers" "Aantal")'),
    );
    expect(errorsOf(copy)).toEqual([
      `${at(copy, "formule: '(cel vergunningen", '(cel')} fout [afgeleid] x.formule: (cel …): tabel "Woningbouwvergunningen" heeft geen rij "Drenthe / Bouwers"`,
    ]);
  });
});

describe('aandeel a b', () => {
  it('is a / b × 100, in formulas and in the prose', () => {
    const copy = withFacts(
      VERGUNNINGEN +
        formula(
          'aandeel_markt',
          '(aandeel (cel vergunningen "Drenthe / Bouwers voor de markt" "Aantal") (cel vergunningen "Drenthe" "Aantal"))',
        ) +
        formula('kwart', '(aandeel 1 4)'),
      'Markt: {{procent cijfers.aandeel_markt decimalen=1}}; een derde: {{procent (aandeel 1 3) decimalen=1}}.',
    );
    // 645 / 1.130 × 100 = 57,079646…
    expect(derived(copy, 'aandeel_markt')).toBeCloseTo(57.0796, 4);
    expect(derived(copy, 'kwart')).toBe(25);
    expect(reportHtml(copy)).toContain('Markt: 57,1%; een derde: 33,3%.');
  });

  it('a missing value gives no share; a whole of 0 is an error with its place', () => {
    const missing = withFacts(
      PLANCAPACITEIT + formula('deel', '(aandeel (cel plancapaciteit "Zuid-west" 2025) 1981)'),
    );
    expect(derived(missing, 'deel')).toBeNull();
    const zero = withFacts(formula('nul', '(aandeel 5 (verschil 3 3))'));
    expect(errorsOf(zero)).toEqual([
      `${at(zero, "formule: '(aandeel 5", '(aandeel')} fout [afgeleid] nul.formule: (aandeel …): het geheel (de tweede waarde) is 0; van 0 is geen aandeel te berekenen (delen door 0)`,
    ]);
  });
});

describe('the total broken down, over the years', () => {
  const SERIES = `per_regio:
  soort: tabel
  titel: Per regio
  kolommen: [2023, 2024]
  rijen:
    - label: Noord
      waarden: [3, 4]
      onderdelen:
        - {label: A, waarden: [1, 2]}
        - {label: B, waarden: [2, 2]}
  totaal:
    label: Drenthe
    vermeld: [3, 4]
    onderdelen:
      - {label: A, vermeld: [1, 2]}
      - {label: B, vermeld: [2, 2]}
`;

  it('an edition shows the parts of the total up to its own year, like the rest', () => {
    const table = (parse(SERIES) as { per_regio: Tabel }).per_regio;
    const shown = seriesUpTo(table, 2023).table;
    expect(shown.totaal?.vermeld).toEqual([3]);
    expect(shown.totaal?.onderdelen?.map((p) => p.vermeld)).toEqual([[1], [2]]);
  });

  it('new-year empties them in a year file and gives them the new year in a series', () => {
    const emptied = emptyYearFile(SERIES, 2024, 2025);
    // 2 row cells + 4 part cells + 2 stated totals + 4 parts of the total.
    expect(emptied.count).toBe(12);
    const year = (parse(emptied.text) as { per_regio: Tabel }).per_regio;
    expect(year.totaal?.onderdelen?.map((p) => p.vermeld)).toEqual([
      [null, null],
      [null, null],
    ]);
    const extended = extendSeries(SERIES, 2024, 2025);
    expect(extended.count).toBe(3 + 1 + 2);
    const series = (parse(extended.text) as { per_regio: Tabel }).per_regio;
    expect(series.totaal?.onderdelen?.map((p) => p.vermeld)).toEqual([
      [1, 2, null],
      [2, 2, null],
    ]);
  });
});
