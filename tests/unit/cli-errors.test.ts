/**
 * The command line's one handler: a file-system error (a read-only or missing TMPDIR, a full
 * disk) is a Dutch message naming the folder, never a stack trace (only under DEBUG=1).
 * The build is replaced by one that fails the way Chromium's profile creation fails.
 */
import { mkdtempSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixtureCopy } from '../support/fixture.ts';

const failure: { error?: unknown } = {};

vi.mock('../../src/core/check.ts', () => ({
  checkData: () => {
    throw failure.error;
  },
}));
vi.mock('../../src/core/build.ts', () => ({
  build: () => Promise.reject(failure.error),
}));

const { main } = await import('../../src/cli.ts');
const { EnvironmentError, fromSystemError } = await import('../../src/errors.ts');

/** A real Node error from making a folder in a temporary folder that is not there. */
function mkdtempError(dir: string): NodeJS.ErrnoException {
  try {
    mkdtempSync(path.join(dir, 'jaarverslag-chromium-1-'));
  } catch (e) {
    return e as NodeJS.ErrnoException;
  }
  throw new Error(`${dir} bestaat toch`);
}

describe('file-system errors at the command line', () => {
  const saved = {
    TMPDIR: process.env.TMPDIR,
    DEBUG: process.env.DEBUG,
    DATA: process.env.JAARVERSLAG_DATA,
  };
  let printed: string[];

  beforeEach(() => {
    printed = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
    });
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    process.env.JAARVERSLAG_DATA = fixtureCopy('minimaal').dataDir;
    delete process.env.DEBUG;
  });

  afterEach(() => {
    vi.restoreAllMocks();
    for (const [key, value] of Object.entries({
      TMPDIR: saved.TMPDIR,
      DEBUG: saved.DEBUG,
      JAARVERSLAG_DATA: saved.DATA,
    })) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('a missing TMPDIR: a Dutch message naming the folder and TMPDIR, no stack trace', async () => {
    const missing = path.join(mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'jv-')), 'weg');
    process.env.TMPDIR = missing;
    // As Puppeteer passes it on: the system error as the cause of its own.
    failure.error = new Error('Failed to launch the browser process!', {
      cause: mkdtempError(missing),
    });
    expect(await main(['build', '--publication', 'proef'])).toBe(1);
    expect(printed).toEqual([
      `jaarverslag: de tijdelijke map ${missing} is niet te gebruiken: ${missing}/jaarverslag-chromium-1-XXXXXX: bestaat niet (ENOENT); zet TMPDIR op een bestaande map waarin geschreven kan worden`,
    ]);
  });

  it('a read-only TMPDIR (EROFS, EACCES): the same, for check and build', async () => {
    process.env.TMPDIR = '/alleen/lezen';
    for (const [code, reason] of [
      ['EROFS', 'het bestandssysteem is alleen-lezen'],
      ['EACCES', 'geen toegang (de rechten staan het niet toe)'],
    ]) {
      for (const command of ['check', 'build']) {
        printed = [];
        failure.error = Object.assign(new Error(`${code}: mkdtemp`), {
          code,
          syscall: 'mkdtemp',
          path: '/alleen/lezen/jaarverslag-chromium-1-XXXXXX',
        });
        expect(await main([command, '--publication', 'proef'])).toBe(1);
        expect(printed).toEqual([
          `jaarverslag: de tijdelijke map /alleen/lezen is niet te gebruiken: /alleen/lezen/jaarverslag-chromium-1-XXXXXX: ${reason} (${code}); zet TMPDIR op een bestaande map waarin geschreven kan worden`,
        ]);
      }
    }
  });

  it('a full disk elsewhere names the path; the stack trace only under DEBUG=1', async () => {
    failure.error = Object.assign(new Error('ENOSPC'), {
      code: 'ENOSPC',
      syscall: 'write',
      path: '/schijf/output/verslag.pdf',
    });
    expect(await main(['build', '--publication', 'proef'])).toBe(1);
    expect(printed).toEqual([
      'jaarverslag: /schijf/output/verslag.pdf: de schijf is vol (write, ENOSPC)',
    ]);
    printed = [];
    process.env.DEBUG = '1';
    await main(['build', '--publication', 'proef']);
    expect(printed.join('\n')).toMatch(/^\s+at /m);
  });

  it('anything else: one line and a hint, no stack trace', async () => {
    failure.error = new TypeError('iets onverwachts');
    expect(await main(['check', '--publication', 'proef'])).toBe(1);
    expect(printed).toEqual([
      'jaarverslag: onverwachte fout: iets onverwachts\n(zet DEBUG=1 voor de stacktrace)',
    ]);
    // DEBUG=puppeteer:* is Puppeteer's own switch, not ours.
    printed = [];
    process.env.DEBUG = 'puppeteer:*';
    await main(['check', '--publication', 'proef']);
    expect(printed.join('\n')).not.toMatch(/^\s+at /m);
  });

  it('fromSystemError leaves other errors alone', () => {
    expect(fromSystemError(new Error('x'))).toBeUndefined();
    expect(fromSystemError('x')).toBeUndefined();
    const wrapped = fromSystemError(
      Object.assign(new Error('EISDIR'), { code: 'EISDIR', syscall: 'read', path: '/a/b.yaml' }),
    );
    expect(wrapped).toBeInstanceOf(EnvironmentError);
    expect(wrapped?.message).toBe('/a/b.yaml: is een map; verwacht een bestand (read, EISDIR)');
  });
});
