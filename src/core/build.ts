/** The build, as the list of its stages. The CLI, the preview and the tests all call this. */
export { checkData } from './check.ts';
export type { CheckResult } from './check.ts';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { BuildContext } from '../context.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { checkData } from './check.ts';
import type { CheckResult } from './check.ts';
import { folderCache } from '../figures/cache.ts';
import { chartTheme, renderFigures } from '../figures/stage.ts';
import { renderReport } from '../render/document.ts';
import { fontFaceCss } from '../render/fonts.ts';
import { loadTemplates } from '../render/templates.ts';
import type { Browser } from 'puppeteer';
import { withBrowser } from '../print/browser.ts';
import { printHtml } from '../print/print.ts';
import type { LayoutReport } from '../print/print.ts';
import { folderLayoutCache } from '../print/layout-cache.ts';
import { setMetadata } from '../finalize/metadata.ts';
import { cleanTextLayer } from '../finalize/text-layer.ts';
import { srgbProfile } from '../finalize/pdfa.ts';
import type { PdfAConformance } from '../finalize/pdfa.ts';
import { PDFDocument } from 'pdf-lib';
import { writeOutputs } from '../finalize/write.ts';
import type { OutputFile } from '../finalize/write.ts';
import { editionValues, PREVIOUS_DIR, VALUES_FILE } from '../data/values.ts';
import type { ValuesFile } from '../data/values.ts';
import { csvFiles } from '../render/csv.ts';
import { formatDatum } from '../render/format/index.ts';
import { draftDate, draftMarkText } from '../render/draft-mark.ts';
import { contentHash, editionInputs } from '../archive/inputs.ts';
import type { InputFile } from '../archive/inputs.ts';
import type { HouseStyle } from '../render/house-style.ts';
import type { Edition } from '../data/validate.ts';

/** The report as one HTML document, exactly as it is printed (figures, chapters, fonts inlined). */
export async function assembleHtml(ctx: BuildContext, checked: CheckResult): Promise<string> {
  return (await assembleEdition(ctx, checked)).html;
}

export interface AssembledEdition {
  html: string;
  /** Every input file with its SHA-256 (data, prose, templates, fonts: src/archive/inputs.ts). */
  inputs: InputFile[];
  /** Eight hexadecimal digits of a hash of all inputs and the program. */
  contentHash: string;
  /** The draft's mark in the foot of its pages; undefined for a final edition. */
  draftMark?: string | undefined;
  /** The house style of the template set (its fonts are inputs). */
  style: HouseStyle;
}

/** The HTML, and what it was made of. */
export async function assembleEdition(
  ctx: BuildContext,
  checked: CheckResult,
): Promise<AssembledEdition> {
  const templates = loadTemplates(ctx, checked.edition.publicatie.sjablonen);
  const inputs = editionInputs(ctx, checked.edition.publicatie.sjablonen, templates.style);
  const hash = contentHash(inputs);
  const draftMark = ctx.final ? undefined : draftMarkText(draftDate(), hash);
  const charts = await renderFigures(
    checked.edition,
    chartTheme(ctx.root, templates.style),
    folderCache(path.join(ctx.root, 'output', '.cache', 'figuren')),
  );
  const html = renderReport({
    edition: checked.edition,
    templates,
    chapters: checked.chapters,
    foreword: checked.foreword,
    charts,
    fontCss: fontFaceCss(ctx.root, templates.style),
    final: ctx.final,
    csvBase: ctx.baseName,
    draftMark,
  });
  return { html, inputs, contentHash: hash, draftMark, style: templates.style };
}

export interface BuildResult {
  pdfPath: string;
  htmlPath: string;
  diagnostics: Diagnostic[];
  pages: number;
  passes: number;
  /** What the layout stage did (prints to measure, words unhyphenated, figures floated). */
  layout?: LayoutReport | undefined;
  /** The edition as checked and built. */
  edition: Edition;
  /** Every file written: the PDF, the HTML and each table's CSV (not the review's records). */
  outputs: string[];
  /** The inputs, with their SHA-256, and their short hash as a draft shows it. */
  inputs: InputFile[];
  contentHash: string;
  style: HouseStyle;
  /** The browser that printed: "Chrome/156.0.…". */
  browserVersion: string;
  /** A final edition's PDF/A identification (src/finalize/pdfa.ts). */
  pdfa?: { part: 2; conformance: PdfAConformance } | undefined;
}

