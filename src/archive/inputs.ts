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

/** Every file under `dir` (names starting with a dot left out), sorted. */
function walk(dir: string, skip: (name: string, depth: number) => boolean, depth = 0): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || skip(entry.name, depth)) continue;
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(file, skip, depth + 1));
    else if (entry.isFile() || entry.isSymbolicLink()) out.push(file);
  }
  return out.sort();
}

const slash = (p: string) => p.split(path.sep).join('/');

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
 * folder; other years are not read), the template set, the font files of the house style, the
 * colour profile of a final edition, and whatever else a build was seen to read (`reads`, from
 * the read log of src/files.ts: another publication's data compared with, say).
 */
export function editionInputs(
  ctx: BuildContext,
  templateSet: string,
  style: HouseStyle,
  reads: readonly InputRead[] = [],
): InputFile[] {
  const listed = new Map<string, InputKind>();
  const add = (file: string, kind: InputKind = kindOf(file)) => {
    if (!listed.has(file)) listed.set(file, kind);
  };
  const year = String(ctx.year);
  for (const f of walk(
    ctx.publicationDir,
    (name, depth) => depth === 0 && /^\d{4}$/.test(name) && name !== year,
  ))
    add(f);
  for (const f of walk(path.join(ctx.root, 'templates', templateSet), () => false)) add(f);
  for (const f of fontFiles(ctx.root, style)) add(f.file, 'lettertype');
  if (ctx.final) add(srgbProfilePath(ctx.root), 'kleurprofiel');
  const roots = [...inputRoots(ctx), ...fontRoots(ctx.root)];
  const files: InputFile[] = [];
  const seen = new Set<string>();
  const take = (abs: string, kind: InputKind, required: boolean) => {
    let bytes: Buffer;
    try {
      bytes = readInputBytes(abs, { kind, roots });
    } catch (e) {
      // A stray file the build does not read (too large, a link elsewhere) is no input of it.
      if (e instanceof InputFileError && !required) return;
      throw e;
    }
    const rel = archiveName(ctx, abs);
    if (seen.has(rel)) return;
    seen.add(rel);
    files.push({
      abs,
      rel,
      kind,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  };
  for (const [file, kind] of listed) take(file, kind, false);
  for (const r of reads) take(r.file, r.kind, true);
  return files.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
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
  for (const f of walk(src, () => false)) {
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
