/**
 * Dutch hyphenation in the pipeline. Debian's Chromium ships no hyphenation dictionaries, so
 * CSS `hyphens: auto` does nothing there; instead long Dutch words get soft hyphens (U+00AD)
 * from the TeX hyph-nl patterns (package `hyphen`). Never inside numbers, names (capitalised
 * words: places, people, organisations), abbreviations, URLs or e-mail addresses.
 */
import hyphenNl from 'hyphen/nl';

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

/** A lower-case Dutch word (letters with diacritics, no digits). */
const LOWER_WORD = /^[a-zà-öø-ÿ]+$/;

function hyphenateWord(word: string): string {
  if (word.length < MIN_WORD || !LOWER_WORD.test(word)) return word;
  const broken = hyphenateSync(word, { minWordLength: MIN_WORD, exceptions: EXCEPTIONS });
  const parts = broken.split(SHY);
  // Drop breaks too close to either end.
  let out = '';
  let done = 0;
  parts.forEach((part, i) => {
    if (i > 0) {
      const left = done;
      const right = word.length - done;
      if (left >= MIN_LEFT && right >= MIN_RIGHT) out += SHY;
    }
    out += part;
    done += part.length;
  });
  return out;
}

/** A token that must stay whole: a URL, an e-mail address, or anything with a digit or a capital. */
function isProtected(token: string): boolean {
  return /[0-9@]|:\/\/|^www\./i.test(token) || token.includes(SHY);
}

/**
 * Insert soft hyphens into the long lower-case words of a text. Removing every U+00AD gives
 * back the input exactly.
 */
export function hyphenateText(text: string): string {
  return text.replace(/\S+/g, (token) => {
    if (isProtected(token)) return token;
    // Parts around hard hyphens and punctuation are words of their own: twee-onder-een-kapwoning.
    return token.replace(/[A-Za-zÀ-ÖØ-öø-ÿ]+/g, (word, offset: number) => {
      // A word right after a capital letter inside the token belongs to a name: leave it.
      if (/^[A-ZÀ-ÖØ-Þ]/.test(word)) return word;
      const before = token.slice(0, offset);
      if (/[A-ZÀ-ÖØ-Þ][a-zà-ÿ]*-$/.test(before)) return word;
      return hyphenateWord(word);
    });
  });
}
