/**
 * `jaarverslag status`: what is still to be filled in for an edition, per chapter, with last
 * year's value beside each. A report: exit 0 however much is missing; data that does not
 * validate is an error, as with `check`. No browser code.
 */
import { listYears, resolveContext } from '../context.ts';
import type { BuildContext, BuildFlags } from '../context.ts';
import { checkData } from '../core/check.ts';
import type { Edition } from '../data/validate.ts';
import { DataError, TemplateError } from '../errors.ts';
import { formatStatus, statusChapters, statusReport } from '../data/status.ts';
import type { PreviousEdition, StatusReport } from '../data/status.ts';

/** The latest edition before this one, validated; its values are unknown when it does not validate. */
function previousEdition(ctx: BuildContext): PreviousEdition | undefined {
  const year = listYears(ctx.publication, ctx.dataDir)
    .filter((y) => y < ctx.year)
    .at(-1);
  if (year === undefined) return undefined;
  const prevCtx = resolveContext({
    root: ctx.root,
    dataDir: ctx.dataDir,
    publication: ctx.publication,
    year,
  });
  try {
    return { year, edition: checkData(prevCtx).edition };
  } catch (e) {
    if (e instanceof DataError || e instanceof TemplateError) return { year };
    throw e;
  }
}

/** The status of the edition the flags name (a draft: missing values are not errors here). */
export function editionStatus(flags: BuildFlags): {
  ctx: BuildContext;
  report: StatusReport;
  edition: Edition;
} {
  const ctx = resolveContext({ ...flags, final: false, strict: false });
  const { edition, prose, chapters } = checkData(ctx);
  const report = statusReport({
    edition,
    chapters: statusChapters(prose, chapters),
    previous: previousEdition(ctx),
  });
  return { ctx, report, edition };
}

/** How many values of the edition are still to be filled in. */
export function missingCount(flags: BuildFlags): number {
  return editionStatus(flags).report.items.length;
}

export function statusCommand(flags: BuildFlags): number {
  const { ctx, report } = editionStatus(flags);
  console.log(formatStatus(`${ctx.publication} ${ctx.year}`, report));
  return 0;
}
