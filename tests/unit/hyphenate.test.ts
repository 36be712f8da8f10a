import { describe, expect, it } from 'vitest';
import { hyphenateText } from '../../src/render/hyphenate.ts';
import { renderMarkdown } from '../../src/render/markdown.ts';

const SHY = '\u00ad';
const unshy = (s: string) => s.replaceAll(SHY, '');

const PARAGRAPH =
  'Via de ontwikkeling van woningbouwplannen en herstructureringsprojecten spelen we in op de in de ' +
  'woonvisie 2023-2027 beschreven woningbehoefte en de gewenste ontwikkeling van de woningvoorraad.';

describe('Dutch hyphenation', () => {
  it('puts soft hyphens into the long words of a paragraph and changes nothing else', () => {
    const out = hyphenateText(PARAGRAPH);
    expect(unshy(out)).toBe(PARAGRAPH);
    for (const word of [
      'woningbouwplannen',
      'herstructureringsprojecten',
      'woningbehoefte',
      'woningvoorraad',
    ]) {
      const hyphenated = out.split(/\s+/).find((w) => unshy(w).startsWith(word));
      expect(hyphenated, word).toContain(SHY);
    }
    expect(out.split(SHY).length - 1).toBeGreaterThan(8);
  });

  it('breaks compounds at their joints where the patterns would not', () => {
    const show = (w: string) => hyphenateText(w).replaceAll(SHY, '-');
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
  });

  it('never breaks numbers, names, URLs or e-mail addresses', () => {
    const text =
      'In Midden-Drenthe en Westerbork: 14.849 huizen, 10,4%, 4.1.1, www.middendrenthe.nl, https://example.nl/woningbouwplannen en info@middendrenthe.nl. Thuiskompas.';
    const out = hyphenateText(text);
    expect(out).toBe(text);
  });

  it('breaks the lower-case parts of a hyphenated compound, not its capitalised head', () => {
    const out = hyphenateText('twee-onder-een-kapwoning en Welwozo-samenwerkingsverband');
    expect(out).toContain(`kap${SHY}`);
    expect(out).toContain('Welwozo-samenwerkingsverband');
  });
});

describe('the prose Markdown', () => {
  it('hyphenates paragraphs and list items, not headings, links or code', () => {
    const html = renderMarkdown(
      '## Woningbouwinitiatieven\n\nDe woningbouwinitiatieven groeien.\n\n- verduurzamingsmaatregelen\n\n[woningbouwmonitor](https://example.nl) en `woningbouwinitiatieven`\n',
    );
    expect(html).toContain('<h2>Woningbouwinitiatieven</h2>');
    expect(html).toMatch(/<p>De wo[^<]*\u00ad[^<]*groeien\.<\/p>/);
    expect(html).toMatch(/<li>ver[^<]*\u00ad[^<]*<\/li>/);
    expect(html).toContain('<a href="https://example.nl">woningbouwmonitor</a>');
    expect(html).toContain('<code>woningbouwinitiatieven</code>');
  });

  it('sets Dutch typographic quotes and passes raw HTML blocks through', () => {
    const html = renderMarkdown(
      'De serie "Bouwfoto van de week" en \'nota\'.\n\n<!--jv:plaats:0-->\n',
    );
    expect(html).toContain('“Bouwfoto van de week”');
    expect(html).toContain('‘nota’');
    expect(html).toContain('<!--jv:plaats:0-->');
  });
});
