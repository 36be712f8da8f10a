/**
 * Label widths from the real font. Without node-canvas Vega estimates every character at
 * 0.8 × font size, far too wide for a humanist sans; axes, legends and `fit` sizing then go
 * wrong. fontkit reads the same WOFF2 files the page embeds and gives exact advance widths.
 */
import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import * as vega from 'vega';

type Item = { fontSize?: number; fontWeight?: unknown };

/** Vega's text measurement hook (exported at run time from vega-scenegraph; not in vega's typings). */
const textMetrics = (
  vega as unknown as { textMetrics: { width: (item: Item, text?: unknown) => number } }
).textMetrics;

const fonts = new Map<string, fontkit.Font>();
const widths = new Map<string, number>();

function load(file: string): fontkit.Font {
  let font = fonts.get(file);
  if (!font) {
    const created = fontkit.create(readFileSync(file));
    font = ('fonts' in created ? created.fonts[0] : created) as fontkit.Font;
    fonts.set(file, font);
  }
  return font;
}

/** Width in px of `text` at `size` px in a font file. */
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

function isBold(weight: unknown): boolean {
  return (
    weight === 'bold' ||
    (typeof weight === 'number' && weight >= 600) ||
    (typeof weight === 'string' && Number(weight) >= 600)
  );
}

/** Make Vega measure text with these font files (a process-wide setting of Vega's). */
export function useFontMetrics(files: { regular: string; semibold: string }): void {
  load(files.regular);
  load(files.semibold);
  textMetrics.width = (item: Item, text?: unknown) => {
    const value = text == null ? '' : String(text).trim();
    const size = item.fontSize != null ? Number(item.fontSize) || 0 : 11;
    if (!value || size <= 0) return 0;
    return measureText(isBold(item.fontWeight) ? files.semibold : files.regular, value, size);
  };
}
