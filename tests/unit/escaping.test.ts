/**
 * Every value lands escaped for where it lands: data in prose never becomes Markdown or HTML
 * structure, data in a stylesheet never ends the string or the <style> element, raw HTML in the
 * prose only from an allow-list, and every document carries the Content-Security-Policy.
 */
import { describe, expect, it } from 'vitest';
import { checkData, assembleHtml } from '../../src/core/build.ts';
import { resolveContext } from '../../src/context.ts';
import { cssString } from '../../src/render/css.ts';
import { CONTENT_SECURITY_POLICY, withSecurityPolicy } from '../../src/render/policy.ts';
import { escapeMarkdownText } from '../../src/render/prose-escape.ts';
import { rawHtmlProblems } from '../../src/render/raw-html.ts';
import { createMarkdown } from '../../src/render/markdown.ts';
import { fixtureCopy } from '../support/fixture.ts';

const CIJFERS = 'proef/2024/cijfers.yaml';
const PROSE = 'proef/2024/tekst/1-cijfers.md';
const EDITIE = 'proef/2024/editie.yaml';

function check(copy: ReturnType<typeof fixtureCopy>) {
  return checkData(resolveContext({ dataDir: copy.dataDir, publication: 'proef', year: 2024 }));
}

async function documentHtml(copy: ReturnType<typeof fixtureCopy>): Promise<string> {
  const ctx = resolveContext({ dataDir: copy.dataDir, publication: 'proef', year: 2024 });
  return assembleHtml(ctx, checkData(ctx));
}

/** Add a text fact to the fixture's data (a YAML double-quoted string). */
const withText = (name: string, value: string) => (t: string) =>
  `${t}\n${name}: ${JSON.stringify(value)}\n`;

describe('data in the prose is text, never Markdown or HTML structure', () => {
  it('blank lines, a heading and a link from the data stay one run of text', () => {
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: withText(
        'naam',
        'Dorp\n\n# Kop uit de data\n\n## Sectie\n\n[klik](https://example.org) *nadruk* <b>vet</b>',
      ),
      [PROSE]: (t) => t.replace('Proefdorp telt', 'Plaats {{cijfers.naam}} telt'),
    });
    const { chapters } = check(copy);
    const first = chapters[0];
    expect(first?.titel).toBe('Cijfers');
    // The contents has what the prose makes, nothing the data adds.
    expect(chapters.flatMap((c) => c.toc.map((t) => t.titel))).toEqual(
      check(fixtureCopy('minimaal')).chapters.flatMap((c) => c.toc.map((t) => t.titel)),
    );
    const body = first?.body ?? '';
    expect(body).not.toMatch(/<h[1-6][^>]*>\s*Kop uit de data/);
    expect(body).not.toContain('<a href');
    expect(body).not.toContain('<em>');
    expect(body).not.toContain('<b>');
    // The text itself is there, as text, on one line with the sentence around it.
    expect(body).toContain(
      'Plaats Dorp # Kop uit de data ## Sectie [klik](https://example.org) *nadruk* &lt;b&gt;vet&lt;/b&gt; telt',
    );
  });

  it('a line that starts with a value never becomes a list, quote or heading', () => {
    const md = createMarkdown();
    for (const value of [
      '2024. Een jaar',
      '- streep',
      '+ plus',
      '> citaat',
      '# kop',
      '===',
      '3) drie',
    ]) {
      const html = md.render(`${escapeMarkdownText(value)}\n`);
      expect(html, value).toMatch(/^<p>/);
      expect(html).not.toMatch(/<(ol|ul|blockquote|h\d)/);
    }
  });

  it('keeps the non-breaking space of an amount: € never breaks from its number', () => {
    expect(escapeMarkdownText('€\u00a01.500.000 en\n\t  80\u00a0%')).toBe(
      '€\u00a01.500.000 en 80\u00a0%',
    );
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: (t) => `${t}\nbudget: {waarde: 1500000, eenheid: euro}\n`,
      [PROSE]: (t) => `${t}\nHet budget is {{euro cijfers.budget}}.\n`,
    });
    const body = check(copy)
      .chapters.map((c) => c.body)
      .join('');
    expect(body).toContain('Het budget is €\u00a01.500.000.');
  });

  it('a heading with & or <b> from the data reads the same in the contents, escaped once', async () => {
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: withText('thema', 'Wonen & <b>zorg</b>'),
      [PROSE]: (t) => t.replace('## Verkoop', '## Verkoop: {{cijfers.thema}}'),
    });
    const { chapters } = check(copy);
    const section = chapters[0]?.toc.find((t) => t.level === 2);
    expect(section?.titel).toBe('Verkoop: Wonen & <b>zorg</b>');
    const html = await documentHtml(copy);
    const contents = html.slice(html.indexOf('<nav'), html.indexOf('</nav>'));
    expect(contents).toContain('Verkoop: Wonen &amp; &lt;b&gt;zorg&lt;/b&gt;');
    expect(html).not.toContain('&amp;amp;');
    expect(html).not.toContain('&amp;lt;');
  });

  it('a table or a group of values printed as text is an error with the line', () => {
    const copy = fixtureCopy('minimaal', {
      [PROSE]: (t) => t.replace('{{jaar}}', '{{cijfers.verkocht}}'),
    });
    expect(() => check(copy)).toThrow(
      `${copy.file(PROSE)}:${copy.lineOf(PROSE, 'cijfers.verkocht}}')} dit is een tabel, geen tekst of getal`,
    );
  });

  it('a writer cannot forge the placeholder of a figure', () => {
    const copy = fixtureCopy('minimaal', {
      [PROSE]: (t) => `${t}\n<!--jv:plaats:0-->\n`,
    });
    expect(() => check(copy)).toThrow(
      `${copy.file(PROSE)}:${copy.lineOf(PROSE, '<!--jv:')} een commentaar dat met "jv:" begint is voorbehouden aan de build`,
    );
  });
});

