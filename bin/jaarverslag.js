#!/usr/bin/env node
// Runs the compiled program in dist/ (made by `npm run compile`, part of scripts/setup.sh): no
// TypeScript compiler at run time. When dist/ is missing or older than a source file (a
// developer edits src/), it runs the sources through tsx instead, so what runs is never stale.
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = `${dir}/${entry.name}`;
    latest = Math.max(latest, entry.isDirectory() ? newest(file) : statSync(file).mtimeMs);
  }
  return latest;
}

function compiledIsCurrent() {
  try {
    return statSync(`${root}dist/.compiled`).mtimeMs >= newest(`${root}src`);
  } catch {
    return false;
  }
}

let main;
if (compiledIsCurrent()) {
  ({ main } = await import('../dist/cli.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli.ts'));
}
process.exitCode = await main(process.argv.slice(2));
