/**
 * Print the assembled HTML to PDF. The page runs no script (JavaScript is off; the document's
 * Content-Security-Policy forbids it too) and loads nothing from outside: every request that is
 * not an inline data: URL is blocked and fails the build, as do page and console errors; the
 * browser itself is started with a closed network (browser.ts).
 * Chromium has no target-counter(), so the contents' page numbers come from a first print:
 * read where each heading landed, write the numbers in, print again until nothing moves.
 */
import type { Browser, Page } from 'puppeteer';
import { BrowserError } from '../errors.ts';
import { PDFDocument } from 'pdf-lib';
import { destinationPages, destinationPositions } from './anchors.ts';
import type { Position } from './anchors.ts';
import { brokenWords, floatState, hyphenationFaults, planFloats } from './layout.ts';
import type { HyphenRule, Measured } from './layout.ts';
import { FINISH, INSTRUMENT, LINE_RULES, LINK_MARKERS, MOVE, UNHYPHENATE } from './page-script.ts';
import { layoutKey } from './layout-cache.ts';
import type { LayoutCache, LayoutDecisions } from './layout-cache.ts';

export interface LayoutReport {
  /** Prints made to measure the layout (untagged, with markers), before the final one. */
  measurePasses: number;
  /** Words whose soft hyphens were taken out, by rule. */
  unhyphenated: Record<string, number>;
  /** Figures moved after the text that followed them, and past how many blocks. */
  floated: number[];
  /** Words broken at a line end in the final print. */
  broken: number;
  /** The decisions came from an earlier build of the same document. */
  cached?: boolean;
}

export interface PrintResult {
  pdf: Uint8Array;
  /** The browser that printed it ("Chrome/156.0.…"), for the document's Producer. */
  browserVersion: string;
  /** What the layout stage did. */
  layout?: LayoutReport | undefined;
  /** The final print, already parsed (pdf-lib): the metadata stage goes on from it. */
  document?: PDFDocument | undefined;
  /** Page of each heading anchor in the final print. */
  pages: Map<string, number>;
  passes: number;
}

/** Measuring prints at most: each one after a change shows its result. */
const MAX_MEASURE = 8;
const OUTSIDE = 'het verslag laadt niets van buiten de build';

function guard(page: Page): string[] {
  const problems: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url === 'about:blank') {
      void request.continue();
    } else {
      problems.push(`geblokkeerd verzoek naar ${url}: ${OUTSIDE}`);
      void request.abort('blockedbyclient');
    }
  });
  page.on('pageerror', (err) =>
    problems.push(`fout in de pagina: ${(err as Error).message ?? String(err)}`),
  );
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // The document's Content-Security-Policy stops a load before interception sees it.
    const blocked = /'([^']+)' violates the following Content Security Policy/.exec(msg.text());
    if (blocked) problems.push(`geblokkeerd verzoek naar ${blocked[1]}: ${OUTSIDE}`);
    else problems.push(`console-fout in de pagina: ${msg.text()}`);
  });
  page.on('requestfailed', (request) => {
    const url = request.url();
    if (!problems.some((p) => p.includes(url))) problems.push(`mislukt verzoek naar ${url}`);
  });
  return problems;
}

function fail(problems: string[]): never {
  throw new BrowserError(
    `het afdrukken in Chromium is mislukt:\n${[...new Set(problems)].map((p) => `  ${p}`).join('\n')}`,
  );
}

/** Fill [data-pagina-van="anchor"] elements with page numbers; true when something changed. */
async function fillPageNumbers(page: Page, pages: ReadonlyMap<string, number>): Promise<boolean> {
  return page.evaluate(
    (entries: Array<[string, number]>) => {
      const map = new Map(entries);
      let changed = false;
      for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-pagina-van]'))) {
        const n = map.get(el.dataset.paginaVan ?? '');
        const text = n === undefined ? '?' : String(n);
        if (el.textContent !== text) {
          el.textContent = text;
          changed = true;
        }
      }
      return changed;
    },
    [...pages.entries()],
  );
}

export interface PrintOptions {
  /** Page numbers expected from an earlier build; when they still hold, fewer prints are needed. */
  hint?: ReadonlyMap<string, number> | undefined;
  /** Layout decisions of earlier prints of the same document. */
  cache?: LayoutCache | undefined;
  /**
   * false: print as Chromium sets it, without the hyphenation rules and floating figures (the
   * tests' control case). The text layer is cleaned either way.
   */
  typeset?: boolean | undefined;
  /**
   * false: a first build prints the page as it decided it, not once more as a rebuild will
   * (the same text, other bytes). The preview's choice; every other build is byte-reproducible.
   */
  replay?: boolean | undefined;
}

