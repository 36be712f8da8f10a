/**
 * @font-face rules with the font files embedded as data: URLs, so that the printed page and
 * the HTML edition load nothing from outside and the PDF embeds exactly these fonts.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { EnvironmentError } from '../errors.ts';
import { fontRoots, readInputBytes } from '../files.ts';
import type { HouseStyle } from './house-style.ts';

/** Unicode ranges of the @fontsource subsets we use (from the packages' own CSS). */
const RANGES: Record<string, string> = {
  latin:
    'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD',
  'latin-ext':
    'U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, U+0308, U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, U+2113, U+2C60-2C7F, U+A720-A7FF',
};

export interface FontFile {
  weight: number;
  style: 'normal' | 'italic';
  subset: string;
  file: string;
}

/** Where a house style's font package keeps one file (@fontsource layout). */
export function fontFilePath(
  root: string,
  lettertype: HouseStyle['lettertype'],
  file: { subset: string; weight: number; style: 'normal' | 'italic' },
): string {
  const { pakket } = lettertype;
  const name = pakket.split('/').at(-1) ?? pakket;
  return path.join(
    root,
    'node_modules',
    pakket,
    'files',
    `${name}-${file.subset}-${file.weight}-${file.style}.woff2`,
  );
}

/** The font files a house style names, checked to exist. */
export function fontFiles(root: string, style: HouseStyle): FontFile[] {
  const { pakket, gewichten, cursief, subsets } = style.lettertype;
  const files: FontFile[] = [];
  const variants = [
    ...gewichten.map((w) => ({ weight: w, style: 'normal' as const })),
    ...cursief.map((w) => ({ weight: w, style: 'italic' as const })),
  ];
  for (const v of variants) {
    for (const subset of subsets) {
      const file = fontFilePath(root, style.lettertype, { ...v, subset });
      if (!existsSync(file)) {
        throw new EnvironmentError(`lettertype ontbreekt: ${file} (npm ci installeert ${pakket})`);
      }
      files.push({ ...v, subset, file });
    }
  }
  return files;
}

/** CSS @font-face rules with embedded files (read from inside `root`, the project). */
export function fontFaceCss(root: string, style: HouseStyle): string {
  return fontFiles(root, style)
    .map((f) => ({
      ...f,
      data: readInputBytes(f.file, { kind: 'lettertype', roots: fontRoots(root) }),
    }))
    .map(
      (f) => `@font-face {
  font-family: '${style.lettertype.familie}';
  font-style: ${f.style};
  font-weight: ${f.weight};
  font-display: block;
  src: url(data:font/woff2;base64,${f.data.toString('base64')}) format('woff2');
  unicode-range: ${RANGES[f.subset] ?? 'U+0000-FFFF'};
}`,
    )
    .join('\n');
}
