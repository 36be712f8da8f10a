/**
 * The picture side of a review: two pictures of a page compared with a tolerance, the changed
 * areas found as boxes and outlined, pages paired by number, and the contact sheet.
 */
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import {
  comparePictures,
  markBoxes,
  MARK,
  PADDING,
  pairPages,
  setAsideRunning,
  TOLERANCE,
} from '../../src/review/image-diff.ts';
import type { Box } from '../../src/review/image-diff.ts';
import { contactSheet, SHEET } from '../../src/review/pictures.ts';

/** A white picture with black rectangles. */
function picture(width: number, height: number, rects: Box[] = []): PNG {
  const png = new PNG({ width, height });
  png.data.fill(255);
  for (const r of rects) {
    for (let y = r.y; y < r.y + r.height; y++) {
      for (let x = r.x; x < r.x + r.width; x++) {
        const i = (y * width + x) * 4;
        png.data[i] = png.data[i + 1] = png.data[i + 2] = 0;
      }
    }
  }
  return png;
}

const pixel = (png: PNG, x: number, y: number) => [
  ...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3),
];

/** Text-like content both versions share. */
const SHARED: Box[] = [
  { x: 40, y: 30, width: 300, height: 8 },
  { x: 40, y: 50, width: 260, height: 8 },
  { x: 40, y: 250, width: 320, height: 8 },
];

describe('comparing two pictures of a page', () => {
  it('gives share 0 and no boxes for identical pictures', () => {
    const result = comparePictures(picture(400, 300, SHARED), picture(400, 300, SHARED));
    expect(result).toMatchObject({ differing: 0, share: 0, changed: false, boxes: [] });
  });

  it('finds one box that covers a changed rectangle and nothing else', () => {
    const change = { x: 120, y: 120, width: 30, height: 20 };
    const result = comparePictures(
      picture(400, 300, SHARED),
      picture(400, 300, [...SHARED, change]),
    );
    expect(result.changed).toBe(true);
    expect(result.differing).toBe(change.width * change.height);
    expect(result.share).toBeCloseTo((30 * 20) / (400 * 300), 6);
    expect(result.boxes).toHaveLength(1);
    const box = result.boxes[0]!;
    // It covers the change …
    expect(box.x).toBeLessThanOrEqual(change.x);
    expect(box.y).toBeLessThanOrEqual(change.y);
    expect(box.x + box.width).toBeGreaterThanOrEqual(change.x + change.width);
    expect(box.y + box.height).toBeGreaterThanOrEqual(change.y + change.height);
    // … with its padding, and no more: the shared lines above and below lie outside it.
    expect(box).toMatchObject({
      x: change.x - PADDING,
      y: change.y - PADDING,
      width: change.width + 2 * PADDING,
      height: change.height + 2 * PADDING,
    });
    expect(box.y).toBeGreaterThan(SHARED[1]!.y + SHARED[1]!.height);
    expect(box.y + box.height).toBeLessThan(SHARED[2]!.y);
  });

  it('gives two boxes for two changes far apart', () => {
    const result = comparePictures(
      picture(400, 300),
      picture(400, 300, [
        { x: 20, y: 20, width: 10, height: 10 },
        { x: 300, y: 200, width: 10, height: 10 },
      ]),
    );
    expect(result.boxes).toHaveLength(2);
    expect(result.boxes.map((b) => [b.x + PADDING, b.y + PADDING])).toEqual([
      [20, 20],
      [300, 200],
    ]);
  });

  it('does not count a difference below the tolerance', () => {
    const before = picture(800, 600, SHARED);
    const after = picture(800, 600, [...SHARED, { x: 500, y: 400, width: 2, height: 1 }]);
    const result = comparePictures(before, after);
    expect(result.differing).toBe(2);
    expect(result.share).toBeGreaterThan(0);
    expect(result.share).toBeLessThan(TOLERANCE);
    expect(result.changed).toBe(false);
    // With no tolerance the same difference counts: the tolerance is what decides.
    expect(comparePictures(before, after, { tolerance: 0 }).changed).toBe(true);
  });

  it('counts pictures of a different size as changed', () => {
    const result = comparePictures(picture(400, 300), picture(300, 400));
    expect(result).toMatchObject({ changed: true, sameSize: false, share: 1 });
  });

  it('outlines a box in red, 3 pixels wide, around the change and not over it', () => {
    const change = { x: 120, y: 120, width: 30, height: 20 };
    const after = picture(400, 300, [change]);
    const { boxes } = comparePictures(picture(400, 300), after);
    const marked = markBoxes(after, boxes);
    const box = boxes[0]!;
    expect(MARK.thickness).toBe(3);
    for (let t = 1; t <= 3; t++) expect(pixel(marked, box.x - t, box.y + 5)).toEqual(MARK.rgb);
    expect(pixel(marked, box.x - 4, box.y + 5)).toEqual([255, 255, 255]);
    expect(pixel(marked, box.x + 1, box.y + 5)).toEqual([255, 255, 255]);
    expect(pixel(marked, change.x + 5, change.y + 5)).toEqual([0, 0, 0]);
    // The picture itself is left as it was.
    expect(pixel(after, box.x - 1, box.y + 5)).toEqual([255, 255, 255]);
  });
});

