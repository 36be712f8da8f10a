/**
 * Charts are rendered once per content: the cache key follows every input of the SVG, so a
 * changed number, colour or id is a new chart, and the same input is never drawn twice.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartKey, folderCache } from '../../src/figures/cache.ts';
import { renderFigures } from '../../src/figures/stage.ts';
import { checkData } from '../../src/core/check.ts';
import { resolveContext } from '../../src/context.ts';
import { fixtureCopy } from '../support/fixture.ts';
import { theme as TEST_THEME } from '../support/charts.ts';

const CIJFERS = 'proef/2024/cijfers.yaml';
const edition = (edits: Record<string, (t: string) => string> = {}) =>
  checkData(
    resolveContext({
      dataDir: fixtureCopy('minimaal', edits).dataDir,
      publication: 'proef',
      year: 2024,
    }),
  ).edition;

describe('the chart cache', () => {
  it('the key changes with a number, a colour, the id and the fonts; not otherwise', () => {
    const table = { soort: 'tabel', rijen: [{ label: 'a', waarden: [1, 2] }] };
    const fonts = [TEST_THEME.fontFiles.regular];
    const key = (t: unknown, theme = TEST_THEME, id = 'x', f = fonts) =>
      chartKey({ fact: t, theme, idPrefix: id }, f);
    const base = key(table);
    expect(key(structuredClone(table))).toBe(base);
    expect(key({ ...table, rijen: [{ label: 'a', waarden: [1, 3] }] })).not.toBe(base);
    expect(
      key(table, { ...TEST_THEME, palette: ['#000000', ...TEST_THEME.palette.slice(1)] }),
    ).not.toBe(base);
    expect(key(table, TEST_THEME, 'y')).not.toBe(base);
    expect(key(table, TEST_THEME, 'x', [TEST_THEME.fontFiles.semibold])).not.toBe(base);
  });

  it('draws a chart once, then takes it from the folder; a changed number is drawn anew', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'jv-cache-'));
    const first = await renderFigures(edition(), TEST_THEME, folderCache(dir));
    expect(readdirSync(dir)).toHaveLength(first.size);
    // A second process: a new cache object on the same folder gives the same bytes.
    const again = await renderFigures(edition(), TEST_THEME, folderCache(dir));
    expect([...again.values()]).toEqual([...first.values()]);
    expect(readdirSync(dir)).toHaveLength(first.size);
    const changed = await renderFigures(
      edition({ [CIJFERS]: (t) => t.replace('[10, 12, 14]', '[10, 12, 41]') }),
      TEST_THEME,
      folderCache(dir),
    );
    expect(readdirSync(dir)).toHaveLength(first.size + 1);
    expect([...changed.values()][0]).not.toBe([...first.values()][0]);
    expect([...changed.values()][0]).toContain('41');
  });

  it('a damaged entry is drawn again, not used', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'jv-cache-'));
    const first = await renderFigures(edition(), TEST_THEME, folderCache(dir));
    for (const name of readdirSync(dir)) writeFileSync(path.join(dir, name), '<svg>half');
    const again = await renderFigures(edition(), TEST_THEME, folderCache(dir));
    expect([...again.values()]).toEqual([...first.values()]);
  });
});
