/**
 * Writes the reference pictures the layout test compares against (tests/reference/*.png):
 * cover, contents, a chart page and a table page of the Midden-Drenthe 2024 report.
 * Run after an intended layout change, look at the pictures, and commit them.
 *   node --import tsx scripts/update-references.ts
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { resolveContext } from '../src/context.ts';
import { build } from '../src/core/build.ts';
import { pagePicture, referencePages } from '../tests/support/pictures.ts';

const outDir = mkdtempSync(path.join(tmpdir(), 'jv-ref-'));
const result = await build(resolveContext({ publication: 'midden-drenthe', year: 2024, outDir }));
for (const [name, page] of referencePages(result.pdfPath)) {
  const file = path.join('tests', 'reference', `${name}.png`);
  writeFileSync(file, PNG.sync.write(pagePicture(result.pdfPath, page)));
  console.log(`${file} (pagina ${page})`);
}
