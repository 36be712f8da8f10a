/**
 * Messages that once named no file or line: each names the file and the line, computed here
 * from the fixture's text, and says in Dutch what was expected and what was found.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/context.ts';
import { checkData } from '../../src/core/build.ts';
import { formatDiagnostic } from '../../src/diagnostics.ts';
import { DataError, JaarverslagError, TemplateError } from '../../src/errors.ts';
import { renderReport } from '../../src/render/document.ts';
import { loadTemplates } from '../../src/render/templates.ts';
import { fixtureCopy, ROOT } from '../support/fixture.ts';
import type { FixtureCopy } from '../support/fixture.ts';

const CIJFERS = 'proef/2024/cijfers.yaml';
const EDITIE = 'proef/2024/editie.yaml';
const PROSE = 'proef/2024/tekst/1-cijfers.md';
const BIN = path.join(ROOT, 'bin', 'jaarverslag.js');

function context(copy: FixtureCopy, root?: string) {
  return resolveContext({ root, dataDir: copy.dataDir, publication: 'proef', year: 2024 });
}

/** The message a check ends with. */
function failure(copy: FixtureCopy): JaarverslagError {
  try {
    checkData(context(copy));
  } catch (e) {
    if (e instanceof JaarverslagError) return e;
    throw e;
  }
  throw new Error('checkData gaf geen fout');
}

/** The first line of every diagnostic of a DataError. */
function diagnostics(e: JaarverslagError): string[] {
  expect(e).toBeInstanceOf(DataError);
  return (e as DataError).diagnostics.map((d) => formatDiagnostic(d).split('\n')[0] ?? '');
}

/** The prose with one line added at the end; its line number. */
function withLine(text: string): { copy: FixtureCopy; line: number } {
  const copy = fixtureCopy('minimaal', { [PROSE]: (t) => `${t}\n\n${text}\n` });
  return { copy, line: copy.lineOf(PROSE, text) };
}

