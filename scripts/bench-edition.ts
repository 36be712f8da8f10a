/**
 * A synthetic edition `factor` times the size of a real one, for `npm run bench`: every chapter
 * `factor` times over, each copy with its own fact files (so its own figures and tables, which a
 * report places once each) and headings marked "(deel k)". Copy 1 is the real edition unchanged.
 * Written into a folder the caller chooses (a temporary one); never into data/.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';

export interface BigEdition {
  /** The data folder to point JAARVERSLAG_DATA at. */
  dataDir: string;
  publication: string;
  chapters: number;
  factFiles: number;
}

const FACT_FILE = /^([a-z][a-z0-9_]*)\.ya?ml$/;

/**
 * Copy <sourceDataDir>/<publication>/<year> into <targetDataDir>/<newPublication>/<year>,
 * multiplied. The publication gets another name so that its build writes beside, not over,
 * the real edition's output.
 */
export function makeBigEdition(options: {
  sourceDataDir: string;
  publication: string;
  year: number;
  targetDataDir: string;
  newPublication: string;
  factor: number;
}): BigEdition {
  const { sourceDataDir, publication, year, targetDataDir, newPublication, factor } = options;
  const fromPub = path.join(sourceDataDir, publication);
  const from = path.join(fromPub, String(year));
  const toPub = path.join(targetDataDir, newPublication);
  const to = path.join(toPub, String(year));
  mkdirSync(path.join(to, 'tekst'), { recursive: true });
  copyFileSync(path.join(fromPub, 'publicatie.yaml'), path.join(toPub, 'publicatie.yaml'));

  // Fact files: namespace.yaml once as it is, then namespace_k.yaml for every further copy.
  const namespaces: string[] = [];
  for (const name of readdirSync(from)) {
    const m = FACT_FILE.exec(name);
    if (!m?.[1] || m[1] === 'editie') continue;
    namespaces.push(m[1]);
    copyFileSync(path.join(from, name), path.join(to, name));
    for (let k = 2; k <= factor; k++) {
      copyFileSync(path.join(from, name), path.join(to, name.replace(m[1], `${m[1]}_${k}`)));
    }
  }

  // Series kept once (reeksen/<namespace>.yaml) belong to the same namespaces: copied the same way.
  const series = path.join(fromPub, 'reeksen');
  if (existsSync(series)) {
    mkdirSync(path.join(toPub, 'reeksen'), { recursive: true });
    for (const name of readdirSync(series)) {
      const m = FACT_FILE.exec(name);
      if (!m?.[1]) continue;
      if (!namespaces.includes(m[1])) namespaces.push(m[1]);
      copyFileSync(path.join(series, name), path.join(toPub, 'reeksen', name));
      for (let k = 2; k <= factor; k++) {
        copyFileSync(
          path.join(series, name),
          path.join(toPub, 'reeksen', name.replace(m[1], `${m[1]}_${k}`)),
        );
      }
    }
  }

  const edition = parseDocument(readFileSync(path.join(from, 'editie.yaml'), 'utf8'));
  const chapters = edition.toJS().hoofdstukken as unknown;
  if (!Array.isArray(chapters) || !chapters.every((c) => typeof c === 'string')) {
    throw new Error(`${path.join(from, 'editie.yaml')}: hoofdstukken is geen lijst van bestanden`);
  }
  const names: string[] = [];
  const nsPattern = new RegExp(`(?<![\\w.])(${namespaces.join('|')})\\.`, 'g');
  for (let k = 1; k <= factor; k++) {
    chapters.forEach((file: string, i) => {
      const text = readFileSync(path.join(from, 'tekst', file), 'utf8');
      // Same chapter id (so the same chapter template), a number that keeps the order.
      const name = `${(k - 1) * chapters.length + i + 1}-${file.replace(/^\d+-/, '')}`;
      names.push(name);
      writeFileSync(path.join(to, 'tekst', name), k === 1 ? text : copyOf(text, k, nsPattern));
    });
  }
  edition.set('hoofdstukken', names);
  writeFileSync(path.join(to, 'editie.yaml'), edition.toString());
  return {
    dataDir: targetDataDir,
    publication: newPublication,
    chapters: names.length,
    factFiles: namespaces.length * factor,
  };
}

/** Copy k of a chapter: its facts from the k-th fact files, every heading marked as copy k. */
function copyOf(text: string, k: number, nsPattern: RegExp): string {
  return text
    .replace(/\{\{[\s\S]*?\}\}/g, (expr) => expr.replace(nsPattern, `$1_${k}.`))
    .replace(/^(#{1,6}[ \t]+.*?)[ \t]*$/gm, `$1 (deel ${k})`);
}
