/**
 * One print when the page numbers are known: a build starts from the previous edition's contents
 * numbers and prints again only when they moved. The numbers stay right either way.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/context.ts';
import { build } from '../../src/core/build.ts';
import { fixtureCopy } from '../support/fixture.ts';
import { pageTexts } from '../support/pdf.ts';

const PROSE = 'proef/2024/tekst/1-cijfers.md';

/** The contents' number for chapter 2 in the HTML edition, and the page its heading is on. */
function chapterTwo(result: { htmlPath: string; pdfPath: string }) {
  const html = readFileSync(result.htmlPath, 'utf8');
  const listed = Number(/data-pagina-van="h-2"[^>]*>(\d+)</.exec(html)?.[1]);
  const actual = pageTexts(result.pdfPath).findIndex((p) => p.includes('2. Verder')) + 1;
  return { listed, actual };
}

describe('printing once when nothing moved', () => {
  it('the second build of the same edition measures once and prints; a change that moves pages measures again', async () => {
    const copy = fixtureCopy('minimaal');
    const outDir = mkdtempSync(path.join(tmpdir(), 'jv-out-'));
    const ctx = resolveContext({ dataDir: copy.dataDir, outDir, publication: 'proef', year: 2024 });
    const first = await build(ctx);
    // At least one print to measure, then the final one.
    expect(first.passes).toBeGreaterThanOrEqual(2);
    const before = chapterTwo(first);
    expect(before.listed).toBe(before.actual);
    const second = await build(ctx);
    // The same document: the earlier layout decisions and page numbers hold; one print confirms them.
    expect(second.passes).toBe(2);
    expect(second.layout?.cached).toBe(true);
    expect(chapterTwo(second)).toEqual(before);
    expect(readFileSync(second.pdfPath).length).toBeGreaterThan(0);

    // Three pages more text in chapter 1: chapter 2 moves, the contents must follow.
    const longer = fixtureCopy('minimaal', {
      [PROSE]: (t) =>
        `${t}\n${'De woningmarkt in het proefdorp ontwikkelt zich volgens de verwachting van de gemeente.\n\n'.repeat(120)}`,
    });
    const moved = await build(
      resolveContext({ dataDir: longer.dataDir, outDir, publication: 'proef', year: 2024 }),
    );
    expect(moved.passes).toBeGreaterThan(2);
    const two = chapterTwo(moved);
    expect(two.actual).toBeGreaterThan(before.actual);
    expect(two.listed).toBe(two.actual);
  });
});
