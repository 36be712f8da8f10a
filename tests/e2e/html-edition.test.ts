/**
 * Accessibility of both 2024 reports (WCAG 2.1 AA, PDF/UA), read from what a reader gets:
 *  - the HTML edition opened in Chromium with JavaScript on (its own page; the print page keeps
 *    it off), checked with axe-core at 1280 and 320 px wide: no WCAG A/AA violation, no
 *    heading-order finding, no horizontal scrolling at 320 px (1.4.10 Reflow), chart text at
 *    12 px or more, a skip link, figures as named groups, tables with a caption;
 *  - the PDF printed from the same HTML: headings that nest without a skip, in the order of the
 *    HTML, and no figure wrapper tagged /Figure (a /Figure is an image: a chart or a photo).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';
import type { PDFObject } from 'pdf-lib';
import type { Browser, Page } from 'puppeteer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/context.ts';
import { build } from '../../src/core/build.ts';
import { closeBrowser, launchBrowser } from '../../src/print/browser.ts';

const PUBLICATIONS = ['midden-drenthe', 'provincie-drenthe'] as const;
const WIDTHS = [1280, 320] as const;

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let browser: Browser;
const built = new Map<string, { html: string; pdfPath: string }>();

beforeAll(async () => {
  browser = await launchBrowser();
  for (const publication of PUBLICATIONS) {
    const outDir = mkdtempSync(path.join(tmpdir(), `jv-html-${publication}-`));
    const result = await build(resolveContext({ publication, year: 2024, outDir }), { browser });
    built.set(publication, {
      html: readFileSync(result.htmlPath, 'utf8'),
      pdfPath: result.pdfPath,
    });
  }
}, 300_000);

afterAll(async () => {
  if (browser) await closeBrowser(browser);
});

/** The HTML edition in a page of its own, as a reader's browser opens it, scripts allowed. */
async function openEdition(publication: string, width: number): Promise<Page> {
  const page = await browser.newPage();
  // The edition's Content-Security-Policy forbids every script; axe is ours, for the test only.
  await page.setBypassCSP(true);
  await page.setJavaScriptEnabled(true);
  await page.setViewport({ width, height: 900 });
  await page.setContent(built.get(publication)?.html ?? '', { waitUntil: 'load' });
  await page.evaluate('document.fonts.ready');
  return page;
}

async function withEdition<T>(
  publication: string,
  width: number,
  fn: (page: Page) => Promise<T>,
): Promise<T> {
  const page = await openEdition(publication, width);
  try {
    return await fn(page);
  } finally {
    await page.close();
  }
}

interface AxeResult {
  id: string;
  impact: string | null;
  tags: string[];
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/** WCAG 2.0/2.1 level A and AA, and best practice (for heading-order). */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const WCAG_AA = new Set(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);

async function runAxe(page: Page): Promise<AxeResult[]> {
  await page.addScriptTag({ content: AXE });
  const options = { runOnly: { type: 'tag', values: AXE_TAGS }, resultTypes: ['violations'] };
  const result = (await page.evaluate(
    `axe.run(document, ${JSON.stringify(options)}).then((r) => r.violations.map((v) => ({
      id: v.id, impact: v.impact, tags: v.tags, help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    })))`,
  )) as AxeResult[];
  return result;
}

/** Where a heading level goes down by more than one: "H1 → H3 (Titel)". */
function levelSkips(headings: ReadonlyArray<{ level: number; text?: string }>): string[] {
  const skips: string[] = [];
  let previous = 0;
  for (const h of headings) {
    if (h.level > previous + 1) skips.push(`H${previous} → H${h.level} (${h.text ?? ''})`);
    previous = h.level;
  }
  return skips;
}

interface StructElement {
  role: string;
  alt?: string | undefined;
  kids: StructElement[];
}

/** The PDF's structure tree (pdf-lib), in document order: each element's role, /Alt and kids. */
async function structureTree(file: string): Promise<StructElement[]> {
  const doc = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
  const root = doc.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict);
  const roleMap = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict);
  const text = (o: PDFObject | undefined) =>
    o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined;
  const standard = (name: string): string => {
    const mapped = roleMap?.get(PDFName.of(name));
    return mapped instanceof PDFName && mapped.decodeText() !== name
      ? standard(mapped.decodeText())
      : name;
  };
  const seen = new Set<PDFDict>();
  const visit = (o: PDFObject | undefined): StructElement[] => {
    const v = o instanceof PDFRef ? doc.context.lookup(o) : o;
    if (v instanceof PDFArray) return v.asArray().flatMap(visit);
    // Marked-content and object references have no /S: they are content, not elements.
    if (!(v instanceof PDFDict) || seen.has(v)) return [];
    const s = v.get(PDFName.of('S'));
    if (!(s instanceof PDFName)) return [];
    seen.add(v);
    return [
      {
        role: standard(s.decodeText()),
        alt: text(v.get(PDFName.of('Alt'))),
        kids: visit(v.get(PDFName.of('K'))),
      },
    ];
  };
  return visit(root.get(PDFName.of('K')));
}

