/**
 * Which pages look different: two pictures of the same page compared pixel by pixel (pixelmatch),
 * the differing pixels clustered into boxes, and those boxes drawn on the pictures.
 */
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

/**
 * pixelmatch's colour threshold (0–1): how far two pixels may differ and still count as equal.
 * Anti-aliased edges are detected and never counted.
 */
export const THRESHOLD = 0.1;

/**
 * Share of a page's pixels that must differ before the page counts as changed: 0.005 % (about
 * 40 pixels of a page drawn at 90 dpi). The same PDF renders the same pixels every time, so
 * anything above this is a real change; one changed digit in the body text is already above it,
 * a stray pixel of a re-rendered chart is not.
 */
export const TOLERANCE = 0.00001;

/** Side of the grid cells the differing pixels are gathered in before they become boxes. */
export const CELL = 16;

/** White space added around each box, so that its outline does not cover the change. */
export const PADDING = 6;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A changed area: a box and the number of differing pixels in it. */
export interface Area extends Box {
  pixels: number;
}

export interface PictureComparison {
  /** Number of pixels of the page (of the new picture). */
  total: number;
  /** Number of pixels that differ (0 when the sizes differ). */
  differing: number;
  /** Share of the page's pixels that differ, 0–1 (1 when the sizes differ). */
  share: number;
  /** Above the tolerance, or a different size. */
  changed: boolean;
  sameSize: boolean;
  /** The changed areas on the new picture, padded; empty when the sizes differ. */
  boxes: Area[];
  /**
   * Areas set aside because the same area changed on most pages (see setAsideRunning): not
   * counted in `differing` and `share`.
   */
  running: Area[];
}

/**
 * Compare two pictures of a page. Pictures of a different size count as changed as a whole.
 * `tolerance` is the share of pixels above which the page counts as changed.
 */
export function comparePictures(
  before: PNG,
  after: PNG,
  options: { threshold?: number; tolerance?: number } = {},
): PictureComparison {
  const tolerance = options.tolerance ?? TOLERANCE;
  if (before.width !== after.width || before.height !== after.height)
    return {
      total: after.width * after.height,
      differing: 0,
      share: 1,
      changed: true,
      sameSize: false,
      boxes: [],
      running: [],
    };
  const { width, height } = after;
  const mask = new PNG({ width, height });
  const differing = pixelmatch(before.data, after.data, mask.data, width, height, {
    threshold: options.threshold ?? THRESHOLD,
    diffMask: true,
  });
  const share = differing / (width * height);
  return {
    total: width * height,
    differing,
    share,
    changed: share > tolerance,
    sameSize: true,
    boxes: differing === 0 ? [] : boxesOf(mask),
    running: [],
  };
}

/**
 * The changed areas of a pixelmatch mask (differing pixels opaque, the rest transparent): the
 * pixels gathered in a grid of CELL × CELL cells, touching cells (also diagonally) joined into one
 * area, each area the bounding box of its differing pixels plus PADDING, overlapping boxes merged.
 */
export function boxesOf(mask: PNG): Area[] {
  const { width, height } = mask;
  const cols = Math.ceil(width / CELL);
  const rows = Math.ceil(height / CELL);
  // Per cell the bounding box of its differing pixels: minX, minY, maxX, maxY (-1 = none).
  const cells = new Int32Array(cols * rows * 4).fill(-1);
  const counts = new Int32Array(cols * rows);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (mask.data[(y * width + x) * 4 + 3] === 0) continue;
      const cell = Math.floor(y / CELL) * cols + Math.floor(x / CELL);
      counts[cell]!++;
      const c = cell * 4;
      if (cells[c] === -1) {
        cells[c] = x;
        cells[c + 1] = y;
        cells[c + 2] = x;
        cells[c + 3] = y;
      } else {
        cells[c] = Math.min(cells[c]!, x);
        cells[c + 1] = Math.min(cells[c + 1]!, y);
        cells[c + 2] = Math.max(cells[c + 2]!, x);
        cells[c + 3] = Math.max(cells[c + 3]!, y);
      }
    }
  }
  const seen = new Uint8Array(cols * rows);
  const boxes: Area[] = [];
  for (let start = 0; start < cols * rows; start++) {
    if (seen[start] || cells[start * 4] === -1) continue;
    let [minX, minY, maxX, maxY] = [width, height, -1, -1];
    let pixels = 0;
    const queue = [start];
    seen[start] = 1;
    while (queue.length > 0) {
      const cell = queue.pop()!;
      pixels += counts[cell]!;
      minX = Math.min(minX, cells[cell * 4]!);
      minY = Math.min(minY, cells[cell * 4 + 1]!);
      maxX = Math.max(maxX, cells[cell * 4 + 2]!);
      maxY = Math.max(maxY, cells[cell * 4 + 3]!);
      const cx = cell % cols;
      const cy = Math.floor(cell / cols);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = cx + dx;
          const ny = cy + dy;
          if (nx < 0 || ny < 0 || nx >= cols || ny >= rows) continue;
          const n = ny * cols + nx;
          if (seen[n] || cells[n * 4] === -1) continue;
          seen[n] = 1;
          queue.push(n);
        }
      }
    }
    const box = { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
    boxes.push({ ...padded(box, width, height), pixels });
  }
  return mergeOverlapping(boxes);
}

