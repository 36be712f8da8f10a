/** The build, as the list of its stages. The CLI, the preview and the tests all call this. */
import path from 'node:path';
import type { BuildContext } from '../context.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { DataError } from '../errors.ts';
import { loadEdition, loadProse } from '../data/load.ts';
import type { ProseFile } from '../data/load.ts';
import { validate } from '../data/validate.ts';
import type { Edition } from '../data/validate.ts';
import { checkEdition } from '../data/checks.ts';
import { chartTheme, renderFigures } from '../figures/stage.ts';
import { renderChapters } from '../render/chapters.ts';
import type { RenderedChapter } from '../render/chapters.ts';
import { renderReport } from '../render/document.ts';
import { fontFaceCss } from '../render/fonts.ts';
import { loadTemplates } from '../render/templates.ts';
import { withBrowser } from '../print/browser.ts';
import { printHtml } from '../print/print.ts';
import { setMetadata } from '../finalize/metadata.ts';
import { writeOutputs } from '../finalize/write.ts';

export interface CheckResult {
  edition: Edition;
  prose: ProseFile[];
  chapters: RenderedChapter[];
  /** Warnings (and, for a final edition, errors about missing values). */
  diagnostics: Diagnostic[];
}

export interface BuildResult {
  pdfPath: string;
  htmlPath: string;
  diagnostics: Diagnostic[];
  pages: number;
  passes: number;
}

/** Load, validate and check an edition; throws DataError when something is wrong. */
export function checkData(ctx: BuildContext): CheckResult {
  const raw = loadEdition(ctx);
  const edition = validate(raw);
  const loaded = loadProse(ctx, raw.proseDir, edition.editie.hoofdstukken);
  const dataDiagnostics = [...loaded.diagnostics, ...checkEdition(edition, { final: ctx.final })];
  failOn(ctx, dataDiagnostics);
  // Rendering the prose (no browser) finds names the data does not have, and checks statements.
  const { chapters, warnings } = renderChapters(edition, loaded.prose, [ctx.root, ctx.dataDir]);
  const diagnostics = [...dataDiagnostics, ...warnings];
  failOn(ctx, diagnostics);
  return { edition, prose: loaded.prose, chapters, diagnostics };
}

/** Errors (and warnings under --strict) stop the build with all of them. */
function failOn(ctx: BuildContext, diagnostics: readonly Diagnostic[]): void {
  const failing = diagnostics.filter(
    (d) => d.severity === 'error' || (ctx.strict && d.severity === 'warning'),
  );
  if (failing.length)
    throw new DataError(failing.map((d) => ({ ...d, severity: 'error' as const })));
}

/** The report as one HTML document, exactly as it is printed (figures, chapters, fonts inlined). */
export async function assembleHtml(ctx: BuildContext, checked: CheckResult): Promise<string> {
  const templates = loadTemplates(ctx, checked.edition.publicatie.sjablonen);
  const charts = await renderFigures(checked.edition, chartTheme(ctx.root, templates.style));
  return renderReport({
    edition: checked.edition,
    templates,
    chapters: checked.chapters,
    charts,
    fontCss: fontFaceCss(ctx.root, templates.style),
    final: ctx.final,
  });
}

/** Build one edition: PDF and HTML in output/<publication>/<year>/. Nothing is written unless all succeeds. */
export async function build(ctx: BuildContext): Promise<BuildResult> {
  const checked = checkData(ctx);
  const { edition, chapters, diagnostics } = checked;
  const html = await assembleHtml(ctx, checked);
  const printed = await withBrowser((browser) => printHtml(browser, html, edition.editie.titel));
  const { pdf, pageCount } = await setMetadata(printed.pdf, {
    title: edition.editie.titel,
    author: edition.publicatie.uitgever,
    subject: edition.editie.onderwerp ?? edition.editie.ondertitel ?? edition.editie.titel,
    keywords: edition.publicatie.trefwoorden,
    language: edition.publicatie.taal,
    date: edition.editie.datum ? new Date(`${edition.editie.datum}T12:00:00Z`) : undefined,
    outline: [
      ...chapters.flatMap((c) =>
        c.toc.map((t) => ({
          title: t.level === 1 ? `${t.nummer}. ${t.titel}` : `${t.nummer} ${t.titel}`,
          anchor: t.anchor,
          level: t.level,
        })),
      ),
    ],
  });
  const pdfPath = path.join(ctx.outDir, `${ctx.baseName}.pdf`);
  const htmlPath = path.join(ctx.outDir, `${ctx.baseName}.html`);
  writeOutputs([
    { path: pdfPath, data: pdf },
    { path: htmlPath, data: printedHtml(html, printed.pages) },
  ]);
  return { pdfPath, htmlPath, diagnostics, pages: pageCount, passes: printed.passes };
}

/** The HTML edition carries the same contents page numbers as the PDF. */
function printedHtml(html: string, pages: Map<string, number>): string {
  return html.replace(
    /(<[^>]*data-pagina-van="([^"]+)"[^>]*>)[^<]*(<\/)/g,
    (_, open: string, anchor: string, close: string) => `${open}${pages.get(anchor) ?? ''}${close}`,
  );
}