export async function printHtml(
  browser: Browser,
  html: string,
  title: string,
  options: PrintOptions = {},
): Promise<PrintResult> {
  const { hint = new Map<string, number>(), cache, typeset = true, replay = true } = options;
  const page = await browser.newPage();
  try {
    // Charts are SVG already: nothing in the report needs a script. Our own page.evaluate calls
    // go through DevTools and still run.
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    const problems = guard(page);
    await page.setContent(html, { waitUntil: 'load', timeout: 120_000 });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    if (problems.length) fail(problems);
    // Measure: markers where text landed, printed untagged until nothing needs to change.
    const measured = (await page.evaluate(INSTRUMENT)) as Measured;
    if (hint.size) await fillPageNumbers(page, hint);
    const report: LayoutReport = { measurePasses: 0, unhyphenated: {}, floated: [], broken: 0 };
    const floats = floatState(measured);
    // What this print decides, for the next build of the same document; or what an earlier one did.
    const browserVersion = await browser.version();
    const key = cache ? layoutKey(html, browserVersion) : '';
    const decisions: LayoutDecisions = { unhyphenate: [], moves: [] };
    const wordByNumber = new Map(measured.words.map((w) => [w.n, w]));
    /** Words whose soft hyphens were taken out: never broken again, recorded for the cache. */
    const unhyphenated = (numbers: readonly number[], rule?: HyphenRule) => {
      for (const n of numbers) {
        const w = wordByNumber.get(n);
        if (w) w.shy = 0;
        if (rule) report.unhyphenated[rule] = (report.unhyphenated[rule] ?? 0) + 1;
      }
      decisions.unhyphenate.push(...numbers);
    };
    const known = cache?.get(key);
    if (known) {
      await page.evaluate(`(${UNHYPHENATE})(${JSON.stringify(known.unhyphenate)})`);
      await page.evaluate(`(${MOVE})(${JSON.stringify(known.moves)})`);
      unhyphenated(known.unhyphenate);
      decisions.moves.push(...known.moves);
      // The figures stand where the earlier print put them: they float no further.
      for (const b of measured.blocks)
        if (b.figure) floats.floats.set(b.i, { page: 0, steps: [], done: true });
      report.cached = true;
    }
    const print = (full: boolean) =>
      page.pdf({
        printBackground: true,
        preferCSSPageSize: true,
        tagged: full,
        outline: full,
        timeout: 300_000,
      });
    /** The line rules in the page (at the type area's width), markers for the words that break. */
    const lineRules = async () => {
      await page.emulateMediaType('print');
      const { changed } = (await page.evaluate(`(${LINE_RULES})(${typeset})`)) as {
        changed: Array<[number, HyphenRule]>;
      };
      await page.emulateMediaType(undefined);
      for (const [n, rule] of changed) unhyphenated([n], rule);
      await page.evaluate(LINK_MARKERS);
    };
    await lineRules();
    let at = new Map<string, Position>();
    let pages = new Map<string, number>();
    let settled = false;
    while (report.measurePasses < MAX_MEASURE) {
      const doc = await PDFDocument.load(await print(false), { updateMetadata: false });
      report.measurePasses++;
      at = destinationPositions(doc);
      pages = new Map(
        [...at].filter(([name]) => !name.startsWith('jv-')).map(([name, p]) => [name, p.page]),
      );
      const renumbered = await fillPageNumbers(page, pages);
      // The last allowed print only measures: what it shows is what the final print will be.
      if (report.measurePasses === MAX_MEASURE) break;
      const faults = typeset ? hyphenationFaults(measured, at) : [];
      const moves = typeset ? planFloats(measured, at, floats) : [];
      if (faults.length) {
        await page.evaluate(`(${UNHYPHENATE})(${JSON.stringify(faults.map((f) => f.n))})`);
        for (const f of faults) unhyphenated([f.n], f.rule);
      }
      if (moves.length) {
        await page.evaluate(`(${MOVE})(${JSON.stringify(moves)})`);
        decisions.moves.push(...moves);
      }
      // What moved may break other words: decide their lines and mark them again.
      if (faults.length || moves.length) await lineRules();
      // One more print shows the result of the last changes; without changes this one holds.
      settled = !faults.length && !moves.length && !renumbered;
      if (settled) break;
    }
    report.floated = [...floats.floats.values()]
      .filter((f) => f.steps.length)
      .map((f) => f.steps.length);
    report.broken = brokenWords(measured, at).length;
    if (cache && settled) cache.set(key, decisions);
    if (
      replay &&
      cache &&
      !known &&
      settled &&
      (decisions.unhyphenate.length || decisions.moves.length)
    ) {
      // Decided step by step, the page prints other bytes (the same text, split into other runs)
      // than when a rebuild applies the cached decisions at once. So a first build prints the
      // way every rebuild will: again, in a fresh page, with the decisions it just made. One
      // print more, for first builds only; the preview, which archives nothing, skips it.
      await page.close();
      const again = await printHtml(browser, html, title, {
        ...options,
        cache: { get: () => decisions, set: () => undefined },
        replay: false,
      });
      return {
        ...again,
        passes: report.measurePasses + again.passes,
        layout: {
          ...report,
          measurePasses: report.measurePasses + (again.layout?.measurePasses ?? 0),
        },
      };
    }
    await page.evaluate(`(${FINISH})()`);
    // The final print, tagged and with its outline; again if the contents' numbers moved.
    let pdf: Uint8Array = new Uint8Array();
    let parsed: PDFDocument | undefined;
    let passes = report.measurePasses;
    let stable = false;
    for (let i = 0; i < 2 && !stable; i++) {
      pdf = await print(true);
      passes++;
      ({ pages, document: parsed } = await destinationPages(pdf));
      stable = !(await fillPageNumbers(page, pages));
    }
    return { pdf, document: parsed, pages, passes, layout: report, browserVersion };
  } finally {
    if (!page.isClosed()) await page.close();
  }
}
