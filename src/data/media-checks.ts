/**
 * Photos and links the source does not give: a photo without its file (`bestand: null`) and a
 * link without its address (`adres: null`). A draft shows a placeholder and warns; a final
 * edition refuses until they are given.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { Edition } from './validate.ts';
import { diagnosticAt } from './yaml-source.ts';

export function checkMedia(edition: Edition, opts: { final: boolean }): Diagnostic[] {
  const out: Diagnostic[] = [];
  const severity = opts.final ? 'error' : 'warning';
  for (const [namespace, facts] of Object.entries(edition.facts)) {
    const src = edition.sources.get(namespace);
    if (!src) continue;
    for (const [name, fact] of Object.entries(facts)) {
      if (typeof fact !== 'object' || !('soort' in fact)) continue;
      if (fact.soort === 'foto' && fact.bestand === null) {
        out.push(
          diagnosticAt(src, [name, 'bestand'], {
            severity,
            rule: 'ontbreekt',
            message: `de foto${fact.bijschrift ? ` "${fact.bijschrift}"` : ''} ontbreekt (bestand: null)${opts.final ? '; een definitieve editie vraagt het bestand' : '; het concept toont een plaatshouder'}`,
          }),
        );
      } else if (fact.soort === 'link' && fact.adres === null) {
        out.push(
          diagnosticAt(src, [name, 'adres'], {
            severity,
            rule: 'ontbreekt',
            message: `het adres van de link "${fact.tekst}" ontbreekt (adres: null)${opts.final ? '; een definitieve editie vraagt een adres (https://…)' : '; het concept toont de tekst zonder link'}`,
          }),
        );
      }
    }
  }
  return out;
}
