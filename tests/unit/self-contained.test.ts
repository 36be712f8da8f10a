/**
 * The project is the repository: no code, test, script or CI step reads anything outside the
 * checkout. A fresh clone on a bare machine is all a user has (.ci/run proves it by running the
 * tests in a copy of the committed tree that has nothing beside it).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/fixture.ts';

const FOLDERS = ['src', 'tests', 'scripts', '.ci', 'bin'];
const TOP_FILES = ['package.json', 'vitest.config.ts', 'eslint.config.js', '.puppeteerrc.cjs'];
const TEXT = /\.(ts|js|cjs|mjs|sh|json|hbs|css|ya?ml)$|^run$/;
// Test references are texts to compare with, not code; the published reports mention nothing of ours.
const SKIP = [path.join('tests', 'reference')];
const SELF = path.join('tests', 'unit', 'self-contained.test.ts');
const ON_PURPOSE = 'outside-on-purpose';

function files(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const relative = path.join(dir, entry.name);
    if (SKIP.some((s) => relative.startsWith(s))) continue;
    if (relative === SELF) continue;
    if (entry.isDirectory()) out.push(...files(relative));
    else if (entry.isFile() && TEXT.test(entry.name)) out.push(relative);
  }
  return out;
}

/** Every place in a file that names a path outside the checkout, as "line: text". */
export function outsideReferences(relative: string, text: string, root: string): string[] {
  const found: string[] = [];
  const dir = path.dirname(path.join(root, relative));
  const parent = path.dirname(root);
  // Built from parts so that this file does not name the folder it looks for.
  const sharedFolder = ['..', 'shared'].join('/');
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    // A test that proves an outside path is refused names one on purpose, and says so.
    if (`${lines[i - 1] ?? ''}${line}`.includes(ON_PURPOSE)) return;
    const report = () => found.push(`${relative}:${i + 1}: ${line.trim()}`);
    if (line.includes(sharedFolder)) return report();
    // An absolute path into the folder that holds the checkout.
    if (parent !== '/' && line.includes(`${parent}/`)) return report();
    // A relative path in a string that climbs above the root from this file's folder.
    for (const m of line.matchAll(/['"`]((?:\.\.\/)+[^'"`$]*)['"`]/g)) {
      const target = path.resolve(dir, m[1] ?? '');
      if (path.relative(root, target).startsWith('..')) return report();
    }
    // path.join(ROOT, '..', …) and the like: the project root, then up.
    if (/\b(?:ROOT|root|PROJECT_ROOT)\s*,\s*['"`]\.\.(?:['"`/])/.test(line)) return report();
  });
  return found;
}

describe('the repository is self-contained', () => {
  it('no source, test, script or CI file refers to a path above the repository root', () => {
    const all = [...FOLDERS.flatMap(files), ...TOP_FILES];
    expect(all.length).toBeGreaterThan(50);
    const problems = all.flatMap((f) => {
      if (!statSync(path.join(ROOT, f), { throwIfNoEntry: false })) return [];
      return outsideReferences(f, readFileSync(path.join(ROOT, f), 'utf8'), ROOT);
    });
    expect(problems).toEqual([]);
  });

  it('the guard finds each kind of reference it is meant to find', () => {
    const root = '/srv/project';
    const seen = (text: string, file = 'tests/e2e/x.test.ts') =>
      outsideReferences(file, text, root).length;
    expect(seen(`const SEED = path.resolve(ROOT, '../${'shared'}/seeds/a.txt');`)).toBe(1);
    expect(seen(`readFileSync(path.join(ROOT, '..', 'seeds'))`)).toBe(1);
    expect(seen(`const x = '/srv/other/seeds.txt';`)).toBe(1);
    expect(seen(`import x from '../../../elsewhere/a.ts';`)).toBe(1);
    // Inside the project: not reported.
    expect(seen(`import { ROOT } from '../support/fixture.ts';`)).toBe(0);
    expect(seen(`import { build } from '../../src/core/build.ts';`)).toBe(0);
    expect(seen(`path.join(ROOT, 'tests/reference/bron/a.txt')`)).toBe(0);
    expect(seen(`// ${ON_PURPOSE}\nconst attack = '../../../../../../etc/passwd';`)).toBe(0);
  });

  it('the published text the end-to-end test compares against is in the project', () => {
    const bron = path.join(ROOT, 'tests', 'reference', 'bron');
    const names = readdirSync(bron);
    expect(names).toContain('README.md');
    expect(names).toContain('jaarverslag-wonen-2024-midden-drenthe.txt');
    const text = readFileSync(path.join(bron, 'jaarverslag-wonen-2024-midden-drenthe.txt'), 'utf8');
    expect(text).toContain('1. Inleiding');
    expect(text).toContain('Midden-Drenthe');
  });
});
