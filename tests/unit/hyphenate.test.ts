import { describe, expect, it } from 'vitest';
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
    expect(show('woningbouwplannen')).toBe('wo-ning-bouw-plan-nen');
    expect(show('herstructureringsprojecten')).toBe('her-struc-tu-re-rings-pro-jec-ten');
    expect(show('geïnteresseerden')).toBe('ge-ïn-te-res-seer-den');
  });

  it('breaks compounds at their joints where the patterns would not', () => {
    expect(show('woningbouwinitiatieven')).toBe('wo-ning-bouw-ini-ti-a-tie-ven');
    expect(show('uitbreidingslocaties')).toBe('uit-brei-dings-lo-ca-ties');
  });

  it('keeps at least two letters before and three after a break', () => {
    for (const word of hyphenateText(PARAGRAPH).split(/[\s.,]+/)) {
      const parts = word.split(SHY);
      if (parts.length < 2) continue;
      expect(parts[0]?.length, word).toBeGreaterThanOrEqual(2);
      expect(parts.at(-1)?.replace(/[^a-zà-ÿ]/g, '').length, word).toBeGreaterThanOrEqual(3);
    }
    expect(show('woningbehoefte')).toBe('wo-ning-be-hoefte');
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
    expect(show('WOZ-woningwaarde')).toBe('WOZ-wo-ning-waarde');
    expect(show('Midden-Drenthe')).toBe('Midden-Drenthe');
  });
});
