/**
 * Performance, as a user waits for it ("Seconds from edit to page").
 *
 * Usage: npm run bench [-- --runs N] [-- --skip-big] [-- --json]
 *
 * Cold processes, each its own child process, wall clock from spawn to exit:
 *   floor   scripts/bench-floor.mjs: bare Node + Puppeteer (no tsx, nothing of ours) starts
 *           Chromium with the build's executable and flags, loads the finished HTML edition with
 *           setContent, prints once, closes. No build can be faster than this.
 *   build   node bin/jaarverslag.js build --publication midden-drenthe, paired with the floor
 *           (floor, build, floor, build, …) so that noise on the machine hits both.
 *   check   node bin/jaarverslag.js check --publication midden-drenthe, and --help.
 * Peak memory: process.resourceUsage().maxRSS of the child's Node process, written by a preload
 * module (--import data:…) when that process exits. Chromium's processes are not counted.
 *
 * In-process stage medians: the build's stages called one by one in this process (modules
 * loaded, nothing cold), and build() as a whole.
 *
 * A synthetic edition ten times the real one (scripts/bench-edition.ts), generated into a
 * temporary folder and built with the CLI (JAARVERSLAG_DATA): seconds per page, and its build
 * time against the real one's.
 *
 * The real builds write output/midden-drenthe/<year>/ as `npx jaarverslag build` does (the CLI
 * has no output option); the 10x edition is a publication of another name, so its output goes to
 * output/<that name>/, which is removed afterwards.
 */
import { spawn, execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT, resolveContext } from '../src/context.ts';
import type { BuildContext } from '../src/context.ts';
import type { Diagnostic } from '../src/diagnostics.ts';
import { DataError } from '../src/errors.ts';
import { loadEdition, loadProse } from '../src/data/load.ts';
import { validate } from '../src/data/validate.ts';
import { checkEdition } from '../src/data/checks.ts';
import { renderChapters } from '../src/render/chapters.ts';
import { loadTemplates } from '../src/render/templates.ts';
import { fontFaceCss } from '../src/render/fonts.ts';
import { renderReport } from '../src/render/document.ts';
import { chartTheme, renderFigures } from '../src/figures/stage.ts';
import { assembleHtml, build, checkData } from '../src/core/build.ts';
import { contentHash, editionInputs } from '../src/archive/inputs.ts';
import { draftDate, draftMarkText } from '../src/render/draft-mark.ts';
import {
  chromiumArgs,
  chromiumPath,
  closeBrowser,
  launchBrowser,
  withBrowser,
} from '../src/print/browser.ts';
import { printHtml } from '../src/print/print.ts';
import { setMetadata } from '../src/finalize/metadata.ts';
import { writeOutputs } from '../src/finalize/write.ts';
import { makeBigEdition } from './bench-edition.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    publication: { type: 'string', default: 'midden-drenthe' },
    'skip-big': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`--runs expects a whole number from 1, got "${values.runs}"`);
  process.exit(2);
}
const publication = values.publication;
const FACTOR = 10;
const BIG_PUBLICATION = `${publication}-x${FACTOR}`;
const TARGET = { ratio: 1.6, checkMs: 500, bigRatio: FACTOR };

const root = PROJECT_ROOT;
const bin = path.join(root, 'bin', 'jaarverslag.js');
const floorScript = path.join(root, 'scripts', 'bench-floor.mjs');
const work = mkdtempSync(path.join(tmpdir(), 'jv-bench-'));
const bigOutput = path.join(root, 'output', BIG_PUBLICATION);
const bigOutputExisted = existsSync(bigOutput);

/** Progress goes to stderr, so that --json leaves stdout to the JSON. */
const say = (text: string) => process.stderr.write(`${text}\n`);

function cleanup(): void {
  rmSync(work, { recursive: true, force: true });
  if (!bigOutputExisted) rmSync(bigOutput, { recursive: true, force: true });
}
process.on('SIGINT', () => {
  cleanup();
  process.exit(130);
});

