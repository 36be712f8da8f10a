/** The helpers prose and templates can call; figure helpers are bound to a registry per pass. */
import type { HelperDelegate } from 'handlebars';
import { datum } from './datum.ts';
import { euro } from './euro.ts';
import type { Diagnostic } from '../../diagnostics.ts';
import type { FigureRegistry } from './figuur.ts';
import { ongeveerHelper } from './ongeveer.ts';
import { getal } from './getal.ts';
import { procent } from './procent.ts';
import { absoluut, som, verschil, verschil_absoluut } from './rekenen.ts';
import { richting, verandering } from './richting.ts';
import { cel, totaal } from './tabel-waarden.ts';
import { withArity } from './values.ts';

const ONE = { min: 1, max: 1 } as const;
/** A signed change, or a new and an old value. */
const CHANGE = { min: 1, max: 2 } as const;

/** Helpers that compute a number: in prose, and in the formula of a derived value. */
export const ARITHMETIC_HELPERS: Record<string, HelperDelegate> = {
  verschil: withArity('verschil', { min: 2, max: 2 }, verschil),
  verschil_absoluut: withArity('verschil_absoluut', { min: 2, max: 2 }, verschil_absoluut),
  som: withArity('som', { min: 2, max: Infinity }, som),
  absoluut: withArity('absoluut', ONE, absoluut),
  cel: withArity('cel', { min: 3, max: 3 }, cel),
  totaal: withArity('totaal', { min: 2, max: 2 }, totaal),
};

export const VALUE_HELPERS: Record<string, HelperDelegate> = {
  getal: withArity('getal', { ...ONE, options: ['decimalen'] }, getal),
  procent: withArity('procent', { ...ONE, options: ['decimalen'] }, procent),
  euro: withArity('euro', ONE, euro),
  datum: withArity('datum', ONE, datum),
  ...ARITHMETIC_HELPERS,
  meer_minder: withArity('meer_minder', CHANGE, richting('meer_minder')),
  toegenomen: withArity('toegenomen', CHANGE, richting('toegenomen')),
  gestegen: withArity('gestegen', CHANGE, richting('gestegen')),
  verhoogd: withArity('verhoogd', CHANGE, richting('verhoogd')),
  verandering: withArity(
    'verandering',
    { min: 3, max: 4, options: ['voor', 'decimalen'] },
    verandering,
  ),
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
