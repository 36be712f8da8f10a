/**
 * PDF/A-2 for the final edition, done in place with pdf-lib so that Chromium's tags stay (no
 * converter ever rewrites the file): an sRGB OutputIntent; the conformance level the document
 * allows (A: tagged and every font maps to Unicode; U: every font maps to Unicode; B otherwise);
 * the repairs that change nothing a reader sees (the print flag on every annotation, no
 * interpolation hint on images, a role map for structure types PDF 1.7 does not know); and the
 * checks of what PDF/A-2 forbids or this project does not allow in its archive: transparency,
 * JavaScript and other actions, encryption, fonts that are not embedded, CMYK without a CMYK
 * profile. What cannot be repaired without changing the document fails the build, in Dutch,
 * with the page.
 */
import path from 'node:path';
import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFHeader,
  PDFName,
  PDFNumber,
  PDFStream,
  PDFString,
} from 'pdf-lib';
import type { PDFDocument, PDFObject } from 'pdf-lib';
import { JaarverslagError } from '../errors.ts';
import { fontRoots, readInputBytes } from '../files.ts';
import { streamText } from './text-layer.ts';

/** Where the sRGB ICC profile comes from: the pdfkit package ships it (npm, not downloaded). */
export function srgbProfilePath(root: string): string {
  return path.join(root, 'node_modules', 'pdfkit', 'js', 'data', 'sRGB_IEC61966_2_1.icc');
}

/** The sRGB profile's bytes, read like every input (inside the project's packages). */
export function srgbProfile(root: string): Uint8Array {
  return readInputBytes(srgbProfilePath(root), { kind: 'kleurprofiel', roots: fontRoots(root) });
}

export type PdfAConformance = 'A' | 'U' | 'B';

/** The final edition cannot be an archival PDF/A-2: every reason, each with its page. */
export class PdfAError extends JaarverslagError {
  constructor(readonly problems: readonly string[]) {
    super(
      'de definitieve editie kan geen PDF/A-2 (archiefversie) worden:\n' +
        problems.map((p) => `  - ${p}`).join('\n'),
    );
  }
}

const N = (name: string) => PDFName.of(name);

const nameOf = (o: PDFObject | undefined): string | undefined =>
  o instanceof PDFName ? o.decodeText() : undefined;

const numberOf = (o: PDFObject | undefined): number | undefined =>
  o instanceof PDFNumber ? o.asNumber() : undefined;

/** The dictionary of a dictionary or a stream. */
const dictOf = (o: PDFObject | undefined): PDFDict | undefined =>
  o instanceof PDFDict ? o : o instanceof PDFStream ? o.dict : undefined;

const lookup = (doc: PDFDocument, o: PDFObject | undefined): PDFObject | undefined =>
  o === undefined ? undefined : doc.context.lookup(o);

const lookupDict = (doc: PDFDocument, o: PDFObject | undefined): PDFDict | undefined =>
  dictOf(lookup(doc, o));

/** Every direct object in the file: each indirect object and all it holds, with its holder's key. */
function eachObject(doc: PDFDocument, visit: (o: PDFObject, key: string | undefined) => void) {
  const walk = (o: PDFObject, key: string | undefined) => {
    visit(o, key);
    const dict = dictOf(o);
    if (dict) for (const [k, v] of dict.entries()) walk(v, k.decodeText());
    else if (o instanceof PDFArray) for (const v of o.asArray()) walk(v, key);
  };
  for (const [, o] of doc.context.enumerateIndirectObjects()) walk(o, undefined);
}

// --- Content streams --------------------------------------------------------------------------

const WHITE = new Set([' ', '\t', '\n', '\r', '\f', '\0']);
const DELIMITER = new Set(['(', ')', '<', '>', '[', ']', '{', '}', '/', '%']);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/**
 * The operators of a content stream, each with its operands as source text (names as `/Name`;
 * arrays and dictionaries flattened into their elements, which is all the checks need). Inline
 * image data is skipped; the image shows as the operator `ID`.
 */
