/**
 * End to end: the real provincie Drenthe 2024 report, built with real Chromium, read back from
 * the PDF. Expected texts and numbers come from the published report
 * (tests/reference/bron/jaarverslag-wonen-2024-provincie-drenthe.txt), never from our output;
 * where a value is stated by hand (a table row, a caption) it is copied from that file, and the
 * test checks that the file has it.
 *
 * That file is a text extraction with a blank line between every printed line: its blocks are
 * lines, not paragraphs. The prose is rebuilt from runs of prose lines (proseRuns) and compared
 * sentence by sentence, letters and digits only, so line breaks and hyphen splits fall away.
 *
 * Differences our engine makes on purpose, allowed for here:
 * - numbers in Dutch format: "1010" prints as "1.010", "80,3 %" as "80,3%". The prose check
 *   compares letters and digits only; table rows are put in that format by dutch().
 * - WONINGBOUWVERGUNNINGEN: the "Noord Totaal opdrachtgevers 368" rows print as the region's
 *   subtotal row "Noord 368"; the header reads "Regio en opdrachtgever | Aantal | Aandeel" where
 *   the source has only "Totaal" (not compared). The statushouders table has a title of our own
 *   ("Huisvesting statushouders per gemeente"); the source has none, so its header line is where
 *   it starts. The other table headers are the source's and are compared.
 * - PLANCAPACITEIT: the Zuid-west 2025 cell, "5t60" in the source (not a number), is empty.
 * - BETAALBAARHEID: the Totaal Drenthe row shows the computed 66% in its last column (the
 *   source's text: "66% van de nieuwe woningen betaalbaar"); the source's row leaves it out.
 * - chapter, section and table titles are set in capitals by CSS: compared case-insensitively.
 * - page numbers are ours, not the source's (our layout differs).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Parser } from 'htmlparser2';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resolveContext } from '../../src/context.ts';
import { build } from '../../src/core/build.ts';
import type { BuildResult } from '../../src/core/build.ts';
import {
  bodyTexts,
  flattenOutline,
  fonts,
  info,
  layoutLines,
  linkTargets,
  linkUrls,
  outline,
  pageTexts,
  streamTexts,
  structureRoles,
} from '../support/pdf.ts';
import { ROOT } from '../support/fixture.ts';
import { bodyLines, brokenLineEnds, brokenNumbers, reportWords } from '../support/typesetting.ts';

const SOURCE = path.join(ROOT, 'tests/reference/bron/jaarverslag-wonen-2024-provincie-drenthe.txt');
const DATA = path.join(ROOT, 'data/provincie-drenthe');

const fold = (s: string) => s.replace(/\s+/g, ' ').trim();
const lower = (s: string) => fold(s).toLowerCase();
/** Only letters and digits (and % €), lower case: line breaks, hyphenation and quotes fall away. */
const compact = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}%€]/gu, '');
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// ---------------------------------------------------------------------------------------------
// The source

/**
 * The source's printed lines: white space folded, the U+FFFD the extraction left after some
 * section numbers ("3.4\t\uFFFD Goede voorbeelden") dropped, blank lines left out.
 */
const LINES = readFileSync(SOURCE, 'utf8')
  .split('\n')
  .map((l) => fold(l.replace(/\uFFFD/g, '')))
  .filter((l) => l !== '');
/** The whole source as one string, for texts that run over several lines. */
const FLAT = LINES.join(' ');

interface Entry {
  nr: string;
  title: string;
}
/** A line of the source's INHOUD: "1 Feiten en cijfers 9", "3.1 Impulsteam Wonen 19". */
const TOC_ENTRY = /^(\d(?:\.\d)?) (.+) \d+$/;
const TOC_START = LINES.indexOf('INHOUD');
const TOC_END = LINES.findIndex((l, i) => i > TOC_START && !TOC_ENTRY.test(l));
const ENTRIES: Entry[] = LINES.slice(TOC_START + 1, TOC_END).map((l) => {
  const m = TOC_ENTRY.exec(l);
  return { nr: m?.[1] ?? '', title: m?.[2] ?? '' };
});
const CHAPTERS = ENTRIES.filter((e) => !e.nr.includes('.'));
const SECTIONS = ENTRIES.filter((e) => e.nr.includes('.'));
/** A heading as printed: "3. Versnellen van de woningbouw", "3.1 Impulsteam Wonen". */
const headingOf = (e: Entry) => (e.nr.includes('.') ? `${e.nr} ${e.title}` : `${e.nr}. ${e.title}`);
/** A chapter's running head: "3 Versnellen van de woningbouw". */
const runningHead = (e: Entry) => `${e.nr} ${e.title}`;

