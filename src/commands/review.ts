/**
 * `jaarverslag review`: build the draft, then write review/ beside it: a picture of every page,
 * a contact sheet and one HTML page with what changed against an earlier version: the version
 * the last build replaced (vorige/, kept by every build), a PDF the user names, or a git ref
 * (its data, prose and templates, built with this program).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { resolveContext } from '../context.ts';
import type { BuildContext, BuildFlags } from '../context.ts';
import type { BuildResult } from '../core/build.ts';
import { PREVIOUS_DIR, valueChanges } from '../data/values.ts';
import { UsageError } from '../errors.ts';
import { slash } from '../archive/inputs.ts';
import { whileBrowserStarts } from '../print/browser.ts';
import { writeReview } from '../review/index.ts';
import { keptVersion, numberChanges, valuesBeside } from '../review/kept.ts';
import type { Version } from '../review/kept.ts';
import { printWarnings, progress } from './output.ts';
import type { Browser } from 'puppeteer';

function git(root: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** Build the edition as it was at a git ref: its data, prose and templates, this program. */
async function versionAtRef(
  ctx: BuildContext,
  ref: string,
  browser: Promise<Browser>,
): Promise<Version | undefined> {
  let commit: string;
  let top: string;
  try {
    top = git(ctx.root, ['rev-parse', '--show-toplevel']);
    commit = git(ctx.root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    return undefined;
  }
  const dataRel = path.relative(top, ctx.dataDir);
  const templatesRel = path.relative(top, path.join(ctx.root, 'templates'));
  if (dataRel.startsWith('..') || templatesRel.startsWith('..'))
    throw new UsageError(`--against ${ref}: de gegevens liggen niet in de git-opslag ${top}`);
  try {
    git(top, [
      'cat-file',
      '-e',
      `${commit}:${slash(path.join(dataRel, ctx.publication, String(ctx.year)))}`,
    ]);
  } catch {
    throw new UsageError(
      `--against ${ref}: daar is nog geen editie ${ctx.publication} ${ctx.year}`,
    );
  }
  // The ref's files in a folder of their own, inside the project (output/.cache/review/<commit>).
  const work = path.join(ctx.root, 'output', '.cache', 'review', commit.slice(0, 12));
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const tar = execFileSync(
    'git',
    ['archive', '--format=tar', commit, '--', slash(dataRel), slash(templatesRel)],
    {
      cwd: top,
      maxBuffer: 1 << 30,
    },
  );
  execFileSync('tar', ['-x', '-C', work], { input: tar });
  // Fonts and the colour profile come from the installed packages.
  symlinkSync(path.join(ctx.root, 'node_modules'), path.join(work, 'node_modules'));
  const refCtx = resolveContext({
    root: work,
    dataDir: path.join(work, dataRel),
    outDir: path.join(work, 'output'),
    publication: ctx.publication,
    year: ctx.year,
    final: ctx.final,
  });
  const { build } = await import('../core/build.ts');
  const result = await build(refCtx, { browser, review: true });
  const short = commit.slice(0, 8);
  return {
    ...keptVersion(result.pdfPath, ''),
    label: `git ${ref === short ? short : `${ref} (${short})`}: gegevens, tekst en sjablonen van toen, met dit programma gebouwd`,
  };
}

export async function reviewCommand(
  flags: BuildFlags,
  against: string | undefined,
): Promise<number> {
  const ctx = resolveContext(flags);
  return whileBrowserStarts(async (browser) => {
    const { build } = await import('../core/build.ts');
    const shown = progress(`${ctx.publication} ${ctx.year}`);
    let result: BuildResult;
    try {
      result = await build(ctx, { browser, onStage: shown.stage });
    } finally {
      shown.done();
    }
    printWarnings(result.diagnostics);
    const current = keptVersion(result.pdfPath, 'deze versie');
    let previous: Version | undefined;
    if (against === undefined) {
      const kept = path.join(ctx.outDir, PREVIOUS_DIR, `${ctx.baseName}.pdf`);
      if (existsSync(kept)) previous = keptVersion(kept, 'de vorige versie');
    } else if (existsSync(against) && statSync(against).isFile()) {
      const file = path.resolve(against);
      previous = {
        ...keptVersion(file, file),
        label: `${path.basename(file)}${valuesBeside(file) ? ` (${valuesBeside(file)?.label})` : ''}`,
      };
    } else {
      previous = await versionAtRef(ctx, against, browser);
      if (!previous)
        throw new UsageError(
          `--against "${against}": geen PDF-bestand en geen git-versie (commit, tak of tag) die git kent`,
        );
    }
    const first = previous === undefined;
    const base = previous ?? { ...current, label: 'geen eerdere versie: dit is de eerste build' };
    const numbers =
      current.values && base.values
        ? numberChanges(valueChanges(base.values.waarden, current.values.waarden), current, base)
        : [];
    const numbersNote = first
      ? 'Er is nog geen eerdere versie om mee te vergelijken: de volgende build bewaart deze in vorige/.'
      : base.values
        ? undefined
        : "Bij de eerdere versie is geen lijst met waarden bewaard (alleen de PDF): de getallen zijn niet per veld vergeleken. De tekst en de pagina's wel.";
    const summary = await writeReview({
      current,
      previous: base,
      numbers,
      numbersNote,
      outDir: path.join(ctx.outDir, 'review'),
      title: path.basename(result.pdfPath),
    });
    console.log(summary.reportPath);
    console.log(
      `  tegen: ${base.label}\n  ${summary.numbersChanged} getallen, ${summary.paragraphsChanged} alinea's en ${summary.changedPages.length} van ${summary.pages} pagina's gewijzigd` +
        `${summary.changedPages.length ? ` (${summary.changedPages.join(', ')})` : ''}; contactblad: ${summary.contactSheet}`,
    );
    return 0;
  });
}