export function contentOperations(src: string): Array<{ op: string; operands: string[] }> {
  const out: Array<{ op: string; operands: string[] }> = [];
  let operands: string[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i] as string;
    if (WHITE.has(c)) {
      i++;
    } else if (c === '%') {
      while (i < n && src[i] !== '\n' && src[i] !== '\r') i++;
    } else if (c === '(') {
      const start = i;
      let depth = 0;
      for (; i < n; i++) {
        const ch = src[i];
        if (ch === '\\') i++;
        else if (ch === '(') depth++;
        else if (ch === ')' && --depth === 0) break;
      }
      i++;
      operands.push(src.slice(start, i));
    } else if (src.startsWith('<<', i) || src.startsWith('>>', i)) {
      i += 2;
    } else if (c === '<') {
      const end = src.indexOf('>', i);
      const stop = end < 0 ? n : end + 1;
      operands.push(src.slice(i, stop));
      i = stop;
    } else if (c === '[' || c === ']' || c === '{' || c === '}' || c === '>' || c === ')') {
      i++;
    } else {
      const start = i;
      i++;
      while (i < n && !WHITE.has(src[i] as string) && !DELIMITER.has(src[i] as string)) i++;
      const token = src.slice(start, i);
      if (c === '/' || NUMBER.test(token) || token === 'true' || token === 'false') {
        operands.push(token);
      } else if (token === 'null') {
        operands.push(token);
      } else {
        out.push({ op: token, operands });
        operands = [];
        if (token === 'ID') {
          // Inline image data: binary up to whitespace, EI, whitespace (or the end).
          const end = /\sEI(?=\s|$)/g;
          end.lastIndex = i + 1;
          const m = end.exec(src);
          i = m ? m.index + m[0].length : n;
        }
      }
    }
  }
  return out;
}

// --- Transparency -----------------------------------------------------------------------------

interface Alpha {
  fill: number;
  stroke: number;
  blend: string;
  softMask: boolean;
}

const OPAQUE: Alpha = { fill: 1, stroke: 1, blend: 'Normal', softMask: false };
const NORMAL_BLEND = new Set(['Normal', 'Compatible']);

const FILLING = new Set(['f', 'F', 'f*', 'Tj', 'TJ', "'", '"', 'sh', 'ID']);
const STROKING = new Set(['S', 's']);
const BOTH = new Set(['B', 'B*', 'b', 'b*']);

const decimal = (x: number) => String(Math.round(x * 100) / 100).replace('.', ',');

/** Why painting in this state is transparent, or undefined when it is opaque. */
function whyTransparent(a: Alpha, fill: boolean, stroke: boolean): string[] {
  const why: string[] = [];
  if (fill && a.fill < 1) why.push(`doorzichtige vulling (/ca ${decimal(a.fill)})`);
  if (stroke && a.stroke < 1) why.push(`doorzichtige lijnen (/CA ${decimal(a.stroke)})`);
  if (!NORMAL_BLEND.has(a.blend)) why.push(`mengmodus ${a.blend} (/BM)`);
  if (a.softMask) why.push('zacht masker (/SMask in de grafische toestand)');
  return why;
}

/** A graphics-state dictionary applied to the current state. */
function applyExtGState(doc: PDFDocument, state: Alpha, gs: PDFDict): Alpha {
  const next = { ...state };
  const ca = numberOf(lookup(doc, gs.get(N('ca'))));
  const CA = numberOf(lookup(doc, gs.get(N('CA'))));
  if (ca !== undefined) next.fill = ca;
  if (CA !== undefined) next.stroke = CA;
  const bm = lookup(doc, gs.get(N('BM')));
  const blend = bm instanceof PDFArray ? nameOf(lookup(doc, bm.get(0))) : nameOf(bm);
  if (blend !== undefined) next.blend = blend;
  const smask = lookup(doc, gs.get(N('SMask')));
  if (smask !== undefined) next.softMask = nameOf(smask) !== 'None';
  return next;
}

const isTransparencyGroup = (doc: PDFDocument, holder: PDFDict) =>
  nameOf(lookupDict(doc, holder.get(N('Group')))?.get(N('S'))) === 'Transparency';

interface Walk {
  doc: PDFDocument;
  found: Set<string>;
  /** Device CMYK colour painted (PDF/A-2 allows it only with a CMYK OutputIntent). */
  cmyk: Set<string>;
  /** Forms with a transparency group, and whether anything inside one was transparent. */
  groups: Map<PDFDict, boolean>;
  depth: number;
}

