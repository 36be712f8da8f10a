/** Pictures of PDF pages (pdftoppm) and their comparison with reference images (pixelmatch). */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { pageTexts } from './pdf.ts';

/** Resolution of the reference pictures: enough to see layout, small enough to keep in git. */
export const DPI = 50;

/** The pictures the tests keep: which page, found by what it says. */
export const REFERENCE_PAGES: Array<{
  name: string;
  find: (text: string, index: number) => boolean;
}> = [
  { name: 'omslag', find: (_t, i) => i === 0 },
  { name: 'inhoud', find: (t) => t.includes('Inhoud') && t.includes('Inleiding') },
  { name: 'grafiek', find: (t) => t.includes('Figuur 1.') },
  { name: 'tabel', find: (t) => t.includes('Figuur 6.') },
];

/** Render one page (1-based) to PNG and read it. */
export function pagePicture(pdf: string, page: number): PNG {
  const dir = mkdtempSync(path.join(tmpdir(), 'jv-png-'));
  const base = path.join(dir, 'p');
  execFileSync('pdftoppm', [
    '-r',
    String(DPI),
    '-png',
    '-singlefile',
    '-f',
    String(page),
    '-l',
    String(page),
    pdf,
    base,
  ]);
  return PNG.sync.read(readFileSync(`${base}.png`));
}

/** Page number (1-based) of each reference picture in a PDF. */
export function referencePages(pdf: string): Map<string, number> {
  const texts = pageTexts(pdf);
  const out = new Map<string, number>();
  for (const ref of REFERENCE_PAGES) {
    const i = texts.findIndex((t, n) => ref.find(t, n));
    if (i >= 0) out.set(ref.name, i + 1);
  }
  return out;
}

/** Share of pixels that differ noticeably between two pictures of the same size. */
export function difference(a: PNG, b: PNG): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  const diff = pixelmatch(a.data, b.data, undefined, a.width, a.height, { threshold: 0.15 });
  return diff / (a.width * a.height);
}
