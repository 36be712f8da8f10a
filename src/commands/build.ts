/** `jaarverslag build`: each edition to PDF and HTML, all with one browser. */
import { resolveContext } from '../context.ts';
import type { BuildFlags } from '../context.ts';
import { whileBrowserStarts } from '../print/browser.ts';
import { printWarnings, progress } from './output.ts';

export async function buildCommand(targets: readonly BuildFlags[]): Promise<number> {
  // Usage errors (an unknown publication or year) before a browser is started.
  const contexts = targets.map((flags) => resolveContext(flags));
  // Chromium starts while the data, prose and figures are made.
  return whileBrowserStarts(async (browser) => {
    // The pipeline's modules (Vega, the PDF library, …) load while Chromium starts.
    const { build } = await import('../core/build.ts');
    for (const [i, ctx] of contexts.entries()) {
      const label = `${contexts.length > 1 ? `[${i + 1}/${contexts.length}] ` : ''}${ctx.publication} ${ctx.year}`;
      const shown = progress(label);
      try {
        const result = await build(ctx, { browser, onStage: shown.stage });
        shown.done();
        printWarnings(result.diagnostics);
        console.log(`${result.pdfPath} (${result.pages} pagina's)`);
        console.log(result.htmlPath);
      } finally {
        shown.done();
      }
    }
    return 0;
  });
}