describe('raw HTML in the prose: an allow-list', () => {
  it('allows the inline elements a writer needs', () => {
    expect(rawHtmlProblems('<abbr title="Centraal Bureau voor de Statistiek">CBS</abbr>')).toEqual(
      [],
    );
    expect(rawHtmlProblems('<strong>let op</strong> <em>x</em> m<sup>2</sup><br>')).toEqual([]);
    expect(rawHtmlProblems('<a href="https://www.middendrenthe.nl">site</a>')).toEqual([]);
    expect(rawHtmlProblems('<a href="#h-2-1">2.1</a><span lang="en">housing</span>')).toEqual([]);
  });

  it('refuses scripts, frames, forms, images, event handlers, styles and unsafe links', () => {
    const cases: Array<[string, string]> = [
      ['<script>alert(1)</script>', 'HTML-element <script> is niet toegestaan'],
      ['<iframe src="https://x"></iframe>', 'HTML-element <iframe> is niet toegestaan'],
      ['<img src=x onerror="alert(1)">', 'HTML-element <img> is niet toegestaan'],
      ['<form action="https://x"><input></form>', 'HTML-element <form> is niet toegestaan'],
      ['<link rel=prefetch href="http://127.0.0.1/">', 'HTML-element <link> is niet toegestaan'],
      ['<b onclick="x()">b</b>', 'attribuut onclick op <b> is niet toegestaan'],
      [
        '<span style="background:url(http://x)">s</span>',
        'attribuut style op <span> is niet toegestaan',
      ],
      ['<a href="javascript:alert(1)">x</a>', 'link "javascript:alert(1)" op <a>'],
      ['<a href="data:text/html,x">x</a>', 'link "data:text/html,x" op <a>'],
      ['<SCRIPT>x</SCRIPT>', 'HTML-element <script> is niet toegestaan'],
    ];
    for (const [html, message] of cases) {
      expect(rawHtmlProblems(html).join('\n'), html).toContain(message);
    }
  });

  it('a refused element is an error at its line in the prose file', () => {
    const copy = fixtureCopy('minimaal', {
      [PROSE]: (t) =>
        t.replace(
          '#### Toelichting',
          'Tekst <iframe src="https://x"></iframe> erna.\n\n#### Toelichting',
        ),
    });
    expect(() => check(copy)).toThrow(
      `${copy.file(PROSE)}:${copy.lineOf(PROSE, '<iframe')} HTML-element <iframe> is niet toegestaan`,
    );
  });
});

describe('data in a stylesheet', () => {
  it('cannot end the CSS string, the rule or the <style> element', () => {
    const hostile = 'Jaarverslag</style><script>alert(1)</script>"; } body { display: none } \\';
    const css = cssString(hostile);
    expect(css.startsWith('"') && css.endsWith('"')).toBe(true);
    const inner = css.slice(1, -1);
    expect(inner).not.toMatch(/[<>"{}]/);
    expect(inner).not.toContain('</style');
    // Each escape is a CSS hex escape that a browser reads back as the same character.
    const decoded = inner.replace(/\\([0-9A-F]+) /g, (_, hex: string) =>
      String.fromCodePoint(parseInt(hex, 16)),
    );
    expect(decoded).toBe(hostile);
  });

  it('the running header of the built document holds the title as an escaped string', async () => {
    const title = 'Wonen</style><link rel=prefetch href=http://127.0.0.1:9/x><style>';
    const copy = fixtureCopy('minimaal', {
      [EDITIE]: (t) =>
        t.replace('titel: Jaarverslag Wonen 2024', `titel: ${JSON.stringify(title)}`),
    });
    const html = await documentHtml(copy);
    const style = html.slice(html.indexOf('<style>'), html.indexOf('</style>'));
    // One <style> element, closed once; the title is inside it only in escaped form.
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(html).not.toContain('<link');
    expect(style).toContain(cssString(title));
  });
});

describe('the Content-Security-Policy', () => {
  it('forbids every script and allows only the document itself for images, fonts and styles', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('script-src');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });

  it('stands first in the head of the built document, before anything that loads', async () => {
    const html = await documentHtml(fixtureCopy('minimaal'));
    const head = html.slice(html.indexOf('<head>') + '<head>'.length).trimStart();
    expect(head.startsWith('<meta http-equiv="Content-Security-Policy"')).toBe(true);
  });

  it('a template that puts anything before its head is refused', () => {
    expect(() =>
      withSecurityPolicy('<!DOCTYPE html><html><link rel=x><head></head>', 'd.hbs'),
    ).toThrow('d.hbs het document begint met <!DOCTYPE html>, <html> en <head>');
    expect(() => withSecurityPolicy('<p>geen head</p>', 'd.hbs')).toThrow('d.hbs');
  });
});
