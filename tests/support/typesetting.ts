/**
 * Reading a printed PDF as a typesetter checks it: the body lines of each page with where they
 * stand, which of them end in a hyphen, and how much of a page is left empty. pdf.js gives the
 * text with its positions; nothing here asks the build how it set the pages.
 */
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface Line {
  page: number;
  /** The column's left edge (x of the line's first item), in points. */
  x: number;
  /** Baseline, from the bottom of the page. */
  y: number;
  text: string;
}

/** The running header stands above this, the page number below the other (A4, points). */
const HEADER = 842 - 62;
const FOOTER = 58;

interface Item {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/** The body lines of every page, in reading order per column (left column first). */
export async function bodyLines(file: string): Promise<Line[][]> {
  const doc = await getDocument({
    data: new Uint8Array(readFileSync(file)),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise;
  const pages: Line[][] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const items = ((await page.getTextContent()).items as unknown as Array<Partial<Item>>).filter(
      (i): i is Item => typeof i.str === 'string' && i.str.trim() !== '',
    );
    // Rows: items on one baseline (to a tenth of a point); then split where the gap between two
    // items is wider than a word space could be (two columns, table cells).
    const rows = new Map<number, Item[]>();
    for (const it of items) {
      const y = it.transform[5] ?? 0;
      if (y > HEADER || y < FOOTER) continue;
      const key = Math.round(y * 10);
      rows.set(key, [...(rows.get(key) ?? []), it]);
    }
    const lines: Line[] = [];
    for (const row of rows.values()) {
      row.sort((a, b) => (a.transform[4] ?? 0) - (b.transform[4] ?? 0));
      let current: { x: number; y: number; text: string; end: number } | undefined;
      const flush = () => {
        if (current)
          lines.push({
            page: p,
            x: current.x,
            y: current.y,
            text: current.text.replace(/\s+/g, ' ').trim(),
          });
      };
      for (const it of row) {
        const x = it.transform[4] ?? 0;
        const gap = current ? x - current.end : Infinity;
        if (!current || gap > 14) {
          flush();
          current = { x, y: it.transform[5] ?? 0, text: it.str, end: x + it.width };
        } else {
          // A word space is a visible gap between two glyph runs.
          current.text += (gap > 1 ? ' ' : '') + it.str;
          current.end = Math.max(current.end, x + it.width);
        }
      }
      flush();
    }
    // Reading order: the left column (and what spans the page) top to bottom, then the right.
    lines.sort((a, b) => (a.x < 297 === b.x < 297 ? b.y - a.y : a.x - b.x));
    pages.push(lines);
  }
  return pages;
}

/**
 * A line that ends in a word broken by hyphenation: a hyphen after a letter, the next line going
 * on with a small letter, and (when the report's words are given) the two parts together a word
 * of the report, so that a hyphen of the text itself ("koop- en huurmarkt") does not count.
 */
export function hyphenated(
  line: Line,
  next: Line | undefined,
  words?: ReadonlySet<string>,
): boolean {
  if (!next || !/\p{Ll}-$/u.test(line.text) || !/^\p{Ll}/u.test(next.text)) return false;
  if (!words) return true;
  const left = /(\p{L}+)-$/u.exec(line.text)?.[1] ?? '';
  const right = /^(\p{L}+)/u.exec(next.text)?.[1] ?? '';
  return words.has(`${left}${right}`.toLowerCase());
}

/** Every word of a built report's HTML edition (lower case, soft hyphens out). */
export function reportWords(html: string): Set<string> {
  const text = html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\u00ad/g, '')
    .toLowerCase();
  return new Set(text.match(/\p{L}+/gu) ?? []);
}

/** Runs of body text: consecutive lines of one column with the same line spacing. */
function spacing(lines: readonly Line[]): number {
  const gaps = lines
    .slice(1)
    .map((l, i) => (lines[i] as Line).y - l.y)
    .filter((g) => g > 5 && g < 30)
    .sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? 15;
}

export interface HyphenFault {
  page: number;
  rule: 'paginawissel' | 'laatste regel' | 'drie op een rij';
  text: string;
}

/**
 * Every place where a hyphenated line goes against the rules: the last body line of a page, the
 * line before a paragraph's last (a paragraph ends where the next line is further away than the
 * line spacing, or its column ends), the third hyphenated line in a row.
 */
export function hyphenFaults(pages: readonly Line[][], words?: ReadonlySet<string>): HyphenFault[] {
  const faults: HyphenFault[] = [];
  const lowest = (lines: readonly Line[]) => [...lines].sort((a, b) => a.y - b.y || b.x - a.x)[0];
  const highest = (lines: readonly Line[]) => [...lines].sort((a, b) => b.y - a.y || a.x - b.x)[0];
  pages.forEach((lines, p) => {
    const last = lowest(lines);
    const first = highest(pages[p + 1] ?? []);
    if (last && hyphenated(last, first, words))
      faults.push({ page: p + 1, rule: 'paginawissel', text: last.text });
    const step = spacing(lines);
    const follows = (a: Line | undefined, b: Line | undefined) =>
      !!a && !!b && a.x < 297 === b.x < 297 && Math.abs(a.y - b.y - step) < 0.6;
    let run = 0;
    lines.forEach((line, i) => {
      const next = lines[i + 1];
      if (!follows(line, next) || !hyphenated(line, next, words)) {
        run = 0;
        return;
      }
      run++;
      if (run === 3) faults.push({ page: p + 1, rule: 'drie op een rij', text: line.text });
      // The next line is its paragraph's last when no line follows it at the line spacing, unless
      // its column ends there (the paragraph goes on at the top of the next column or page): no
      // line of the column within two line spacings below it, and (two columns) the right column
      // has text higher up, where the paragraph goes on.
      const below = (lines as Line[]).filter(
        (l) => l.x < 297 === line.x < 297 && l.y < (next as Line).y,
      );
      const nearBelow = below.some((l) => (next as Line).y - l.y < step * 2);
      const rightColumn = lines.some((l) => l.x >= 297 && l.y >= (next as Line).y);
      const columnEnd = !nearBelow && (below.length === 0 || (line.x < 297 && rightColumn));
      if (!follows(next, lines[i + 2]) && !columnEnd)
        faults.push({ page: p + 1, rule: 'laatste regel', text: line.text });
    });
  });
  return faults;
}

/** The share of the type area (between the highest and lowest body line of the whole report) left empty at the bottom of each page. */
export function emptyShares(pages: readonly Line[][]): number[] {
  const all = pages.slice(1).flat();
  const top = Math.max(...all.map((l) => l.y));
  const bottom = Math.min(...all.map((l) => l.y));
  return pages.map((lines) => {
    if (!lines.length) return 1;
    const lowest = Math.min(...lines.map((l) => l.y));
    return (lowest - bottom) / (top - bottom);
  });
}

/** The lines that end in a word broken by hyphenation. */
export function brokenLineEnds(pages: readonly Line[][], words: ReadonlySet<string>): Line[] {
  const lines = pages.flat();
  return lines.filter((line, i) => hyphenated(line, lines[i + 1], words));
}

/** Lines that end in a digit and a hyphen with digits going on in the next line: a broken number. */
export function brokenNumbers(pages: readonly Line[][]): Line[] {
  const lines = pages.flat();
  return lines.filter((line, i) => /\d-$/.test(line.text) && /^\d/.test(lines[i + 1]?.text ?? ''));
}
