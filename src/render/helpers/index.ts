/** The helpers prose and templates can call; figure helpers are bound to a registry per pass. */
import Handlebars from 'handlebars';
import type { HelperDelegate, HelperOptions } from 'handlebars';
import type { Koppeling } from '../../data/schema.ts';
import { datum } from './datum.ts';
import { euro } from './euro.ts';
import type { Diagnostic } from '../../diagnostics.ts';
import type { FigureRegistry } from './figuur.ts';
import { ongeveerHelper } from './ongeveer.ts';
import { getal } from './getal.ts';
import { procent } from './procent.ts';
import { aandeel, absoluut, som, verschil, verschil_absoluut } from './rekenen.ts';
import { richting, verandering } from './richting.ts';
import { cel, totaal } from './tabel-waarden.ts';
import { HelperError, lineOf, requireDefined, withArity } from './values.ts';

const ONE = { min: 1, max: 1 } as const;
/** A signed change, or a new and an old value. */
const CHANGE = { min: 1, max: 2 } as const;

/** Helpers that compute a number: in prose, and in the formula of a derived value. */
export const ARITHMETIC_HELPERS: Record<string, HelperDelegate> = {
  verschil: withArity('verschil', { min: 2, max: 2 }, verschil),
  verschil_absoluut: withArity('verschil_absoluut', { min: 2, max: 2 }, verschil_absoluut),
  som: withArity('som', { min: 2, max: Infinity }, som),
  absoluut: withArity('absoluut', ONE, absoluut),
  aandeel: withArity('aandeel', { min: 2, max: 2 }, aandeel),
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

/**
 * {{link x}}: the link's text, linked to its address; a link whose address the source does not
 * give (adres: null) is its text, marked as missing in a draft (the check refuses it in a final).
 */
function linkHelper(value: unknown, options: HelperOptions): Handlebars.SafeString {
  requireDefined('link', [value], options);
  const link = value as Partial<Koppeling> | null;
  if (!link || typeof link !== 'object' || link.soort !== 'link' || !link.tekst) {
    throw new HelperError(
      '{{link …}} verwacht een link uit de gegevens (soort: link, tekst, adres)',
      lineOf(options),
    );
  }
  const text = Handlebars.escapeExpression(link.tekst);
  if (!link.adres) {
    return new Handlebars.SafeString(`<span class="link ontbreekt">${text}</span>`);
  }
  return new Handlebars.SafeString(
    `<a class="link" href="${Handlebars.escapeExpression(link.adres)}">${text}</a>`,
  );
}

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
    foto: withArity('foto', ONE, (value: unknown, options) =>
      registry.place('foto', value, options),
    ),
    link: withArity('link', ONE, linkHelper),
  };
}