// ---------------------------------------------------------------------------------------------
// Numbers

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  if (s.length === 0) return NaN;
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
};
const fmtMs = (ms: number): string =>
  !Number.isFinite(ms) ? '?' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
const fmtRange = (xs: readonly number[], f: (x: number) => string = fmtMs): string =>
  xs.length > 1 ? `${f(Math.min(...xs))} – ${f(Math.max(...xs))}` : '';
const fmtX = (x: number): string => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '?');
const fmtMb = (kb: readonly (number | undefined)[]): string => {
  const known = kb.filter((k): k is number => k !== undefined);
  return known.length ? `${(median(known) / 1024).toFixed(0)} MB` : '';
};

// ---------------------------------------------------------------------------------------------
// Child processes

class BenchFailure extends Error {}

interface ChildRun {
  ms: number;
  /** Peak RSS of the child's Node process in kB (process.resourceUsage().maxRSS), if it said. */
  maxRssKb: number | undefined;
  stdout: string;
  stderr: string;
}

let childCount = 0;

/**
 * Run `node <args>` and time it from spawn to exit. A preload module writes the process's own
 * maxRSS to a file when it exits (before any of the program's exit handlers: it is registered
 * first); it costs about a millisecond and is the same for every command measured.
 */
function runNode(
  args: readonly string[],
  env: Record<string, string | undefined> = {},
): Promise<ChildRun> {
  const rssFile = path.join(work, `rss-${++childCount}`);
  const preload = `import { writeFileSync } from 'node:fs';
process.on('exit', () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));`;
  const argv = ['--import', `data:text/javascript,${encodeURIComponent(preload)}`, ...args];
  const childEnv: Record<string, string | undefined> = { ...process.env };
  delete childEnv.JAARVERSLAG_DATA;
  delete childEnv.JAARVERSLAG_TIMING;
  Object.assign(childEnv, env);
  const shown = `node ${args.map((a) => (a.length > 80 ? `${a.slice(0, 77)}…` : a)).join(' ')}`;
  return new Promise((resolve, reject) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let ended = NaN;
    let status: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    const started = performance.now();
    const child = spawn(process.execPath, argv, {
      cwd: root,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('exit', (code, signal) => {
      ended = performance.now();
      status = { code, signal };
    });
    child.on('error', (e) => reject(new BenchFailure(`${shown}: could not start: ${e.message}`)));
    child.on('close', () => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (status?.code !== 0) {
        const how = status?.signal ? `signal ${status.signal}` : `exit code ${status?.code}`;
        reject(
          new BenchFailure(
            `${shown} failed (${how})\n--- stderr ---\n${stderr}--- stdout ---\n${stdout}`,
          ),
        );
        return;
      }
      let maxRssKb: number | undefined;
      try {
        maxRssKb = Number(readFileSync(rssFile, 'utf8')) || undefined;
        rmSync(rssFile, { force: true });
      } catch {
        maxRssKb = undefined;
      }
      resolve({ ms: ended - started, maxRssKb, stdout, stderr });
    });
  });
}

interface CliBuild extends ChildRun {
  pages: number;
  htmlPath: string;
}

