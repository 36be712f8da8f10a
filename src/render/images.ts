/**
 * Images in the prose: a relative path is resolved from the prose file, must stay inside the
 * project, and is embedded as a data: URL (the printed page loads nothing from outside).
 * A URL with a scheme is left alone; the print stage blocks it and fails the build.
 */
import path from 'node:path';
import type { Token } from 'markdown-it';
import { TemplateError } from '../errors.ts';
import { InputFileError, isInsideRoots, readInputBytes } from '../files.ts';

const TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
};

/** Replace relative image sources with data: URLs; paths outside the project are errors. */
export function embedImages(
  tokens: Token[],
  proseFile: { file: string; path: string },
  roots: readonly string[],
): void {
  for (const block of tokens) {
    // The line of an image: its paragraph's first line, plus the line breaks before it.
    let breaks = 0;
    for (const token of block.children ?? []) {
      if (token.type === 'softbreak' || token.type === 'hardbreak') breaks++;
      if (token.type !== 'image') continue;
      const src = String(token.attrGet('src') ?? '');
      if (/^[a-z][a-z0-9+.-]*:/i.test(src)) continue;
      const line = block.map ? block.map[0] + 1 + breaks : undefined;
      let decoded: string;
      try {
        decoded = decodeURIComponent(src);
      } catch {
        // Markdown wrote a lone % as %25; the message shows the path as the prose has it.
        throw new TemplateError(
          proseFile.file,
          line,
          `afbeelding "${src.replaceAll('%25', '%')}": het pad is geen geldige URL-codering; verwacht na elke % twee hexadecimale cijfers die samen een UTF-8-teken vormen (zoals %20 voor een spatie), of anders het teken zelf`,
        );
      }
      const file = path.resolve(path.dirname(proseFile.path), decoded);
      if (!isInsideRoots(roots, file)) {
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
      let bytes: Buffer;
      try {
        bytes = readInputBytes(file, { kind: 'afbeelding', roots, file: src });
      } catch (e) {
        if (!(e instanceof InputFileError)) throw e;
        throw new TemplateError(
          proseFile.file,
          line,
          e.code === 'ontbreekt'
            ? `afbeelding "${src}" bestaat niet`
            : `afbeelding "${src}": ${e.reason}`,
          { cause: e },
        );
      }
      token.attrSet('src', `data:${type};base64,${bytes.toString('base64')}`);
    }
  }
}
