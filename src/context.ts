/**
 * The build context: every absolute path and choice a build needs, resolved once and frozen.
 * Stages receive it and never assign to it.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from './errors.ts';

export interface BuildFlags {
  publication?: string | undefined;
  year?: number | undefined;
  /** A final edition: refuses missing values. */
  final?: boolean | undefined;
  /** Warnings fail the build. */
  strict?: boolean | undefined;
  /** Project root; defaults to the checkout this file is in. */
  root?: string | undefined;
  /** Folder with the publications' data; defaults to <root>/data (tests point it at fixtures). */
  dataDir?: string | undefined;
  /** Output folder; defaults to <root>/output. */
  outDir?: string | undefined;
}

export interface BuildContext {
  readonly root: string;
  readonly publication: string;
  readonly year: number;
  readonly final: boolean;
  readonly strict: boolean;
  readonly locale: 'nl-NL';
  /** data/ (or a fixture's data folder) */
  readonly dataDir: string;
  /** data/<publication> */
  readonly publicationDir: string;
  /** data/<publication>/<year> */
  readonly editionDir: string;
  /** output/<publication>/<year> */
  readonly outDir: string;
  /** jaarverslag-wonen-<publication>-<year> */
  readonly baseName: string;
}

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Names of the publications under data/. */
export function listPublications(dataDir: string = path.join(PROJECT_ROOT, 'data')): string[] {
  if (!existsSync(dataDir)) return [];
  return readdirSync(dataDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(dataDir, e.name, 'publicatie.yaml')))
    .map((e) => e.name)
    .sort();
}

/** Years with an edition of a publication, oldest first. */
export function listYears(
  publication: string,
  dataDir: string = path.join(PROJECT_ROOT, 'data'),
): number[] {
  const dir = path.join(dataDir, publication);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^\d{4}$/.test(e.name))
    .map((e) => Number(e.name))
    .sort((a, b) => a - b);
}

/** Resolve flags to a frozen context; wrong names are usage errors (exit 2). */
export function resolveContext(flags: BuildFlags): BuildContext {
  const root = path.resolve(flags.root ?? PROJECT_ROOT);
  const dataDir = path.resolve(flags.dataDir ?? path.join(root, 'data'));
  const publications = listPublications(dataDir);
  const publication =
    flags.publication ?? (publications.length === 1 ? publications[0] : undefined);
  if (!publication) {
    throw new UsageError(
      `kies een publicatie met --publication (${publications.join(', ') || 'geen gevonden onder data/'})`,
    );
  }
  if (!publications.includes(publication)) {
    throw new UsageError(
      `onbekende publicatie "${publication}"; er zijn: ${publications.join(', ') || 'geen'}`,
    );
  }
  const years = listYears(publication, dataDir);
  const year = flags.year ?? years.at(-1);
  if (year === undefined || !years.includes(year)) {
    throw new UsageError(
      `geen editie ${year ?? ''} van ${publication}; er zijn: ${years.join(', ') || 'geen'}`.replace(
        '  ',
        ' ',
      ),
    );
  }
  const baseName = `jaarverslag-wonen-${publication}-${year}`;
  return Object.freeze({
    root,
    publication,
    year,
    final: flags.final ?? false,
    strict: flags.strict ?? false,
    locale: 'nl-NL',
    dataDir,
    publicationDir: path.join(dataDir, publication),
    editionDir: path.join(dataDir, publication, String(year)),
    outDir: path.resolve(flags.outDir ?? path.join(root, 'output'), publication, String(year)),
    baseName,
  });
}

/** A path relative to the root, with forward slashes, for messages. */
export function rel(ctx: Pick<BuildContext, 'root'>, file: string): string {
  const relative = path.relative(ctx.root, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return file;
  return relative.split(path.sep).join('/');
}
