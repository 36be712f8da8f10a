/** The helpers prose and templates can call; figure helpers are bound to a registry per pass. */
import type { HelperDelegate } from 'handlebars';
import { datum } from './datum.ts';
import { euro } from './euro.ts';
import type { Diagnostic } from '../../diagnostics.ts';
import type { FigureRegistry } from './figuur.ts';
import { ongeveerHelper } from './ongeveer.ts';
import { getal } from './getal.ts';
import { procent } from './procent.ts';
import { absoluut, som, verschil } from './rekenen.ts';
import { cel, totaal } from './tabel-waarden.ts';

export const VALUE_HELPERS: Record<string, HelperDelegate> = {
  getal,
  procent,
  euro,
  datum,
  verschil,
  som,
  absoluut,
  cel,
  totaal,
};

/** Helpers bound to one rendering of one prose file: figures placed, statements checked. */
export function passHelpers(
  registry: FigureRegistry,
  file: string,
  warnings: Diagnostic[],
): Record<string, HelperDelegate> {
  return {
    ongeveer: ongeveerHelper(file, warnings),
    figuur: (value: unknown, options) => registry.place('figuur', value, options),
    tabel: (value: unknown, options) => registry.place('tabel', value, options),
    verwijzing: (value: unknown, options) => registry.reference(value, options),
  };
}
