/**
 * The review of a draft (`jaarverslag review`): a folder with a picture of every page, a contact
 * sheet, and one HTML page (wijzigingen.html) showing what changed against an earlier edition —
 * numbers (given), paragraphs (a word diff), pages (an image diff, changed areas marked).
 */
import {
  copyFileSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { comparePictures, markBoxes, pairPages, setAsideRunning, TOLERANCE } from './image-diff.ts';
import type { PictureComparison } from './image-diff.ts';
import {
  contactSheet,
  PAGE_DPI,
  pageNumberText,
  readPicture,
  renderPages,
  writePicture,
} from './pictures.ts';
import { renderReport } from './report.ts';
import type { NumberChange, PageChange } from './report.ts';
import { alignParagraphs, htmlParagraphs, pdfParagraphs } from './text-diff.ts';
import type { Paragraph } from './text-diff.ts';

export type { NumberChange } from './report.ts';

/** Resolution the pages of both editions are compared at: a changed digit is a few dozen pixels. */
export const COMPARE_DPI = 90;

/** The review page in the review folder. */
export const REPORT_FILE = 'wijzigingen.html';
export const CONTACT_SHEET = 'contactblad.png';

/** The files a review writes, and so the only ones it removes from an earlier run. */
const OWNED = /^(?:(?:pagina|vorige|verschil)-\d+\.png|contactblad\.png|wijzigingen\.html)$/;

export interface ReviewEdition {
  pdf: string;
  /** The HTML edition beside the PDF; the paragraphs come from it when both editions have one. */
  html?: string | undefined;
  /** How the edition is named in the report, e.g. "concept van 3 maart" or a git commit. */
  label: string;
}

export interface ReviewInput {
  current: ReviewEdition;
  previous: ReviewEdition;
  numbers: NumberChange[];
  /** Shown above the numbers, e.g. what they were compared against. */
  numbersNote?: string | undefined;
  outDir: string;
  title: string;
}

export interface ReviewSummary {
  reportPath: string;
  /** Pages of the current edition. */
  pages: number;
  /** Pages of the current edition that look different, or are new (1-based). */
  changedPages: number[];
  /** Pages only in the current edition, and only in the previous one. */
  addedPages: number[];
  removedPages: number[];
  /** Paragraphs changed, added or removed. */
  paragraphsChanged: number;
  numbersChanged: number;
  contactSheet: string;
  /** Where the paragraphs came from: the HTML editions, or (rough) the PDFs' text. */
  textSource: 'html' | 'pdf';
}

/** Remove the files an earlier review left in `dir`; nothing else in it is touched. */
function clearOwnedFiles(dir: string): void {
  for (const name of readdirSync(dir)) {
    if (!OWNED.test(name)) continue;
    const file = path.join(dir, name);
    const stat = lstatSync(file);
    if (stat.isFile() || stat.isSymbolicLink()) rmSync(file);
  }
}

function paragraphsOf(edition: ReviewEdition, source: 'html' | 'pdf'): Paragraph[] {
  return source === 'html' && edition.html
    ? htmlParagraphs(readFileSync(edition.html, 'utf8'))
    : pdfParagraphs(edition.pdf);
}

/** Write the review folder for `input.current` against `input.previous`. */
export async function writeReview(input: ReviewInput): Promise<ReviewSummary> {
  const outDir = path.resolve(input.outDir);
  mkdirSync(outDir, { recursive: true });
  clearOwnedFiles(outDir);
  const scratch = mkdtempSync(path.join(tmpdir(), 'jv-review-'));
  try {
    const compareDir = (name: string) => {
      const dir = path.join(scratch, name);
      mkdirSync(dir);
      return dir;
    };
    const [pictures, before, after] = await Promise.all([
      renderPages(input.current.pdf, outDir, { dpi: PAGE_DPI, name: 'pagina' }),
      renderPages(input.previous.pdf, compareDir('vorige'), { dpi: COMPARE_DPI, name: 'p' }),
      renderPages(input.current.pdf, compareDir('huidig'), { dpi: COMPARE_DPI, name: 'p' }),
    ]);

    const sheet = path.join(outDir, CONTACT_SHEET);
    writePicture(sheet, contactSheet(pictures.map(readPicture)));

    const pairing = pairPages(before.length, after.length);
    const width = Math.max(before.length, after.length);
    const name = (kind: string, page: number) => `${kind}-${pageNumberText(page, width)}.png`;
    // Compare every page pair first: what changed on most pages (a draft stamp) is set aside.
    const comparisons = setAsideRunning(
      pairing.both.map((page) =>
        comparePictures(readPicture(before[page - 1]!), readPicture(after[page - 1]!)),
      ),
    );
    const marked = (page: number, result: PictureComparison): PageChange => {
      const entry: PageChange = {
        page,
        share: result.share,
        sameSize: result.sameSize,
        areas: result.boxes.length,
        before: name('vorige', page),
        after: name('verschil', page),
      };
      const mark = (file: string, out: string) =>
        writePicture(
          path.join(outDir, out),
          markBoxes(readPicture(file), result.boxes, result.running),
        );
      mark(before[page - 1]!, entry.before);
      mark(after[page - 1]!, entry.after);
      return entry;
    };
    const changed = pairing.both
      .filter((_, i) => comparisons[i]!.changed)
      .map((page) => marked(page, comparisons[page - 1]!));
    const runningPages = pairing.both.filter((_, i) => comparisons[i]!.running.length > 0);
    const example = runningPages[0];
    const running = {
      pages: runningPages,
      example:
        example === undefined
          ? undefined
          : (changed.find((c) => c.page === example) ?? marked(example, comparisons[example - 1]!)),
    };
    const removed = pairing.removed.map((page) => {
      const picture = name('vorige', page);
      copyFileSync(before[page - 1]!, path.join(outDir, picture));
      return { page, picture };
    });
    const added = pairing.added.map((page) => ({
      page,
      picture: path.basename(pictures[page - 1] ?? after[page - 1]!),
    }));

    const source = input.current.html && input.previous.html ? 'html' : 'pdf';
    const oldParagraphs = paragraphsOf(input.previous, source);
    const newParagraphs = paragraphsOf(input.current, source);
    const textChanges = alignParagraphs(oldParagraphs, newParagraphs);

    const reportPath = path.join(outDir, REPORT_FILE);
    writeFileSync(
      reportPath,
      renderReport({
        title: input.title,
        current: { label: input.current.label },
        previous: { label: input.previous.label },
        generatedAt: new Date(),
        numbers: input.numbers,
        numbersNote: input.numbersNote,
        text: {
          changes: textChanges,
          source,
          paragraphs: { before: oldParagraphs.length, after: newParagraphs.length },
        },
        pages: {
          current: after.length,
          previous: before.length,
          changed,
          running,
          added,
          removed,
          pictures: pictures.map((p) => path.basename(p)),
          contactSheet: CONTACT_SHEET,
          tolerance: TOLERANCE,
        },
      }),
    );
    return {
      reportPath,
      pages: after.length,
      changedPages: [...changed.map((c) => c.page), ...pairing.added],
      addedPages: pairing.added,
      removedPages: pairing.removed,
      paragraphsChanged: textChanges.length,
      numbersChanged: input.numbers.length,
      contactSheet: sheet,
      textSource: source,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
