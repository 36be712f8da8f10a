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
import type { PDFDocument } from 'pdf-lib';
import { destinationPages } from './anchors.ts';

export interface PrintResult {
  pdf: Uint8Array;
  /** The final print, already parsed (pdf-lib): the metadata stage goes on from it. */
  document?: PDFDocument | undefined;
  /** Page of each heading anchor in the final print. */
  pages: Map<string, number>;
  passes: number;
}

const MAX_PASSES = 4;
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

export async function printHtml(
  browser: Browser,
  html: string,
  title: string,
  /** Page numbers expected from an earlier build; when they still hold, one print is enough. */
  hint: ReadonlyMap<string, number> = new Map(),
): Promise<PrintResult> {
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
    let pdf: Uint8Array = new Uint8Array();
    let pages = new Map<string, number>();
    let parsed: PDFDocument | undefined;
    let passes = 0;
    let stable = false;
    if (hint.size) await fillPageNumbers(page, hint);
    // Without earlier numbers the first print only measures: untagged, no outline (faster, the
    // same pages and destinations). Every print that may be the last is the full one.
    let full = hint.size > 0;
    while (!stable && passes < MAX_PASSES) {
      pdf = await page.pdf({
        printBackground: true,
        preferCSSPageSize: true,
        tagged: full,
        outline: full,
        timeout: 300_000,
      });
      passes++;
      ({ pages, document: parsed } = await destinationPages(pdf));
      stable = !(await fillPageNumbers(page, pages)) && full;
      full = true;
    }
    if (problems.length) fail(problems);
    if (!stable) {
      throw new BrowserError(
        `de paginanummers van de inhoudsopgave werden na ${MAX_PASSES} keer afdrukken niet stabiel (${title})`,
      );
    }
    return { pdf, document: parsed, pages, passes };
  } finally {
    await page.close();
  }
}
