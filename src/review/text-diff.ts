/**
 * Which paragraphs changed: the paragraphs of two editions (from the HTML edition, or roughly
 * from the PDF's text when there is no HTML), aligned, and a word diff of each changed one.
 */
import { execFileSync } from 'node:child_process';
import { diffArrays, diffWords } from 'diff';
import { Parser } from 'htmlparser2';

export interface Paragraph {
  /** The text, white space folded, soft hyphens removed. */
  text: string;
  /** Where it stands: the nearest heading before it, or the page ("pagina 4"). */
  place: string;
}

/** Fold white space (non-breaking spaces too) and remove soft hyphens and zero-width spaces. */
export function normaliseText(text: string): string {
  return text
    .replace(/[\u00ad\u200b]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Elements whose text is one paragraph. */
const PARAGRAPHS = new Set([
  'p',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'figcaption',
  'blockquote',
  'caption',
  'dt',
  'dd',
]);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Elements left out with everything in them. Table cells are numbers: the number comparison. */
const SKIPPED = new Set([
  'head',
  'nav',
  'script',
  'style',
  'template',
  'noscript',
  'svg',
  'math',
  'tr',
  'thead',
  'tbody',
  'tfoot',
  'colgroup',
]);
/** Elements inside a line: their end does not separate words ("<b>woning</b>bouw"). */
const INLINE = new Set(
  'a abbr b bdi bdo cite code data del dfn em i ins kbd mark q s samp small span strong sub sup time u var wbr'.split(
    ' ',
  ),
);
/** Classes of parts nobody sees (screen-reader text) and of the contents list. */
const HIDDEN_CLASSES = new Set(['visually-hidden', 'sr-only', 'inhoud', 'toc']);
/** Divs the house style uses as figure captions (the project writes no figcaption). */
const CAPTION_CLASSES = new Set(['bijschrift']);

interface Open {
  name: string;
  skip: boolean;
  /** Index in the paragraph slots when this element is a paragraph. */
  slot?: number;
}

/**
 * The paragraphs of an HTML edition in reading order: the text of p, li, h1–h6, figcaption,
 * blockquote, caption (and the house style's div.bijschrift). Left out: nav, script, style, svg,
 * table cells, the contents list and hidden parts (hidden, aria-hidden="true", visually-hidden).
 * A paragraph inside another one (a p in an li) is a paragraph of its own; the outer one keeps
 * only its own text. Each paragraph's place is the nearest heading before it.
 */
export function htmlParagraphs(html: string): Paragraph[] {
  const slots: Array<{ text: string; place: string; heading: boolean } | undefined> = [];
  const stack: Open[] = [];
  let heading = '';
  const skipping = () => stack.some((o) => o.skip);
  const innermostSlot = () => {
    for (let i = stack.length - 1; i >= 0; i--) {
      const slot = stack[i]!.slot;
      if (slot !== undefined) return slot;
    }
    return undefined;
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const classes = (attributes.class ?? '').split(/\s+/);
        const skip =
          SKIPPED.has(name) ||
          'hidden' in attributes ||
          attributes['aria-hidden'] === 'true' ||
          classes.some((c) => HIDDEN_CLASSES.has(c));
        const open: Open = { name, skip };
        const isParagraph =
          PARAGRAPHS.has(name) || (name === 'div' && classes.some((c) => CAPTION_CLASSES.has(c)));
        if (!skip && !skipping() && isParagraph) {
          open.slot = slots.length;
          slots.push({ text: '', place: heading, heading: HEADINGS.has(name) });
        }
        stack.push(open);
      },
      ontext(text) {
        if (!skipping()) append(text);
      },
      onclosetag(name) {
        // htmlparser2 closes every element it opened (implied closes too), innermost first.
        const i = stack.map((o) => o.name).lastIndexOf(name);
        if (i < 0) return;
        const closed = stack.splice(i);
        for (const element of closed) {
          if (element.slot === undefined) continue;
          const slot = slots[element.slot]!;
          slot.text = normaliseText(slot.text);
          if (slot.heading && slot.text) heading = slot.text;
        }
        // A line break or the end of a block separates the words on either side of it.
        if (!skipping() && closed.some((e) => !INLINE.has(e.name))) append(' ');
      },
    },
    { decodeEntities: true },
  );
  function append(text: string): void {
    const slot = innermostSlot();
    if (slot !== undefined) slots[slot]!.text += text;
  }
  parser.write(html);
  parser.end();
  return slots
    .filter((s): s is NonNullable<typeof s> => s !== undefined && normaliseText(s.text) !== '')
    .map((s) => ({ text: normaliseText(s.text), place: s.place }));
}

/**
 * Paragraphs of the text of PDF pages (pdftotext's output, one string per page). Rough: a
 * paragraph ends at a blank line, or after a line that ends a sentence and is clearly shorter than
 * the page's longest line; a word broken with a hyphen at a line end is joined again. Lines without
 * two letters in a row (page numbers, table rows of numbers) are left out. The place is the page.
 */
