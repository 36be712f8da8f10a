// Compile src/ to dist/ ahead of time (tsc, relative .ts imports rewritten to .js), from a clean
// dist/, then stamp it: bin/jaarverslag.js runs dist/ only while the stamp is newer than src/.
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
rmSync(`${root}dist`, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', `${root}tsconfig.build.json`], { stdio: 'inherit' });
writeFileSync(`${root}dist/.compiled`, `${new Date().toISOString()}\n`);
