import { describe, expect, it } from 'vitest';
import { createMarkdown, renderMarkdown } from '../../src/render/markdown.ts';

const SHY = '\u00ad';
const show = (html: string) => html.replaceAll(SHY, '-');

describe('the prose Markdown', () => {
  it('hyphenates paragraphs, list items and table cells', () => {
    const html = show(
      renderMarkdown(
        'De woningbouwinitiatieven groeien.\n\n- verduurzamingsmaatregelen\n\n' +
          '| kop |\n|---|\n| huurwoningen |\n',
      ),
    );
    expect(html).toContain('<p>De woning-bouw-ini-ti-a-tie-ven groeien.</p>');
    expect(html).toContain('<li>ver-duur-za-mings-maat-re-ge-len</li>');
    expect(html).toContain('<td>huur-woningen</td>');
  });

  it('hyphenates inside emphasis', () => {
    expect(show(renderMarkdown('de **woningbouwplannen**'))).toBe(
      '<p>de <strong>woning-bouw-plannen</strong></p>\n',
    );
  });

  it('does not hyphenate headings, links, code or image descriptions', () => {
    const html = renderMarkdown(
      '## Woningbouwinitiatieven en huurwoningen\n\nOverzicht woningbouwplannen\n===\n\n' +
        '[woningbouwmonitor](https://example.nl) en `woningbouwinitiatieven`, ' +
        '<a href="https://example.nl">huurwoningen</a>, <code>koopwoningen</code> ' +
        'en ![woningbouwplannen](foto.jpg)\n',
    );
    expect(html).not.toContain(SHY);
    expect(html).toContain('<h2>Woningbouwinitiatieven en huurwoningen</h2>');
    expect(html).toContain('<h1>Overzicht woningbouwplannen</h1>');
    expect(html).toContain('<a href="https://example.nl">woningbouwmonitor</a>');
    expect(html).toContain('<code>woningbouwinitiatieven</code>');
    expect(html).toContain('alt="woningbouwplannen"');
  });

  it('hyphenates again after a raw link closes', () => {
    const html = show(renderMarkdown('<a href="x">huurwoningen</a> en koopwoningen'));
    expect(html).toBe('<p><a href="x">huurwoningen</a> en koop-woningen</p>\n');
  });

  it('sets Dutch typographic quotes', () => {
    const html = renderMarkdown('De serie "Bouwfoto van de week" en \'nota\'.');
    expect(html).toBe('<p>De serie “Bouwfoto van de week” en ‘nota’.</p>\n');
  });

  it('passes raw HTML blocks through unchanged', () => {
    const block = '<div class="figuur">\n<p>woningbouwplannen "x"</p>\n</div>';
    const html = renderMarkdown(`Tekst.\n\n<!--jv:plaats:0-->\n\n${block}\n`);
    expect(html).toBe(`<p>Tekst.</p>\n<!--jv:plaats:0-->\n${block}\n`);
  });

  it('does not turn bare URLs into links', () => {
    expect(createMarkdown().render('zie https://example.nl')).toBe(
      '<p>zie https://example.nl</p>\n',
    );
  });
});