/** What opens a table in the source: its title, or (statushouders, no title) its header line. */
const STATUSHOUDERS_HEADER =
  'Gemeente Saldo 1-1-2024 Taakstelling 2024 Gerealiseerd Saldo 1-1-2025';
const TABLE_OPENERS = [
  'WONINGBOUWVERGUNNINGEN',
  'WONINGVORM 2024',
  'PLANCAPACITEIT PER REGIO PER JAAR',
  'BETAALBAARHEID IN 2024',
  STATUSHOUDERS_HEADER,
];
/** A table row in the source: a label, then numbers only ("Zuid-west 5t60 1751 …" too). */
const TABLE_ROW = /^\p{L}[\p{L} -]*?( -?\d[\d.,t]*%?)+$/u;

/** The one chart the source gives no numbers for: in our draft, a placeholder. */
const CHART_TITLE =
  'Verhouding netto woningbouw realisatie (CBS) en Woondealafspraken door de tijd';
/** Captions of the photos (video stills) that are missing in our data; longest first. */
const CAPTIONS = [
  'Collectief Particulier Opdrachtgeverschap CPO in Vledder | Voor elke drent een (t)huis',
  'CPO Gees | Wat zijn de voor- en nadelen van deze woonvorm?',
  'CPO Gees',
];
const VIDEO_LINKS = ['Bekijk de video', 'Bekijk de aftermovie'];

/**
 * The source's prose in runs of consecutive prose lines. Left out, as not prose:
 * - the INHOUD (checked by the contents test) and the column of page numbers after it;
 * - lines in capitals only: titles and headings (VOORWOORD, chapter openers, "1.1 REALISATIE
 *   2024", table titles; checked by the contents, chapter and table tests);
 * - lines of a number alone: page numbers and the stray "1." fragment of the chapter 1 opener
 *   (not "€ 372.000.", which ends a sentence);
 * - running heads ("3 Versnellen van de woningbouw"): skipped without ending the run, because
 *   the sentence goes on after them;
 * - tables: from their title (or header line) through the last row (checked by the table tests);
 * - the chart title, the photo captions and the video links, cut out of the runs: each is checked
 *   by the placeholder test, and our layout puts figures elsewhere in the flow than the source.
 * Sub-headings ("Flexwonen", "CPO Vledder") stay in: they precede their paragraph in both.
 */