export interface BuildOptions {
  /**
   * A browser that is running or starting (the preview, the CLI, `--all`): the data and figure
   * stages run while Chromium starts. Without one, a browser is started and closed here.
   */
  browser?: Browser | Promise<Browser> | undefined;
  /** false: no hyphenation rules, no floating figures (a test's control case). */
  typeset?: boolean | undefined;
  /** Told the name of each stage as it starts (progress on a terminal). */
  onStage?: ((stage: string) => void) | undefined;
  /**
   * false: write only the edition (PDF, HTML, CSV), not the values record and not the replaced
   * version in vorige/ that a review compares with (the archive wants the edition alone).
   */
  review?: boolean | undefined;
  /**
   * false: a first build of new HTML does not print once more the way a rebuild will, so its
   * bytes may differ from a rebuild's (same text). The preview's choice: it archives nothing.
   */
  reproducible?: boolean | undefined;
}

/** Build one edition: PDF and HTML in output/<publication>/<year>/. Nothing is written unless all succeeds. */
export async function build(ctx: BuildContext, options: BuildOptions = {}): Promise<BuildResult> {
  const stage = options.onStage ?? (() => undefined);
  stage('gegevens en tekst');
  const checked = checkData(ctx);
  const { edition, chapters, diagnostics } = checked;
  stage('figuren en opmaak');
  const assembled = await assembleEdition(ctx, checked);
  const { html } = assembled;
  stage('afdrukken');
  const pagePath = path.join(ctx.outDir, `${ctx.baseName}.html`);
  // The previous edition's page numbers: when nothing moved, one print is enough.
  const hint = previousPageNumbers(pagePath);
  const layoutCache = folderLayoutCache(path.join(ctx.root, 'output', '.cache', 'opmaak'));
  const print = (browser: Browser) =>
    printHtml(browser, html, edition.editie.titel, {
      hint,
      cache: options.typeset === false ? undefined : layoutCache,
      typeset: options.typeset,
      replay: options.reproducible !== false,
    });
  const printed = options.browser ? await print(await options.browser) : await withBrowser(print);
  stage('metadata');
  const printedDoc =
    printed.document ?? (await PDFDocument.load(printed.pdf, { updateMetadata: false }));
  cleanTextLayer(printedDoc);
  const { pdf, pageCount, pdfa } = await setMetadata(printedDoc, {
    title: edition.editie.titel,
    author: edition.publicatie.uitgever,
    subject: edition.editie.onderwerp ?? edition.editie.ondertitel ?? edition.editie.titel,
    keywords: edition.publicatie.trefwoorden,
    language: edition.publicatie.taal,
    date: documentDate(edition.editie.datum),
    producer: `jaarverslag (${printed.browserVersion}, pdf-lib)`,
    // The HTML decides the pages, with the browser that printed it: their hash names the document.
    archival: ctx.final ? { iccProfile: srgbProfile(ctx.root) } : undefined,
    id: createHash('sha256').update(printed.browserVersion).update(html).digest('hex').slice(0, 32),
    outline: [
      ...(checked.foreword
        ? [{ title: checked.foreword.titel, anchor: checked.foreword.anchor, level: 1 as const }]
        : []),
      ...chapters.flatMap((c) =>
        c.toc.map((t) => ({
          title: t.level === 1 ? `${t.nummer}. ${t.titel}` : `${t.nummer} ${t.titel}`,
          anchor: t.anchor,
          level: t.level,
        })),
      ),
    ],
  });
  stage('schrijven');
  const pdfPath = path.join(ctx.outDir, `${ctx.baseName}.pdf`);
  const htmlPath = pagePath;
  // Every table's numbers as CSV beside the HTML edition, written with it (render/csv.ts).
  const placements = [checked.foreword?.placements ?? [], ...chapters.map((c) => c.placements)];
  const csv = csvFiles(ctx.baseName, placements.flat());
  const values: ValuesFile = {
    versie: 1,
    label:
      assembled.draftMark ??
      `${edition.editie.titel}${edition.editie.datum ? `, ${formatDatum(edition.editie.datum)}` : ''}`,
    contentHash: assembled.contentHash,
    final: ctx.final,
    waarden: editionValues(edition, reviewChapters(checked)),
  };
  const edition_: OutputFile[] = [
    { path: pdfPath, data: pdf },
    { path: htmlPath, data: printedHtml(html, printed.pages) },
    ...csv.map((f) => ({ path: path.join(ctx.outDir, f.name), data: f.data })),
  ];
  const review = options.review !== false;
  writeOutputs([
    ...edition_,
    ...(review
      ? [
          { path: path.join(ctx.outDir, VALUES_FILE), data: `${JSON.stringify(values)}\n` },
          // The version this build replaces, kept for the review, when it differs from the new one.
          ...previousVersion(ctx, pdf),
        ]
      : []),
  ]);
  return {
    pdfPath,
    htmlPath,
    diagnostics,
    pages: pageCount,
    passes: printed.passes,
    layout: printed.layout,
    edition,
    outputs: edition_.map((f) => f.path),
    inputs: assembled.inputs,
    contentHash: assembled.contentHash,
    style: assembled.style,
    browserVersion: printed.browserVersion,
    pdfa,
  };
}

