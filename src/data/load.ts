/** Read an edition from disk: YAML with source positions, prose as text. Nothing is checked here. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BuildContext } from '../context.ts';
import { rel } from '../context.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { readYaml } from './yaml-source.ts';
import type { YamlSource } from './yaml-source.ts';

export interface RawEdition {
  publicatie?: YamlSource | undefined;
  editie?: YamlSource | undefined;
  /** Fact files of the year, by namespace (file name without .yaml). */
  facts: Map<string, YamlSource>;
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

/** Load the YAML files of an edition; unreadable or malformed files become diagnostics. */
export function loadEdition(ctx: BuildContext): RawEdition {
  const diagnostics: Diagnostic[] = [];
  const read = (abs: string): YamlSource | undefined => {
    if (!existsSync(abs)) {
      diagnostics.push({ severity: 'error', file: rel(ctx, abs), rule: 'bestand', message: 'het bestand ontbreekt' });
      return undefined;
    }
    const { source, diagnostics: found } = readYaml(abs, rel(ctx, abs));
    diagnostics.push(...found);
    return source;
  };
  const publicatie = read(path.join(ctx.publicationDir, 'publicatie.yaml'));
  const editie = read(path.join(ctx.editionDir, EDITION_FILE));
  const facts = new Map<string, YamlSource>();
  for (const name of readdirSync(ctx.editionDir).sort()) {
    if (!/\.ya?ml$/.test(name) || name === EDITION_FILE) continue;
    const namespace = name.replace(/\.ya?ml$/, '');
    if (!/^[a-z][a-z0-9_]*$/.test(namespace)) {
      diagnostics.push({
        severity: 'error',
        file: rel(ctx, path.join(ctx.editionDir, name)),
        rule: 'bestand',
        message: 'een gegevensbestand heet als een naam in snake_case (a-z, 0-9, _), zodat de tekst ernaar kan verwijzen',
      });
      continue;
    }
    const source = read(path.join(ctx.editionDir, name));
    if (source) facts.set(namespace, source);
  }
  return { publicatie, editie, facts, proseDir: path.join(ctx.editionDir, 'tekst'), diagnostics };
}

/** Read the chapters' prose in the order the edition lists them. */
export function loadProse(ctx: BuildContext, proseDir: string, files: readonly string[]): {
  prose: ProseFile[];
  diagnostics: Diagnostic[];
} {
  const prose: ProseFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const name of files) {
    const abs = path.join(proseDir, name);
    const file = rel(ctx, abs);
    if (!existsSync(abs)) {
      diagnostics.push({ severity: 'error', file, rule: 'bestand', message: 'het hoofdstuk staat in editie.yaml maar het bestand ontbreekt' });
      continue;
    }
    prose.push({ file, path: abs, text: readFileSync(abs, 'utf8') });
  }
  return { prose, diagnostics };
}
