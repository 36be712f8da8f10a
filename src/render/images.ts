/**
 * Images in the prose: a relative path is resolved from the prose file, must stay inside the
 * project, and is embedded as a data: URL (the printed page loads nothing from outside).
 * A URL with a scheme is left alone; the print stage blocks it and fails the build.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Token } from 'markdown-it';
import { TemplateError } from '../errors.ts';

const TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

/** Whether `file` is `root` or inside it, after following links. */
export function isInside(root: string, file: string): boolean {
  const real = existsSync(file) ? realpathSync(file) : path.resolve(file);
  const base = realpathSync(root);
  const relative = path.relative(base, real);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Replace relative image sources with data: URLs; paths outside the project are errors. */
export function embedImages(
  tokens: Token[],
  proseFile: { file: string; path: string },
  roots: readonly string[],
): void {
  for (const block of tokens) {
    for (const token of block.children ?? []) {
      if (token.type !== 'image') continue;
      const src = String(token.attrGet('src') ?? '');
      if (/^[a-z][a-z0-9+.-]*:/i.test(src)) continue;
      const line = block.map ? block.map[0] + 1 : undefined;
      const file = path.resolve(path.dirname(proseFile.path), decodeURIComponent(src));
      if (!roots.some((root) => isInside(root, file))) {
        throw new TemplateError(
          proseFile.file,
          line,
          `afbeelding "${src}" ligt buiten het project; gebruik een pad binnen ${roots.join(' of ')}`,
        );
      }
      const type = TYPES[path.extname(file).toLowerCase()];
      if (!type)
        throw new TemplateError(
          proseFile.file,
          line,
          `afbeelding "${src}": verwacht .png, .jpg, .svg of .webp`,
        );
      if (!existsSync(file))
        throw new TemplateError(proseFile.file, line, `afbeelding "${src}" bestaat niet`);
      token.attrSet('src', `data:${type};base64,${readFileSync(file).toString('base64')}`);
    }
  }
}
