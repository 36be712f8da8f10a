/** Reading a built PDF as a reader gets it: text per page, outline, fonts, structure, metadata. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DRAFT_MARK } from '../../src/render/draft-mark.ts';

function pdftotext(args: string[]): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
}

/**
 * The pages' text. A draft's mark in the foot of each page ("Concept 26 november 2026 · inhoud
 * 3f9a1c2e") names the build's date and inputs, not the content: it is left out, so that two
 * builds of the same content read the same (tests/e2e/draft-mark.test.ts reads it: draftMarks).
 */
function splitPages(out: string, keepMark = false): string[] {
  const pages = out.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages.map((p) => normalise(keepMark ? p : p.replace(DRAFT_MARK, ' ')));
}

/** The draft mark on each page (undefined where there is none). */
export function draftMarks(file: string): Array<string | undefined> {
  return splitPages(pdftotext([file, '-']), true).map((p) => p.match(DRAFT_MARK)?.[0]);
}

/** Text of each page (index 0 = page 1), soft hyphens and hyphenation breaks undone. */
export function pageTexts(file: string): string[] {
  return splitPages(pdftotext([file, '-']));
}

/** Each page with its layout kept (table rows stay on one line), white space folded. */
export function layoutTexts(file: string): string[] {
  return splitPages(pdftotext(['-layout', file, '-']));
}

/** pdftotext's crop to the type area: below the running header, above the page number. */
const TYPE_AREA = ['-r', '72', '-x', '0', '-y', '64', '-W', '595', '-H', String(842 - 64 - 58)];

/**
 * Text of each page without the running header and the page number: the A4 page cropped to the
 * type area (24 mm from the top, 22 mm from the bottom), so that prose flows on across pages.
 */
export function bodyTexts(file: string): string[] {
  return splitPages(pdftotext([...TYPE_AREA, file, '-']));
}