/** Paint a content stream with its resources from a starting state; note what is transparent. */
function walkContent(w: Walk, content: string, resources: PDFDict | undefined, start: Alpha) {
  if (w.depth > 12) return;
  const { doc } = w;
  const resource = (kind: string, name: string | undefined) =>
    name === undefined
      ? undefined
      : lookup(doc, lookupDict(doc, resources?.get(N(kind)))?.get(N(name.replace(/^\//, ''))));
  const stack: Alpha[] = [];
  let state = start;
  for (const { op, operands } of contentOperations(content)) {
    const last = operands[operands.length - 1];
    if (op === 'k' || op === 'K') w.cmyk.add(`CMYK-kleur (${op})`);
    else if ((op === 'cs' || op === 'CS') && last === '/DeviceCMYK')
      w.cmyk.add(`CMYK-kleur (${op})`);
    if (op === 'q') stack.push(state);
    else if (op === 'Q') state = stack.pop() ?? state;
    else if (op === 'gs') {
      const gs = dictOf(resource('ExtGState', last));
      if (gs) state = applyExtGState(doc, state, gs);
    } else if (FILLING.has(op) || STROKING.has(op) || BOTH.has(op)) {
      for (const why of whyTransparent(state, !STROKING.has(op), !FILLING.has(op)))
        w.found.add(why);
    } else if (op === 'Do') {
      const xobject = resource('XObject', last);
      const dict = dictOf(xobject);
      const subtype = nameOf(dict?.get(N('Subtype')));
      if (subtype === 'Image') {
        for (const why of whyTransparent(state, true, false)) w.found.add(why);
        if (dict?.get(N('SMask'))) w.found.add('afbeelding met een alfakanaal (/SMask)');
      } else if (subtype === 'Form' && dict && xobject) {
        const before = w.found.size;
        walkForm(w, xobject, state, resources);
        if (w.groups.has(dict) || isTransparencyGroup(doc, dict)) {
          w.groups.set(dict, (w.groups.get(dict) ?? false) || w.found.size > before);
        }
      }
    } else if ((op === 'scn' || op === 'SCN') && last?.startsWith('/')) {
      const pattern = resource('Pattern', last);
      const dict = dictOf(pattern);
      const gs = lookupDict(doc, dict?.get(N('ExtGState')));
      const patternState = gs ? applyExtGState(doc, state, gs) : state;
      for (const why of whyTransparent(patternState, true, true)) w.found.add(why);
      if (numberOf(dict?.get(N('PatternType'))) === 1 && pattern) {
        walkForm(w, pattern, state, resources);
      }
    }
  }
}

function walkForm(w: Walk, form: PDFObject, state: Alpha, outer: PDFDict | undefined) {
  const dict = dictOf(form);
  const own = lookupDict(w.doc, dict?.get(N('Resources')));
  w.depth++;
  walkContent(w, streamText(form), own ?? outer, state);
  w.depth--;
}

/** The text of a page's content, all its streams joined. */
function pageContent(doc: PDFDocument, page: PDFDict): string {
  const contents = lookup(doc, page.get(N('Contents')));
  const streams = contents instanceof PDFArray ? contents.asArray() : contents ? [contents] : [];
  return streams.map((s) => streamText(lookup(doc, s))).join('\n');
}

export interface Transparency {
  /** 1-based page number. */
  page: number;
  /** What is transparent there, in Dutch. */
  what: string[];
}

interface PageScan {
  page: number;
  transparency: string[];
  cmyk: string[];
}

/**
 * Where the document paints with transparency: a fill or stroke alpha below 1, a blend mode other
 * than Normal, a soft mask, an image with an alpha channel; followed through the graphics state
 * (q/Q), form XObjects, patterns and annotation appearances. A transparency group on a page or a
 * form where nothing is transparent is taken out (it changes nothing there).
 */
export function findTransparency(doc: PDFDocument): Transparency[] {
  return scanPages(doc)
    .filter((p) => p.transparency.length)
    .map((p) => ({ page: p.page, what: p.transparency }));
}

/** What every page paints: transparency (findTransparency) and device CMYK colour. */
function scanPages(doc: PDFDocument): PageScan[] {
  const scans: PageScan[] = [];
  const groups = new Map<PDFDict, boolean>();
  doc.getPages().forEach((page, index) => {
    const w: Walk = { doc, found: new Set(), cmyk: new Set(), groups, depth: 0 };
    const resources = lookupDict(doc, page.node.get(N('Resources')));
    walkContent(w, pageContent(doc, page.node), resources, OPAQUE);
    const annots = lookup(doc, page.node.get(N('Annots')));
    for (const ref of annots instanceof PDFArray ? annots.asArray() : []) {
      const ap = lookupDict(doc, lookupDict(doc, ref)?.get(N('AP')));
      const normal = lookup(doc, ap?.get(N('N')));
      // One appearance stream, or a dictionary of them by state.
      const streams =
        normal instanceof PDFStream
          ? [normal]
          : normal instanceof PDFDict
            ? normal.values().map((v) => lookup(doc, v))
            : [];
      for (const s of streams) if (s instanceof PDFStream) walkForm(w, s, OPAQUE, resources);
    }
    scans.push({ page: index + 1, transparency: [...w.found], cmyk: [...w.cmyk] });
    if (!w.found.size && isTransparencyGroup(doc, page.node)) page.node.delete(N('Group'));
  });
  for (const [form, transparent] of groups) if (!transparent) form.delete(N('Group'));
  return scans;
}

// --- Fonts, structure, conformance ------------------------------------------------------------

const SIMPLE_FONTS = new Set(['Type0', 'Type1', 'MMType1', 'TrueType', 'Type3']);

export interface FontFacts {
  name: string;
  embedded: boolean;
  toUnicode: boolean;
}

/** Every font the file holds (descendant CIDFonts count with their Type0 font). */
export function fonts(doc: PDFDocument): FontFacts[] {
  const out: FontFacts[] = [];
  for (const [, o] of doc.context.enumerateIndirectObjects()) {
    const font = dictOf(o);
    if (!font || nameOf(font.get(N('Type'))) !== 'Font') continue;
    const subtype = nameOf(font.get(N('Subtype'))) ?? '';
    if (!SIMPLE_FONTS.has(subtype)) continue;
    const descendants = lookup(doc, font.get(N('DescendantFonts')));
    const program =
      subtype === 'Type0' && descendants instanceof PDFArray
        ? lookupDict(doc, descendants.get(0))
        : font;
    const descriptor = lookupDict(doc, program?.get(N('FontDescriptor')));
    const embedded =
      subtype === 'Type3' ||
      ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor?.get(N(k)) !== undefined);
    out.push({
      name: nameOf(font.get(N('BaseFont'))) ?? nameOf(font.get(N('Name'))) ?? subtype,
      embedded,
      toUnicode: lookup(doc, font.get(N('ToUnicode'))) instanceof PDFStream,
    });
  }
  return out;
}

/** The structure types of PDF 1.7 (ISO 32000-1, 14.8.4). */
const STANDARD_TYPES = new Set(
  (
    'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 ' +
    'H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry ' +
    'Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'
  ).split(' '),
);

/** PDF 2.0 types Chromium may write, and the PDF 1.7 type each reads as. */
const PDF2_TYPES: Record<string, string> = {
  Strong: 'Span',
  Em: 'Span',
  Sub: 'Span',
  Title: 'P',
  Aside: 'Sect',
  FENote: 'Note',
  DocumentFragment: 'Div',
};

/** The structure types the tree uses, each once. */
function structureTypes(doc: PDFDocument, root: PDFDict): Set<string> {
  const types = new Set<string>();
  const seen = new Set<PDFObject>();
  const walk = (o: PDFObject | undefined) => {
    if (o === undefined || seen.has(o)) return;
    seen.add(o);
    const value = lookup(doc, o);
    if (value instanceof PDFArray) {
      for (const k of value.asArray()) walk(k);
      return;
    }
    if (!(value instanceof PDFDict)) return;
    // Marked-content and object references are leaves, not elements.
    const type = nameOf(value.get(N('Type')));
    if (type === 'MCR' || type === 'OBJR') return;
    const s = nameOf(value.get(N('S')));
    if (s !== undefined && value !== root) types.add(s);
    walk(value.get(N('K')));
  };
  walk(root.get(N('K')));
  return types;
}

/**
 * Map the PDF 2.0 structure types Chromium writes (Strong, Em, …) to PDF 1.7 ones in the role
 * map, as a PDF/A-2 level A (and PDF/UA-1) reader needs. Returns the types still unknown.
 */
export function mapStructureTypes(doc: PDFDocument): string[] {
  const root = lookupDict(doc, doc.catalog.get(N('StructTreeRoot')));
  if (!root) return [];
  let roleMap = lookupDict(doc, root.get(N('RoleMap')));
  const unknown: string[] = [];
  for (const type of structureTypes(doc, root)) {
    if (STANDARD_TYPES.has(type)) continue;
    const mapped = nameOf(roleMap?.get(N(type)));
    if (mapped !== undefined) continue;
    const standard = PDF2_TYPES[type];
    if (standard === undefined) {
      unknown.push(type);
      continue;
    }
    if (!roleMap) {
      roleMap = doc.context.obj({});
      root.set(N('RoleMap'), roleMap);
    }
    roleMap.set(N(type), N(standard));
  }
  return unknown;
}

/**
 * The PDF/A-2 level the document allows: A when it is tagged (a structure tree, /MarkInfo
 * /Marked true, every structure type standard or role-mapped) and every font has a ToUnicode
 * map; U when only the fonts do; B otherwise.
 */
export function pdfaConformance(doc: PDFDocument): PdfAConformance {
  if (!fonts(doc).every((f) => f.toUnicode)) return 'B';
  const root = lookupDict(doc, doc.catalog.get(N('StructTreeRoot')));
  const marked = lookupDict(doc, doc.catalog.get(N('MarkInfo')))?.get(N('Marked'));
  if (!root || marked !== PDFBool.True) return 'U';
  const roleMap = lookupDict(doc, root.get(N('RoleMap')));
  const known = (t: string) => STANDARD_TYPES.has(t) || nameOf(roleMap?.get(N(t))) !== undefined;
  return [...structureTypes(doc, root)].every(known) ? 'A' : 'U';
}

// --- What PDF/A-2 forbids ---------------------------------------------------------------------

/** Actions PDF/A-2 does not allow (ISO 19005-2, 6.5.1). */
const FORBIDDEN_ACTIONS = new Set([
  'JavaScript',
  'Launch',
  'Sound',
  'Movie',
  'ResetForm',
  'ImportData',
  'Hide',
  'SetOCGState',
  'Rendition',
  'Trans',
  'GoTo3DView',
]);
const NAMED_ACTIONS = new Set(['NextPage', 'PrevPage', 'FirstPage', 'LastPage']);
const FORBIDDEN_ANNOTATIONS = new Set(['3D', 'Sound', 'Screen', 'Movie']);

/** Annotation flags: Invisible 1, Hidden 2, Print 4, NoView 32, ToggleNoView 256. */
const PRINT = 4;
const NOT_SHOWN = 1 | 2 | 32 | 256;

/** What the file holds that PDF/A-2 forbids and that cannot be taken out unseen; repairs the rest. */
function forbidden(doc: PDFDocument): string[] {
  const problems = new Set<string>();
  if (doc.context.trailerInfo.Encrypt) problems.add('het bestand is versleuteld (/Encrypt)');
  const names = lookupDict(doc, doc.catalog.get(N('Names')));
  if (names?.get(N('JavaScript'))) problems.add('het bestand bevat JavaScript (/JavaScript)');
  if (names?.get(N('EmbeddedFiles'))) problems.add('het bestand bevat bijlagen (/EmbeddedFiles)');
  if (names?.get(N('AlternatePresentations')))
    problems.add('het bestand bevat een diavoorstelling (/AlternatePresentations)');
  if (doc.catalog.get(N('Requirements'))) problems.add('de catalogus heeft /Requirements');
  const form = lookupDict(doc, doc.catalog.get(N('AcroForm')));
  if (lookup(doc, form?.get(N('NeedAppearances'))) === PDFBool.True)
    problems.add('het formulier vraagt de lezer om weergaven (/NeedAppearances)');

  eachObject(doc, (o, key) => {
    const dict = dictOf(o);
    if (!dict) {
      if (o instanceof PDFName && o.decodeText() === 'DeviceCMYK')
        problems.add('CMYK-kleuren (/DeviceCMYK) bij een sRGB-uitvoerprofiel');
      return;
    }
    if (dict.get(N('AA'))) problems.add('automatische acties (/AA)');
    if (dict.get(N('JS'))) problems.add('JavaScript (/JS)');
    // An action: where actions go, or a dictionary that says it is one (not a structure element).
    const type = nameOf(dict.get(N('Type')));
    const action =
      key === 'A' ||
      key === 'OpenAction' ||
      key === 'Next' ||
      type === 'Action' ||
      (type === undefined && !dict.get(N('P')));
    if (action) {
      const s = nameOf(dict.get(N('S')));
      if (s && FORBIDDEN_ACTIONS.has(s)) problems.add(`een actie die PDF/A-2 verbiedt (/S /${s})`);
      if (s === 'Named' && !NAMED_ACTIONS.has(nameOf(dict.get(N('N'))) ?? ''))
        problems.add('een benoemde actie die PDF/A-2 verbiedt (/S /Named)');
    }
    if (o instanceof PDFStream) {
      for (const k of ['F', 'FFilter', 'FDecodeParms'])
        if (dict.get(N(k))) problems.add(`een stream met een extern bestand (/${k})`);
      const filter = lookup(doc, dict.get(N('Filter')));
      const filters = filter instanceof PDFArray ? filter.asArray() : filter ? [filter] : [];
      for (const f of filters.map(nameOf))
        if (f === 'LZWDecode' || f === 'Crypt') problems.add(`een stream met /Filter /${f}`);
    }
    if (type === 'ExtGState' || dict.get(N('TR')) || dict.get(N('HTP'))) {
      if (dict.get(N('TR'))) problems.add('een overdrachtsfunctie (/TR) in de grafische toestand');
      const tr2 = dict.get(N('TR2'));
      if (tr2 && nameOf(tr2) !== 'Default')
        problems.add('een overdrachtsfunctie (/TR2) in de grafische toestand');
      if (dict.get(N('HTP'))) problems.add('/HTP in de grafische toestand');
    }
    const subtype = nameOf(dict.get(N('Subtype')));
    if (o instanceof PDFStream && (subtype === 'Image' || subtype === 'Form')) {
      // Hints and alternatives PDF/A-2 does not allow: taking them out changes nothing printed.
      if (lookup(doc, dict.get(N('Interpolate'))) === PDFBool.True)
        dict.set(N('Interpolate'), PDFBool.False);
      dict.delete(N('Alternates'));
      dict.delete(N('OPI'));
      if (subtype === 'Form' && (dict.get(N('Ref')) || nameOf(dict.get(N('Subtype2'))) === 'PS'))
        problems.add(
          'een verwijzing naar een ander bestand of PostScript in een formulier-XObject',
        );
    }
    if (subtype === 'PS') problems.add('een PostScript-XObject');
    if (subtype === 'CIDFontType2' && !dict.get(N('CIDToGIDMap')))
      dict.set(N('CIDToGIDMap'), N('Identity')); // the default, said out loud (6.2.11.3.2)
    if (type === 'FontDescriptor') {
      // Optional, and PDF/A-2 asks that they be complete: without them nothing is claimed.
      dict.delete(N('CIDSet'));
      dict.delete(N('CharSet'));
    }
  });

  doc.getPages().forEach((page, index) => {
    const at = `pagina ${index + 1}`;
    if (page.node.get(N('PresSteps'))) problems.add(`${at}: een diavoorstelling (/PresSteps)`);
    const annots = lookup(doc, page.node.get(N('Annots')));
    for (const ref of annots instanceof PDFArray ? annots.asArray() : []) {
      const annot = lookupDict(doc, ref);
      if (!annot) continue;
      const subtype = nameOf(annot.get(N('Subtype'))) ?? '?';
      if (FORBIDDEN_ANNOTATIONS.has(subtype))
        problems.add(`${at}: een annotatie van een soort die PDF/A-2 verbiedt (/${subtype})`);
      // Printed, and never hidden (6.3.2).
      if (subtype !== 'Popup') {
        const flags = numberOf(lookup(doc, annot.get(N('F')))) ?? 0;
        annot.set(N('F'), PDFNumber.of((flags | PRINT) & ~NOT_SHOWN));
      }
      // An appearance, when there is one, is the normal appearance only (6.3.3).
      const ap = lookupDict(doc, annot.get(N('AP')));
      if (ap) {
        ap.delete(N('D'));
        ap.delete(N('R'));
      }
      const rect = lookup(doc, annot.get(N('Rect')));
      const size =
        rect instanceof PDFArray
          ? [0, 1].map((i) =>
              Math.abs(
                (numberOf(lookup(doc, rect.get(i + 2))) ?? 0) -
                  (numberOf(lookup(doc, rect.get(i))) ?? 0),
              ),
            )
          : [0, 0];
      if (!ap && subtype !== 'Link' && subtype !== 'Popup' && size.every((s) => s > 0))
        problems.add(`${at}: een annotatie (/${subtype}) zonder weergave (/AP)`);
    }
  });
  return [...problems];
}

// --- The profile and the OutputIntent ---------------------------------------------------------

/**
 * What the ICC profile's header says: it must be an RGB display or output profile of version 4 or
 * lower (6.2.3), or the OutputIntent is not one PDF/A-2 accepts.
 */
export function checkIccProfile(icc: Uint8Array): void {
  const ascii = (from: number, length: number) =>
    Buffer.from(icc.subarray(from, from + length)).toString('latin1');
  const problems: string[] = [];
  if (icc.length < 132 || ascii(36, 4) !== 'acsp') problems.push('geen ICC-profiel');
  else {
    if (ascii(16, 4) !== 'RGB ') problems.push(`kleurruimte '${ascii(16, 4)}', verwacht 'RGB '`);
    if (!['mntr', 'prtr'].includes(ascii(12, 4)))
      problems.push(`profielklasse '${ascii(12, 4)}', verwacht 'mntr' of 'prtr'`);
    if ((icc[8] ?? 0) > 4) problems.push(`ICC-versie ${icc[8]}, PDF/A-2 kent ten hoogste 4`);
  }
  if (problems.length) throw new PdfAError([`het sRGB-kleurprofiel: ${problems.join('; ')}`]);
}

/** The catalog's OutputIntents: sRGB, the colour space every page is printed in. */
function writeOutputIntent(doc: PDFDocument, icc: Uint8Array): void {
  const profile = doc.context.register(doc.context.stream(icc, { N: 3 }));
  const intent = doc.context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
    RegistryName: PDFString.of('http://www.color.org'),
    Info: PDFString.of('sRGB IEC61966-2.1'),
    DestOutputProfile: profile,
  });
  doc.catalog.set(N('OutputIntents'), doc.context.obj([intent]));
}

export interface PdfAOptions {
  /** The sRGB ICC profile (srgbProfile). */
  iccProfile: Uint8Array;
}

/**
 * Make the document PDF/A-2 in place, its tags kept: repairs what can be repaired unseen, writes
 * the sRGB OutputIntent, and returns the level the document allows (the XMP says it: pdfua.ts).
 * Throws a PdfAError naming every page and thing that stands in the way.
 */
export function makePdfA(doc: PDFDocument, options: PdfAOptions): { conformance: PdfAConformance } {
  checkIccProfile(options.iccProfile);
  const problems = forbidden(doc);
  for (const font of fonts(doc))
    if (!font.embedded) problems.push(`het lettertype ${font.name} is niet ingebed`);
  // Pages that share a reason in one line, the remedy once.
  const pagesBy = new Map<string, number[]>();
  const note = (why: string, page: number) => pagesBy.set(why, [...(pagesBy.get(why) ?? []), page]);
  for (const scan of scanPages(doc)) {
    for (const why of scan.transparency) note(`transparantie: ${why}`, scan.page);
    for (const why of scan.cmyk) note(`${why} bij een sRGB-uitvoerprofiel`, scan.page);
  }
  for (const [why, pages] of pagesBy) {
    problems.push(`${pages.length === 1 ? 'pagina' : "pagina's"} ${pages.join(', ')}: ${why}`);
  }
  if ([...pagesBy.keys()].some((k) => k.startsWith('transparantie')))
    problems.push(
      'het archief vraagt ondoorzichtige kleuren in de stijl: geen rgba(), opacity, ' +
        'mix-blend-mode of doorzichtige afbeeldingen (een tint op een vaste achtergrond kan als ' +
        'ondoorzichtige kleur, bijvoorbeeld color-mix(in srgb, …))',
    );
  if (!doc.context.trailerInfo.ID) problems.push('het bestand heeft geen /ID');
  if (problems.length) throw new PdfAError(problems);
  // A version PDF/A-2 knows (it is based on PDF 1.7).
  const version = /^%PDF-(\d+)\.(\d+)/.exec(doc.context.header.toString());
  if (!version || Number(version[1]) > 1 || Number(version[2]) > 7) {
    doc.context.header = PDFHeader.forVersion(1, 7);
  }
  mapStructureTypes(doc);
  writeOutputIntent(doc, options.iccProfile);
  return { conformance: pdfaConformance(doc) };
}