const flatten = (elements: StructElement[]): StructElement[] =>
  elements.flatMap((e) => [e, ...flatten(e.kids)]);

describe.each(PUBLICATIONS)('the HTML edition of %s', (publication) => {
  it.each(WIDTHS)(
    'at %i px: no WCAG 2.1 A/AA violation and no heading-order finding (axe-core)',
    async (width) => {
      const violations = await withEdition(publication, width, runAxe);
      const failing = violations
        .filter((v) => v.id === 'heading-order' || v.tags.some((t) => WCAG_AA.has(t)))
        .map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(failing).toEqual([]);
    },
  );

  it('reflows at 320 px: no horizontal scrolling; wide tables and charts scroll in their own box', async () => {
    await withEdition(publication, 320, async (page) => {
      const facts = (await page.evaluate(`(() => {
        const boxes = [...document.querySelectorAll('.tabel-kader, .grafiek-kader')];
        return {
          scrollWidth: document.documentElement.scrollWidth,
          boxes: boxes.length,
          scrolling: boxes.filter((b) => b.scrollWidth > b.clientWidth).length,
          unreachable: boxes.filter((b) => b.tabIndex !== 0 || !b.getAttribute('aria-label')).length,
          wider: boxes.filter((b) => b.getBoundingClientRect().right > 320).length,
        };
      })()`)) as Record<string, number>;
      expect(facts.scrollWidth).toBeLessThanOrEqual(320);
      expect(facts.boxes).toBeGreaterThan(5);
      // The charts at least are wider than the screen: they scroll, and the keyboard reaches them.
      expect(facts.scrolling).toBeGreaterThan(0);
      expect(facts.unreachable).toBe(0);
      expect(facts.wider).toBe(0);
    });
  });

  it.each(WIDTHS)('at %i px: every chart text is drawn 12 px or larger', async (width) => {
    await withEdition(publication, width, async (page) => {
      const sizes =
        (await page.evaluate(`[...document.querySelectorAll('.grafiek svg')].map((svg) => {
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        const own = [...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize));
        return Math.min(...own) * scale;
      })`)) as number[];
      expect(sizes.length).toBeGreaterThan(0);
      for (const size of sizes) expect(size).toBeGreaterThanOrEqual(11.99);
    });
  });

  it('begins with a skip link to the main text, shown on focus only, not printed', async () => {
    await withEdition(publication, 1280, async (page) => {
      const link = (await page.evaluate(`(() => {
        const a = document.body.firstElementChild;
        const target = document.querySelector(a.getAttribute('href'));
        return { tag: a.tagName, text: a.textContent, target: target && target.tagName, width: a.getBoundingClientRect().width };
      })()`)) as { tag: string; text: string; target: string; width: number };
      expect(link).toMatchObject({ tag: 'A', text: 'Naar de inhoud', target: 'MAIN' });
      expect(link.width).toBeLessThanOrEqual(1);
      await page.keyboard.press('Tab');
      const focused = (await page.evaluate(`(() => {
        const a = document.activeElement;
        const r = a.getBoundingClientRect();
        return { first: a === document.body.firstElementChild, width: r.width, height: r.height, top: r.top };
      })()`)) as { first: boolean; width: number; height: number; top: number };
      expect(focused.first).toBe(true);
      expect(focused.width).toBeGreaterThan(50);
      expect(focused.height).toBeGreaterThan(15);
      expect(focused.top).toBeGreaterThanOrEqual(0);
      await page.emulateMediaType('print');
      expect(await page.evaluate(`getComputedStyle(document.body.firstElementChild).display`)).toBe(
        'none',
      );
    });
  });

  it('has headings that nest without a skip: the cover title h1, run-in headings one level below theirs', async () => {
    await withEdition(publication, 1280, async (page) => {
      const headings = (await page.evaluate(
        `[...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => ({
          level: Number(h.tagName[1]), text: h.textContent.trim(), runIn: h.classList.contains('inloop'),
          cover: !!h.closest('.omslag') }))`,
      )) as Array<{ level: number; text: string; runIn: boolean; cover: boolean }>;
      expect(headings[0]).toMatchObject({ level: 1, text: 'Jaarverslag Wonen 2024', cover: true });
      expect(headings.find((h) => h.text === 'Inhoud')?.level).toBe(2);
      expect(levelSkips(headings)).toEqual([]);
      let parent = 0;
      const misplaced: string[] = [];
      for (const h of headings) {
        if (!h.runIn) parent = h.level;
        else if (h.level !== parent + 1) misplaced.push(`${h.text}: h${h.level} under h${parent}`);
      }
      expect(misplaced).toEqual([]);
      expect(headings.filter((h) => h.runIn).length).toBeGreaterThan(10);
    });
  });

  it('sets figures as named groups and tables with a caption that is not shown twice', async () => {
    const html = built.get(publication)?.html ?? '';
    expect(html).not.toMatch(/<figure|<figcaption/);
    await withEdition(publication, 1280, async (page) => {
      const facts = (await page.evaluate(`(() => {
        const figures = [...document.querySelectorAll('.figuur')];
        const tables = [...document.querySelectorAll('table')];
        const title = (t) => t.closest('.figuur').querySelector('.bijschrift').textContent.replace(/^Figuur \\d+\\. /, '').trim();
        return {
          figures: figures.length,
          unnamed: figures.filter((f) => {
            const label = document.getElementById(f.getAttribute('aria-labelledby') || '');
            return f.getAttribute('role') !== 'group' || !label || !f.contains(label) || !label.textContent.trim();
          }).length,
          tables: tables.length,
          captions: tables.filter((t) => t.caption && t.caption.textContent.trim() === title(t)).length,
          shown: tables.filter((t) => t.caption && t.caption.getBoundingClientRect().width > 1).length,
          regions: tables.filter((t) => {
            const box = t.parentElement;
            return box.classList.contains('tabel-kader') && box.getAttribute('role') === 'region' && box.tabIndex === 0;
          }).length,
        };
      })()`)) as Record<string, number>;
      expect(facts.figures).toBeGreaterThan(4);
      expect(facts.unnamed).toBe(0);
      expect(facts.tables).toBeGreaterThan(4);
      expect(facts.captions).toBe(facts.tables);
      expect(facts.shown).toBe(0);
      expect(facts.regions).toBe(facts.tables);
    });
    // Printed, the caption is not shown either.
    await withEdition(publication, 1280, async (page) => {
      await page.emulateMediaType('print');
      const shown = await page.evaluate(
        `[...document.querySelectorAll('caption')].filter((c) => c.getBoundingClientRect().width > 1).length`,
      );
      expect(shown).toBe(0);
    });
  });

  it('shows the contents on screen without page numbers or dotted leaders', async () => {
    await withEdition(publication, 1280, async (page) => {
      const shown = (await page.evaluate(`(() => {
        const links = [...document.querySelectorAll('.inhoud li a')];
        return {
          entries: links.length,
          numbers: [...document.querySelectorAll('.inhoud .pagina')].filter((p) => p.getBoundingClientRect().width > 0).length,
          leaders: links.filter((a) => {
            const s = getComputedStyle(a, '::after');
            return s.display !== 'none' && s.content !== 'none';
          }).length,
        };
      })()`)) as Record<string, number>;
      expect(shown.entries).toBeGreaterThan(5);
      expect(shown.numbers).toBe(0);
      expect(shown.leaders).toBe(0);
    });
  });
});