/** Chapters as the values record names them: number, title, prose and the facts they show. */
function reviewChapters(checked: CheckResult) {
  return checked.chapters.map((c, i) => ({
    nummer: c.nummer,
    titel: c.titel,
    text: checked.prose[i]?.text ?? '',
    facts: c.placements.map((p) => p.id),
  }));
}

/**
 * The outputs this build replaces (PDF, HTML, values record), to keep in vorige/: only when the
 * new PDF differs, so that building the same inputs twice keeps the version before them.
 */
function previousVersion(ctx: BuildContext, pdf: Uint8Array): OutputFile[] {
  const read = (name: string): Buffer | undefined => {
    try {
      return readFileSync(path.join(ctx.outDir, name));
    } catch {
      return undefined;
    }
  };
  const oldPdf = read(`${ctx.baseName}.pdf`);
  if (!oldPdf || Buffer.compare(oldPdf, pdf) === 0) return [];
  const dir = path.join(ctx.outDir, PREVIOUS_DIR);
  const files: OutputFile[] = [{ path: path.join(dir, `${ctx.baseName}.pdf`), data: oldPdf }];
  for (const name of [`${ctx.baseName}.html`, VALUES_FILE]) {
    const data = read(name);
    if (data) files.push({ path: path.join(dir, name), data });
  }
  return files;
}

/**
 * The date a PDF carries: the edition's own (noon UTC), else SOURCE_DATE_EPOCH (seconds since
 * 1970, the reproducible-builds convention), else none: never the moment of the build.
 */
export function documentDate(datum: string | null): Date | undefined {
  if (datum) return new Date(`${datum}T12:00:00Z`);
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return undefined;
}

/** The contents' page numbers in an earlier HTML edition, read back; empty when there is none. */
function previousPageNumbers(file: string): Map<string, number> {
  const pages = new Map<string, number>();
  let html: string;
  try {
    html = readFileSync(file, 'utf8');
  } catch {
    return pages;
  }
  for (const m of html.matchAll(/data-pagina-van="([^"]+)"[^>]*>(\d+)</g)) {
    pages.set(m[1] ?? '', Number(m[2]));
  }
  return pages;
}

/** The HTML edition carries the same contents page numbers as the PDF. */
function printedHtml(html: string, pages: Map<string, number>): string {
  return html.replace(
    /(<[^>]*data-pagina-van="([^"]+)"[^>]*>)[^<]*(<\/)/g,
    (_, open: string, anchor: string, close: string) => `${open}${pages.get(anchor) ?? ''}${close}`,
  );
}
