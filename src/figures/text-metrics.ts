/**
 * Label widths from the real font. Without node-canvas Vega estimates every character at
 * 0.8 × font size, far too wide for a humanist sans, so axes, legends and `fit` sizing come
 * out wrong. fontkit reads the same WOFF2 files the page embeds and gives the advance widths
 * the browser will use.
 *
 * Vega measures through one process-wide object (vega-scenegraph's `textMetrics`). We replace
 * its `width` once with a function that finds the font by the item's family, so charts with
 * different themes can render at the same time and every result depends only on its input.
 */
import { PROJECT_ROOT } from '../context.ts';
import { fontRoots, readInputBytes } from '../files.ts';
import * as fontkit from 'fontkit';
import * as vega from 'vega';

export interface FontFiles {
  regular: string;
  semibold: string;
}

/** The part of a Vega text item the measurement reads. */
interface TextItem {
  font?: unknown;
  fontSize?: unknown;
  fontWeight?: unknown;
}

/** Vega's text measurement hook (vega-scenegraph; exported by vega but not in its typings). */
const textMetrics = (
  vega as unknown as {
    textMetrics: {
      width: (item: TextItem, text?: unknown) => number;
      estimateWidth: (item: TextItem, text?: unknown) => number;
    };
  }
).textMetrics;

const fonts = new Map<string, fontkit.Font>();
const widths = new Map<string, number>();
/** Font files per family name (lower case, no quotes). */
const families = new Map<string, FontFiles>();
let lastFamily: FontFiles | undefined;
let installed = false;

function load(file: string): fontkit.Font {
  let font = fonts.get(file);
  if (!font) {
    const created = fontkit.create(
      readInputBytes(file, { kind: 'lettertype', roots: fontRoots(PROJECT_ROOT) }),
    );
    font = 'fonts' in created ? created.fonts[0] : created;
    if (!font) throw new Error(`geen lettertype in ${file}`);
    fonts.set(file, font);
  }
  return font;
}

/** Width in px of `text` set at `size` px in a font file, from the font's advance widths. */
export function measureText(file: string, text: string, size: number): number {
  const key = `${file}\u0000${size}\u0000${text}`;
  let width = widths.get(key);
  if (width === undefined) {
    const font = load(file);
    width = (font.layout(text).advanceWidth / font.unitsPerEm) * size;
    widths.set(key, width);
  }
  return width;
}

/** The first family of a CSS font-family list, without quotes: "'Source Sans 3', sans-serif". */
export function firstFamily(font: string): string {
  const first = font.split(',')[0] ?? '';
  return first
    .trim()
    .replace(/^(['"])(.*)\1$/, '$2')
    .toLowerCase();
}

export function isBold(weight: unknown): boolean {
  if (weight === 'bold' || weight === 'bolder') return true;
  const n = typeof weight === 'number' ? weight : Number(weight);
  return Number.isFinite(n) && n >= 600;
}

/** Width of a Vega text item's text, as Vega's own canvas measurement would give it. */
function itemWidth(item: TextItem, text?: unknown): number {
  const value = text == null ? '' : String(text).trim();
  const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
  if (!value || size <= 0) return 0;
  const files =
    (typeof item.font === 'string' ? families.get(firstFamily(item.font)) : undefined) ??
    lastFamily;
  if (!files) return textMetrics.estimateWidth(item, value);
  return measureText(isBold(item.fontWeight) ? files.semibold : files.regular, value, size);
}

/**
 * Measure text of this family with these files from now on. The files are read here, so a
 * missing file fails at once with its path. Labels must not be truncated by Vega (charts set
 * labelLimit 0): Vega calls a custom measurer with raw text, also for truncation.
 */
export function useFontMetrics(family: string, files: FontFiles): void {
  load(files.regular);
  load(files.semibold);
  families.set(firstFamily(family), files);
  lastFamily = files;
  if (!installed) {
    textMetrics.width = itemWidth;
    installed = true;
  }
}