describe.each(PUBLICATIONS)('the PDF of %s', (publication) => {
  it('has headings that nest without a skip, the same as the HTML edition', async () => {
    const file = built.get(publication)?.pdfPath ?? '';
    const levels = flatten(await structureTree(file))
      .filter((e) => /^H[1-6]$/.test(e.role))
      .map((e) => ({ level: Number(e.role[1]) }));
    expect(levels.length).toBeGreaterThan(20);
    expect(levelSkips(levels)).toEqual([]);
    const html = built.get(publication)?.html ?? '';
    const inHtml = [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => ({ level: Number(m[1]) }));
    expect(levels).toEqual(inHtml);
  });

  it('tags no figure or table wrapper as /Figure: a /Figure is a chart or a photo, nothing around it', async () => {
    const file = built.get(publication)?.pdfPath ?? '';
    const all = flatten(await structureTree(file));
    const figures = all.filter((e) => e.role === 'Figure');
    // A wrapper held the caption, the chart's /Figure and the table.
    const wrappers = figures.filter((f) =>
      flatten(f.kids).some((k) => /^(Figure|Table|P|H[1-6]|Div|Caption)$/.test(k.role)),
    );
    expect(wrappers).toEqual([]);
    const html = built.get(publication)?.html ?? '';
    const images = (html.match(/class="grafiek"/g) ?? []).length;
    const photos = (html.match(/class="foto[ "]/g) ?? []).length;
    expect(figures.length).toBeLessThanOrEqual(images + photos);
    // Photos (the image, or its placeholder while the file is not given) carry their alt text.
    const alts = figures.map((f) => f.alt ?? '');
    for (const alt of [
      ...html.matchAll(/class="foto-plaatshouder" role="img" aria-label="([^"]*)"/g),
    ])
      expect(alts).toContain(decodeEntities(alt[1] ?? ''));
    // The tables are there, as tables.
    expect(all.filter((e) => e.role === 'Table').length).toBeGreaterThan(4);
  });
});

function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
