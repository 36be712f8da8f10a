/**
 * A draft says which draft it is: beside CONCEPT, the foot of its pages carries the build's date
 * (SOURCE_DATE_EPOCH when set) and a short hash of all inputs, so that two printed drafts are
 * never confused. The final edition has neither.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'puppeteer';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/context.ts';
import { build } from '../../src/core/build.ts';
import { closeBrowser, launchBrowser } from '../../src/print/browser.ts';
import { draftDate } from '../../src/render/draft-mark.ts';
import { editFile, fixtureCopy } from '../support/fixture.ts';
import { draftMarks, pageTexts } from '../support/pdf.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await closeBrowser(browser);
});
afterEach(() => {
  delete process.env.SOURCE_DATE_EPOCH;
});

const buildProef = async (dataDir: string, final = false) =>
  (
    await build(
      resolveContext({
        dataDir,
        publication: 'proef',
        year: 2024,
        outDir: mkdtempSync(path.join(tmpdir(), 'jv-mark-')),
        final,
      }),
      { browser },
    )
  ).pdfPath;

const MARK = /^Concept (\d{1,2} \p{L}+ \d{4}) · inhoud ([0-9a-f]{8})$/u;

describe('the draft mark', () => {
  it('is on every page after the cover: the date of SOURCE_DATE_EPOCH and one hash', async () => {
    process.env.SOURCE_DATE_EPOCH = String(Date.UTC(2025, 0, 31, 12) / 1000);
    const marks = draftMarks(await buildProef(fixtureCopy('minimaal').dataDir));
    expect(marks.length).toBeGreaterThan(2);
    const after = marks.slice(1);
    for (const m of after) expect(m).toMatch(MARK);
    expect(new Set(after).size).toBe(1);
    expect(after[0]?.match(MARK)?.[1]).toBe('31 januari 2025');
  });

  it('without SOURCE_DATE_EPOCH says the day of the build', async () => {
    const marks = draftMarks(await buildProef(fixtureCopy('minimaal').dataDir));
    const [, date] = marks.find(Boolean)?.match(MARK) ?? [];
    const [y, m, d] = draftDate().split('-').map(Number);
    const months = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus'];
    const more = ['september', 'oktober', 'november', 'december'];
    expect(date).toBe(`${d} ${[...months, ...more][(m ?? 1) - 1]} ${y}`);
  });

  it('keeps its hash while the inputs stay the same, and changes it when one byte of one changes', async () => {
    const copy = fixtureCopy('minimaal');
    const hash = async () =>
      draftMarks(await buildProef(copy.dataDir))
        .find(Boolean)
        ?.match(MARK)?.[2];
    const first = await hash();
    expect(first).toMatch(/^[0-9a-f]{8}$/);
    expect(await hash()).toBe(first);
    // A comment changes no number and no word of the report, but it is another input.
    editFile(copy.file('proef/2024/cijfers.yaml'), (t) => t.replace('(geen bron)', '(geen bron!)'));
    const second = await hash();
    expect(second).toMatch(/^[0-9a-f]{8}$/);
    expect(second).not.toBe(first);
  });

  it('is not on the final edition', async () => {
    const pdf = await buildProef(fixtureCopy('minimaal').dataDir, true);
    expect(draftMarks(pdf).filter(Boolean)).toEqual([]);
    expect(pageTexts(pdf).join(' ')).not.toMatch(/CONCEPT|inhoud [0-9a-f]{8}/);
  });
});
