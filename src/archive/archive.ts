/**
 * The final edition for the archive: archive/<publicatie>/<jaar>/ holds the PDF (PDF/A-2), the
 * HTML edition and the CSV files; a copy of every input under invoer/ (data, prose, images,
 * templates, house style, fonts, colour profile) laid out as in the project, so that the
 * edition can be rebuilt from it; manifest.json with the SHA-256 of every file and the versions
 * of the program, Node, Chromium and the libraries; and the MDTO records under mdto/.
 *
 * The folder is made beside its place and moved there when complete: a failed archive leaves
 * an earlier one untouched. An edition already archived is not overwritten.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import { z } from 'zod';
import { PROJECT_ROOT, resolveContext } from '../context.ts';
import type { BuildFlags } from '../context.ts';
import { build } from '../core/build.ts';
import type { BuildResult } from '../core/build.ts';
import { EnvironmentError, JaarverslagError } from '../errors.ts';
import { withReadLog } from '../files.ts';
import { packageVersion } from '../figures/cache.ts';
import { filesUnder, programIdentity, sha256, slash, withReads } from './inputs.ts';
import { bestandXml, FORMATS, informatieobjectXml } from './mdto.ts';
import type { FileRecord, Format, ObjectRecord } from './mdto.ts';
import type { PdfAConformance } from '../finalize/pdfa.ts';

export const MANIFEST = 'manifest.json';
export const INPUT_DIR = 'invoer';
export const MDTO_DIR = 'mdto';

const ManifestFile = z.strictObject({
  pad: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  grootte: z.number().int().nonnegative(),
  soort: z.enum(['uitvoer', 'invoer', 'mdto']),
  invoersoort: z.string().optional(),
});

export const Manifest = z.strictObject({
  manifest: z.literal(1),
  publicatie: z.string(),
  jaar: z.number().int(),
  titel: z.string(),
  uitgever: z.string(),
  datum: z.string().nullable(),
  gearchiveerd: z.string(),
  pdfa: z.string(),
  source_date_epoch: z.string().nullable(),
  sjablonen: z.string(),
  versies: z.strictObject({
    jaarverslag: z.string(),
    programmacode: z.string(),
    node: z.string(),
    chromium: z.string(),
    bibliotheken: z.record(z.string(), z.string()),
  }),
  bestanden: z.array(ManifestFile),
});
export type Manifest = z.infer<typeof Manifest>;
export type ManifestFile = z.infer<typeof ManifestFile>;

/** The archive folder of all publications: archive/, or JAARVERSLAG_ARCHIEF. */
export function archiveRoot(root: string = PROJECT_ROOT): string {
  return path.resolve(process.env.JAARVERSLAG_ARCHIEF || path.join(root, 'archive'));
}

/** The installed version of each library the program depends on (package.json). */
export function libraryVersions(): Record<string, string> {
  const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const out: Record<string, string> = {};
  for (const name of Object.keys(pkg.dependencies ?? {}).sort()) {
    try {
      out[name] = packageVersion(name);
    } catch {
      out[name] = 'niet gevonden';
    }
  }
  return out;
}

/** The format of an output file, by its name; the PDF's from its PDF/A conformance. */
function formatOf(name: string, pdfa: PdfAConformance): Format {
  if (name.endsWith('.pdf')) return FORMATS[`PDF/A-2${pdfa}`];
  if (name.endsWith('.html')) return FORMATS.html;
  return FORMATS.csv;
}

export interface ArchiveResult {
  dir: string;
  manifest: Manifest;
  build: BuildResult;
}