/** Join words broken at a line end by hyphenation, fold white space. */
export function normalise(text: string): string {
  return text
    .replace(/\u00ad/g, '')
    .replace(/([a-zà-ÿ])[-\u2010]\n\s*([a-zà-ÿ])/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface OutlineItem {
  title: string;
  page: number;
  items: OutlineItem[];
}

async function open(file: string) {
  return getDocument({
    data: new Uint8Array(readFileSync(file)),
    verbosity: 0,
    isEvalSupported: false,
  }).promise;
}

/** The document outline (bookmarks) with the page each entry points to. */
export async function outline(file: string): Promise<OutlineItem[]> {
  const doc = await open(file);
  try {
    const resolve = async (
      items: Awaited<ReturnType<typeof doc.getOutline>>,
    ): Promise<OutlineItem[]> => {
      const out: OutlineItem[] = [];
      for (const item of items ?? []) {
        let dest = item.dest;
        if (typeof dest === 'string') dest = await doc.getDestination(dest);
        const ref = Array.isArray(dest) ? dest[0] : undefined;
        const page =
          ref && typeof ref === 'object'
            ? (await doc.getPageIndex(ref as { num: number; gen: number })) + 1
            : 0;
        out.push({ title: item.title, page, items: await resolve(item.items) });
      }
      return out;
    };
    return await resolve(await doc.getOutline());
  } finally {
    await doc.destroy();
  }
}

export function flattenOutline(items: OutlineItem[]): OutlineItem[] {
  return items.flatMap((i) => [i, ...flattenOutline(i.items)]);
}

export interface FontRow {
  name: string;
  type: string;
  embedded: boolean;
}

/** pdffonts: every font with whether it is embedded. */
export function fonts(file: string): FontRow[] {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
  return out
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((line) => {
      const cols = line.trim().split(/\s+/);
      // name type [type…] encoding emb sub uni object ID
      const emb = cols.at(-5);
      return { name: cols[0] ?? '', type: cols[1] ?? '', embedded: emb === 'yes' };
    });
}

/** Document information and catalog facts. */
export async function info(
  file: string,
): Promise<{ info: Record<string, unknown>; pages: number; lang?: string; tagged: boolean }> {
  const doc = await open(file);
  try {
    const meta = await doc.getMetadata();
    const markInfo = await doc.getMarkInfo();
    const struct = await (await doc.getPage(1)).getStructTree();
    return {
      info: meta.info as Record<string, unknown>,
      pages: doc.numPages,
      lang: (meta.info as { Language?: string }).Language,
      tagged: Boolean(markInfo?.Marked) && struct !== null,
    };
  } finally {
    await doc.destroy();
  }
}

/** The structure elements of pages, depth-first: each one's role and /Alt (pdf.js). */
async function structureElementsOf(
  file: string,
  pages: (count: number) => number[],
): Promise<Array<{ role: string; alt?: string | undefined }>> {
  const doc = await open(file);
  try {
    const found: Array<{ role: string; alt?: string | undefined }> = [];
    const walk = (node: unknown) => {
      if (!node || typeof node !== 'object') return;
      const n = node as { role?: string; alt?: string; children?: unknown[] };
      if (n.role) found.push(n.alt === undefined ? { role: n.role } : { role: n.role, alt: n.alt });
      for (const c of n.children ?? []) walk(c);
    };
    for (const p of pages(doc.numPages)) walk(await (await doc.getPage(p)).getStructTree());
    return found;
  } finally {
    await doc.destroy();
  }
}

/** The roles in a page's structure tree (e.g. H1, P, Table, Figure). */
export async function structureRoles(file: string, pageNumber: number): Promise<string[]> {
  return (await structureElementsOf(file, () => [pageNumber])).map((e) => e.role);
}

/** Every structure element of a role over all pages, with its /Alt. */
export async function structureElements(
  file: string,
  role: string,
): Promise<Array<{ alt?: string | undefined }>> {
  const all = await structureElementsOf(file, (n) => Array.from({ length: n }, (_, i) => i + 1));
  return all.filter((e) => e.role === role).map(({ alt }) => (alt === undefined ? {} : { alt }));
}

/** Where the links on a page go: the 1-based page of each internal link's destination. */
export async function linkTargets(file: string, pageNumber: number): Promise<number[]> {
  const doc = await open(file);
  try {
    const annotations = (await (await doc.getPage(pageNumber)).getAnnotations()) as Array<{
      subtype: string;
      dest?: unknown;
    }>;
    const pages: number[] = [];
    for (const a of annotations) {
      if (a.subtype !== 'Link' || a.dest === undefined) continue;
      const dest = typeof a.dest === 'string' ? await doc.getDestination(a.dest) : a.dest;
      const ref = Array.isArray(dest) ? dest[0] : undefined;
      if (ref && typeof ref === 'object')
        pages.push((await doc.getPageIndex(ref as { num: number; gen: number })) + 1);
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/**
 * The body of each page, cropped as bodyTexts does, in the order the text was drawn
 * (pdftotext -raw) instead of pdftotext's guess at the reading order: on a page set in two
 * columns the left column comes before the right one, not interleaved with it line by line.
 * Words broken at a soft hyphen are joined.
 */
export function streamTexts(file: string): string[] {
  const out = pdftotext(['-raw', ...TYPE_AREA, file, '-']);
  return splitPages(out.replace(/\u00ad-?\n/g, ''));
}

/**
 * The printed lines of each page as pdftotext -layout sets them, white space inside a line kept
 * (columns stay apart), soft hyphens removed, empty lines left out. One table row is one line.
 */
export function layoutLines(file: string): string[][] {
  const pages = pdftotext(['-layout', file, '-']).split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages.map((page) =>
    page
      .replace(/\u00ad/g, '')
      .split('\n')
      .filter((line) => line.trim() !== ''),
  );
}

/** The web addresses (URI actions) of the link annotations on a page. */
export async function linkUrls(file: string, pageNumber: number): Promise<string[]> {
  const doc = await open(file);
  try {
    const annotations = (await (await doc.getPage(pageNumber)).getAnnotations()) as Array<{
      subtype: string;
      url?: string;
      unsafeUrl?: string;
    }>;
    return annotations
      .filter((a) => a.subtype === 'Link' && (a.url ?? a.unsafeUrl) !== undefined)
      .map((a) => a.url ?? a.unsafeUrl ?? '');
  } finally {
    await doc.destroy();
  }
}