describe('changes every page shares', () => {
  it('sets aside an area that changed in the same place on most pages (a draft stamp)', () => {
    const stamp = (n: number) => ({ x: 40, y: 280, width: 40 + n, height: 6 });
    const pages = [0, 1, 2, 3].map((n) =>
      comparePictures(
        picture(400, 300, [stamp(0)]),
        picture(
          400,
          300,
          n === 2 ? [stamp(10), { x: 200, y: 100, width: 20, height: 20 }] : [stamp(10)],
        ),
      ),
    );
    expect(pages.every((p) => p.changed)).toBe(true);
    const result = setAsideRunning(pages);
    expect(result.map((p) => p.changed)).toEqual([false, false, true, false]);
    expect(result[2]!.boxes).toHaveLength(1);
    expect(result[2]!.boxes[0]!.x).toBe(200 - PADDING);
    expect(result[2]!.differing).toBe(400);
    expect(result.every((p) => p.running.length === 1)).toBe(true);
  });

  it('keeps the changes of a short document, where "most pages" means little', () => {
    const pages = [0, 1].map(() =>
      comparePictures(
        picture(400, 300),
        picture(400, 300, [{ x: 40, y: 280, width: 40, height: 6 }]),
      ),
    );
    expect(setAsideRunning(pages).map((p) => p.changed)).toEqual([true, true]);
  });
});

describe('pairing pages', () => {
  it('pairs pages by number and lists the rest as added or removed', () => {
    expect(pairPages(3, 5)).toEqual({ both: [1, 2, 3], added: [4, 5], removed: [] });
    expect(pairPages(4, 2)).toEqual({ both: [1, 2], added: [], removed: [3, 4] });
  });
});

describe('the contact sheet', () => {
  it('puts the pages in a grid of six columns with white gaps and a grey border per page', () => {
    const pages = Array.from({ length: 8 }, () =>
      picture(360, 500, [{ x: 0, y: 0, width: 360, height: 500 }]),
    );
    const sheet = contactSheet(pages);
    const { thumbWidth, gap, border } = SHEET;
    const thumbHeight = Math.round(500 / (360 / thumbWidth));
    expect(sheet.width).toBe(gap + 6 * (thumbWidth + 2 * border + gap));
    expect(sheet.height).toBe(gap + 2 * (thumbHeight + 2 * border + gap));
    expect(pixel(sheet, gap / 2, gap / 2)).toEqual([255, 255, 255]);
    expect(pixel(sheet, gap, gap + 10)).toEqual(SHEET.borderColour);
    expect(pixel(sheet, gap + border + 10, gap + border + 10)).toEqual([0, 0, 0]);
    // The seventh page starts the second row; the row has room for six.
    const secondRow = gap + thumbHeight + 2 * border + gap;
    expect(pixel(sheet, gap + border + 10, secondRow + border + 10)).toEqual([0, 0, 0]);
    expect(pixel(sheet, sheet.width - gap - 10, secondRow + border + 10)).toEqual([255, 255, 255]);
  });
});