/** Build the final edition into the archive with its inputs, manifest and MDTO records. */
export async function archiveEdition(
  flags: BuildFlags,
  options: { browser?: Browser | Promise<Browser> | undefined; archiveDir?: string } = {},
): Promise<ArchiveResult> {
  const first = resolveContext({ ...flags, final: true });
  const base = options.archiveDir ?? archiveRoot(first.root);
  const dir = path.join(base, first.publication, String(first.year));
  if (existsSync(dir)) {
    throw new JaarverslagError(
      `${dir} bestaat al: een gearchiveerde editie wordt niet overschreven. ` +
        `"jaarverslag verify" controleert haar; haal de map weg om opnieuw te archiveren.`,
    );
  }
  const staging = path.join(base, `.archiveren-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  try {
    const ctx = resolveContext({ ...flags, final: true, outDir: staging });
    const { result, reads } = await withReadLog(() =>
      build(ctx, { browser: options.browser, review: false }),
    );
    const { edition } = result;
    const inputs = withReads(ctx, result.inputs, reads);
    // A copy of every input, laid out as the project has it.
    for (const f of inputs) {
      const target = path.join(ctx.outDir, INPUT_DIR, ...f.rel.split('/'));
      mkdirSync(path.dirname(target), { recursive: true });
      const data = readFileSync(f.abs);
      if (sha256(data) !== f.sha256)
        throw new EnvironmentError(`${f.rel} veranderde tijdens het archiveren; probeer opnieuw`);
      writeFileSync(target, data);
    }
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    // A final edition is always made PDF/A (or the build fails): its level names the format.
    const pdfa = result.pdfa?.conformance;
    if (!pdfa) throw new Error('de definitieve editie heeft geen PDF/A-identificatie');
    const program = programIdentity();
    const outputs: FileRecord[] = result.outputs.map((file) => {
      const data = readFileSync(file);
      const naam = path.basename(file);
      return { naam, omvang: data.length, sha256: sha256(data), formaat: formatOf(naam, pdfa) };
    });
    const record: ObjectRecord = {
      kenmerk: `${ctx.publication}/${ctx.year}`,
      bron: edition.publicatie.uitgever,
      naam: edition.editie.titel,
      omschrijving: edition.editie.onderwerp ?? edition.editie.ondertitel,
      trefwoorden: edition.publicatie.trefwoorden,
      taal: edition.publicatie.taal,
      datum: edition.editie.datum ?? undefined,
      uitgever: edition.publicatie.uitgever,
      applicatie: `${program.name} ${program.version} (Node ${process.version}, ${result.browserVersion}, pdf-lib)`,
      checksumDatum: now,
      waardering: edition.publicatie.archief?.waardering ?? 'N',
      openbaarheid: edition.publicatie.archief?.openbaarheid ?? 'Openbaar',
      bestanden: outputs,
    };
    const mdtoDir = path.join(ctx.outDir, MDTO_DIR);
    mkdirSync(mdtoDir, { recursive: true });
    writeFileSync(path.join(mdtoDir, `${ctx.baseName}.mdto.xml`), informatieobjectXml(record));
    for (const b of outputs)
      writeFileSync(path.join(mdtoDir, `${b.naam}.bestand.mdto.xml`), bestandXml(record, b));
    const manifest: Manifest = {
      manifest: 1,
      publicatie: ctx.publication,
      jaar: ctx.year,
      titel: edition.editie.titel,
      uitgever: edition.publicatie.uitgever,
      datum: edition.editie.datum,
      gearchiveerd: now,
      pdfa: `2${pdfa}`,
      source_date_epoch: process.env.SOURCE_DATE_EPOCH ?? null,
      sjablonen: edition.publicatie.sjablonen,
      versies: {
        jaarverslag: program.version,
        programmacode: program.code,
        node: process.version,
        chromium: result.browserVersion,
        bibliotheken: libraryVersions(),
      },
      bestanden: [
        ...outputs.map((o) => ({
          pad: o.naam,
          sha256: o.sha256,
          grootte: o.omvang,
          soort: 'uitvoer' as const,
        })),
        ...filesUnder(mdtoDir).map((file) => describe(ctx.outDir, file, 'mdto')),
        ...inputs.map((f) => ({
          pad: `${INPUT_DIR}/${f.rel}`,
          sha256: f.sha256,
          grootte: f.size,
          soort: 'invoer' as const,
          invoersoort: f.kind,
        })),
      ],
    };
    writeFileSync(path.join(ctx.outDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    mkdirSync(path.dirname(dir), { recursive: true });
    renameSync(ctx.outDir, dir);
    return {
      dir,
      manifest,
      build: { ...result, pdfPath: path.join(dir, path.basename(result.pdfPath)) },
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function describe(dir: string, file: string, soort: ManifestFile['soort']): ManifestFile {
  const data = readFileSync(file);
  return {
    pad: slash(path.relative(dir, file)),
    sha256: sha256(data),
    grootte: data.length,
    soort,
  };
}

/** Read and check an archive's manifest; a clear error when it is missing or damaged. */
export function readManifest(dir: string): Manifest {
  const file = path.join(dir, MANIFEST);
  if (!existsSync(file)) {
    throw new JaarverslagError(
      `${file} ontbreekt: ${existsSync(dir) ? 'dit is geen gearchiveerde editie' : 'deze editie is niet gearchiveerd ("jaarverslag archive")'}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new JaarverslagError(
      `${file} is beschadigd: geen geldige JSON (${(e as Error).message})`,
    );
  }
  const parsed = Manifest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new JaarverslagError(
      `${file} is beschadigd: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'onbekende vorm'}`,
    );
  }
  for (const f of parsed.data.bestanden) {
    if (f.pad.split('/').some((p) => p === '..' || p === '') || path.isAbsolute(f.pad))
      throw new JaarverslagError(`${file} is beschadigd: het pad "${f.pad}" ligt buiten de map`);
  }
  return parsed.data;
}

