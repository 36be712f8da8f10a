/**
 * The text side of a review: paragraphs read from an HTML edition (or roughly from a PDF's text),
 * old and new paragraphs aligned, and a word diff of each changed paragraph.
 */
import { describe, expect, it } from 'vitest';
import {
  alignParagraphs,
  htmlParagraphs,
  pdfTextParagraphs,
  similarity,
  wordDiff,
} from '../../src/review/text-diff.ts';
import type { Paragraph, TextChange, WordPart } from '../../src/review/text-diff.ts';

const words = (parts: WordPart[], kind: WordPart['kind']) =>
  parts.filter((p) => p.kind === kind).map((p) => p.text.trim());

describe('the word diff of a changed paragraph', () => {
  const before =
    'De gemiddelde verkoopprijs is in 2024 met 6% gestegen ten opzichte van vorig jaar.';
  const after = 'De gemiddelde verkoopprijs is in 2024 met 8% gedaald ten opzichte van vorig jaar.';

  it('marks exactly the words that changed', () => {
    const parts = wordDiff(before, after);
    expect(words(parts, 'removed')).toEqual(['6', 'gestegen']);
    expect(words(parts, 'added')).toEqual(['8', 'gedaald']);
  });

  it('keeps both versions whole: the unchanged and removed parts give the old text back', () => {
    const parts = wordDiff(before, after);
    expect(
      parts
        .filter((p) => p.kind !== 'added')
        .map((p) => p.text)
        .join(''),
    ).toBe(before);
    expect(
      parts
        .filter((p) => p.kind !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe(after);
  });

  it('treats a Dutch number with a decimal comma or thousands point as one word', () => {
    const parts = wordDiff(
      'Er staan 3.167 woningen, 18,9% meer.',
      'Er staan 3.170 woningen, 18,9% meer.',
    );
    expect(words(parts, 'removed')).toEqual(['3.167']);
    expect(words(parts, 'added')).toEqual(['3.170']);
  });

  it('finds nothing in a paragraph that did not change', () => {
    expect(wordDiff(before, before).every((p) => p.kind === 'same')).toBe(true);
  });
});

describe('paragraphs of an HTML edition', () => {
  const html = `<!DOCTYPE html><html><head><title>Niet dit</title><style>p { color: red }</style></head><body>
<a class="naar-inhoud" href="#h">Naar de inhoud</a>
<nav class="inhoud"><h2>Inhoud</h2><ol><li><a href="#h-1">1 Inleiding</a></li></ol></nav>
<main>
<h1 id="h-1"><span class="nummer">1.</span> Inleiding</h1>
<p>Dit jaar&shy;verslag geeft   in&shy;zicht in de <strong>woning</strong>markt.</p>
<p hidden>Verborgen alinea.</p>
<p aria-hidden="true">Ook verborgen.</p>
<h2 id="h-1-1">1.1 Koopmarkt</h2>
<ul><li>Eerste punt</li><li><p>Punt met alinea</p></li></ul>
<div class="figuur"><div class="bijschrift">Figuur 1. Verkochte woningen</div>
<table><caption class="visually-hidden">Verkochte woningen</caption>
<thead><tr><th>Type</th><th>2024</th></tr></thead>
<tbody><tr><th>Vrijstaand</th><td>150</td></tr></tbody></table>
<svg><text>400</text></svg></div>
<table><caption>Zichtbaar bijschrift</caption><tr><td><p>Cel</p></td></tr></table>
<script>var p = "<p>geen alinea</p>";</script>
<blockquote>Een citaat.<br>Tweede regel.</blockquote>
</main></body></html>`;

  it('reads p, li, headings, captions and quotes; skips nav, hidden parts, cells, svg and script', () => {
    expect(htmlParagraphs(html).map((p) => p.text)).toEqual([
      '1. Inleiding',
      'Dit jaarverslag geeft inzicht in de woningmarkt.',
      '1.1 Koopmarkt',
      'Eerste punt',
      'Punt met alinea',
      'Figuur 1. Verkochte woningen',
      'Zichtbaar bijschrift',
      'Een citaat. Tweede regel.',
    ]);
  });

  it('gives each paragraph the nearest heading before it as its place', () => {
    const places = new Map(htmlParagraphs(html).map((p) => [p.text, p.place]));
    expect(places.get('Dit jaarverslag geeft inzicht in de woningmarkt.')).toBe('1. Inleiding');
    expect(places.get('Eerste punt')).toBe('1.1 Koopmarkt');
    expect(places.get('Een citaat. Tweede regel.')).toBe('1.1 Koopmarkt');
  });
});

describe('paragraphs of a PDF text (the rough fallback)', () => {
  it('joins lines into paragraphs at blank lines, undoes hyphenation, drops lines of numbers', () => {
    const pages = [
      'Kop van de pagina\n\nDe woning-\nmarkt blijft krap in\nMidden-Drenthe.\n\n123 456 789\n\n3\n',
      'Een tweede pagina met tekst.\n',
    ];
    expect(pdfTextParagraphs(pages)).toEqual([
      { text: 'Kop van de pagina', place: 'pagina 1' },
      { text: 'De woningmarkt blijft krap in Midden-Drenthe.', place: 'pagina 1' },
      { text: 'Een tweede pagina met tekst.', place: 'pagina 2' },
    ]);
  });
});

describe('aligning the paragraphs of two editions', () => {
  const p = (text: string, place = 'Hoofdstuk'): Paragraph => ({ text, place });
  const before = [
    p('Dit jaarverslag geeft inzicht in de woningmarkt van het afgelopen jaar.'),
    p('Deze alinea vervalt in de nieuwe versie helemaal en komt niet terug.'),
    p('Het aanbod van koopwoningen is in 2024 met 18,9% toegenomen in Midden-Drenthe.'),
    p('De huursector komt daarna aan bod, met de verhuringen per dorp.'),
    p('Tot slot de activiteiten van de gemeente op het gebied van wonen.'),
  ];
  const after = [
    p('Dit jaarverslag geeft inzicht in de woningmarkt van het afgelopen jaar.'),
    p(
      'Het aanbod van koopwoningen is in 2024 met 21,4% toegenomen in Midden-Drenthe.',
      'Koopmarkt',
    ),
    p('De huursector komt daarna aan bod, met de verhuringen per dorp.'),
    p('Een geheel nieuwe alinea over statushouders en hun huisvesting.', 'Huursector'),
    p('Tot slot de activiteiten van de gemeente op het gebied van wonen.'),
  ];

  it('finds one changed paragraph among unchanged ones, one added and one removed', () => {
    const changes = alignParagraphs(before, after);
    expect(changes.map((c) => c.kind)).toEqual(['removed', 'changed', 'added']);
    const [removed, changed, added] = changes as [TextChange, TextChange, TextChange];
    expect(removed).toMatchObject({ text: before[1]!.text });
    expect(added).toMatchObject({ text: after[3]!.text, place: 'Huursector' });
    if (changed.kind !== 'changed') throw new Error('geen gewijzigde alinea');
    expect(changed.place).toBe('Koopmarkt');
    expect(words(changed.parts, 'removed')).toEqual(['18,9']);
    expect(words(changed.parts, 'added')).toEqual(['21,4']);
  });

  it('finds nothing when the editions have the same paragraphs', () => {
    expect(alignParagraphs(before, before)).toEqual([]);
  });

  it('lists a paragraph rewritten beyond recognition as removed and added, not changed', () => {
    expect(similarity(before[1]!.text, after[3]!.text)).toBeLessThan(0.5);
    const changes = alignParagraphs([before[1]!], [after[3]!]);
    expect(changes.map((c) => c.kind).sort()).toEqual(['added', 'removed']);
  });

  it('lists the same change made in many places once, with the other places', () => {
    const footer = (code: string, page: number) => p(`Concept · inhoud ${code}`, `pagina ${page}`);
    const changes = alignParagraphs(
      [1, 2, 3].map((n) => footer('05a1c340', n)),
      [1, 2, 3].map((n) => footer('631ded18', n)),
    );
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ kind: 'changed', place: 'pagina 1' });
    expect(changes[0]!.alsoAt).toEqual(['pagina 2', 'pagina 3']);
  });
});
