/**
 * The review page: every value escaped, no script and no network, the changes readable.
 */
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/review/report.ts';
import type { ReportModel } from '../../src/review/report.ts';
import { wordDiff } from '../../src/review/text-diff.ts';

const EVIL = '<script>alert(1)</script>';

function model(overrides: Partial<ReportModel> = {}): ReportModel {
  return {
    title: `Jaarverslag ${EVIL}`,
    current: { label: `concept 2 ${EVIL}` },
    previous: { label: 'concept 1' },
    generatedAt: new Date(2025, 2, 3, 14, 5),
    numbers: [
      {
        field: `koopmarkt.${EVIL}`,
        file: `midden-drenthe/2024/${EVIL}.yaml`,
        line: 12,
        old: '3.167',
        new: '3.170',
        where: [`2.2 Sociale huursector ${EVIL}`],
      },
    ],
    numbersNote: `Vergeleken met ${EVIL}`,
    text: {
      source: 'html',
      paragraphs: { before: 3, after: 3 },
      changes: [
        {
          kind: 'changed',
          place: `Leeswijzer ${EVIL}`,
          before: 'Zowel de koopmarkt als de huursector komt aan bod.',
          after: `Zowel de koopmarkt als de huursector ${EVIL} aan bod.`,
          parts: wordDiff(
            'Zowel de koopmarkt als de huursector komt aan bod.',
            `Zowel de koopmarkt als de huursector ${EVIL} aan bod.`,
          ),
        },
        { kind: 'added', place: 'Inleiding', text: `Nieuw: ${EVIL}` },
        { kind: 'removed', place: 'Inleiding', text: 'Deze alinea is vervallen.' },
      ],
    },
    pages: {
      current: 4,
      previous: 4,
      changed: [
        {
          page: 2,
          share: 0.0042,
          sameSize: true,
          areas: 1,
          before: 'vorige-02.png',
          after: 'verschil-02.png',
        },
      ],
      running: { pages: [] },
      added: [],
      removed: [],
      pictures: ['pagina-01.png', 'pagina-02.png', 'pagina-03.png', 'pagina-04.png'],
      contactSheet: 'contactblad.png',
      tolerance: 0.00001,
    },
    ...overrides,
  };
}

describe('the review page', () => {
  const html = renderReport(model());

  it('escapes every value: no script element comes from a name, a label or a paragraph', () => {
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // The title, a label, a field, a file name, a place, the note, a paragraph: each escaped.
    expect(html.split('&lt;script&gt;alert(1)&lt;/script&gt;').length - 1).toBeGreaterThanOrEqual(
      9,
    );
  });

  it('shows the changed number as old → new, with its file and line', () => {
    expect(html).toContain('<del>3.167</del> → <ins>3.170</ins>');
    expect(html).toContain(`midden-drenthe/2024/&lt;script&gt;alert(1)&lt;/script&gt;.yaml:12`);
  });

  it('forbids scripts and network access, and is Dutch', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toBeDefined();
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src|connect-src|https?:/);
    expect(html).toMatch(/<html lang="nl">/);
  });

  it('summarises the counts at the top', () => {
    const top = html.slice(0, html.indexOf('id="getallen"'));
    expect(top).toMatch(/<strong>1<\/strong> getal gewijzigd/);
    expect(top).toMatch(/<strong>3<\/strong> alinea(&#39;|')s gewijzigd/);
    expect(top).toMatch(/<strong>1<\/strong> pagina ziet er anders uit/);
  });

  it('marks removed words red and struck through, added words green, whole new paragraphs too', () => {
    expect(html).toContain('<del>komt</del>');
    expect(html).toContain('<ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins>');
    expect(html).toContain('<del>Deze alinea is vervallen.</del>');
    expect(html).toMatch(/del \{[^}]*line-through/);
  });

  it('shows a changed page old and new side by side, pictures relative to the page', () => {
    expect(html).toContain('<img src="vorige-02.png"');
    expect(html).toContain('<img src="verschil-02.png"');
    expect(html).toContain('href="contactblad.png"');
    expect(html).toContain('0,42 %');
    expect(html).not.toMatch(/src="(\/|file:|https?:)/);
  });

  it('says so when nothing changed', () => {
    const quiet = renderReport(
      model({
        numbers: [],
        text: { source: 'pdf', paragraphs: { before: 1, after: 1 }, changes: [] },
        pages: { ...model().pages, changed: [] },
      }),
    );
    expect(quiet).toContain('Geen getallen gewijzigd.');
    expect(quiet).toContain("Geen alinea's gewijzigd.");
    expect(quiet).toContain("Alle pagina's zien er hetzelfde uit.");
    expect(quiet).toContain('bij benadering');
  });
});
