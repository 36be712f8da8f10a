/**
 * A foreword with its signature, photos with captions, and links: what the provincial report
 * needs, built into the engine for every publication. Each has a missing state (a photo file or
 * a link address the source does not give) that a draft shows and a final edition refuses.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/context.ts';
import { assembleHtml, checkData } from '../../src/core/build.ts';
import { DataError, TemplateError } from '../../src/errors.ts';
import { fixtureCopy } from '../support/fixture.ts';
import type { FixtureCopy } from '../support/fixture.ts';

const EDITIE = 'proef/2024/editie.yaml';
const CIJFERS = 'proef/2024/cijfers.yaml';
const PROSE = 'proef/2024/tekst/2-verder.md';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

const FACTS = `
foto_bouw:
  soort: foto
  alt: Bouwvakkers op een steiger bij nieuwbouwwoningen
  bijschrift: Bouw aan de Lindehof
  bestand: null
video:
  soort: link
  tekst: Bekijk de video
  adres: null
site:
  soort: link
  tekst: "Lees <meer> & zo"
  adres: https://www.example.nl/wonen?a=1&b=2
`;

function copyWith(
  prose: string,
  facts = FACTS,
  edits: Record<string, (t: string) => string> = {},
): FixtureCopy {
  return fixtureCopy('minimaal', {
    [CIJFERS]: (t) => `${t}${facts}`,
    [PROSE]: (t) => `${t}\n${prose}\n`,
    ...edits,
  });
}

const ctxOf = (copy: FixtureCopy, final = false) =>
  resolveContext({ dataDir: copy.dataDir, publication: 'proef', year: 2024, final });

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('foreword with a signature', () => {
  const withForeword = () =>
    copyWith('Tekst.', FACTS, {
      [EDITIE]: (t) =>
        t.replace(
          'hoofdstukken:',
          'voorwoord:\n  tekst: 0-voorwoord.md\n  ondertekening:\n    - {naam: Anna de Vries, functie: Wethouder Wonen}\nhoofdstukken:',
        ),
    });

  it('renders the foreword before the contents, unnumbered, with its signature', async () => {
    const copy = withForeword();
    writeFileSync(
      copy.file('proef/2024/tekst/0-voorwoord.md'),
      '# Voorwoord\n\nIn {{jaar}} telden we {{getal cijfers.inwoners}} inwoners.\n',
    );
    const ctx = ctxOf(copy);
    const checked = checkData(ctx);
    expect(checked.foreword?.titel).toBe('Voorwoord');
    expect(checked.foreword?.body.replace(/\u00ad/g, '')).toContain(
      'In 2024 telden we 1.234 inwoners.',
    );
    // Still two chapters, numbered 1 and 2; the foreword is no chapter.
    expect(checked.chapters.map((c) => c.nummer)).toEqual([1, 2]);
    expect(checked.chapters.flatMap((c) => c.toc).map((t) => t.titel)).not.toContain('Voorwoord');
    const html = await assembleHtml(ctx, checked);
    const foreword = html.indexOf('class="voorwoord"');
    expect(foreword).toBeGreaterThan(0);
    expect(foreword).toBeLessThan(html.indexOf('class="inhoud"'));
    expect(html).toMatch(/<strong>Anna de Vries<\/strong><br>Wethouder Wonen/);
    // Listed first in the contents, unnumbered, linked to its heading.
    const contents = html.slice(html.indexOf('<nav class="inhoud">'), html.indexOf('</nav>'));
    expect(contents.match(/href="#([^"]+)"/)?.[1]).toBe('voorwoord');
    expect(contents).toMatch(/<span class="nr"><\/span><span class="titel">Voorwoord<\/span>/);
    expect(html).toContain('<h2 class="voorwerk-titel" id="voorwoord">Voorwoord</h2>');
  });

  it('a foreword file that is not there is a located error', () => {
    const copy = withForeword();
    const e = errorOf(() => checkData(ctxOf(copy)));
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toContain('0-voorwoord.md');
  });
});

describe('photos', () => {
  it('a photo without its file is a visible placeholder and a warning in a draft', async () => {
    const copy = copyWith('{{foto cijfers.foto_bouw}}');
    const ctx = ctxOf(copy);
    const checked = checkData(ctx);
    const warning = checked.diagnostics.find((d) => d.message.includes('Bouw aan de Lindehof'));
    expect(warning?.severity).toBe('warning');
    expect(warning?.line).toBe(copy.lineOf(CIJFERS, 'bestand: null'));
    const html = await assembleHtml(ctx, checked);
    expect(html).toContain('Foto ontbreekt.');
    expect(html).toMatch(
      /<div class="bijschrift" id="foto-[a-z0-9-]+-bijschrift">Bouw aan de Lindehof<\/div>/,
    );
  });

  it('a final edition refuses a photo without its file', () => {
    const copy = copyWith('{{foto cijfers.foto_bouw}}');
    const e = errorOf(() => checkData(ctxOf(copy, true)));
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toMatch(/cijfers\.yaml:\d+:\d+ .*foto "Bouw aan de Lindehof" ontbreekt/);
  });

  it('a given photo file is embedded with its alt text', async () => {
    const copy = copyWith(
      '{{foto cijfers.foto_bouw}}',
      FACTS.replace('bestand: null', 'bestand: bouw.png'),
    );
    writeFileSync(copy.file('proef/2024/bouw.png'), PNG);
    const ctx = ctxOf(copy, false);
    const html = await assembleHtml(ctx, checkData(ctx));
    // Handlebars escapes the "=" of base64 as &#x3D;, which the browser reads back as "=".
    const img = /<img src="([^"]+)" alt="([^"]+)">/.exec(html);
    expect(img?.[1]?.replaceAll('&#x3D;', '=')).toBe(
      `data:image/png;base64,${PNG.toString('base64')}`,
    );
    expect(img?.[2]).toBe('Bouwvakkers op een steiger bij nieuwbouwwoningen');
    expect(html).not.toContain('Foto ontbreekt.');
  });

  it('a photo file that does not exist is an error at its bestand', () => {
    const copy = copyWith(
      '{{foto cijfers.foto_bouw}}',
      FACTS.replace('bestand: null', 'bestand: weg.jpg'),
    );
    const e = errorOf(() => checkData(ctxOf(copy)));
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toContain(
      `cijfers.yaml:${copy.lineOf(CIJFERS, 'bestand: weg.jpg')}:${copy.columnOf(CIJFERS, 'weg.jpg')}`,
    );
    expect(e.message).toContain('foto "weg.jpg" bestaat niet');
  });

  it('a photo outside the project is refused and never read', () => {
    const copy = copyWith(
      '{{foto cijfers.foto_bouw}}',
      FACTS.replace('bestand: null', 'bestand: ../../../../../../etc/passwd.png'), // outside-on-purpose
    );
    const e = errorOf(() => checkData(ctxOf(copy)));
    expect(e.message).toContain('ligt buiten het project');
  });

  it('{{foto}} on a table, and {{figuur}} on a photo, are errors at the prose line', () => {
    const onTable = errorOf(() => checkData(ctxOf(copyWith('{{foto cijfers.verkocht}}'))));
    expect(onTable).toBeInstanceOf(TemplateError);
    expect(onTable.message).toContain('verwacht een foto');
    const onPhoto = errorOf(() => checkData(ctxOf(copyWith('{{figuur cijfers.foto_bouw}}'))));
    expect(onPhoto).toBeInstanceOf(TemplateError);
    expect(onPhoto.message).toContain('verwacht een tabel of figuur');
  });
});

describe('links', () => {
  it('a link with an address is an escaped <a>; one without is marked and warned about', () => {
    const copy = copyWith('{{link cijfers.site}} en {{link cijfers.video}}.');
    const checked = checkData(ctxOf(copy));
    const body = checked.chapters[1]?.body ?? '';
    expect(body).toContain(
      '<a class="link" href="https://www.example.nl/wonen?a&#x3D;1&amp;b&#x3D;2">Lees &lt;meer&gt; &amp; zo</a>',
    );
    expect(body).toContain('<span class="link ontbreekt">Bekijk de video</span>');
    const warning = checked.diagnostics.find((d) => d.message.includes('Bekijk de video'));
    expect(warning?.severity).toBe('warning');
    expect(warning?.line).toBe(copy.lineOf(CIJFERS, 'adres: null'));
  });

  it('a final edition refuses a link without an address', () => {
    const copy = copyWith('{{link cijfers.video}}');
    const e = errorOf(() => checkData(ctxOf(copy, true)));
    expect(e.message).toMatch(/cijfers\.yaml:\d+:\d+ .*link "Bekijk de video" ontbreekt/);
  });

  it('an address that is not https or mailto is refused by the schema', () => {
    const copy = copyWith(
      '{{link cijfers.video}}',
      FACTS.replace('adres: null', 'adres: "javascript:alert(1)"'),
    );
    const e = errorOf(() => checkData(ctxOf(copy)));
    expect(e).toBeInstanceOf(DataError);
    expect(e.message).toContain('https://');
  });

  it('{{link}} on a number is an error', () => {
    const e = errorOf(() => checkData(ctxOf(copyWith('{{link cijfers.inwoners}}'))));
    expect(e).toBeInstanceOf(TemplateError);
    expect(e.message).toContain('verwacht een link');
  });
});
