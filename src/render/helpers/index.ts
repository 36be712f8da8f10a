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
import { withArity } from './values.ts';

const ONE = { min: 1, max: 1 } as const;

export const VALUE_HELPERS: Record<string, HelperDelegate> = {
  getal: withArity('getal', { ...ONE, options: ['decimalen'] }, getal),
  procent: withArity('procent', { ...ONE, options: ['decimalen'] }, procent),
  euro: withArity('euro', ONE, euro),
  datum: withArity('datum', ONE, datum),
  verschil: withArity('verschil', { min: 2, max: 2 }, verschil),
  som: withArity('som', { min: 2, max: Infinity }, som),
  absoluut: withArity('absoluut', ONE, absoluut),
  cel: withArity('cel', { min: 3, max: 3 }, cel),
  totaal: withArity('totaal', { min: 2, max: 2 }, totaal),
};

/** Helpers bound to one rendering of one prose file: figures placed, statements checked. */
export function passHelpers(
  registry: FigureRegistry,
  file: string,
  warnings: Diagnostic[],
): Record<string, HelperDelegate> {
  return {
    ongeveer: withArity('ongeveer', { min: 2, max: 2 }, ongeveerHelper(file, warnings)),
    figuur: withArity('figuur', ONE, (value: unknown, options) =>
      registry.place('figuur', value, options),
    ),
    tabel: withArity('tabel', ONE, (value: unknown, options) =>
      registry.place('tabel', value, options),
    ),
    verwijzing: withArity('verwijzing', ONE, (value: unknown, options) =>
      registry.reference(value, options),
    ),
  };
}
