/**
 * End to end: the real Midden-Drenthe 2024 report, built with real Chromium, read back from the
 * PDF. Expected texts come from the published report (tests/reference/bron/), not from our output.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/context.ts';
import { build } from '../../src/core/build.ts';
import type { BuildResult } from '../../src/core/build.ts';
import {
  bodyTexts,
  flattenOutline,
  fonts,
  info,
  layoutTexts,
  linkTargets,
  outline,
  pageTexts,
} from '../support/pdf.ts';
import { ROOT } from '../support/fixture.ts';
import { bodyLines, brokenLineEnds, brokenNumbers, reportWords } from '../support/typesetting.ts';

const SEED = path.join(ROOT, 'tests/reference/bron/jaarverslag-wonen-2024-midden-drenthe.txt');

/** Only letters and digits, lower case: line breaks, hyphenation and quote styles fall away. */
const compact = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}%€]/gu, '');

let result: BuildResult;
let pages: string[];

beforeAll(async () => {
  const outDir = mkdtempSync(path.join(tmpdir(), 'jv-e2e-'));
  result = await build(resolveContext({ publication: 'midden-drenthe', year: 2024, outDir }));
  pages = pageTexts(result.pdfPath);
});

const CHAPTERS = [
  'Inleiding',
  'Woningmarkt',
  'Voortgang woningbouw Midden-Drenthe',
  'Activiteiten wonen 2024 en vooruitblik 2025',
];
const SECTIONS = [
  '2.1 Ontwikkelingen op de koopmarkt',
  '2.2 Sociale huursector Midden-Drenthe',
  '4.1 Activiteiten wonen 2024',
  '4.1.1 Beleid',
  '4.1.2 Projecten',
  '4.1.3 Wervend Perspectief',
  '4.1.4 Communicatie rondom wonen',
  '4.2 Vooruitblik 2025',
];
const CAPTIONS = [
  'Figuur 1. Aantal verkochte woningen naar type door NVM-makelaars',
  'Figuur 2. Verkochte woningen per kwartaal',
  'Figuur 3. Gemiddelde verkoopprijzen bestaande woningen',
  'Figuur 4. Nieuwe verhuringen per dorp',
  'Figuur 5. Verkochte woningen corporaties in 2024 (bezit Midden-Drenthe)',
  'Figuur 6. Kernvoorraad naar netto huurprijzen (Stand 31-12-24) en streefhuurprijzen per woningcorporatie',
  'Figuur 7. Ontwikkeling woningvoorraad Midden-Drenthe',
  'Figuur 8. Inwonersaantal op 1 januari',
  'Figuur 9. Kaveluitgifte Midden-Drenthe over 2024',
];