describe('messages that name file and line', () => {
  it('a malformed image URI names the prose file, line and path', () => {
    const { copy, line } = withLine('![Kaart](%E0%A4%A.png)');
    const e = failure(copy);
    expect(e).toBeInstanceOf(TemplateError);
    expect(e.message).toBe(
      `${copy.file(PROSE)}:${line} afbeelding "%E0%A4%A.png": het pad is geen geldige URL-codering; verwacht na elke % twee hexadecimale cijfers die samen een UTF-8-teken vormen (zoals %20 voor een spatie), of anders het teken zelf`,
    );
  });

  it('an image on the second line of a paragraph is reported on that line', () => {
    const copy = fixtureCopy('minimaal', {
      [PROSE]: (t) => `${t}\n\nEen alinea\nmet ![Kaart](%E0%A4%A.png) erin.\n`,
    });
    expect(failure(copy).message).toContain(
      `${copy.file(PROSE)}:${copy.lineOf(PROSE, '![Kaart]')} afbeelding`,
    );
  });

  it('an expression naming a data file that is not there says which, where', () => {
    const { copy, line } = withLine('Er kwamen {{getal woningbouw.nieuw}} woningen bij.');
    const e = failure(copy);
    expect(e).toBeInstanceOf(TemplateError);
    expect(e.message).toBe(
      `${copy.file(PROSE)}:${line} {{getal woningbouw.nieuw}}: "woningbouw" staat niet in de gegevens: er is geen gegevensbestand woningbouw.yaml`,
    );
    // The same inside a sub-expression, and as a plain value.
    const sub = withLine('Samen {{getal (som woningbouw.a woningbouw.b)}}.');
    expect(failure(sub.copy).message).toBe(
      `${sub.copy.file(PROSE)}:${sub.line} {{getal (som woningbouw.a woningbouw.b)}}: "woningbouw" staat niet in de gegevens: er is geen gegevensbestand woningbouw.yaml`,
    );
    const plain = withLine('Het is {{woningbouw.tekst}}.');
    expect(failure(plain.copy).message).toBe(
      `${plain.copy.file(PROSE)}:${plain.line} {{woningbouw.tekst}}: "woningbouw" staat niet in de gegevens: er is geen gegevensbestand woningbouw.yaml`,
    );
  });

  it('{{getal}} without a value, and with two, is a located message', () => {
    const none = withLine('Er zijn {{getal}} woningen.');
    expect(failure(none.copy).message).toBe(
      `${none.copy.file(PROSE)}:${none.line} {{getal …}} verwacht 1 waarde, kreeg 0`,
    );
    const two = withLine('Er zijn {{getal cijfers.inwoners cijfers.inwoners}} woningen.');
    expect(failure(two.copy).message).toBe(
      `${two.copy.file(PROSE)}:${two.line} {{getal …}} verwacht 1 waarde, kreeg 2`,
    );
    const option = withLine('Er zijn {{getal cijfers.inwoners decimals=1}} woningen.');
    expect(failure(option.copy).message).toBe(
      `${option.copy.file(PROSE)}:${option.line} {{getal …}} kent de optie decimals= niet; wel: decimalen=`,
    );
  });

  // Each value helper with the right values, then one too few and one too many.
  const T = 'cijfers.verkocht';
  const N = 'cijfers.inwoners';
  const helpers: Array<[name: string, values: string[], expected: string]> = [
    ['getal', [N], '1 waarde'],
    ['procent', ['cijfers.aandeel_starters'], '1 waarde'],
    ['euro', [N], '1 waarde'],
    ['datum', ['editie.datum'], '1 waarde'],
    ['absoluut', [N], '1 waarde'],
    ['verschil', [N, N], '2 waarden'],
    ['som', [N, N], 'ten minste 2 waarden'],
    ['cel', [T, '"Rijwoning"', '"2024"'], '3 waarden'],
    ['totaal', [T, '2024'], '2 waarden'],
    ['ongeveer', [N, '"circa 1234"'], '2 waarden'],
    ['figuur', [T], '1 waarde'],
    ['tabel', [T], '1 waarde'],
    ['verwijzing', [T], '1 waarde'],
  ];
  for (const [name, values, expected] of helpers) {
    it(`{{${name}}} with too few or too many values names file and line`, () => {
      const calls = [
        values.slice(0, -1),
        ...(expected.startsWith('ten minste') ? [] : [[...values, N]]),
      ];
      for (const args of calls) {
        const { copy, line } = withLine(`Tekst {{${[name, ...args].join(' ')}}} hier.`);
        expect(failure(copy).message).toBe(
          `${copy.file(PROSE)}:${line} {{${name} …}} verwacht ${expected}, kreeg ${args.length}`,
        );
      }
    });
  }

  it('the helpers still work with the right number of values', () => {
    const copy = fixtureCopy('minimaal', {
      [PROSE]: (t) =>
        `${t}\n\nA {{getal (som cijfers.inwoners cijfers.inwoners cijfers.inwoners)}} B {{getal (verschil cijfers.inwoners 34)}} C {{getal (cel cijfers.verkocht "Rijwoning" "2024")}} D {{getal (absoluut -3)}} E {{getal cijfers.aandeel_starters decimalen=2}}\n`,
    });
    const { chapters } = checkData(context(copy));
    expect(chapters[0]?.body).toMatch(/A 3\.702 B 1\.200 C 14 D 3 E 12,50/);
  });

  it('an unclosed block in the prose names the line where it opens', () => {
    const copy = fixtureCopy('minimaal', {
      [PROSE]: (t) => t.replace('## Verkoop', '{{#if jaar}}\n\n## Verkoop'),
    });
    const line = copy.lineOf(PROSE, '{{#if jaar}}');
    expect(failure(copy).message).toBe(
      `${copy.file(PROSE)}:${line} {{#if …}} wordt nergens gesloten: verwacht {{/if}} voor het einde van het bestand`,
    );
    const crossed = withLine('{{#if jaar}} tekst {{/each}}');
    expect(failure(crossed.copy).message).toBe(
      `${crossed.copy.file(PROSE)}:${crossed.line} {{#if …}} wordt gesloten met {{/each}}: verwacht {{/if}}`,
    );
  });

  it('a chapter listed twice in editie.yaml: file and line of the second entry', () => {
    const copy = fixtureCopy('minimaal', {
      [EDITIE]: (t) =>
        t.replace(
          'hoofdstukken: [1-cijfers.md, 2-verder.md]',
          'hoofdstukken:\n  - 1-cijfers.md\n  - 2-verder.md\n  - 1-cijfers.md',
        ),
    });
    const text = readFileSync(copy.file(EDITIE), 'utf8').split('\n');
    const line = text.lastIndexOf('  - 1-cijfers.md') + 1;
    expect(diagnostics(failure(copy))).toEqual([
      `${copy.file(EDITIE)}:${line}:5 fout [schema] hoofdstukken[2]: "1-cijfers.md" staat al in de lijst (hoofdstukken[0]); verwacht elk hoofdstuk één keer`,
    ]);
  });

  it('woningbouw.yml beside woningbouw.yaml is an error naming both', () => {
    const copy = fixtureCopy('minimaal');
    writeFileSync(copy.file('proef/2024/cijfers.yml'), 'inwoners: 99\n');
    expect(diagnostics(failure(copy))).toEqual([
      `${copy.file(CIJFERS)} fout [bestand] cijfers.yaml en cijfers.yml staan allebei in ${copy.file('proef/2024')}: verwacht één bestand voor "cijfers"; verwijder of hernoem er een`,
    ]);
  });
});

