/**
 * Dutch hyphenation in the pipeline. Debian's Chromium ships no hyphenation dictionaries, so
 * CSS `hyphens: auto` does nothing there; instead long Dutch words get soft hyphens (U+00AD).
 * Only lower-case words are broken: never numbers, names (capitalised words: places, people,
 * organisations; a sentence's first word is skipped too), abbreviations, URLs, domain names or
 * e-mail addresses.
 *
 * A compound breaks between its parts first, as a typesetter breaks it: woning|markt|onderzoek,
 * starters|lening, landings|locaties (the parts from OpenTaal's word list: ./compounds.ts).
 * Inside a part it breaks only when the part is long (LONG_PART letters or more), at the points
 * of the TeX hyph-nl patterns (package `hyphen`) with three letters on each side of the break:
 * woning|bouw|ini-ti-a-tie-ven, never wo-ning. A word that is no compound gets the patterns'
 * breaks, with MIN_LEFT and MIN_RIGHT letters kept at its ends.
 */
import hyphenNl from 'hyphen/nl/index.js';
import { compoundParts } from './compounds.ts';

// hyphen/nl is CommonJS: its functions hang off the default export.
const { hyphenateSync } = hyphenNl;

const SHY = '\u00ad';
/** Words shorter than this are never broken. */
const MIN_WORD = 7;
/** Letters kept together at the start and the end of a word. */
const MIN_LEFT = 2;
const MIN_RIGHT = 3;
/**
 * A compound's part of this many letters or more is broken inside as well. With three letters
 * kept on each side of such a break, a part of eight letters or fewer (woningen, locaties,
 * regeling) could only split into pieces of three to five letters, a gain of a few letters at
 * the cost of a break a reader stumbles on (huurwo-ningen); unbroken it is at most a sixth of a
 * line in the narrowest measure (the provincie's two 83 mm columns, about 50 characters), and
 * the joint beside it is a break already. From nine letters on (projecten, corporaties,
 * initiatieven, ontwikkeling) a part kept whole would push a run that long to the next line.
 */
const LONG_PART = 9;
/** Letters kept together on each side of a break inside a compound's part. */
const MIN_INSIDE = 3;

/**
 * Words that the compound split or the patterns break wrongly; "-" marks where a break may go,
 * and nowhere else. Dutch language knowledge, not any publication's: add words as found. (The
 * compounds once listed here, woningbouwinitiatieven and uitbreidingslocaties among them, are
 * split at their joints now.)
 */
const EXCEPTIONS = [
  // The word list knows "verjaar" but not the linking s of "verjaars": not verjaar|staart.
  'verjaars-taart',
  'verjaars-taarten',
];

/** Each exception's breaks: the number of letters before each "-". */
const exceptionBreaks = new Map(
  EXCEPTIONS.map((marked) => {
    const at: number[] = [];
    let letters = 0;
    for (const ch of marked) {
      if (ch === '-') at.push(letters);
      else letters++;
    }
    return [marked.replaceAll('-', ''), at];
  }),
);

/** A lower-case word in Latin script (diacritics allowed, also as combining marks). */
const LOWER_WORD = /^(?:(?=\p{Script=Latin})\p{Ll}|\p{M})+$/u;
/** A run of letters: the parts of a token between hyphens, slashes, quotes and punctuation. */
const LETTERS = /[\p{L}\p{M}]+/gu;
/** Digits, e-mail, URLs, domain names and dotted abbreviations (x.nl, o.a.), soft hyphens. */
const PROTECTED = /[0-9@\u00ad]|:\/\/|www\.|\p{L}\.\p{L}/iu;

/** Where the TeX patterns break a word: the number of letters before each break. */
function patternBreaks(word: string): number[] {
  const pieces = hyphenateSync(word, { minWordLength: MIN_WORD }).split(SHY);
  const out: number[] = [];
  let done = 0;
  for (const piece of pieces.slice(0, -1)) out.push((done += piece.length));
  return out;
}

/** Where a word may break: at a compound's joints, inside its long parts, else the patterns'. */
function breaks(word: string): number[] {
  const exception = exceptionBreaks.get(word);
  if (exception) return exception;
  const parts = compoundParts(word);
  if (!parts) return patternBreaks(word);
  const out: number[] = [];
  let start = 0;
  for (const part of parts) {
    if (start > 0) out.push(start);
    if (part.length >= LONG_PART) {
      for (const b of patternBreaks(part))
        if (b >= MIN_INSIDE && part.length - b >= MIN_INSIDE) out.push(start + b);
    }
    start += part.length;
  }
  return out;
}

const cache = new Map<string, string>();

function hyphenateWord(word: string): string {
  if (word.length < MIN_WORD || !LOWER_WORD.test(word)) return word;
  const known = cache.get(word);
  if (known !== undefined) return known;
  let out = '';
  let done = 0;
  // Drop breaks too close to either end.
  for (const at of breaks(word)) {
    if (at < MIN_LEFT || word.length - at < MIN_RIGHT) continue;
    out += word.slice(done, at) + SHY;
    done = at;
  }
  out += word.slice(done);
  cache.set(word, out);
  return out;
}

/**
 * Insert soft hyphens into the long lower-case words of a text. Removing every U+00AD gives
 * back the input exactly. The lower-case parts of a hyphenated compound are words of their
 * own: in "twee-onder-een-kapwoning" and "WOZ-woningwaarde" the last part may break.
 */
export function hyphenateText(text: string): string {
  return text.replace(/\S+/g, (token) =>
    PROTECTED.test(token) ? token : token.replace(LETTERS, hyphenateWord),
  );
}
