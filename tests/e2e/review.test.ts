/**
 * `jaarverslag review` as the communications team uses it: build a draft, change a number and a
 * sentence, build again, and the review folder says what changed: the number (field, file and
 * line, old → new), the sentence (a word diff) and the page that looks different. Real Chromium,
 * real PDFs; the previous draft is kept by the build itself.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { reviewCommand } from '../../src/commands/review.ts';
import { draftMarks, pageTexts } from '../support/pdf.ts';
import { editFile, FIXTURES, fixtureCopy, ROOT } from '../support/fixture.ts';
import type { FixtureCopy } from '../support/fixture.ts';

const BASE = 'jaarverslag-wonen-proef-2024';
const NUMBER = 'proef/2024/cijfers.yaml';
const PROSE = 'proef/2024/tekst/1-cijfers.md';

/** The report's text without tags, white space folded. */
const textOf = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&rarr;/g, '→')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

let copy: FixtureCopy;
let outBase: string;
let outDir: string;
let firstPdf: string;
const flags = () => ({ dataDir: copy.dataDir, outDir: outBase, publication: 'proef', year: 2024 });
const report = () => readFileSync(path.join(outDir, 'review', 'wijzigingen.html'), 'utf8');

beforeAll(async () => {
  copy = fixtureCopy('minimaal');
  outBase = mkdtempSync(path.join(tmpdir(), 'jv-review-'));
  outDir = path.join(outBase, 'proef', '2024');
  // The first draft: nothing to compare with yet.
  expect(await reviewCommand(flags(), undefined)).toBe(0);
  firstPdf = path.join(mkdtempSync(path.join(tmpdir(), 'jv-eerste-')), `${BASE}.pdf`);
  copyFileSync(path.join(outDir, `${BASE}.pdf`), firstPdf);
  // A real change to a number and to a sentence, then the review.
  editFile(copy.file(NUMBER), (t) => t.replace('inwoners: 1234', 'inwoners: 1250'));
  editFile(copy.file(PROSE), (t) =>
    t.replace('volgen de landelijke ontwikkelingen', 'volgen de regionale ontwikkelingen'),
  );
  expect(await reviewCommand(flags(), undefined)).toBe(0);
});

describe('jaarverslag review', () => {
  it('writes a picture of every page and a contact sheet', () => {
    const pages = pageTexts(path.join(outDir, `${BASE}.pdf`)).length;
    for (let p = 1; p <= pages; p++)
      expect(
        existsSync(path.join(outDir, 'review', `pagina-${String(p).padStart(2, '0')}.png`)),
      ).toBe(true);
    expect(existsSync(path.join(outDir, 'review', 'contactblad.png'))).toBe(true);
  });

  it('keeps the previous draft beside the new one, with its own draft mark', () => {
    const kept = path.join(outDir, 'vorige', `${BASE}.pdf`);
    expect(existsSync(kept)).toBe(true);
    expect(pageTexts(kept).join(' ')).toContain('1.234');
    const before = draftMarks(kept).find(Boolean);
    const after = draftMarks(path.join(outDir, `${BASE}.pdf`)).find(Boolean);
    expect(before).toMatch(/inhoud [0-9a-f]{8}/);
    expect(after).toMatch(/inhoud [0-9a-f]{8}/);
    expect(after).not.toBe(before);
  });

  it('lists the changed number with its field, file and line, old → new', () => {
    const text = textOf(report());
    expect(text).toContain('cijfers.inwoners');
    expect(text).toContain(`data/${NUMBER}`);
    expect(text).toMatch(new RegExp(`\\b${copy.lineOf(NUMBER, 'inwoners:')}\\b`));
    expect(text).toMatch(/1\.234\s*→\s*1\.250/);
    // Nothing else was changed in the data.
    expect(text).not.toMatch(/verkocht, rij/);
  });

  it('shows the changed sentence as a word diff', () => {
    const html = report();
    expect(html).toMatch(/<del[^>]*>\s*landelijke\s*<\/del>/);
    expect(html).toMatch(/<ins[^>]*>\s*regionale\s*<\/ins>/);
    // The unchanged words of the sentence stand as they are.
    expect(textOf(html)).toContain('De woningmarktontwikkelingen in Proefdorp volgen de');
  });

  it('marks the page that looks different, and only pages that do', () => {
    const texts = pageTexts(path.join(outDir, `${BASE}.pdf`));
    const changed = texts.flatMap((t, i) =>
      t.includes('regionale') || t.includes('1.250') ? [i + 1] : [],
    );
    expect(changed.length).toBeGreaterThan(0);
    for (const p of changed)
      expect(
        existsSync(path.join(outDir, 'review', `verschil-${String(p).padStart(2, '0')}.png`)),
        `pagina ${p}`,
      ).toBe(true);
    // The cover did not change (its date and title are the same).
    expect(existsSync(path.join(outDir, 'review', 'verschil-01.png'))).toBe(false);
  });

  it('building the same content again keeps the draft before it', async () => {
    expect(await reviewCommand(flags(), undefined)).toBe(0);
    expect(pageTexts(path.join(outDir, 'vorige', `${BASE}.pdf`)).join(' ')).toContain('1.234');
    expect(textOf(report())).toMatch(/1\.234\s*→\s*1\.250/);
  });

  it('compares with any earlier PDF (--against FILE): the text and the pages, not the fields', async () => {
    expect(await reviewCommand(flags(), firstPdf)).toBe(0);
    const html = report();
    expect(html).toMatch(/<del[^>]*>\s*landelijke\s*<\/del>/);
    expect(textOf(html)).toContain('geen lijst met waarden');
  });
});

describe('jaarverslag review --against GIT-REF', () => {
  it('builds the data, prose and templates of that commit and lists what changed since', async () => {
    // A project of its own under git: the fixture's data, the templates, the installed packages.
    const repo = mkdtempSync(path.join(tmpdir(), 'jv-git-'));
    cpSync(path.join(FIXTURES, 'minimaal', 'data'), path.join(repo, 'data'), { recursive: true });
    cpSync(
      path.join(ROOT, 'templates', 'midden-drenthe'),
      path.join(repo, 'templates', 'midden-drenthe'),
      {
        recursive: true,
      },
    );
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(repo, 'node_modules'));
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], {
        cwd: repo,
        encoding: 'utf8',
      });
    git('init', '-q');
    git('add', 'data', 'templates');
    git('commit', '-q', '-m', 'editie 2024');
    editFile(path.join(repo, 'data', NUMBER), (t) => t.replace('inwoners: 1234', 'inwoners: 1300'));
    const out = mkdtempSync(path.join(tmpdir(), 'jv-git-uit-'));
    const code = await reviewCommand(
      {
        root: repo,
        dataDir: path.join(repo, 'data'),
        outDir: out,
        publication: 'proef',
        year: 2024,
      },
      'HEAD',
    );
    expect(code).toBe(0);
    const text = textOf(
      readFileSync(path.join(out, 'proef', '2024', 'review', 'wijzigingen.html'), 'utf8'),
    );
    expect(text).toMatch(/1\.234\s*→\s*1\.300/);
    expect(text).toContain('git HEAD');
  });

  it('says plainly when --against is neither a file nor a git version', async () => {
    await expect(reviewCommand(flags(), 'geen-versie-zo')).rejects.toThrow(
      /geen PDF-bestand en geen git-versie/,
    );
  });
});