describe('template mistakes name the template file and line', () => {
  /** A project root with a copy of the templates, one file edited. */
  function project(file: string, edit: (text: string) => string) {
    const root = mkdtempSync(path.join(tmpdir(), 'jv-project-'));
    const dir = path.join(root, 'templates', 'midden-drenthe');
    cpSync(path.join(ROOT, 'templates', 'midden-drenthe'), dir, { recursive: true });
    const abs = path.join(dir, file);
    writeFileSync(abs, edit(readFileSync(abs, 'utf8')));
    const lines = readFileSync(abs, 'utf8').split('\n');
    return {
      root,
      rel: `templates/midden-drenthe/${file}`,
      lineOf: (needle: string) => lines.findIndex((l) => l.includes(needle)) + 1,
    };
  }

  function render(root: string): void {
    const ctx = context(fixtureCopy('minimaal'), root);
    const checked = checkData(ctx);
    const templates = loadTemplates(ctx, checked.edition.publicatie.sjablonen);
    renderReport({
      edition: checked.edition,
      templates,
      chapters: checked.chapters,
      charts: new Map(),
      fontCss: '',
      final: false,
    });
  }

  it('an unknown partial in a template', () => {
    const p = project('hoofdstuk.hbs', (t) =>
      t.replace('{{inhoud}}', '{{inhoud}}\n  {{> bestaatniet}}'),
    );
    expect(() => render(p.root)).toThrow(
      `${p.rel}:${p.lineOf('bestaatniet')} {{> bestaatniet}}: er is geen partial "bestaatniet" (partials/bestaatniet.hbs); wel: bron, figuur, foto, hoofdstuk-kop, tabel`,
    );
  });

  it('an unknown partial in a partial', () => {
    const p = project('partials/bron.hbs', (t) => `{{> bestaatniet}}\n${t}`);
    expect(() => render(p.root)).toThrow(
      `${p.rel}:1 {{> bestaatniet}}: er is geen partial "bestaatniet"`,
    );
  });

  it('an unclosed block in a template', () => {
    const p = project('hoofdstuk.hbs', (t) =>
      t.replace('{{inhoud}}', '{{#if titel}}\n  {{inhoud}}'),
    );
    expect(() => render(p.root)).toThrow(
      `${p.rel}:${p.lineOf('{{#if titel}}')} {{#if …}} wordt nergens gesloten: verwacht {{/if}} voor het einde van het bestand`,
    );
  });
});

describe('the command line prints no stack trace for user errors', () => {
  function cli(command: string, copy: FixtureCopy, env: Record<string, string> = {}) {
    const r = spawnSync(process.execPath, [BIN, command], {
      encoding: 'utf8',
      env: { ...process.env, JAARVERSLAG_DATA: copy.dataDir, DEBUG: '', ...env },
    });
    return { code: r.status, err: r.stderr };
  }

  it('check and build: located Dutch messages, exit 1, no stack trace', () => {
    const cases: Array<[FixtureCopy, string]> = [];
    const add = (text: string) => {
      const { copy, line } = withLine(text);
      cases.push([copy, `${copy.file(PROSE)}:${line} `]);
    };
    add('{{getal}}');
    add('{{getal woningbouw.nieuw}}');
    add('{{#if jaar}}');
    add('![x](%E0%A4%A.png)');
    const dup = fixtureCopy('minimaal');
    writeFileSync(dup.file('proef/2024/cijfers.yml'), 'inwoners: 99\n');
    cases.push([dup, 'cijfers.yaml en cijfers.yml staan allebei']);
    for (const [i, [copy, expected]] of cases.entries()) {
      // build stops at the same check as check does; two of them are enough to show it.
      for (const command of i < 2 ? ['check', 'build'] : ['check']) {
        const r = cli(command, copy);
        expect(r.code).toBe(1);
        expect(r.err).toContain(expected);
        expect(r.err).not.toMatch(/^\s+at /m);
        expect(r.err).not.toContain('DEBUG=1');
      }
    }
  });

  it('a data folder that is a file: a Dutch message naming it, no stack trace', () => {
    const copy = fixtureCopy('minimaal');
    const file = path.join(copy.dataDir, 'proef', 'publicatie.yaml');
    const r = cli('check', copy, { JAARVERSLAG_DATA: file });
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `jaarverslag: ${file}: een deel van het pad is geen map (scandir, ENOTDIR)\n`,
    );
  });
});
