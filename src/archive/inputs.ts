/**
 * What an edition is made of: every input file (data, prose, images, templates, house style,
 * fonts, the colour profile of a final edition) and the program that makes it. The draft's
 * footer carries a short hash of all of it, so two printed drafts are never confused; the
 * archive keeps a copy of each file with its SHA-256, so that the edition can be rebuilt.
 *
 * Each file has a name relative to the project as the archive lays it out: data files under
 * `data/` (also when the data folder is elsewhere, JAARVERSLAG_DATA), the others as they lie in
 * the project (`templates/…`, `node_modules/@fontsource/…`).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BuildContext } from '../context.ts';
import { PROJECT_ROOT } from '../context.ts';
import { fontRoots, InputFileError, inputRoots, readInputBytes } from '../files.ts';
import type { InputKind, InputRead } from '../files.ts';
import { srgbProfilePath } from '../finalize/pdfa.ts';
import { fontFiles } from '../render/fonts.ts';
import type { HouseStyle } from '../render/house-style.ts';

export interface InputFile {
  /** Where it is read from. */
  abs: string;
  /** Its name in the archive (`data/proef/2024/cijfers.yaml`, `templates/…`), with slashes. */
  rel: string;
  kind: InputKind;
  sha256: string;
  size: number;
}

export interface Program {
  name: 'jaarverslag';
  version: string;
  /** SHA-256 of the program's code (src/) and its locked libraries (package-lock.json). */
  code: string;
}

const KINDS: ReadonlyArray<[RegExp, InputKind]> = [
  [/\.ya?ml$/i, 'gegevens'],
  [/\.md$/i, 'tekst'],
  [/\.hbs$/i, 'sjabloon'],
  [/\.css$/i, 'stijl'],
  [/\.(woff2?|ttf|otf)$/i, 'lettertype'],
  [/\.icc$/i, 'kleurprofiel'],
];

function kindOf(file: string): InputKind {
  return KINDS.find(([re]) => re.test(file))?.[1] ?? 'afbeelding';
}

/** Every file under `dir` (everything that is not a folder), sorted; `skip` leaves names out. */
export function filesUnder(
  dir: string,
  skip: (name: string, depth: number) => boolean = () => false,
  depth = 0,
): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (skip(entry.name, depth)) continue;
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(file, skip, depth + 1));
    else out.push(file);
  }
  return out.sort();
}

/** Names starting with a dot (.DS_Store, an editor's swap file) are nobody's input. */
const hidden = (name: string) => name.startsWith('.');

export const slash = (p: string) => p.split(path.sep).join('/');

export const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The archive's name of an input: data/… for the data folder, else relative to the project. */
export function archiveName(ctx: Pick<BuildContext, 'root' | 'dataDir'>, abs: string): string {
  const inData = path.relative(ctx.dataDir, abs);
  if (!inData.startsWith('..') && !path.isAbsolute(inData)) return `data/${slash(inData)}`;
  const inRoot = path.relative(ctx.root, abs);
  if (!inRoot.startsWith('..') && !path.isAbsolute(inRoot)) return slash(inRoot);
  throw new Error(`${abs} ligt buiten het project en de gegevensmap`);
}

/**
 * The edition's inputs: the publication's files (publicatie.yaml, its series, this year's
 * folder; other years are not read), the template set, the font files of the house style, and
 * the colour profile of a final edition.
 */
export function editionInputs(
  ctx: BuildContext,
  templateSet: string,
  style: HouseStyle,
): InputFile[] {
  const listed = new Map<string, InputKind>();
  const add = (file: string, kind: InputKind = kindOf(file)) => {
    if (!listed.has(file)) listed.set(file, kind);
  };
  const year = String(ctx.year);
  const otherYear = (name: string, depth: number) =>
    depth === 0 && /^\d{4}$/.test(name) && name !== year;
  for (const f of filesUnder(ctx.publicationDir, (n, d) => hidden(n) || otherYear(n, d))) add(f);
  for (const f of filesUnder(path.join(ctx.root, 'templates', templateSet), hidden)) add(f);
  for (const f of fontFiles(ctx.root, style)) add(f.file, 'lettertype');
  if (ctx.final) add(srgbProfilePath(ctx.root), 'kleurprofiel');
  return describeInputs(
    ctx,
    [],
    [...listed].map(([file, kind]) => ({ file, kind })),
    false,
  );
}

/**
 * The inputs with whatever else a build was seen to read (the read log of src/files.ts: another
 * publication's data compared with, say), each file once.
 */
export function withReads(
  ctx: BuildContext,
  inputs: readonly InputFile[],
  reads: readonly InputRead[],
): InputFile[] {
  return describeInputs(ctx, inputs, reads, true);
}

/**
 * `known` with each of `files` that is not among them (by its archive name) read, hashed and
 * added. A file that cannot be read as an input is an error when `required` (the build read it),
 * else left out (a stray file beside the inputs: too large, a link elsewhere).
 */
function describeInputs(
  ctx: BuildContext,
  known: readonly InputFile[],
  files: ReadonlyArray<{ file: string; kind: InputKind }>,
  required: boolean,
): InputFile[] {
  const roots = [...inputRoots(ctx), ...fontRoots(ctx.root)];
  const out = [...known];
  const seen = new Set(known.map((f) => f.rel));
  for (const { file: abs, kind } of files) {
    const rel = archiveName(ctx, abs);
    if (seen.has(rel)) continue;
    let bytes: Buffer;
    try {
      bytes = readInputBytes(abs, { kind, roots });
    } catch (e) {
      if (e instanceof InputFileError && !required) continue;
      throw e;
    }
    seen.add(rel);
    out.push({ abs, rel, kind, size: bytes.length, sha256: sha256(bytes) });
  }
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

let program: Program | undefined;

/** The program: its version (package.json) and a hash of its code and locked libraries. */
export function programIdentity(): Program {
  if (program) return program;
  const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    version?: string;
  };
  const hash = createHash('sha256');
  const src = path.join(PROJECT_ROOT, 'src');
  for (const f of filesUnder(src, hidden)) {
    hash
      .update(slash(path.relative(src, f)))
      .update('\0')
      .update(readFileSync(f));
  }
  const lock = path.join(PROJECT_ROOT, 'package-lock.json');
  if (existsSync(lock)) hash.update('package-lock.json\0').update(readFileSync(lock));
  program = { name: 'jaarverslag', version: pkg.version ?? '0.0.0', code: hash.digest('hex') };
  return program;
}

/** A short hash of all inputs and the program: eight hexadecimal digits, as the draft shows it. */
export function contentHash(
  inputs: readonly InputFile[],
  prog: Program = programIdentity(),
): string {
  const hash = createHash('sha256').update(`${prog.name} ${prog.version} ${prog.code}\n`);
  for (const f of inputs) hash.update(`${f.rel} ${f.sha256}\n`);
  return hash.digest('hex').slice(0, 8);
}
