/**
 * A draft says which draft it is: beside the CONCEPT in the head of every page, its foot carries
 * the build's date and a short hash of all inputs (src/archive/inputs.ts), so that two printed
 * drafts are never confused. A final edition has neither.
 */
import { formatDatum } from './format/index.ts';

/** A draft's mark: "Concept 26 november 2026 · inhoud 3f9a1c2e". */
export function draftMarkText(date: string, hash: string): string {
  return `Concept ${formatDatum(date)} · inhoud ${hash}`;
}

/** The draft mark as it reads in a page's text (the review and the tests leave it out). */
export const DRAFT_MARK = /Concept \d{1,2} \p{L}+ \d{4} · inhoud [0-9a-f]{8}/gu;

/**
 * The date a draft says it was built: SOURCE_DATE_EPOCH when set (the reproducible-builds
 * convention), else today in the Netherlands. As YYYY-MM-DD.
 */
export function draftDate(now: Date = new Date()): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const when = epoch && /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : now;
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(when);
}
