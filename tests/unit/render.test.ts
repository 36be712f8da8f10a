/** Rendering without a browser: data into prose, escaping, figure numbers, headings, contents. */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/context.ts';
import { checkData } from '../../src/core/build.ts';
import { renderChapters } from '../../src/render/chapters.ts';
import { renderReport } from '../../src/render/document.ts';
import { loadTemplates } from '../../src/render/templates.ts';
import { TemplateError } from '../../src/errors.ts';
import { fixtureCopy } from '../support/fixture.ts';

const CIJFERS = 'proef/2024/cijfers.yaml';
const PROSE = 'proef/2024/tekst/1-cijfers.md';

function html(copy = fixtureCopy('minimaal')) {
  const ctx = resolveContext({ dataDir: copy.dataDir, publication: 'proef', year: 2024 });
  const { edition, prose } = checkData(ctx);
  const templates = loadTemplates(ctx, edition.publicatie.sjablonen);
  const { chapters } = renderChapters(edition, prose, [ctx.root, ctx.dataDir]);
  return {
    chapters,
    html: renderReport({
      edition,
      templates,
      chapters,
      charts: new Map(),
      fontCss: '',
      final: false,
    }),
  };
}

const strip = (s: string) => s.replace(/\u00ad/g, '');

describe('rendering the report', () => {
  it('numbers chapters and sections and lists them in the contents with links', () => {
    const { chapters, html: out } = html();
    expect(chapters.flatMap((c) => c.toc.map((t) => `${t.nummer} ${t.titel}`))).toEqual([
      '1 Cijfers',
      '1.1 Verkoop',
      '2 Verder',
      '2.1 Vooruitblik',
    ]);
    expect(out).toContain('<a href="#h-1-1">');
    expect(out).toContain('<h2 id="h-1-1"><span class="nummer">1.1</span> Verkoop</h2>');
    expect(out).toContain('data-pagina-van="h-2-1"');
  });

  it('puts the numbers of the data into the prose, Dutch formatted, and derives the total', () => {
    const out = strip(html().html);
    expect(out).toContain('Proefdorp telt 1.234 inwoners, van wie 12,5% starter is.');
    expect(out).toContain(
      'In 2024 werden 21 woningen verkocht (zie figuur 1), 9 meer dan in 2023.',
    );
    expect(out).toContain(
      '<span class="figuurnummer">Figuur 1.</span> Verkochte woningen per type',
    );
  });

  it('numbers figures in order of appearance, whatever order the data has', () => {
    const extra = `\ntweede:\n  soort: tabel\n  titel: Tweede tabel\n  kolommen: [A]\n  rijen:\n    - {label: x, waarden: [1]}\n`;
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: (t) => t + extra,
      // placed before the first figure, referred to after it
      [PROSE]: (t) =>
        t.replace(
          '## Verkoop',
          '{{figuur cijfers.tweede}}\n\n## Verkoop\n\nZie {{verwijzing cijfers.tweede}}.',
        ),
    });
    const out = strip(html(copy).html);
    expect(out).toContain('<span class="figuurnummer">Figuur 1.</span> Tweede tabel');
    expect(out).toContain(
      '<span class="figuurnummer">Figuur 2.</span> Verkochte woningen per type',
    );
    expect(out).toContain('Zie figuur 1.');
    expect(out).toContain('(zie figuur 2)');
  });

  it('escapes text from the data: markup only comes from the prose', () => {
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: (t) =>
        t.replace(
          'titel: Verkochte woningen per type',
          'titel: "Verkocht <script>alert(1)</script> & meer"',
        ),
    });
    const out = html(copy).html;
    expect(out).not.toContain('<script>alert(1)</script>');
    expect(out).toContain('Verkocht &lt;script&gt;alert(1)&lt;/script&gt; &amp; meer');
  });

  it('a figure placed twice, or a reference to a figure that is not placed, is an error with the line', () => {
    const twice = fixtureCopy('minimaal', {
      [PROSE]: (t) => `${t}\n{{figuur cijfers.verkocht}}\n`,
    });
    expect(() => html(twice)).toThrow(TemplateError);
    expect(() => html(twice)).toThrow('cijfers.verkocht staat al eerder in het verslag');
    const extra = `\nlos:\n  soort: tabel\n  titel: Los\n  kolommen: [A]\n  rijen:\n    - {label: x, waarden: [1]}\n`;
    const dangling = fixtureCopy('minimaal', {
      [CIJFERS]: (t) => t + extra,
      [PROSE]: (t) => `${t}\nZie {{verwijzing cijfers.los}}.\n`,
    });
    const line = dangling.lineOf(PROSE, 'verwijzing cijfers.los');
    expect(() => html(dangling)).toThrow(
      `${dangling.file(PROSE)}:${line} {{verwijzing …}} verwijst naar cijfers.los, maar die figuur staat nergens met {{figuur …}} in het verslag`,
    );
  });

  it('embeds an image from the edition as data, and refuses a path outside the project', () => {
    const copy = fixtureCopy('minimaal', { [PROSE]: (t) => `${t}\n![Proef](../foto.png)\n` });
    // a 1×1 PNG
    writeFileSync(
      copy.file('proef/2024/foto.png'),
      Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
        'base64',
      ),
    );
    expect(html(copy).html).toContain('<img src="data:image/png;base64,iVBORw0KGgo');
    // outside-on-purpose: the attack this test proves is refused.
    const attack = '../../../../../../../../etc/hostname.png';
    const outside = fixtureCopy('minimaal', {
      [PROSE]: (t) => `${t}\n![Geheim](${attack})\n`,
    });
    const line = outside.lineOf(PROSE, 'Geheim');
    expect(() => html(outside)).toThrow(
      `${outside.file(PROSE)}:${line} afbeelding "${attack}" ligt buiten het project`,
    );
  });

  it('a value the data does not have is an error naming the file, line and expression', () => {
    const copy = fixtureCopy('minimaal', {
      [PROSE]: (t) => t.replace('{{jaar}}', '{{cijfers.bestaat_niet}}'),
    });
    const line = copy.lineOf(PROSE, 'bestaat_niet');
    expect(() => html(copy)).toThrow(`${copy.file(PROSE)}:${line}`);
    expect(() => html(copy)).toThrow(
      '{{cijfers.bestaat_niet}}: "cijfers.bestaat_niet" staat niet in de gegevens',
    );
  });
});
