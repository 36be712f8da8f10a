/**
 * Pictures of the pages against reference images: an unintended layout change shows up here.
 * The references were looked at by a person (scripts/update-references.ts writes them anew).
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveContext } from '../../src/context.ts';
import { build } from '../../src/core/build.ts';
import { ROOT } from '../support/fixture.ts';
import { difference, pagePicture, REFERENCE_PAGES, referencePages } from '../support/pictures.ts';

/** At most this share of pixels may differ (anti-aliasing, not layout). */
const TOLERANCE = 0.005;

let pdf: string;
let pages: Map<string, number>;

beforeAll(async () => {
  const outDir = mkdtempSync(path.join(tmpdir(), 'jv-pic-'));
  pdf = (await build(resolveContext({ publication: 'midden-drenthe', year: 2024, outDir })))
    .pdfPath;
  pages = referencePages(pdf);
});

describe('pictures of the pages', () => {
  for (const { name } of REFERENCE_PAGES) {
    it(`the ${name} page looks as its reference`, () => {
      const reference = path.join(ROOT, 'tests', 'reference', `${name}.png`);
      expect(existsSync(reference), `${reference} ontbreekt: scripts/update-references.ts`).toBe(
        true,
      );
      const page = pages.get(name);
      expect(page, name).toBeDefined();
      const share = difference(pagePicture(pdf, page ?? 1), PNG.sync.read(readFileSync(reference)));
      expect(
        share,
        `${name}: ${(share * 100).toFixed(2)}% van de pixels wijkt af`,
      ).toBeLessThanOrEqual(TOLERANCE);
    });
  }

  it('notices a real change: another page differs from the cover by far more than the tolerance', () => {
    const cover = PNG.sync.read(readFileSync(path.join(ROOT, 'tests', 'reference', 'omslag.png')));
    expect(difference(pagePicture(pdf, 3), cover)).toBeGreaterThan(TOLERANCE * 10);
  });
});