describe('the Midden-Drenthe 2024 report', () => {
  it('writes the PDF and the HTML edition', () => {
    expect(existsSync(result.pdfPath)).toBe(true);
    expect(existsSync(result.htmlPath)).toBe(true);
    expect(path.basename(result.pdfPath)).toBe('jaarverslag-wonen-midden-drenthe-2024.pdf');
    expect(readFileSync(result.htmlPath, 'utf8')).toContain('<html lang="nl-NL">');
  });

  it('has a cover, a contents page and every chapter on pages of its own', () => {
    expect(result.pages).toBe(pages.length);
    // cover + contents + at least two pages for each of the four chapters
    expect(pages.length).toBeGreaterThanOrEqual(2 + 2 * CHAPTERS.length);
    expect(pages[0]).toContain('Jaarverslag Wonen 2024');
    expect(pages[0]).toContain('gemeente Midden-Drenthe');
    expect(pages[1]).toMatch(/^.*Inhoud/);
    CHAPTERS.forEach((title, i) => {
      const heading = `${i + 1}. ${title}`;
      const at = pages.findIndex((p, n) => n > 1 && p.includes(heading));
      expect(at, heading).toBeGreaterThan(1);
    });
  });

  it('carries every section heading and every figure caption', () => {
    const all = pages.join('\n');
    for (const s of SECTIONS) expect(all).toContain(s);
    for (const c of CAPTIONS) expect(all).toContain(c);
  });

  it('carries a sample of numbers from every table, Dutch formatted', () => {
    const all = layoutTexts(result.pdfPath).join(' ');
    const samples = [
      'Twee-onder-een-kap 113 105 138 95 84', // Figuur 1
      'Totaal 359 355 385 292 300',
      'Aantal verkocht 56 70 86 87', // Figuur 2
      '60 32 28 29',
      'Beilen 82 81 111 69 59 76 124', // Figuur 4
      'Totaal 217 190 249 194 161 211 247',
      'Woonservice 6', // Figuur 5
      '105 10,4%', // Figuur 6
      '1.570 72,9%',
      '€ 454,47', // Huurprijsgrenzen
      '€ 879,66',
      '2021 255 15 14.674', // Figuur 7
      '2024 56 11 14.849',
      '33.562', // Figuur 8
      '34.021',
      'Westerbork, De lindelaar 9', // Figuur 9
    ];
    for (const s of samples) expect(all.replace(/\u00a0/g, ' '), s).toContain(s);
  });

  it('has every source line, and the Figuur 3 placeholder', () => {
    const all = pages.join('\n');
    expect(all).toContain('Bron: NVM');
    expect(all).toContain('Bron: gegevens CBS statline, Kadaster');
    expect(all).toContain('Bron: Thuiskompas');
    expect(all).toContain('Bron: Actium, Woonservice');
    expect(all).toContain('Bron: gemeente');
    expect(all).toContain('Cijfers ontbreken');
    expect(all).toContain('*Omdat er in 2021 en 2022 geen jaarverslag wonen is opgesteld');
  });

  it('carries every paragraph of the published prose', () => {
    const seed = readFileSync(SEED, 'utf8');
    // Runs of prose lines; a table row (a label and three or more numbers) ends a run.
    const tableRow = /^\s*[^\d\s][^\n]*?(\s+(\d[\d.,]*%?|-)){3,}\s*$/;
    const paragraphs = seed
      .split(/\n\s*\n/)
      .flatMap((block) =>
        block.split('\n').reduce<string[][]>(
          (runs, line) => {
            if (tableRow.test(line)) runs.push([]);
            else runs.at(-1)?.push(line);
            return runs;
          },
          [[]],
        ),
      )
      .map((lines) => lines.join(' ').replace(/\s+/g, ' ').trim())
      // A figure may float away from the text before it (to the end of its chapter): its caption
      // and a chapter's title start a run of their own.
      .flatMap((p) => p.split(/(?=Figuur \d+\. )|(?<=\. )(?=\d\. \p{Lu})/u))
      .filter((p) => p.split(' ').length >= 12);
    const text = compact(bodyTexts(result.pdfPath).join(' '));
    const missing = paragraphs.filter((p) => !text.includes(compact(p)));
    expect(missing).toEqual([]);
    expect(paragraphs.length).toBeGreaterThan(40);
  });

  it('numbers every page after the cover and marks the draft CONCEPT', () => {
    pages.slice(1).forEach((text, i) => {
      expect(text, `pagina ${i + 2}`).toMatch(new RegExp(`(^|\\D)${i + 2}$`));
      expect(text, `pagina ${i + 2}`).toContain('CONCEPT');
    });
    expect(pages[0]).not.toMatch(/\b1$/);
  });

  it('has correct page numbers in the contents', () => {
    const toc = pages[1] ?? '';
    CHAPTERS.forEach((title, i) => {
      const m = new RegExp(`${i + 1} ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} (\\d+)`).exec(
        toc,
      );
      expect(m, title).not.toBeNull();
      const page = Number(m?.[1]);
      expect(pages[page - 1], `${title} op pagina ${page}`).toContain(`${i + 1}. ${title}`);
    });
    for (const s of SECTIONS) {
      const [nr, ...words] = s.split(' ');
      const m = new RegExp(`${nr?.replace(/\./g, '\\.')} ${words.join(' ')} (\\d+)`).exec(toc);
      expect(m, s).not.toBeNull();
      expect(pages[Number(m?.[1]) - 1], s).toContain(s);
    }
  });

  it('has an outline entry for every chapter and section, pointing at its page', async () => {
    const items = flattenOutline(await outline(result.pdfPath));
    CHAPTERS.forEach((title, i) => {
      const item = items.find((o) => o.title.replace(/\s+/g, ' ').trim() === `${i + 1}. ${title}`);
      expect(item, title).toBeDefined();
      expect(pages[(item?.page ?? 0) - 1]).toContain(`${i + 1}. ${title}`);
    });
    for (const s of SECTIONS) {
      expect(
        items.some((o) => o.title.replace(/\s+/g, ' ').trim() === s),
        s,
      ).toBe(true);
    }
  });

  it('embeds every font, and only the report typeface', () => {
    const list = fonts(result.pdfPath);
    expect(list.length).toBeGreaterThan(0);
    for (const f of list) {
      expect(f.embedded, f.name).toBe(true);
      expect(f.name, f.name).toMatch(/SourceSans3/);
    }
  });

  it('is a tagged PDF in Dutch with title, author, subject and keywords', async () => {
    const meta = await info(result.pdfPath);
    expect(meta.tagged).toBe(true);
    expect(meta.lang).toBe('nl-NL');
    expect(meta.info.Title).toBe('Jaarverslag Wonen 2024');
    expect(meta.info.Author).toBe('gemeente Midden-Drenthe');
    expect(String(meta.info.Subject)).not.toBe('');
    expect(String(meta.info.Keywords)).toContain('woningmarkt');
  });

  it('links every contents entry to its heading', async () => {
    const links = await linkTargets(result.pdfPath, 2);
    // 4 chapters and 8 sections, each a link to the page where its heading is
    expect(links.length).toBe(CHAPTERS.length + SECTIONS.length);
    for (const page of links) expect(page).toBeGreaterThan(2);
  });

  it('hyphenates long Dutch words in the prose, where the lines break, never inside a number', async () => {
    // The text layer carries the printed hyphens only: a line that ends in a letter and "-"
    // where the two parts together are a word of the report is a hyphenated line end.
    const lines = await bodyLines(result.pdfPath);
    const words = reportWords(readFileSync(result.htmlPath, 'utf8'));
    expect(brokenLineEnds(lines, words).length).toBeGreaterThan(10);
    expect(brokenNumbers(lines)).toEqual([]);
  });

  it('never ends a page with a heading: text follows every heading on its page', () => {
    const dir = path.join(ROOT, 'data/midden-drenthe/2024/tekst');
    const headings = readdirSync(dir)
      .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n'))
      .filter((l) => /^#{2,4} /.test(l) && !l.includes('{{'))
      .map((l) => l.replace(/^#+ /, '').trim());
    expect(headings.length).toBeGreaterThan(30);
    const body = bodyTexts(result.pdfPath);
    for (const h of headings) {
      // pages after the contents; the first page that carries the heading
      const page = body.find((p, i) => i > 1 && p.includes(h));
      expect(page, h).toBeDefined();
      const after = (page ?? '').slice((page ?? '').indexOf(h) + h.length).trim();
      expect(after.length, `na "${h}" staat nog tekst op de pagina`).toBeGreaterThan(40);
    }
  });
});
