/**
 * Dutch hyphenation in the pipeline. Debian's Chromium ships no hyphenation dictionaries, so
 * CSS `hyphens: auto` does nothing there; instead long Dutch words get soft hyphens (U+00AD)
 * from the TeX hyph-nl patterns (package `hyphen`). Only lower-case words are broken: never
 * numbers, names (capitalised words: places, people, organisations; a sentence's first word
 * is skipped too), abbreviations, URLs, domain names or e-mail addresses.
 */
import hyphenNl from 'hyphen/nl/index.js';

// hyphen/nl is CommonJS: its functions hang off the default export.
const { hyphenateSync } = hyphenNl;

const SHY = '\u00ad';
/** Words shorter than this are never broken. */
const MIN_WORD = 7;
/** Letters kept together at the start and the end of a word. */
const MIN_LEFT = 2;
const MIN_RIGHT = 3;

/**
 * Compounds the TeX patterns break wrongly (woningbou-winitiatieven) or poorly; "-" marks
 * where a break may go. Dutch language knowledge, not any publication's: add words as found.
 */
const EXCEPTIONS = [
  'wo-ning-bouw-ini-ti-a-tie-ven',
  'wo-ning-bouw-ini-ti-a-tief',
  'woon-ini-ti-a-tie-ven',
  'uit-brei-dings-lo-ca-ties',
  'in-brei-dings-lo-ca-ties',
];

/** A lower-case word in Latin script (diacritics allowed, also as combining marks). */
const LOWER_WORD = /^(?:(?=\p{Script=Latin})\p{Ll}|\p{M})+$/u;
/** A run of letters: the parts of a token between hyphens, slashes, quotes and punctuation. */
const LETTERS = /[\p{L}\p{M}]+/gu;
/** Digits, e-mail, URLs, domain names and dotted abbreviations (x.nl, o.a.), soft hyphens. */
const PROTECTED = /[0-9@\u00ad]|:\/\/|www\.|\p{L}\.\p{L}/iu;

const cache = new Map<string, string>();

function hyphenateWord(word: string): string {
  if (word.length < MIN_WORD || !LOWER_WORD.test(word)) return word;
  const known = cache.get(word);
  if (known !== undefined) return known;
  const parts = hyphenateSync(word, { minWordLength: MIN_WORD, exceptions: EXCEPTIONS }).split(SHY);
  // Drop breaks too close to either end.
  let out = '';
  let done = 0;
  for (const [i, part] of parts.entries()) {
    if (i > 0 && done >= MIN_LEFT && word.length - done >= MIN_RIGHT) out += SHY;
    out += part;
    done += part.length;
  }
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
