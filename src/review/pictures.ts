/**
 * Pictures of a built PDF: every page as a PNG (pdftoppm, run without a shell) and a contact
 * sheet of all pages composed in Node with pngjs, so that nothing beyond poppler-utils is needed.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';

const run = promisify(execFile);

/** Resolution of the page pictures in the review folder: the layout is clear, the folder small. */
export const PAGE_DPI = 60;

/** Page number as it appears in a file name: at least two digits (pagina-01.png). */
export function pageNumberText(page: number, count: number): string {
  return String(page).padStart(Math.max(2, String(count).length), '0');
}

/**
 * Render every page of a PDF to `<dir>/<name>-NN.png` at `dpi`. Returns the files in page order
 * (index 0 = page 1). pdftoppm pads page numbers to the width of the page count; the files are
 * renamed to at least two digits so that names stay the same for documents of 1 to 99 pages.
 */
export async function renderPages(
  pdf: string,
  dir: string,
  options: { dpi: number; name: string },
): Promise<string[]> {
  const root = path.join(dir, options.name);
  await run('pdftoppm', ['-r', String(options.dpi), '-png', pdf, root], {
    maxBuffer: 16 << 20,
  });
  const pattern = new RegExp(`^${options.name}-(\\d+)\\.png$`);
  const found = readdirSync(dir)
    .map((file) => ({ file, match: pattern.exec(file) }))
    .filter((f): f is { file: string; match: RegExpExecArray } => f.match !== null)
    .map((f) => ({ file: f.file, page: Number(f.match[1]) }))
    .sort((a, b) => a.page - b.page);
  return found.map(({ file, page }) => {
    const wanted = `${options.name}-${pageNumberText(page, found.length)}.png`;
    if (wanted !== file) renameSync(path.join(dir, file), path.join(dir, wanted));
    return path.join(dir, wanted);
  });
}

export function readPicture(file: string): PNG {
  return PNG.sync.read(readFileSync(file));
}

export function writePicture(file: string, png: PNG): void {
  writeFileSync(file, PNG.sync.write(png));
}

/** A blank picture filled with one colour (opaque). */
export function blankPicture(width: number, height: number, rgb: [number, number, number]): PNG {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) {
    png.data[i * 4] = rgb[0];
    png.data[i * 4 + 1] = rgb[1];
    png.data[i * 4 + 2] = rgb[2];
    png.data[i * 4 + 3] = 255;
  }
  return png;
}

/**
 * The picture scaled to `width` (height in proportion) by averaging the source pixels each target
 * pixel covers: a box filter, good enough for thumbnails of printed pages.
 */
export function scalePicture(src: PNG, width: number): PNG {
  const scale = src.width / width;
  const height = Math.max(1, Math.round(src.height / scale));
  const out = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * scale);
    const y1 = Math.min(src.height, Math.max(y0 + 1, Math.floor((y + 1) * scale)));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x * scale);
      const x1 = Math.min(src.width, Math.max(x0 + 1, Math.floor((x + 1) * scale)));
      const sum = [0, 0, 0, 0];
      for (let sy = y0; sy < y1; sy++) {
        for (let sx = x0; sx < x1; sx++) {
          const i = (sy * src.width + sx) * 4;
          for (let c = 0; c < 4; c++) sum[c]! += src.data[i + c]!;
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = (y * width + x) * 4;
      for (let c = 0; c < 4; c++) out.data[o + c] = Math.round(sum[c]! / n);
    }
  }
  return out;
}

/** Copy `src` into `dst` with its top left corner at (x, y), clipped to `dst`. */
export function blit(dst: PNG, src: PNG, x: number, y: number): void {
  for (let sy = 0; sy < src.height; sy++) {
    const dy = y + sy;
    if (dy < 0 || dy >= dst.height) continue;
    const from = Math.max(0, -x);
    const to = Math.min(src.width, dst.width - x);
    if (to <= from) continue;
    src.data.copy(
      dst.data,
      (dy * dst.width + x + from) * 4,
      (sy * src.width + from) * 4,
      (sy * src.width + to) * 4,
    );
  }
}

/** Layout of the contact sheet. */
export const SHEET = {
  columns: 6,
  /** Width of one page thumbnail in pixels. */
  thumbWidth: 180,
  /** White space between thumbnails and around the sheet. */
  gap: 16,
  /** The thin border drawn around every page. */
  border: 1,
  borderColour: [160, 160, 160] as [number, number, number],
};

/**
 * A contact sheet: every page as a thumbnail in a grid of SHEET.columns columns, white gaps, a
 * thin grey border around each page (so that white pages stand apart from the background).
 */
export function contactSheet(pages: PNG[]): PNG {
  const { columns, thumbWidth, gap, border, borderColour } = SHEET;
  const thumbs = pages.map((p) => scalePicture(p, thumbWidth));
  const cellHeight = Math.max(1, ...thumbs.map((t) => t.height)) + 2 * border;
  const cellWidth = thumbWidth + 2 * border;
  const cols = Math.max(1, Math.min(columns, thumbs.length));
  const rows = Math.max(1, Math.ceil(thumbs.length / columns));
  const sheet = blankPicture(
    gap + cols * (cellWidth + gap),
    gap + rows * (cellHeight + gap),
    [255, 255, 255],
  );
  thumbs.forEach((thumb, i) => {
    const x = gap + (i % columns) * (cellWidth + gap);
    const y = gap + Math.floor(i / columns) * (cellHeight + gap);
    blit(
      sheet,
      blankPicture(thumb.width + 2 * border, thumb.height + 2 * border, borderColour),
      x,
      y,
    );
    blit(sheet, thumb, x + border, y + border);
  });
  return sheet;
}
