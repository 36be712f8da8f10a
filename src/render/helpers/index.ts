/** The helpers prose and templates can call; figure helpers are bound to a registry per pass. */
import type { HelperDelegate } from 'handlebars';
import { datum } from './datum.ts';
import { euro } from './euro.ts';
import type { FigureRegistry } from './figuur.ts';
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

export function figureHelpers(registry: FigureRegistry): Record<string, HelperDelegate> {
  return {
    figuur: (value: unknown, options) => registry.place('figuur', value, options),
    tabel: (value: unknown, options) => registry.place('tabel', value, options),
    verwijzing: (value: unknown, options) => registry.reference(value, options),
  };
}