export function pdfTextParagraphs(pages: string[]): Paragraph[] {
  const out: Paragraph[] = [];
  pages.forEach((page, index) => {
    const place = `pagina ${index + 1}`;
    const lines = page.split('\n');
    const longest = Math.max(1, ...lines.map((l) => l.trim().length));
    let current: string[] = [];
    const flush = () => {
      const text = normaliseText(joinLines(current));
      if (/\p{L}\p{L}/u.test(text)) out.push({ text, place });
      current = [];
    };
    for (const raw of lines) {
      const line = raw.trim();
      if (line === '') {
        flush();
        continue;
      }
      current.push(line);
      if (/[.:!?]["'”’)]?$/.test(line) && line.length < 0.75 * longest) flush();
    }
    flush();
  });
  return out;
}

/** Lines of one paragraph joined; a hyphen or soft hyphen between two letters at a line end undone. */
function joinLines(lines: string[]): string {
  let text = '';
  for (const line of lines) {
    if (text === '') text = line;
    else if (/\p{Ll}[\u00ad\u2010-]$/u.test(text) && /^\p{Ll}/u.test(line))
      text = text.slice(0, -1) + line;
    else text += ` ${line}`;
  }
  return text;
}

/** The text of each page of a PDF, as pdftotext reads it (page 1 first). */
export function pdfPageTexts(pdf: string): string[] {
  const out = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const pages = out.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/** The paragraphs of a PDF (pdftotext, per page): the rough fallback when no HTML is available. */
export function pdfParagraphs(pdf: string): Paragraph[] {
  return pdfTextParagraphs(pdfPageTexts(pdf));
}

export interface WordPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Words as a Dutch reader sees them: "18,9" and "3.167" are one word, "%" a word of its own. */
const WORDS = new Intl.Segmenter('nl', { granularity: 'word' });

/** A word diff of two versions of a paragraph. */
export function wordDiff(before: string, after: string): WordPart[] {
  return diffWords(before, after, { intlSegmenter: WORDS }).map((c) => ({
    kind: c.added ? 'added' : c.removed ? 'removed' : 'same',
    text: c.value,
  }));
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:[.,][\p{N}]+)*/gu) ?? [];
}

/** Share of words two paragraphs have in common (as multisets), of the longer one's words. */
export function similarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (wa.length === 0 || wb.length === 0) return a === b ? 1 : 0;
  const counts = new Map<string, number>();
  for (const w of wa) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of wb) {
    const n = counts.get(w) ?? 0;
    if (n > 0) {
      common++;
      counts.set(w, n - 1);
    }
  }
  return common / Math.max(wa.length, wb.length);
}

/** Two paragraphs this similar are one paragraph changed, not one removed and another added. */
export const SIMILAR = 0.5;

export type TextChange = (
  | { kind: 'changed'; place: string; before: string; after: string; parts: WordPart[] }
  | { kind: 'added'; place: string; text: string }
  | { kind: 'removed'; place: string; text: string }
) & {
  /** The other places where exactly the same change was made (a running footer, say). */
  alsoAt?: string[];
};

/**
 * The changes between two lists of paragraphs, in reading order. Paragraphs with the same text
 * are aligned (a longest common subsequence); in each run of removed and added paragraphs
 * between them, a removed one and a later added one at least SIMILAR alike are paired, in order,
 * as one changed paragraph with a word diff.
 */
export function alignParagraphs(before: Paragraph[], after: Paragraph[]): TextChange[] {
  const changes = diffArrays(
    before.map((p) => p.text),
    after.map((p) => p.text),
  );
  const out: TextChange[] = [];
  let i = 0; // index in before
  let j = 0; // index in after
  let removed: Paragraph[] = [];
  let added: Paragraph[] = [];
  const flushRun = () => {
    out.push(...pairRun(removed, added));
    removed = [];
    added = [];
  };
  for (const change of changes) {
    const n = change.count ?? change.value.length;
    if (change.removed) {
      removed.push(...before.slice(i, i + n));
      i += n;
    } else if (change.added) {
      added.push(...after.slice(j, j + n));
      j += n;
    } else {
      flushRun();
      i += n;
      j += n;
    }
  }
  flushRun();
  return mergeRepeated(out);
}

/** The same change made in several places (a footer on every page) is listed once. */
function mergeRepeated(changes: TextChange[]): TextChange[] {
  const first = new Map<string, TextChange>();
  const out: TextChange[] = [];
  for (const change of changes) {
    const key = JSON.stringify(
      change.kind === 'changed'
        ? [change.kind, change.before, change.after]
        : [change.kind, change.text],
    );
    const seen = first.get(key);
    if (seen) (seen.alsoAt ??= []).push(change.place);
    else {
      first.set(key, change);
      out.push(change);
    }
  }
  return out;
}

function pairRun(removed: Paragraph[], added: Paragraph[]): TextChange[] {
  const out: TextChange[] = [];
  let nextAdded = 0;
  const emitAdded = (until: number) => {
    for (; nextAdded < until; nextAdded++) {
      const p = added[nextAdded]!;
      out.push({ kind: 'added', place: p.place, text: p.text });
    }
  };
  for (const old of removed) {
    let best = -1;
    let bestScore = SIMILAR;
    for (let k = nextAdded; k < added.length; k++) {
      const score = similarity(old.text, added[k]!.text);
      if (score >= bestScore && (best < 0 || score > bestScore)) {
        best = k;
        bestScore = score;
      }
    }
    if (best < 0) {
      out.push({ kind: 'removed', place: old.place, text: old.text });
      continue;
    }
    emitAdded(best);
    const now = added[best]!;
    out.push({
      kind: 'changed',
      place: now.place,
      before: old.text,
      after: now.text,
      parts: wordDiff(old.text, now.text),
    });
    nextAdded = best + 1;
  }
  emitAdded(added.length);
  return out;
}
