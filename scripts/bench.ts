/**
 * Performance: a full build against Chromium's own print time of the same HTML.
 * Usage: npm run bench [-- --runs N] [-- --publication NAAM]
 * Prints the median of N runs for each; the target is a full build within 1.6x of one print.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveContext } from '../src/context.ts';
import { assembleHtml, build, checkData } from '../src/core/build.ts';
import { chartTheme, renderFigures } from '../src/figures/stage.ts';
import { loadTemplates } from '../src/render/templates.ts';
import { withBrowser } from '../src/print/browser.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    publication: { type: 'string', default: 'midden-drenthe' },
  },
});
const runs = Number(values.runs);
const outDir = mkdtempSync(path.join(tmpdir(), 'jv-bench-'));
const ctx = resolveContext({ publication: values.publication, outDir });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const time = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

// The HTML exactly as the build prints it.
const html = await assembleHtml(ctx, checkData(ctx));

const chromium: number[] = [];
const stages: number[] = [];
const full: number[] = [];
for (let i = 0; i < runs; i++) {
  // Chromium alone: start, load the finished HTML, print once, close.
  chromium.push(
    await time(() =>
      withBrowser(async (browser) => {
        const page = await browser.newPage();
        await page.setContent(html, { waitUntil: 'load' });
        await page.pdf({
          printBackground: true,
          preferCSSPageSize: true,
          tagged: true,
          outline: true,
        });
      }),
    ),
  );
  stages.push(
    await time(async () => {
      const c = checkData(ctx);
      const t = loadTemplates(ctx, c.edition.publicatie.sjablonen);
      await renderFigures(c.edition, chartTheme(ctx.root, t.style));
    }),
  );
  full.push(await time(() => build(ctx)));
}
const c = median(chromium);
const f = median(full);
console.log(`runs: ${runs}, publication: ${ctx.publication} ${ctx.year}`);
console.log(`chromium print alone (launch + load + 1 print): ${c.toFixed(0)} ms`);
console.log(`data + figures + chapters (no browser):        ${median(stages).toFixed(0)} ms`);
console.log(`full build:                                    ${f.toFixed(0)} ms`);
console.log(
  `ratio full / chromium:                         ${(f / c).toFixed(2)}x (target <= 1.6x)`,
);
