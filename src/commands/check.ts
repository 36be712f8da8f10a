/** `jaarverslag check`: the data checks of each edition, no browser. Imports no print module. */
import { resolveContext } from '../context.ts';
import type { BuildFlags } from '../context.ts';
import { checkData } from '../core/check.ts';
import { printWarnings } from './output.ts';

export function checkCommand(targets: readonly BuildFlags[]): number {
  for (const flags of targets) {
    const ctx = resolveContext(flags);
    const result = checkData(ctx);
    printWarnings(result.diagnostics);
    const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
    console.log(
      `${ctx.publication} ${ctx.year}: gegevens geldig, ${warnings} ${warnings === 1 ? 'waarschuwing' : 'waarschuwingen'}`,
    );
  }
  return 0;
}
