/**
 * writeReview on two small PDFs made with pdf-lib (no Chromium): one word and one number changed
 * on page 2. The review folder must show page 2 changed and page 1 not, and the paragraph.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReview } from '../../src/review/index.ts';
import type { NumberChange } from '../../src/review/index.ts';

const PAGE_1 = [
  'Jaarverslag Wonen 2024',
  'Dit jaarverslag geeft inzicht in de woningmarkt van het afgelopen jaar.',
];
const PAGE_2_BEFORE = [
  'Verkochte woningen',
  'Het aantal verkochte woningen steeg in 2024 naar 300 woningen.',
  'De vrijstaande woning blijft het meest verkochte woningtype.',
];
/** The same page with one word (steeg → daalde) and one number (300 → 285) changed. */
const PAGE_2_AFTER = [
  'Verkochte woningen',
  'Het aantal verkochte woningen daalde in 2024 naar 285 woningen.',
  'De vrijstaande woning blijft het meest verkochte woningtype.',
];

/** An A4 PDF with one paragraph per line, far enough apart for pdftotext to see paragraphs. */
async function pdf(file: string, pages: string[][]): Promise<void> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const paragraphs of pages) {
    const page = doc.addPage([595, 842]);
    paragraphs.forEach((text, i) =>
      page.drawText(text, { x: 60, y: 760 - i * 48, size: 12, font }),
    );
  }
  writeFileSync(file, await doc.save());
}

function html(pages: string[][]): string {
  const [first, ...rest] = pages.flat();
  return `<!DOCTYPE html><html lang="nl"><body><h1>${first}</h1>${rest.map((p) => `<p>${p}</p>`).join('')}</body></html>`;
}

const NUMBER: NumberChange = {
  field: 'koopmarkt.verkocht',
  file: 'proef/2024/koopmarkt.yaml',
  line: 4,
  old: '300',
  new: '285',
  where: ['Verkochte woningen'],
};

describe('a review of two editions', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'jv-review-test-'));
    await pdf(path.join(dir, 'vorige.pdf'), [PAGE_1, PAGE_2_BEFORE]);
    await pdf(path.join(dir, 'nieuw.pdf'), [PAGE_1, PAGE_2_AFTER]);
    writeFileSync(path.join(dir, 'vorige.html'), html([PAGE_1, PAGE_2_BEFORE]));
    writeFileSync(path.join(dir, 'nieuw.html'), html([PAGE_1, PAGE_2_AFTER]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds page 2 changed and page 1 not, and the changed paragraph (text from the PDFs)', async () => {
    const outDir = path.join(dir, 'review-pdf');
    // Files of an earlier run are replaced; other files in the folder are left alone.
    mkdirSync(outDir);
    writeFileSync(path.join(outDir, 'notities.txt'), 'van de redactie');
    writeFileSync(path.join(outDir, 'verschil-07.png'), 'oud');
    const summary = await writeReview({
      current: { pdf: path.join(dir, 'nieuw.pdf'), label: 'concept 2' },
      previous: { pdf: path.join(dir, 'vorige.pdf'), label: 'concept 1' },
      numbers: [NUMBER],
      outDir,
      title: 'Jaarverslag Wonen 2024',
    });

    expect(summary).toMatchObject({
      pages: 2,
      changedPages: [2],
      addedPages: [],
      removedPages: [],
      paragraphsChanged: 1,
      numbersChanged: 1,
      textSource: 'pdf',
    });
    expect(readdirSync(outDir).sort()).toEqual([
      'contactblad.png',
      'notities.txt',
      'pagina-01.png',
      'pagina-02.png',
      'verschil-02.png',
      'vorige-02.png',
      'wijzigingen.html',
    ]);

    const report = readFileSync(summary.reportPath, 'utf8');
    expect(report).toMatch(/<del>steeg<\/del>\s*<ins>daalde<\/ins>/);
    expect(report).toMatch(/<del>300<\/del>\s*<ins>285<\/ins>/);
    // Unchanged words are not marked.
    expect(report).not.toMatch(/<(del|ins)>[^<]*(vrijstaande|verkochte)/);
    expect(report).toContain('<del>300</del> → <ins>285</ins>');
    expect(report).toContain('id="pagina-2"');
    expect(report).not.toContain('id="pagina-1"');

    // The marked picture of page 2 has red outlines; the page picture itself has none.
    const red = (file: string) => {
      const png = PNG.sync.read(readFileSync(path.join(outDir, file)));
      let n = 0;
      for (let i = 0; i < png.data.length; i += 4)
        if (png.data[i]! > 200 && png.data[i + 1]! < 40 && png.data[i + 2]! < 40) n++;
      return n;
    };
    expect(red('verschil-02.png')).toBeGreaterThan(50);
    expect(red('pagina-02.png')).toBe(0);
    expect(existsSync(summary.contactSheet)).toBe(true);
  });

  it('reads the paragraphs from the HTML editions when both have one', async () => {
    const summary = await writeReview({
      current: {
        pdf: path.join(dir, 'nieuw.pdf'),
        html: path.join(dir, 'nieuw.html'),
        label: 'concept 2',
      },
      previous: {
        pdf: path.join(dir, 'vorige.pdf'),
        html: path.join(dir, 'vorige.html'),
        label: 'concept 1',
      },
      numbers: [],
      outDir: path.join(dir, 'review-html'),
      title: 'Jaarverslag Wonen 2024',
    });
    expect(summary).toMatchObject({ changedPages: [2], paragraphsChanged: 1, textSource: 'html' });
    const report = readFileSync(summary.reportPath, 'utf8');
    expect(report).toMatch(/<del>steeg<\/del>\s*<ins>daalde<\/ins>/);
  });

  it('lists a page only in the new edition as added', async () => {
    await pdf(path.join(dir, 'langer.pdf'), [PAGE_1, PAGE_2_BEFORE, ['Een nieuwe bijlage.']]);
    const summary = await writeReview({
      current: { pdf: path.join(dir, 'langer.pdf'), label: 'concept 3' },
      previous: { pdf: path.join(dir, 'vorige.pdf'), label: 'concept 1' },
      numbers: [],
      outDir: path.join(dir, 'review-langer'),
      title: 'Jaarverslag Wonen 2024',
    });
    expect(summary).toMatchObject({
      pages: 3,
      changedPages: [3],
      addedPages: [3],
      removedPages: [],
    });
    expect(readFileSync(summary.reportPath, 'utf8')).toContain('Pagina 3 is nieuw');
  });
});