/** `jaarverslag build`; its page count and HTML file from the lines it prints. */
async function cliBuild(pub: string, dataDir?: string): Promise<CliBuild> {
  const run = await runNode(
    [bin, 'build', '--publication', pub],
    dataDir ? { JAARVERSLAG_DATA: dataDir } : {},
  );
  const pages = /\((\d+) pagina's\)/.exec(run.stdout);
  const html = run.stdout.split('\n').find((l) => l.trim().endsWith('.html'));
  if (!pages?.[1] || !html) {
    throw new BenchFailure(
      `jaarverslag build printed no "(N pagina's)" and .html line:\n${run.stdout}${run.stderr}`,
    );
  }
  return { ...run, pages: Number(pages[1]), htmlPath: html.trim() };
}

const chromium = { executablePath: chromiumPath(), args: chromiumArgs() };
const floor = (htmlFile: string) =>
  runNode([floorScript, htmlFile, JSON.stringify(chromium), path.join(work, 'floor.pdf')]);

interface Paired {
  floor: ChildRun[];
  build: CliBuild[];
}

/** floor, build, floor, build, …: noise on the machine hits both series alike. */
async function paired(label: string, htmlFile: string, pub: string, dataDir?: string) {
  const result: Paired = { floor: [], build: [] };
  for (let i = 0; i < runs; i++) {
    const f = await floor(htmlFile);
    result.floor.push(f);
    const b = await cliBuild(pub, dataDir);
    result.build.push(b);
    say(`  ${label} ${i + 1}/${runs}: floor ${fmtMs(f.ms)}, build ${fmtMs(b.ms)} (${b.pages} p.)`);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// In-process stages

const STAGES = {
  data: 'load + validate + checks',
  chapters: 'chapters (prose: Handlebars, Markdown, hyphenation)',
  figures: 'figures (Vega-Lite to SVG)',
  assemble: 'assemble HTML (templates, fonts, report)',
  launch: 'launch Chromium (launchBrowser)',
  printKnown: 'print, contents page numbers known (printHtml with hint)',
  printUnknown: 'print, page numbers unknown: a first build (printHtml)',
  close: 'close Chromium (closeBrowser)',
  metadata: 'metadata + outline (setMetadata)',
  write: 'write PDF + HTML (writeOutputs, temp folder)',
} as const;
type Stage = keyof typeof STAGES;

function failOn(ctx: BuildContext, diagnostics: readonly Diagnostic[]): void {
  const failing = diagnostics.filter(
    (d) => d.severity === 'error' || (ctx.strict && d.severity === 'warning'),
  );
  if (failing.length) throw new DataError(failing.map((d) => ({ ...d, severity: 'error' })));
}

/**
 * One build, stage by stage, the way src/core/build.ts runs them (the browser's start not
 * overlapped with the data stages, as the CLI does), plus the print of a first build.
 */
async function stagesOnce(ctx: BuildContext, knownPages: ReadonlyMap<string, number>) {
  const ms = {} as Record<Stage, number>;
  const timed = async <T>(stage: Stage, fn: () => T | Promise<T>): Promise<T> => {
    const t = performance.now();
    const value = await fn();
    ms[stage] = performance.now() - t;
    return value;
  };
  const { edition, prose } = await timed('data', () => {
    const raw = loadEdition(ctx);
    const edition = validate(raw);
    const loaded = loadProse(ctx, raw.proseDir, edition.editie.hoofdstukken);
    failOn(ctx, [...loaded.diagnostics, ...checkEdition(edition, { final: ctx.final })]);
    return { edition, prose: loaded.prose };
  });
  const chapters = await timed('chapters', () => {
    const rendered = renderChapters(edition, prose, [ctx.root, ctx.dataDir]);
    failOn(ctx, rendered.warnings);
    return rendered.chapters;
  });
  // Templates first (the chart theme comes from the house style); counted in "assemble".
  const t0 = performance.now();
  const templates = loadTemplates(ctx, edition.publicatie.sjablonen);
  const loadMs = performance.now() - t0;
  const charts = await timed('figures', () =>
    renderFigures(edition, chartTheme(ctx.root, templates.style)),
  );
  const html = await timed('assemble', () => {
    // The inputs' hash for the draft mark, as the build makes it.
    const inputs = editionInputs(ctx, edition.publicatie.sjablonen, templates.style);
    return renderReport({
      edition,
      templates,
      chapters,
      charts,
      fontCss: fontFaceCss(ctx.root, templates.style),
      final: ctx.final,
      csvBase: ctx.baseName,
      draftMark: ctx.final ? undefined : draftMarkText(draftDate(), contentHash(inputs)),
    });
  });
  ms.assemble += loadMs;
  const title = edition.editie.titel;
  // A first build: the contents' page numbers unknown, so printed until they hold. In a browser
  // of its own (launch and close not counted), so that this print, like the build's, is the
  // first in a fresh Chromium.
  const first = await withBrowser((b) => timed('printUnknown', () => printHtml(b, html, title)));
  // A rebuild: the page numbers known from the earlier output, as build() reads them there.
  const hint = knownPages.size ? knownPages : first.pages;
  const browser = await timed('launch', () => launchBrowser());
  let printed;
  try {
    printed = await timed('printKnown', () => printHtml(browser, html, title, { hint }));
  } finally {
    await timed('close', () => closeBrowser(browser));
  }
  const passes = { known: printed.passes, unknown: first.passes };
  const { pdf } = await timed('metadata', () =>
    setMetadata(printed.pdf, {
      title,
      author: edition.publicatie.uitgever,
      subject: edition.editie.onderwerp ?? edition.editie.ondertitel ?? title,
      keywords: edition.publicatie.trefwoorden,
      language: edition.publicatie.taal,
      date: edition.editie.datum ? new Date(`${edition.editie.datum}T12:00:00Z`) : undefined,
      outline: chapters.flatMap((c) =>
        c.toc.map((t) => ({
          title: t.level === 1 ? `${t.nummer}. ${t.titel}` : `${t.nummer} ${t.titel}`,
          anchor: t.anchor,
          level: t.level,
        })),
      ),
    }),
  );
  await timed('write', () =>
    writeOutputs([
      { path: path.join(ctx.outDir, 'stages.pdf'), data: pdf },
      { path: path.join(ctx.outDir, 'stages.html'), data: html },
    ]),
  );
  return { ms, html, pages: printed.pages, passes };
}

async function inProcess() {
  const ctx = resolveContext({ publication, outDir: path.join(work, 'in-process') });
  // Warm-up, not counted: loads the modules, learns the contents' page numbers.
  const warm = await stagesOnce(ctx, new Map());
  const reference = await assembleHtml(ctx, checkData(ctx));
  const sameHtml = reference === warm.html;
  if (!sameHtml) {
    say('  note: the stages made other HTML than assembleHtml(): src/core/build.ts has changed');
  }
  await build(ctx);
  const stages = Object.fromEntries(Object.keys(STAGES).map((k) => [k, [] as number[]])) as Record<
    Stage,
    number[]
  >;
  const passes = { known: [] as number[], unknown: [] as number[] };
  const full: number[] = [];
  const fullPasses: number[] = [];
  for (let i = 0; i < runs; i++) {
    const once = await stagesOnce(ctx, warm.pages);
    for (const k of Object.keys(STAGES) as Stage[]) stages[k].push(once.ms[k]);
    passes.known.push(once.passes.known);
    passes.unknown.push(once.passes.unknown);
    const t = performance.now();
    const result = await build(ctx);
    full.push(performance.now() - t);
    fullPasses.push(result.passes);
    say(
      `  in-process ${i + 1}/${runs}: stages ${fmtMs(sumRebuild(once.ms))}, build() ${fmtMs(full.at(-1) ?? NaN)}`,
    );
  }
  return { stages, passes, full, fullPasses, sameHtml };
}

/** What a rebuild runs one after the other: every stage but the print for unknown numbers. */
const sumRebuild = (ms: Record<Stage, number>): number =>
  (Object.keys(ms) as Stage[]).filter((k) => k !== 'printUnknown').reduce((s, k) => s + ms[k], 0);

// ---------------------------------------------------------------------------------------------
// Run

function chromiumVersion(): string {
  try {
    return execFileSync(chromium.executablePath, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return `${chromium.executablePath} (--version said nothing)`;
  }
}

/** Whether bin/jaarverslag.js will run dist/ (compiled) or the sources through tsx. */
function cliRuns(): string {
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((latest, e) => {
      const file = path.join(dir, e.name);
      return Math.max(latest, e.isDirectory() ? newest(file) : statSync(file).mtimeMs);
    }, 0);
  const stamp = statSync(path.join(root, 'dist', '.compiled'), { throwIfNoEntry: false });
  if (!stamp) return 'src/ through tsx (no dist/.compiled)';
  return stamp.mtimeMs >= newest(path.join(root, 'src'))
    ? 'dist/ (compiled, newer than src/)'
    : 'src/ through tsx (dist/ older than src/)';
}

interface Row {
  what: string;
  median: string;
  range: string;
  rss: string;
  target: string;
}

async function main(): Promise<void> {
  const env = {
    chromium: chromiumVersion(),
    node: process.version,
    cpus: availableParallelism(),
    platform: `${process.platform} ${process.arch}`,
    cli: cliRuns(),
    runs,
  };
  say(`${env.chromium}; Node ${env.node}; ${env.cpus} CPUs; CLI runs ${env.cli}; ${runs} runs`);
  say(
    `note: the builds write output/${publication}/ (the CLI has no output option)` +
      (values['skip-big']
        ? ''
        : `; the ${FACTOR}x edition output/${BIG_PUBLICATION}/, removed afterwards`),
  );

  // Cold: a first build (not counted) makes the HTML edition the floor loads, and leaves the
  // contents' page numbers in output/ as a user's earlier build does.
  say('cold: warm-up build');
  const warm = await cliBuild(publication);
  const realHtml = path.join(work, 'real.html');
  copyFileSync(warm.htmlPath, realHtml);
  const real = await paired('real', realHtml, publication);

  const check: ChildRun[] = [];
  const help: ChildRun[] = [];
  for (let i = 0; i < runs; i++) {
    check.push(await runNode([bin, 'check', '--publication', publication]));
    help.push(await runNode([bin, '--help']));
  }
  say(
    `  check ${fmtMs(median(check.map((r) => r.ms)))}, --help ${fmtMs(median(help.map((r) => r.ms)))}`,
  );

  say('in-process stages');
  const inproc = await inProcess();

  let big:
    | {
        chapters: number;
        factFiles: number;
        first: CliBuild;
        series: Paired;
      }
    | undefined;
  if (!values['skip-big']) {
    say(`${FACTOR}x edition`);
    const edition = makeBigEdition({
      sourceDataDir: path.join(root, 'data'),
      publication,
      year: resolveContext({ publication }).year,
      targetDataDir: path.join(work, 'data'),
      newPublication: BIG_PUBLICATION,
      factor: FACTOR,
    });
    // No earlier output: the contents' page numbers are not known, as on a first build.
    rmSync(bigOutput, { recursive: true, force: true });
    const first = await cliBuild(BIG_PUBLICATION, edition.dataDir);
    say(`  first build (no earlier output) ${fmtMs(first.ms)} (${first.pages} p.)`);
    const bigHtml = path.join(work, 'big.html');
    copyFileSync(first.htmlPath, bigHtml);
    const series = await paired(`${FACTOR}x`, bigHtml, BIG_PUBLICATION, edition.dataDir);
    big = { chapters: edition.chapters, factFiles: edition.factFiles, first, series };
  }

  // Summary
  const ms = (xs: readonly ChildRun[]) => xs.map((r) => r.ms);
  const rss = (xs: readonly ChildRun[]) => xs.map((r) => r.maxRssKb);
  const ratios = (p: Paired) => p.build.map((b, i) => b.ms / (p.floor[i]?.ms ?? NaN));
  const realFloor = median(ms(real.floor));
  const realBuild = median(ms(real.build));
  const realPages = real.build[0]?.pages ?? NaN;
  const ratio = realBuild / realFloor;
  const checkMs = median(ms(check));
  const ok = (good: boolean) => (good ? 'met' : 'NOT met');

  const rows: Row[] = [];
  const section = (title: string) =>
    rows.push({ what: `**${title}**`, median: '', range: '', rss: '', target: '' });
  section(`Cold, own process: wall clock spawn → exit, ${runs} runs, floor and build alternated`);
  rows.push({
    what: 'floor: bare Node + Puppeteer launches Chromium, setContent(HTML edition), 1 print, close',
    median: fmtMs(realFloor),
    range: fmtRange(ms(real.floor)),
    rss: fmtMb(rss(real.floor)),
    target: '',
  });
  rows.push({
    what: `\`node bin/jaarverslag.js build --publication ${publication}\` (${realPages} pages; earlier output there)`,
    median: fmtMs(realBuild),
    range: fmtRange(ms(real.build)),
    rss: fmtMb(rss(real.build)),
    target: '',
  });
  rows.push({
    what: 'build / floor (ratio of medians; range: paired runs)',
    median: fmtX(ratio),
    range: fmtRange(ratios(real), fmtX),
    rss: '',
    target: `≤ ${TARGET.ratio}×: ${ok(ratio <= TARGET.ratio)}`,
  });
  rows.push({
    what: `\`node bin/jaarverslag.js check --publication ${publication}\``,
    median: fmtMs(checkMs),
    range: fmtRange(ms(check)),
    rss: fmtMb(rss(check)),
    target: `≤ ${TARGET.checkMs / 1000} s: ${ok(checkMs <= TARGET.checkMs)}`,
  });
  rows.push({
    what: '`node bin/jaarverslag.js --help`',
    median: fmtMs(median(ms(help))),
    range: fmtRange(ms(help)),
    rss: fmtMb(rss(help)),
    target: '',
  });
  section(`In-process (this process, modules loaded; medians of ${runs}, after one warm-up)`);
  for (const k of Object.keys(STAGES) as Stage[]) {
    const passes =
      k === 'printKnown'
        ? ` [${median(inproc.passes.known)} pass]`
        : k === 'printUnknown'
          ? ` [${median(inproc.passes.unknown)} passes]`
          : '';
    rows.push({
      what: `${STAGES[k]}${passes}`,
      median: fmtMs(median(inproc.stages[k])),
      range: fmtRange(inproc.stages[k]),
      rss: '',
      target: '',
    });
  }
  const sums = Array.from({ length: runs }, (_, i) =>
    sumRebuild(
      Object.fromEntries(
        (Object.keys(STAGES) as Stage[]).map((k) => [k, inproc.stages[k][i] ?? NaN]),
      ) as Record<Stage, number>,
    ),
  );
  rows.push({
    what: 'sum of the stages above but the first-build print',
    median: fmtMs(median(sums)),
    range: fmtRange(sums),
    rss: '',
    target: '',
  });
  rows.push({
    what: `build(ctx) in-process, its own browser [${median(inproc.fullPasses)} pass(es)]`,
    median: fmtMs(median(inproc.full)),
    range: fmtRange(inproc.full),
    rss: '',
    target: '',
  });

  let bigSummary: Record<string, number> | undefined;
  if (big) {
    const bigFloor = median(ms(big.series.floor));
    const bigBuild = median(ms(big.series.build));
    const bigPages = big.series.build[0]?.pages ?? NaN;
    const growth = bigBuild / realBuild;
    bigSummary = {
      floorMs: bigFloor,
      buildMs: bigBuild,
      firstBuildMs: big.first.ms,
      pages: bigPages,
      ratio: bigBuild / bigFloor,
      secondsPerPage: bigBuild / 1000 / bigPages,
      buildVsReal: growth,
      pagesVsReal: bigPages / realPages,
    };
    section(
      `Synthetic ${FACTOR}× edition: ${big.chapters} chapters, ${big.factFiles} fact files (temporary folder, JAARVERSLAG_DATA)`,
    );
    rows.push({
      what: `floor, ${FACTOR}× HTML edition`,
      median: fmtMs(bigFloor),
      range: fmtRange(ms(big.series.floor)),
      rss: fmtMb(rss(big.series.floor)),
      target: '',
    });
    rows.push({
      what: `build ${FACTOR}× (${bigPages} pages; earlier output there)`,
      median: fmtMs(bigBuild),
      range: fmtRange(ms(big.series.build)),
      rss: fmtMb(rss(big.series.build)),
      target: '',
    });
    rows.push({
      what: `build ${FACTOR}×, first (no earlier output: page numbers unknown; 1 run)`,
      median: fmtMs(big.first.ms),
      range: '',
      rss: fmtMb([big.first.maxRssKb]),
      target: '',
    });
    rows.push({
      what: `build / floor, ${FACTOR}×`,
      median: fmtX(bigSummary.ratio ?? NaN),
      range: fmtRange(ratios(big.series), fmtX),
      rss: '',
      target: '',
    });
    rows.push({
      what: 'seconds per page, real edition',
      median: `${(realBuild / 1000 / realPages).toFixed(3)} s`,
      range: '',
      rss: '',
      target: '',
    });
    rows.push({
      what: `seconds per page, ${FACTOR}× edition`,
      median: `${(bigSummary.secondsPerPage ?? NaN).toFixed(3)} s`,
      range: '',
      rss: '',
      target: '',
    });
    rows.push({
      what: `build ${FACTOR}× / build real (pages ${fmtX(bigSummary.pagesVsReal ?? NaN)})`,
      median: fmtX(growth),
      range: '',
      rss: '',
      target: `≤ ${TARGET.bigRatio}×: ${ok(growth <= TARGET.bigRatio)}`,
    });
  }

  const cliAtEnd = cliRuns();
  if (cliAtEnd !== env.cli) {
    env.cli = `${env.cli} at the start, ${cliAtEnd} at the end (changed during the run)`;
    say(`note: the CLI ran ${env.cli}`);
  }

  if (values.json) {
    const series = (xs: readonly ChildRun[]) => ({
      ms: ms(xs),
      maxRssKb: rss(xs),
      medianMs: median(ms(xs)),
    });
    const report = {
      env,
      method: {
        wallClock: 'performance.now() in the parent, just before spawn to the child exit event',
        peakMemory:
          "process.resourceUsage().maxRSS (kB) of the child's Node process, written at exit by a --import preload; Chromium not counted",
        inProcess: 'stages called one by one in the bench process after a warm-up run',
      },
      cold: {
        floor: series(real.floor),
        build: { ...series(real.build), pages: realPages },
        ratio,
        pairedRatios: ratios(real),
        check: series(check),
        help: series(help),
      },
      inProcess: {
        stages: Object.fromEntries(
          (Object.keys(STAGES) as Stage[]).map((k) => [
            k,
            { label: STAGES[k], ms: inproc.stages[k], medianMs: median(inproc.stages[k]) },
          ]),
        ),
        passes: inproc.passes,
        sumMs: sums,
        build: { ms: inproc.full, medianMs: median(inproc.full), passes: inproc.fullPasses },
        htmlSameAsAssembleHtml: inproc.sameHtml,
      },
      big: big && {
        factor: FACTOR,
        chapters: big.chapters,
        factFiles: big.factFiles,
        floor: series(big.series.floor),
        build: series(big.series.build),
        first: { ms: big.first.ms, maxRssKb: big.first.maxRssKb },
        pairedRatios: ratios(big.series),
        summary: bigSummary,
      },
      targets: TARGET,
    };
    console.log(JSON.stringify(report, null, 2));
    return;
  }

  const table = [
    `${env.chromium}; Node ${env.node}; ${env.cpus} CPUs (${env.platform}); the CLI runs ${env.cli}`,
    'Peak RSS: maxRSS of the Node process only (process.resourceUsage() at exit), not Chromium.',
    `The cold builds wrote output/${publication}/ (the CLI has no output option).`,
    ...(inproc.sameHtml
      ? []
      : ['Note: the in-process stages made other HTML than assembleHtml(): build.ts has changed.']),
    '',
    '| what | median | range | peak RSS (Node) | target |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.what} | ${r.median} | ${r.range} | ${r.rss} | ${r.target} |`),
  ];
  console.log(table.join('\n'));
}

try {
  await main();
} catch (e) {
  console.error(e instanceof BenchFailure ? e.message : e);
  process.exitCode = 1;
} finally {
  cleanup();
}