function padded(box: Box, width: number, height: number): Box {
  const x = Math.max(0, box.x - PADDING);
  const y = Math.max(0, box.y - PADDING);
  return {
    x,
    y,
    width: Math.min(width, box.x + box.width + PADDING) - x,
    height: Math.min(height, box.y + box.height + PADDING) - y,
  };
}

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function mergeOverlapping(boxes: Area[]): Area[] {
  const out = [...boxes];
  for (let merged = true; merged;) {
    merged = false;
    for (let i = 0; i < out.length && !merged; i++) {
      for (let j = i + 1; j < out.length && !merged; j++) {
        const a = out[i]!;
        const b = out[j]!;
        if (!overlap(a, b)) continue;
        const x = Math.min(a.x, b.x);
        const y = Math.min(a.y, b.y);
        out[i] = {
          x,
          y,
          width: Math.max(a.x + a.width, b.x + b.width) - x,
          height: Math.max(a.y + a.height, b.y + b.height) - y,
          pixels: a.pixels + b.pixels,
        };
        out.splice(j, 1);
        merged = true;
      }
    }
  }
  return out.sort((a, b) => a.y - b.y || a.x - b.x);
}

/**
 * An area counts as running (a page element such as a draft stamp with a date and a content code
 * in the footer) when it changed, in the same place, on at least this share of the pages compared
 * and on at least RUNNING_MIN_PAGES pages.
 */
export const RUNNING_SHARE = 0.5;
export const RUNNING_MIN_PAGES = 3;
/** How far (in pixels) two areas on different pages may lie apart and still be "the same place". */
const SAME_PLACE = 2;

function samePlace(a: Box, b: Box): boolean {
  return (
    Math.abs(a.x - b.x) <= SAME_PLACE &&
    Math.abs(a.y - b.y) <= SAME_PLACE &&
    Math.abs(a.width - b.width) <= SAME_PLACE &&
    Math.abs(a.height - b.height) <= SAME_PLACE
  );
}

/**
 * Set aside the changes every page shares. A draft's footer that names the content's checksum
 * changes on every page when anything changes; that says nothing about the page. Areas found in
 * the same place on most pages move to `running`, and each page counts as changed only by what
 * is left (a different page size always counts).
 */
export function setAsideRunning(
  comparisons: PictureComparison[],
  tolerance: number = TOLERANCE,
): PictureComparison[] {
  const needed = Math.max(RUNNING_MIN_PAGES, Math.ceil(RUNNING_SHARE * comparisons.length));
  const isRunning = (area: Area) =>
    comparisons.filter((c) => c.boxes.some((b) => samePlace(b, area))).length >= needed;
  return comparisons.map((c) => {
    if (!c.sameSize) return c;
    const running = c.boxes.filter(isRunning);
    if (running.length === 0) return c;
    const boxes = c.boxes.filter((b) => !running.includes(b));
    const differing = boxes.reduce((sum, b) => sum + b.pixels, 0);
    const share = differing / c.total;
    return { ...c, differing, share, changed: share > tolerance, boxes, running };
  });
}

/** Colour and width of the outlines around changed areas; running areas are outlined in grey. */
export const MARK = { rgb: [220, 0, 0] as [number, number, number], thickness: 3 };
export const RUNNING_MARK = { rgb: [150, 150, 150] as [number, number, number], thickness: 2 };

/**
 * A copy of the picture with every box outlined in red, MARK.thickness pixels wide, the outline
 * drawn just outside the box where the page leaves room (inside it at the page's edge).
 */
export function markBoxes(picture: PNG, boxes: Box[], running: Box[] = []): PNG {
  const out = new PNG({ width: picture.width, height: picture.height });
  picture.data.copy(out.data);
  outline(out, running, RUNNING_MARK);
  outline(out, boxes, MARK);
  return out;
}

function outline(out: PNG, boxes: Box[], mark: typeof MARK): void {
  const t = mark.thickness;
  const paint = (x: number, y: number) => {
    if (x < 0 || y < 0 || x >= out.width || y >= out.height) return;
    const i = (y * out.width + x) * 4;
    out.data[i] = mark.rgb[0];
    out.data[i + 1] = mark.rgb[1];
    out.data[i + 2] = mark.rgb[2];
    out.data[i + 3] = 255;
  };
  for (const box of boxes) {
    const x0 = Math.max(0, box.x - t);
    const y0 = Math.max(0, box.y - t);
    const x1 = Math.min(out.width, box.x + box.width + t);
    const y1 = Math.min(out.height, box.y + box.height + t);
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const inside = x >= x0 + t && x < x1 - t && y >= y0 + t && y < y1 - t;
        if (!inside) paint(x, y);
      }
    }
  }
}

export interface PagePairing {
  /** Pages (1-based) that exist in both editions. */
  both: number[];
  /** Pages only in the new edition. */
  added: number[];
  /** Pages only in the previous edition. */
  removed: number[];
}

/** Pages are paired by number: the first pages of both editions, then the rest of the longer. */
export function pairPages(previousCount: number, currentCount: number): PagePairing {
  const range = (from: number, to: number) =>
    Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
  const common = Math.min(previousCount, currentCount);
  return {
    both: range(1, common),
    added: range(common + 1, currentCount),
    removed: range(common + 1, previousCount),
  };
}
