/**
 * The first stages of every build, and all that `check` runs: load, validate, check, render the
 * prose. No browser, no figures, no PDF library: `check` imports only this.
 */
import type { BuildContext } from '../context.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { DataError } from '../errors.ts';
import { loadEdition, loadProse } from '../data/load.ts';
import type { ProseFile } from '../data/load.ts';
import { validate } from '../data/validate.ts';
import type { Edition } from '../data/validate.ts';
import { checkEdition } from '../data/checks.ts';
import { crossPublicationDiagnostics } from '../data/cross.ts';
import { checkMedia } from '../data/media-checks.ts';
import { renderChapters } from '../render/chapters.ts';
import type { RenderedChapter, RenderedForeword } from '../render/chapters.ts';

export interface CheckResult {
  edition: Edition;
  prose: ProseFile[];
  chapters: RenderedChapter[];
  /** The foreword (editie.yaml `voorwoord`), rendered like a chapter but not numbered. */
  foreword?: RenderedForeword | undefined;
  /** Warnings (and, for a final edition, errors about missing values). */
  diagnostics: Diagnostic[];
}

/** Load, validate and check an edition; throws DataError when something is wrong. */
export function checkData(ctx: BuildContext): CheckResult {
  const raw = loadEdition(ctx);
  const edition = validate(raw);
  const voorwoord = edition.editie.voorwoord?.tekst;
  const loaded = loadProse(ctx, raw.proseDir, [
    ...(voorwoord ? [voorwoord] : []),
    ...edition.editie.hoofdstukken,
  ]);
  const forewordFile = voorwoord
    ? loaded.prose.find((p) => p.file.endsWith(`/${voorwoord}`))
    : undefined;
  const chapterFiles = loaded.prose.filter((p) => p !== forewordFile);
  const dataDiagnostics = [
    ...loaded.diagnostics,
    ...checkEdition(edition, { final: ctx.final }),
    ...checkMedia(edition, { final: ctx.final }),
    // Values declared the same as another publication's (zelfde_als), compared with it.
    ...crossPublicationDiagnostics(ctx, edition, { final: ctx.final }),
  ];
  failOn(ctx, dataDiagnostics);
  // Rendering the prose (no browser) finds names the data does not have, and checks statements.
  const { chapters, foreword, warnings } = renderChapters(
    edition,
    chapterFiles,
    [ctx.root, ctx.dataDir],
    forewordFile,
  );
  const diagnostics = [...dataDiagnostics, ...warnings];
  failOn(ctx, diagnostics);
  return { edition, prose: chapterFiles, chapters, foreword, diagnostics };
}

/** Errors (and warnings under --strict) stop the build with all of them. */
function failOn(ctx: BuildContext, diagnostics: readonly Diagnostic[]): void {
  const failing = diagnostics.filter(
    (d) => d.severity === 'error' || (ctx.strict && d.severity === 'warning'),
  );
  if (failing.length)
    throw new DataError(failing.map((d) => ({ ...d, severity: 'error' as const })));
}