function proseRuns(): string[] {
  const runs: string[][] = [[]];
  const cut = () => {
    if (runs.at(-1)?.length) runs.push([]);
  };
  let table: 'no' | 'header' | 'rows' = 'no';
  LINES.forEach((line, i) => {
    if (i >= TOC_START && i < TOC_END) return cut();
    if (TABLE_OPENERS.includes(line)) {
      table = 'header';
      return cut();
    }
    if (table !== 'no') {
      if (TABLE_ROW.test(line)) {
        table = 'rows';
        return;
      }
      if (table === 'header') return;
      table = 'no';
    }
    if (/\p{Lu}/u.test(line) && !/\p{Ll}/u.test(line)) return cut();
    if (/^\d+\.?$/.test(line)) return cut();
    if (CHAPTERS.some((c) => lower(line) === lower(runningHead(c)))) return;
    runs.at(-1)?.push(line);
  });
  const notProse = [CHART_TITLE, ...CAPTIONS, ...VIDEO_LINKS].map(
    (t) => new RegExp(`(?<!\\p{L})${t.split(' ').map(escape).join('\\s+')}(?!\\p{L})`, 'u'),
  );
  return runs
    .map((r) => r.join(' '))
    .flatMap((run) => notProse.reduce((parts, re) => parts.flatMap((p) => p.split(re)), [run]))
    .map(fold)
    .filter((r) => r !== '');
}
const RUNS = proseRuns();
/** Sentences (and list items) of the prose, three words or more. */
const sentences = (text: string) =>
  text
    .split(/(?<=[.!?][”’"]?)\s+|\s*•\s*/)
    .map(fold)
    .filter((s) => s.split(' ').length >= 3);

/** Numbers in Dutch format: thousands with a full stop ("1010" → "1.010"). */
const dutch = (row: string) =>
  row.replace(/(?<![\d.,])\d{4,}(?![\d,])/g, (n) => n.replace(/\B(?=(\d{3})+$)/g, '.'));

/**
 * A printed line compared as a row: white space folded, any minus or dash sign as "-". (Our PDF
 * prints negative numbers with U+002D, as the source does; a U+2212 minus would match too.)
 */
const asRow = (line: string) => fold(line.replace(/[\u2212\u2012\u2013]/g, '-'));

interface TableSpec {
  name: string;
  opener: string;
  /** The header as the source prints it (on one or more lines); undefined where ours differs. */
  header?: string;
  /** Rows as the source prints them, or [as in the source, as we print it]. */
  rows: Array<string | [string, string]>;
}
const TABLES: TableSpec[] = [
  {
    name: 'WONINGBOUWVERGUNNINGEN',
    opener: 'WONINGBOUWVERGUNNINGEN',
    rows: [
      ['Noord Totaal opdrachtgevers 368', 'Noord 368'],
      'Overheid of woningcorporatie 171 46%',
      'Bouwers voor de markt 145 39%',
      'Andere particuliere opdrachtgevers 52 14%',
      ['Zuid-oost Totaal opdrachtgevers 282', 'Zuid-oost 282'],
      'Overheid of woningcorporatie 55 20%',
      'Bouwers voor de markt 125 44%',
      'Andere particuliere opdrachtgevers 83 29%',
      ['Zuid-west Totaal opdrachtgevers 480', 'Zuid-west 480'],
      'Overheid of woningcorporatie 34 7%',
      'Bouwers voor de markt 375 78%',
      'Andere particuliere opdrachtgevers 71 15%',
      ['Drenthe Totaal opdrachtgevers 1130', 'Drenthe 1130'],
      'Overheid of woningcorporatie 260 23%',
      'Bouwers voor de markt 645 57%',
      'Andere particuliere opdrachtgevers 206 18%',
    ],
  },
  {
    name: 'WONINGVORM 2024',
    opener: 'WONINGVORM 2024',
    header: 'Percentage Grondgebonden woningen Percentage Appartementen',
    rows: ['Noord 48% 52%', 'Zuid-oost 44% 56%', 'Zuid-west 79% 21%', 'Drenthe 55% 45%'],
  },
  {
    name: 'PLANCAPACITEIT PER REGIO PER JAAR',
    opener: 'PLANCAPACITEIT PER REGIO PER JAAR',
    header: 'Regio 2025 2026 2027 2028 2029 2030',
    rows: [
      'Noord 633 877 1143 545 367 470',
      'Zuid-oost 788 963 1334 636 857 930',
      ['Zuid-west 5t60 1751 1423 1243 828 1016', 'Zuid-west 1751 1423 1243 828 1016'],
      'Totaal Drenthe 1981 3591 3900 2424 2052 2416',
    ],
  },
  {
    name: 'BETAALBAARHEID IN 2024',
    opener: 'BETAALBAARHEID IN 2024',
    header:
      'Regio Dure huur Middeldure huur Sociale huur Dure koop Betaalbare koop Totaal percentage betaalbaar',
    rows: [
      'Noord 2% 3% 28% 45% 21% 52%',
      'Zuid-oost 2% 27% 26% 22% 23% 76%',
      'Zuid-west 3% 15% 33% 31% 17% 65%',
      ['Totaal Drenthe 2% 16% 29% 32% 21%', 'Totaal Drenthe 2% 16% 29% 32% 21% 66%'],
    ],
  },
  {
    name: 'the statushouders table',
    opener: STATUSHOUDERS_HEADER,
    rows: [
      'Aa en Hunze -13 52 33 -32',
      'Assen -24 139 150 -13',
      'Borger-Odoorn -8 53 36 -25',
      'Coevorden 3 72 38 -31',
      'De Wolden -10 50 38 -22',
      'Emmen -11 217 169 -59',
      'Hoogeveen -28 113 84 -57',
      'Meppel 11 72 57 -4',
      'Midden-Drenthe -20 69 49 -40',
      'Noordenveld 18 63 43 -2',
      'Tynaarlo -30 70 70 -30',
      'Westerveld -10 40 44 -6',
      'Totaal -122 1010 811 -321',
    ],
  },
];

/**
 * The charts: the x axis names the source table's regions (or years), the legend its parts;
 * both are labels of the source's table. Drawn between the table title and the table.
 */
const CHARTS = [
  {
    opener: 'WONINGBOUWVERGUNNINGEN',
    axis: 'Noord Zuid-oost Zuid-west',
    legend: 'Overheid of woningcorporatie Bouwers voor de markt Andere particuliere opdrachtgevers',
  },
  {
    opener: 'PLANCAPACITEIT PER REGIO PER JAAR',
    axis: '2025 2026 2027 2028 2029 2030',
    legend: 'Noord Zuid-oost Zuid-west',
  },
  {
    opener: 'BETAALBAARHEID IN 2024',
    axis: 'Noord Zuid-oost Zuid-west',
    legend: 'Dure huur Middeldure huur Sociale huur Dure koop Betaalbare koop',
  },
];

// ---------------------------------------------------------------------------------------------
// The HTML edition's flow: each heading and the text that comes after it

interface FlowHeading {
  heading: string;
  after: string;
}
function headingsInFlow(html: string): FlowHeading[] {
  const skip = new Set(['head', 'script', 'style', 'svg']);
  let skipping = 0;
  let inHeading = false;
  let flow = '';
  let current = '';
  const marks: Array<{ heading: string; at: number }> = [];
  const parser = new Parser({
    onopentag(name) {
      if (skip.has(name)) skipping++;
      if (/^h[2-4]$/.test(name)) {
        inHeading = true;
        current = '';
      }
      flow += ' ';
    },
    ontext(text) {
      if (skipping) return;
      const t = text.replace(/\u00ad/g, '');
      if (inHeading) current += t;
      flow += t;
    },
    onclosetag(name) {
      if (skip.has(name)) skipping--;
      if (/^h[2-4]$/.test(name)) {
        inHeading = false;
        marks.push({ heading: fold(current), at: flow.length });
      }
      flow += ' ';
    },
  });
  parser.write(html);
  parser.end();
  return marks.map((m) => ({ heading: m.heading, after: fold(flow.slice(m.at)) }));
}

// ---------------------------------------------------------------------------------------------

let result: BuildResult;
let pdf: string;
let pages: string[];
/** Index (0-based) of the contents page. */
let tocAt: number;
/**
 * The body text of each page (no running head, no page number), compacted, in two orders:
 * as drawn (streamTexts) and as pdftotext reads it (bodyTexts). On the two-column pages each
 * sometimes misorders: the reading order can interleave the columns line by line, the drawing
 * order puts list items and chapter titles after the rest. A text counts as printed when it
 * stands unbroken in either.
 */
let bodies: string[][];
let flows: string[];
const printed = (text: string) => flows.some((f) => f.includes(compact(text)));
/** The first page (1-based) after the contents whose body has the text unbroken; 0 if none. */
const pageOf = (text: string) => {
  const c = compact(text);
  const found = bodies
    .map((b) => b.findIndex((p, i) => i > tocAt && p.includes(c)) + 1)
    .filter((n) => n > 0);
  return found.length ? Math.min(...found) : 0;
};
/** The first page after the contents that carries a heading as printed (capitals or not). */
const headingPage = (heading: string) =>
  pages.findIndex((p, i) => i > tocAt && lower(p).includes(lower(heading))) + 1;

beforeAll(async () => {
  const outDir = mkdtempSync(path.join(tmpdir(), 'jv-e2e-provincie-'));
  result = await build(resolveContext({ publication: 'provincie-drenthe', year: 2024, outDir }));
  pdf = result.pdfPath;
  pages = pageTexts(pdf);
  tocAt = pages.findIndex((p) => /^(CONCEPT )?INHOUD\b/i.test(p));
  bodies = [streamTexts(pdf), bodyTexts(pdf)].map((b) => b.map(compact));
  flows = bodies.map((b) => b.join(''));
});

describe('the provincie Drenthe 2024 report', () => {
  it('reads its expectations from the source', () => {
    // The source's INHOUD: eight chapters, ten sections (3.1 … 5.2).
    expect(CHAPTERS.map((c) => c.nr)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(SECTIONS.map((s) => s.nr)).toEqual([
      '3.1',
      '3.2',
      '3.3',
      '3.4',
      '4.1',
      '4.2',
      '4.3',
      '4.4',
      '5.1',
      '5.2',
    ]);
    // Every hand-copied table row, header, title and caption is in the source.
    for (const t of TABLES) {
      expect(LINES, t.opener).toContain(t.opener);
      if (t.header) expect(FLAT, t.header).toContain(t.header);
      for (const r of t.rows) expect(LINES).toContain(typeof r === 'string' ? r : r[0]);
    }
    expect(FLAT).toContain('66% van de nieuwe woningen betaalbaar');
    for (const c of [CHART_TITLE, ...CAPTIONS]) expect(FLAT).toContain(c);
    for (const c of CHARTS) {
      expect(FLAT).toContain(c.opener);
      for (const label of c.axis.split(' ')) expect(FLAT).toContain(label);
    }
  });

  it('writes the PDF and the HTML edition', () => {
    expect(existsSync(result.pdfPath)).toBe(true);
    expect(existsSync(result.htmlPath)).toBe(true);
    expect(path.basename(result.pdfPath)).toBe('jaarverslag-wonen-provincie-drenthe-2024.pdf');
    expect(path.basename(result.htmlPath)).toBe('jaarverslag-wonen-provincie-drenthe-2024.html');
    expect(readFileSync(result.htmlPath, 'utf8')).toContain('<html lang="nl-NL">');
    expect(result.pages).toBe(pages.length);
  });

  it('has a cover with the title and the province', () => {
    expect(lower(pages[0] ?? '')).toContain('jaarverslag wonen 2024');
    expect(lower(pages[0] ?? '')).toContain('provincie drenthe');
  });

  it('opens with the Voorwoord, before the contents, signed by the gedeputeerde', () => {
    const body = bodyTexts(pdf);
    const at = body.findIndex((p) => /^voorwoord\b/i.test(p));
    expect(at, 'pagina met VOORWOORD').toBeGreaterThan(0);
    expect(tocAt, 'pagina met INHOUD').toBeGreaterThan(at);
    // The source's Voorwoord: the lines between VOORWOORD and the signature.
    const from = LINES.indexOf('VOORWOORD');
    const signed = LINES.indexOf('Yvonne Turenhout');
    expect(LINES[signed + 1]).toBe('Gedeputeerde Wonen');
    const text = sentences(LINES.slice(from + 1, signed).join(' '));
    expect(text.length).toBeGreaterThan(8);
    const voorwoord = compact(pages.slice(at, tocAt).join(' '));
    for (const s of text) expect(voorwoord, s).toContain(compact(s));
    // signed below the text: name, then function
    const end = voorwoord.indexOf(compact(text.at(-1) ?? ''));
    const name = voorwoord.indexOf(compact('Yvonne Turenhout'), end);
    expect(name, 'Yvonne Turenhout na de tekst').toBeGreaterThan(end);
    expect(voorwoord.indexOf(compact('Gedeputeerde Wonen'), name)).toBeGreaterThan(name);
  });

  it("lists every chapter and section of the source's INHOUD, with the page its heading is on", () => {
    expect(tocAt).toBeGreaterThan(0);
    const toc = pages[tocAt] ?? '';
    let last = -1;
    for (const e of ENTRIES) {
      const m = new RegExp(`(?:^|\\s)${escape(e.nr)} ${escape(e.title)} (\\d+)(?=\\s|$)`, 'i').exec(
        toc,
      );
      expect(m, headingOf(e)).not.toBeNull();
      // in the source's order
      expect(m?.index ?? -1, headingOf(e)).toBeGreaterThan(last);
      last = m?.index ?? -1;
      // our page number: the page where that heading stands
      const page = headingPage(headingOf(e));
      expect(page, `${headingOf(e)} staat in de PDF`).toBeGreaterThan(tocAt + 1);
      expect(Number(m?.[1]), headingOf(e)).toBe(page);
    }
  });

  it('links every contents entry to its page', async () => {
    const all = await linkTargets(pdf, tocAt + 1);
    // Our contents list the Voorwoord first (the source's do not): its link goes back to it.
    const voorwoord = bodyTexts(pdf).findIndex((p) => /^voorwoord\b/i.test(p)) + 1;
    expect(voorwoord).toBeGreaterThan(1);
    expect(voorwoord).toBeLessThan(tocAt + 1);
    expect(all[0]).toBe(voorwoord);
    const links = all.slice(1);
    expect(links.length).toBeGreaterThanOrEqual(ENTRIES.length);
    for (const page of links) expect(page).toBeGreaterThan(tocAt + 1);
    // in the order of the contents, so never back
    expect([...links].sort((a, b) => a - b)).toEqual(links);
    for (const e of ENTRIES) expect(links, headingOf(e)).toContain(headingPage(headingOf(e)));
  });

  it('starts every chapter on a new page with "N. TITLE" and heads its later pages "N Titel"', () => {
    const starts = CHAPTERS.map((c) => headingPage(headingOf(c)));
    let later = 0;
    CHAPTERS.forEach((c, i) => {
      const start = starts[i] ?? 0;
      const end = (starts[i + 1] ?? pages.length + 1) - 1;
      expect(start, headingOf(c)).toBeGreaterThan(tocAt + 1);
      expect(end, headingOf(c)).toBeGreaterThanOrEqual(start);
      // The opener comes first on its page, after the running head (the draft mark and the
      // large chapter number may stand between).
      expect(lower(pages[start - 1] ?? ''), headingOf(c)).toMatch(
        new RegExp(
          `^${escape(lower(runningHead(c)))} (concept )?(${c.nr} )?${escape(lower(headingOf(c)))}`,
        ),
      );
      for (let p = start + 1; p <= end; p++) {
        expect(lower(pages[p - 1] ?? ''), `pagina ${p}`).toMatch(
          new RegExp(`^${escape(lower(runningHead(c)))}\\b`),
        );
        later++;
      }
    });
    expect(later, 'hoofdstukken met meer dan één pagina').toBeGreaterThan(0);
  });

  it('carries every sentence of the published prose', () => {
    const all = RUNS.flatMap(sentences);
    expect(all.length).toBeGreaterThan(200);
    expect(all.filter((s) => !printed(s))).toEqual([]);
  });

  it.each(TABLES)('prints every row of $name on one line, Dutch formatted', (t) => {
    const lines = layoutLines(pdf).flat().map(asRow);
    const at = lines.findIndex((l) => lower(l) === lower(t.opener));
    expect(at, t.opener).toBeGreaterThanOrEqual(0);
    if (t.header) {
      // The numeric columns have equal widths, so a long heading wraps in its column and the
      // header takes more than one line: every word of it (as often as in the source) stands in
      // the few lines right above the first row.
      const first = t.rows[0] ?? '';
      const firstRow = dutch(typeof first === 'string' ? first : first[1]);
      const end = lines.findIndex((l, i) => i > at && i < at + 60 && l === firstRow);
      expect(end, `${t.opener}: eerste rij`).toBeGreaterThan(at);
      const above = lines.slice(Math.max(at + 1, end - 4), end).flatMap((l) => l.split(' '));
      for (const word of t.header.split(' ')) {
        const k = above.indexOf(word);
        expect(k, `${t.header}: "${word}" in de kop`).toBeGreaterThanOrEqual(0);
        above.splice(k, 1);
      }
    }
    const missing: string[] = [];
    let from = at + 1;
    for (const r of t.rows) {
      const want = dutch(typeof r === 'string' ? r : r[1]);
      const found = lines.findIndex((l, i) => i >= from && i < from + 60 && l === want);
      if (found < 0) missing.push(want);
      else from = found + 1;
    }
    expect(missing, `rijen van ${t.opener} die niet (op één regel, in volgorde) staan`).toEqual([]);
  });

  it('leaves the unreadable Zuid-west 2025 cell ("5t60") of PLANCAPACITEIT empty', () => {
    const lines = layoutLines(pdf).flat();
    const at = lines.findIndex((l) => lower(l) === 'plancapaciteit per regio per jaar');
    const top = lines.findIndex(
      (l, i) => i > at && asRow(l) === 'Regio 2025 2026 2027 2028 2029 2030',
    );
    expect(top).toBeGreaterThan(at);
    const header = lines[top];
    const tokens = (line: string) =>
      [...line.matchAll(/\S+/g)].map((m) => ({ text: m[0], end: (m.index ?? 0) + m[0].length }));
    const years = tokens(header ?? '').filter((t) => /^\d{4}$/.test(t.text));
    // Numbers are set flush right under their year: each to the nearest year's column.
    const columns = (label: string) => {
      const row = lines.find((l, i) => i > top && asRow(l).startsWith(`${label} `)) ?? '';
      return tokens(row)
        .filter((t) => /^-?\d[\d.]*$/.test(t.text))
        .map(
          (t) =>
            years.reduce((best, y) =>
              Math.abs(y.end - t.end) < Math.abs(best.end - t.end) ? y : best,
            ).text,
        );
    };
    expect(columns('Noord')).toEqual(['2025', '2026', '2027', '2028', '2029', '2030']);
    expect(columns('Zuid-west')).toEqual(['2026', '2027', '2028', '2029', '2030']);
  });

  it('draws the three charts: axis and legend between the title and the table', async () => {
    const perPage = layoutLines(pdf);
    const lines = perPage.flatMap((page, p) => page.map((l) => ({ page: p + 1, text: asRow(l) })));
    let drawn = 0;
    for (const c of CHARTS) {
      const at = lines.findIndex((l) => lower(l.text) === lower(c.opener));
      expect(at, c.opener).toBeGreaterThanOrEqual(0);
      const table = TABLES.find((t) => t.opener === c.opener);
      const first = table?.rows[0] ?? '';
      const firstRow = dutch(typeof first === 'string' ? first : first[1]);
      const end = lines.findIndex((l, i) => i > at && l.text === firstRow);
      const figure = lines.slice(at + 1, end < 0 ? at + 40 : end).map((l) => l.text);
      expect(figure, `${c.opener}: x-as`).toContain(c.axis);
      expect(figure, `${c.opener}: legenda`).toContain(c.legend);
      const page = lines[at]?.page ?? 0;
      expect(await structureRoles(pdf, page)).toContain('Figure');
      drawn++;
    }
    expect(drawn).toBeGreaterThanOrEqual(3);
  });

  it('shows the placeholders of the draft: the chart without numbers and the missing photos', () => {
    // "Cijfers ontbreken" right under the chart's title
    expect(pages.some((p) => lower(p).includes(`${lower(CHART_TITLE)} cijfers ontbreken`))).toBe(
      true,
    );
    // each missing photo: "Foto ontbreekt", then its caption
    for (const caption of CAPTIONS) {
      const shown = pages.some((p) => {
        const at = p.indexOf('Foto ontbreekt');
        return at >= 0 && p.indexOf(caption, at) > at;
      });
      expect(shown, caption).toBe(true);
    }
    const missing = pages.join(' ').match(/Foto ontbreekt/g) ?? [];
    expect(missing.length).toBeGreaterThanOrEqual(CAPTIONS.length);
  });

  it('has the video links of the source', () => {
    const all = pages.join(' ');
    let total = 0;
    for (const text of VIDEO_LINKS) {
      const inSource = FLAT.split(text).length - 1;
      expect(inSource, text).toBeGreaterThan(0);
      expect(all.split(text).length - 1, text).toBe(inSource);
      total += inSource;
    }
    expect(total).toBe(5);
  });

  it('links drenthe.langzultuwonen.nl/nieuws to its web page', async () => {
    expect(FLAT).toContain('drenthe.langzultuwonen.nl/nieuws');
    const page = pages.findIndex((p) => p.includes('drenthe.langzultuwonen.nl/nieuws')) + 1;
    expect(page).toBeGreaterThan(0);
    expect(await linkUrls(pdf, page)).toContain('https://drenthe.langzultuwonen.nl/nieuws');
    // and no link anywhere goes nowhere: the links without an address print as plain text
    for (let n = 1; n <= pages.length; n++) {
      for (const url of await linkUrls(pdf, n))
        expect(url, `pagina ${n}`).toMatch(/^https?:\/\/\S+$/);
    }
  });

  it('has both bullet lists, every item in full', async () => {
    const lists = [
      { lead: 'De Provincie Drenthe kent vier regelingen', count: 4, next: undefined },
      { lead: 'Specifiek gaat het om:', count: 6, next: 'Bij deze knelpunten' },
    ];
    for (const list of lists) {
      const run = RUNS.find((r) => r.includes(list.lead)) ?? '';
      const [lead = '', ...items] = run.slice(run.indexOf(list.lead)).split(/\s*•\s*/);
      const lastItem = items.at(-1) ?? '';
      if (list.next && lastItem.includes(list.next)) {
        items[items.length - 1] = lastItem.slice(0, lastItem.indexOf(list.next)).trim();
      }
      expect(items.length, list.lead).toBe(list.count);
      expect(printed(lead), lead).toBe(true);
      for (const item of items) expect(printed(item), item).toBe(true);
      // set as a list: the page of the first item has list items in its structure
      const page = pageOf(items[0] ?? '');
      expect(page, items[0]).toBeGreaterThan(0);
      expect(await structureRoles(pdf, page)).toContain('LI');
    }
  });

  it('sets the Statenvergadering passage as a pull quote', async () => {
    const start = FLAT.indexOf('Tijdens de Statenvergadering werd uitge');
    const end = FLAT.indexOf('scoort een 8,3.') + 'scoort een 8,3.'.length;
    expect(start).toBeGreaterThan(0);
    const quote = FLAT.slice(start, end);
    expect(printed(quote), quote).toBe(true);
    const page = pageOf(quote);
    expect(await structureRoles(pdf, page)).toContain('BlockQuote');
  });

  it('embeds every font, and only the report typeface', () => {
    const list = fonts(pdf);
    expect(list.length).toBeGreaterThan(0);
    for (const f of list) {
      expect(f.embedded, f.name).toBe(true);
      expect(f.name, f.name).toMatch(/SourceSans3/);
    }
  });

  it('is a tagged PDF in Dutch with title, author, subject and keywords from the data', async () => {
    const publicatie = parse(readFileSync(path.join(DATA, 'publicatie.yaml'), 'utf8')) as {
      uitgever: string;
      taal: string;
      trefwoorden: string[];
    };
    const editie = parse(readFileSync(path.join(DATA, '2024/editie.yaml'), 'utf8')) as {
      titel: string;
      onderwerp: string;
    };
    const meta = await info(pdf);
    expect(meta.tagged).toBe(true);
    expect(meta.lang).toBe('nl-NL');
    expect(meta.lang).toBe(publicatie.taal);
    expect(meta.info.Title).toBe(editie.titel);
    expect(meta.info.Author).toBe(publicatie.uitgever);
    expect(meta.info.Subject).toBe(editie.onderwerp);
    for (const word of publicatie.trefwoorden) expect(String(meta.info.Keywords)).toContain(word);
  });

  it('has an outline entry for every chapter and section, pointing at its page', async () => {
    const items = flattenOutline(await outline(pdf));
    for (const e of ENTRIES) {
      const item = items.find((o) => lower(o.title) === lower(headingOf(e)));
      expect(item, headingOf(e)).toBeDefined();
      expect(item?.page, headingOf(e)).toBe(headingPage(headingOf(e)));
    }
  });

  it('has an outline entry for the Voorwoord, pointing at its page', async () => {
    const items = flattenOutline(await outline(pdf));
    const at = bodyTexts(pdf).findIndex((p) => /^voorwoord\b/i.test(p));
    expect(at).toBeGreaterThan(0);
    const item = items.find((o) => lower(o.title) === 'voorwoord');
    expect(item, 'bladwijzer "Voorwoord"').toBeDefined();
    expect(item?.page).toBe(at + 1);
  });

  it('numbers every page after the cover and marks the draft CONCEPT', () => {
    pages.slice(1).forEach((text, i) => {
      expect(text, `pagina ${i + 2}`).toMatch(new RegExp(`(^|\\D)${i + 2}$`));
      expect(text, `pagina ${i + 2}`).toContain('CONCEPT');
    });
    expect(pages[0]).not.toMatch(/\b1$/);
  });

  it('hyphenates long Dutch words in the prose, never inside a number', async () => {
    // The text layer carries the printed hyphens only: a line that ends in a letter and "-"
    // where the two parts together are a word of the report is a hyphenated line end.
    const lines = await bodyLines(pdf);
    const words = reportWords(readFileSync(pdf.replace(/\.pdf$/, '.html'), 'utf8'));
    expect(brokenLineEnds(lines, words).length).toBeGreaterThan(10);
    expect(brokenNumbers(lines)).toEqual([]);
  });

  it('never separates an amount from its € sign at a line end', () => {
    // Each column of a printed line (columns are three or more spaces apart) on its own.
    const ends = layoutLines(pdf).flatMap((page, p) =>
      page.flatMap((line) =>
        line
          .trim()
          .split(/\s{3,}/)
          .filter((part) => /€$/.test(part))
          .map((part) => `pagina ${p + 1}: …${part.slice(-40)}`),
      ),
    );
    expect(ends).toEqual([]);
  });

  it('never ends a page with a heading: what follows a heading starts on its page', () => {
    const dir = path.join(DATA, '2024/tekst');
    const headings = readdirSync(dir)
      .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n'))
      .filter((l) => /^#{2,4} /.test(l) && !l.includes('{{'))
      .map((l) => l.replace(/^#+ /, '').trim());
    expect(headings.length).toBeGreaterThan(20);
    const flow = headingsInFlow(readFileSync(result.htmlPath, 'utf8'));
    const stranded: string[] = [];
    for (const h of headings) {
      const found = flow.find((f) => lower(f.heading).endsWith(lower(h)));
      expect(found, h).toBeDefined();
      // The heading and the first words after it (paragraph, list, figure) on one page.
      const next = (found?.after ?? '').split(' ').slice(0, 6).join(' ');
      expect(compact(next).length, `na "${h}"`).toBeGreaterThan(15);
      const together = compact(found?.heading ?? h) + compact(next);
      const onOnePage = bodies.some((b) => b.some((p, i) => i > tocAt && p.includes(together)));
      if (!onOnePage) stranded.push(`${h} → ${next}`);
    }
    expect(stranded).toEqual([]);
  });
});
