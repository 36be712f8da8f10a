/** templates/<publication>/huisstijl.yaml: the publication's typeface and chart look. */
import path from 'node:path';
import { z } from 'zod';
import { DataError } from '../errors.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { parseWith } from '../data/validate.ts';
import { parseYaml } from '../data/yaml-source.ts';
import { readInputText } from '../files.ts';

export const HouseStyle = z.strictObject({
  lettertype: z.strictObject({
    familie: z.string().min(1),
    /** npm package with the font files (@fontsource layout: files/<name>-<subset>-<weight>-<style>.woff2). */
    pakket: z.string().min(1),
    gewichten: z.array(z.number().int()).min(1),
    cursief: z.array(z.number().int()).default([]),
    subsets: z.array(z.string()).default(['latin', 'latin-ext']),
  }),
  grafiek: z.strictObject({
    tekstgrootte: z.number().positive(),
    breedte: z.number().positive(),
    hoogte: z.number().positive(),
    tekstkleur: z.string(),
    rasterkleur: z.string(),
    palet: z.array(z.string()).min(3),
  }),
});
export type HouseStyle = z.infer<typeof HouseStyle>;

/** `roots`: the folders the file may be in (the project, the data folder). */
export function loadHouseStyle(
  templateDir: string,
  relFile: string,
  roots: readonly string[],
): HouseStyle {
  const text = readInputText(path.join(templateDir, 'huisstijl.yaml'), {
    kind: 'huisstijl',
    roots,
    file: relFile,
    rule: 'yaml',
  });
  const { source, diagnostics } = parseYaml(text, relFile);
  const out: Diagnostic[] = [...diagnostics];
  const style = source && parseWith(HouseStyle, source, source.value, [], out);
  if (!style) throw new DataError(out);
  return style;
}