export interface VerifyResult {
  manifest: Manifest;
  checked: number;
  /** Files whose content differs from the manifest's checksum (or size). */
  changed: string[];
  missing: string[];
  /** Files in the folder the manifest does not list. */
  extra: string[];
}

/** Re-check every checksum of an archived edition. */
export function verifyArchive(dir: string): VerifyResult {
  const manifest = readManifest(dir);
  const changed: string[] = [];
  const missing: string[] = [];
  const listed = new Set<string>([MANIFEST]);
  for (const f of manifest.bestanden) {
    listed.add(f.pad);
    const file = path.join(dir, ...f.pad.split('/'));
    let stat;
    try {
      stat = statSync(file);
    } catch {
      missing.push(f.pad);
      continue;
    }
    if (!stat.isFile() || stat.size !== f.grootte || sha256(readFileSync(file)) !== f.sha256)
      changed.push(f.pad);
  }
  const extra = filesUnder(dir)
    .map((file) => slash(path.relative(dir, file)))
    .filter((p) => !listed.has(p));
  return { manifest, checked: manifest.bestanden.length, changed, missing, extra };
}

export interface RebuildResult {
  identical: string[];
  different: string[];
  /** The Chromium that printed the archived edition and the one that printed it now. */
  chromium: { archived: string; now: string };
}

/**
 * Build the edition again from the archived inputs alone (a copy under output/.cache/) and
 * compare every output byte for byte with the archived one.
 */
export async function rebuildArchive(
  dir: string,
  options: { browser?: Browser | Promise<Browser> | undefined } = {},
): Promise<RebuildResult> {
  const manifest = readManifest(dir);
  const work = path.join(PROJECT_ROOT, 'output', '.cache', `herbouw-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  try {
    cpSync(path.join(dir, INPUT_DIR), work, { recursive: true });
    // The packages are the program's, not inputs: the fonts and profile come from the copy.
    if (!existsSync(path.join(work, 'node_modules')))
      symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(work, 'node_modules'));
    const ctx = resolveContext({
      root: work,
      dataDir: path.join(work, 'data'),
      outDir: path.join(work, 'uitvoer'),
      publication: manifest.publicatie,
      year: manifest.jaar,
      final: true,
    });
    const result = await build(ctx, { browser: options.browser, review: false });
    const identical: string[] = [];
    const different: string[] = [];
    const made = new Map(result.outputs.map((f) => [path.basename(f), f]));
    for (const f of manifest.bestanden.filter((b) => b.soort === 'uitvoer')) {
      const file = made.get(f.pad);
      made.delete(f.pad);
      if (file && sha256(readFileSync(file)) === f.sha256) identical.push(f.pad);
      else different.push(f.pad);
    }
    different.push(...made.keys());
    return {
      identical,
      different,
      chromium: { archived: manifest.versies.chromium, now: result.browserVersion },
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
