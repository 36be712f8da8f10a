/**
 * Year-on-year wording: helpers that compute the direction of a change and choose the Dutch
 * words, so that a sentence stays true when the numbers change.
 */
import { describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/context.ts';
import { checkData } from '../../src/core/build.ts';
import { TemplateError } from '../../src/errors.ts';
import { fixtureCopy } from '../support/fixture.ts';
import type { FixtureCopy } from '../support/fixture.ts';

const CIJFERS = 'proef/2024/cijfers.yaml';
const PROSE = 'proef/2024/tekst/2-verder.md';

/** Facts for the cases: changes up, down and none, as counts and as percentages. */
const FACTS = `
omhoog: 48
omlaag: -102
gelijk: 0
groei: {waarde: 18.9, eenheid: mutatie}
krimp: {waarde: -2.0, eenheid: mutatie}
stilstand: {waarde: 0, eenheid: mutatie}
klein: {waarde: 0.3, eenheid: mutatie}
onbekend: {waarde: null, eenheid: mutatie}
nieuw: 300000
oud: 250000
`;

function copyWith(prose: string, edits: Record<string, (t: string) => string> = {}) {
  return fixtureCopy('minimaal', {
    [CIJFERS]: (t) => `${t}${FACTS}`,
    [PROSE]: (t) => `${t}\n${prose}\n`,
    ...edits,
  });
}

/** The text of the last paragraph of chapter 2, soft hyphens and tags removed. */
function lastParagraph(copy: FixtureCopy): string {
  const { chapters } = checkData(
    resolveContext({ dataDir: copy.dataDir, publication: 'proef', year: 2024 }),
  );
  const body = chapters[1]?.body ?? '';
  const paragraphs = [...body.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => m[1] ?? '');
  return (paragraphs.at(-1) ?? '').replace(/\u00ad/g, '');
}

/** What one prose expression prints. */
const say = (expression: string) => lastParagraph(copyWith(`[${expression}]`)).slice(1, -1);

describe('words for the direction of a change', () => {
  const cases: Array<[expression: string, printed: string]> = [
    // one value: a signed change
    ['{{meer_minder cijfers.omhoog}}', 'meer'],
    ['{{meer_minder cijfers.omlaag}}', 'minder'],
    ['{{meer_minder cijfers.gelijk}}', 'even veel'],
    // two values: new and old
    ['{{meer_minder cijfers.nieuw cijfers.oud}}', 'meer'],
    ['{{meer_minder cijfers.oud cijfers.nieuw}}', 'minder'],
    ['{{meer_minder cijfers.oud cijfers.oud}}', 'even veel'],
    ['{{toegenomen cijfers.groei}}', 'toegenomen'],
    ['{{toegenomen cijfers.krimp}}', 'afgenomen'],
    ['{{toegenomen cijfers.stilstand}}', 'gelijk gebleven'],
    ['{{gestegen cijfers.groei}}', 'gestegen'],
    ['{{gestegen cijfers.krimp}}', 'gedaald'],
    ['{{gestegen cijfers.stilstand}}', 'gelijk gebleven'],
    ['{{verhoogd cijfers.nieuw cijfers.oud}}', 'verhoogd'],
    ['{{verhoogd cijfers.oud cijfers.nieuw}}', 'verlaagd'],
    ['{{verhoogd cijfers.nieuw cijfers.nieuw}}', 'gelijk gebleven'],
    // a derived value of the fixture: 21 − 12
    ['{{meer_minder cijfers.verkocht_verandering}}', 'meer'],
  ];
  for (const [expression, printed] of cases) {
    it(`${expression} → "${printed}"`, () => {
      expect(say(expression)).toBe(printed);
    });
  }

  it('a missing value shows the placeholder, not a word', () => {
    expect(say('{{gestegen cijfers.onbekend}}')).toBe('<span class="ontbreekt">[ontbreekt]</span>');
  });

  it('the size of a change without its sign: absoluut and verschil_absoluut', () => {
    expect(say('{{getal (absoluut cijfers.omlaag)}}')).toBe('102');
    expect(say('{{getal (verschil_absoluut cijfers.oud cijfers.nieuw)}}')).toBe('50.000');
    expect(say('{{getal (verschil_absoluut cijfers.nieuw cijfers.oud)}}')).toBe('50.000');
  });
});

describe('{{verandering}}: the whole phrase, true in all three cases', () => {
  const cases: Array<[expression: string, printed: string]> = [
    ['{{verandering cijfers.groei "toegenomen" "afgenomen"}}', 'met 18,9% toegenomen'],
    ['{{verandering cijfers.krimp "toegenomen" "afgenomen"}}', 'met 2% afgenomen'],
    ['{{verandering cijfers.stilstand "toegenomen" "afgenomen"}}', 'gelijk gebleven'],
    ['{{verandering cijfers.krimp "toegenomen" "afgenomen" decimalen=1}}', 'met 2,0% afgenomen'],
    // what stands before the number
    [
      '{{verandering cijfers.groei "gestegen" "gedaald" voor="met circa"}}',
      'met circa 18,9% gestegen',
    ],
    ['{{verandering cijfers.stilstand "gestegen" "gedaald" voor="met circa"}}', 'gelijk gebleven'],
    ['{{verandering cijfers.krimp "gestegen" "gedaald" voor=""}}', '2% gedaald'],
    // a fourth word for no change
    ['{{verandering cijfers.groei "meer" "minder" "evenveel" voor=""}}', '18,9% meer'],
    ['{{verandering cijfers.krimp "meer" "minder" "evenveel" voor=""}}', '2% minder'],
    ['{{verandering cijfers.stilstand "meer" "minder" "evenveel" voor=""}}', 'evenveel'],
    // a count (no percentage unit) prints as a number
    ['{{verandering cijfers.omhoog "toegenomen" "afgenomen"}}', 'met 48 toegenomen'],
    ['{{verandering cijfers.omlaag "toegenomen" "afgenomen"}}', 'met 102 afgenomen'],
    ['{{verandering cijfers.gelijk "toegenomen" "afgenomen"}}', 'gelijk gebleven'],
    // a change that prints as 0 is no change: never "met 0% gestegen"
    ['{{verandering cijfers.klein "gestegen" "gedaald" decimalen=0}}', 'gelijk gebleven'],
    ['{{verandering cijfers.klein "gestegen" "gedaald"}}', 'met 0,3% gestegen'],
    [
      '{{verandering cijfers.onbekend "gestegen" "gedaald"}}',
      '<span class="ontbreekt">[ontbreekt]</span>',
    ],
  ];
  for (const [expression, printed] of cases) {
    it(`${expression} → "${printed}"`, () => {
      expect(say(expression)).toBe(printed);
    });
  }

  it('the published 2024 sentences read as before', () => {
    const copy = copyWith(
      [
        'Het aanbod is {{verandering cijfers.groei "toegenomen" "afgenomen"}} ten opzichte van het voorgaande jaar.',
        'Landelijk stonden er {{verandering cijfers.groei "meer" "minder" "evenveel" voor=""}} huizen te koop.',
      ].join(' '),
    );
    expect(lastParagraph(copy)).toBe(
      'Het aanbod is met 18,9% toegenomen ten opzichte van het voorgaande jaar. Landelijk stonden er 18,9% meer huizen te koop.',
    );
  });

  it('wrong words or options are errors with the line', () => {
    const failure = (prose: string) => {
      const copy = copyWith(prose);
      try {
        lastParagraph(copy);
      } catch (e) {
        if (e instanceof TemplateError) return e.message.replace(`${copy.file(PROSE)}:`, '');
        throw e;
      }
      throw new Error('no error');
    };
    const line = fixtureCopy('minimaal').lineOf(PROSE, 'gaan we verder') + 2;
    expect(failure('{{verandering cijfers.groei "toegenomen"}}')).toBe(
      `${line} {{verandering …}} verwacht 3 tot 4 waarden, kreeg 2`,
    );
    expect(failure('{{verandering cijfers.groei "toegenomen" 3}}')).toBe(
      `${line} {{verandering …}} verwacht als derde waarde een woord tussen aanhalingstekens, zoals "gestegen", gevonden 3`,
    );
    expect(failure('{{verandering cijfers.groei "a" "b" met="circa"}}')).toBe(
      `${line} {{verandering …}} kent de optie met= niet; wel: voor=, decimalen=`,
    );
    expect(failure('{{meer_minder}}')).toBe(
      `${line} {{meer_minder …}} verwacht 1 tot 2 waarden, kreeg 0`,
    );
    expect(failure('{{gestegen cijfers.groei cijfers.krimp cijfers.groei}}')).toBe(
      `${line} {{gestegen …}} verwacht 1 tot 2 waarden, kreeg 3`,
    );
    expect(failure('{{toegenomen cijfers.verkocht}}')).toBe(
      `${line} {{toegenomen …}} verwacht een getal of een grootheid {waarde, eenheid}, gevonden een tabel`,
    );
  });
});

describe('a changed number flips the word', () => {
  const SENTENCE =
    'In {{jaar}} werden er {{getal (absoluut cijfers.verkocht_verandering)}} woningen {{meer_minder cijfers.verkocht_verandering}} verkocht dan in {{vorig_jaar}}; de verkoop is {{verandering cijfers.verkocht_verandering "toegenomen" "afgenomen"}}.';
  /** The fixture with 2024's sales changed (Rijwoning, and the stated total with it). */
  const with2024 = (rijwoning: number, total: number) =>
    lastParagraph(
      copyWith(SENTENCE, {
        [CIJFERS]: (t) =>
          `${t
            .replace('[10, 12, 14]', `[10, 12, ${rijwoning}]`)
            .replace('[15, 12, 21]', `[15, 12, ${total}]`)}${FACTS}`,
      }),
    );

  it('more, fewer, the same', () => {
    expect(with2024(14, 21)).toBe(
      'In 2024 werden er 9 woningen meer verkocht dan in 2023; de verkoop is met 9 toegenomen.',
    );
    expect(with2024(3, 10)).toBe(
      'In 2024 werden er 2 woningen minder verkocht dan in 2023; de verkoop is met 2 afgenomen.',
    );
    // One word cannot change the sentence around it ("even veel … dan"): {{verandering}} can.
    expect(with2024(5, 12)).toBe(
      'In 2024 werden er 0 woningen even veel verkocht dan in 2023; de verkoop is gelijk gebleven.',
    );
  });
});
