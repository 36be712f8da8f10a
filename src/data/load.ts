/** Read an edition from disk: YAML with source positions, prose as text. Nothing is checked here. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { BuildContext } from '../context.ts';
import { rel } from '../context.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { InputFileError, inputRoots, readInputText } from '../files.ts';
import { readYaml } from './yaml-source.ts';
import type { YamlSource } from './yaml-source.ts';

export interface RawEdition {
  publicatie?: YamlSource | undefined;
  editie?: YamlSource | undefined;
  /** Fact files of the year, by namespace (file name without .yaml). */
  facts: Map<string, YamlSource>;
  /** Series kept once for the publication (reeksen/<namespace>.yaml), by namespace. */
  series: Map<string, YamlSource>;
  /** Where the prose files are: data/<publication>/<year>/tekst/. */
  proseDir: string;
  diagnostics: Diagnostic[];
}

export interface ProseFile {
  /** Relative path for messages. */
  file: string;
  /** Absolute path: relative image paths in the prose start here. */
  path: string;
  text: string;
}

const EDITION_FILE = 'editie.yaml';
/** data/<publication>/reeksen/: the series kept once (src/data/history.ts). */
export const SERIES_DIR = 'reeksen';

/** Load the YAML files of an edition; unreadable or malformed files become diagnostics. */
export function loadEdition(ctx: BuildContext): RawEdition {
  const diagnostics: Diagnostic[] = [];
  const roots = inputRoots(ctx);
  const read = (abs: string): YamlSource | undefined => {
    const { source, diagnostics: found } = readYaml(abs, rel(ctx, abs), roots);
    diagnostics.push(...found);
    return source;
  };
  const publicatie = read(path.join(ctx.publicationDir, 'publicatie.yaml'));
  const names = readdirSync(ctx.editionDir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();
  // woningbouw.yml beside woningbouw.yaml: neither may silently win.
  const byNamespace = new Map<string, string[]>();
  for (const name of names) {
    const namespace = name.replace(/\.ya?ml$/, '');
    byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), name]);
  }
  const twice = new Set<string>();
  for (const [namespace, files] of byNamespace) {
    if (files.length < 2) continue;
    twice.add(namespace);
    diagnostics.push({
      severity: 'error',
      file: rel(ctx, path.join(ctx.editionDir, files[0] ?? '')),
      rule: 'bestand',
      message: `${files.join(' en ')} staan allebei in ${rel(ctx, ctx.editionDir)}: verwacht één bestand voor "${namespace}"; verwijder of hernoem er een`,
    });
  }
  const editie = twice.has('editie') ? undefined : read(path.join(ctx.editionDir, EDITION_FILE));
  const facts = new Map<string, YamlSource>();
  for (const name of names) {
    if (name === EDITION_FILE) continue;
    const namespace = name.replace(/\.ya?ml$/, '');
    if (twice.has(namespace)) continue;
    if (!/^[a-z][a-z0-9_]*$/.test(namespace)) {
      diagnostics.push({
        severity: 'error',
        file: rel(ctx, path.join(ctx.editionDir, name)),
        rule: 'bestand',
        message:
          'een gegevensbestand heet als een naam in snake_case (a-z, 0-9, _), zodat de tekst ernaar kan verwijzen',
      });
      continue;
    }
    const source = read(path.join(ctx.editionDir, name));
    if (source) facts.set(namespace, source);
  }
  const series = new Map<string, YamlSource>();
  const seriesDir = path.join(ctx.publicationDir, SERIES_DIR);
  let seriesNames: string[] = [];
  try {
    seriesNames = readdirSync(seriesDir).sort();
  } catch {
    // no series: every table lives in the year's files
  }
  for (const name of seriesNames) {
    const namespace = name.replace(/\.yaml$/, '');
    if (name === namespace || !/^[a-z][a-z0-9_]*$/.test(namespace)) {
      diagnostics.push({
        severity: 'error',
        file: rel(ctx, path.join(seriesDir, name)),
        rule: 'bestand',
        message:
          'in reeksen/ staan alleen gegevensbestanden <naam>.yaml, met een naam in snake_case (a-z, 0-9, _) als die van de jaarbestanden',
      });
      continue;
    }
    const source = read(path.join(seriesDir, name));
    if (source) series.set(namespace, source);
  }
  return {
    publicatie,
    editie,
    facts,
    series,
    proseDir: path.join(ctx.editionDir, 'tekst'),
    diagnostics,
  };
}

/** Read the chapters' prose in the order the edition lists them. */
export function loadProse(
  ctx: BuildContext,
  proseDir: string,
  files: readonly string[],
): {
  prose: ProseFile[];
  diagnostics: Diagnostic[];
} {
  const prose: ProseFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const name of files) {
    const abs = path.join(proseDir, name);
    const file = rel(ctx, abs);
    try {
      const text = readInputText(abs, {
        kind: 'tekst',
        roots: inputRoots(ctx),
        file,
        missing: 'het hoofdstuk staat in editie.yaml maar het bestand ontbreekt',
      });
      prose.push({ file, path: abs, text });
    } catch (e) {
      if (!(e instanceof InputFileError)) throw e;
      diagnostics.push(e.diagnostic);
    }
  }
  return { prose, diagnostics };
}
