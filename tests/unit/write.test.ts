/**
 * Both outputs are replaced together or not at all, and no temporary file outlives a failure:
 * a failure is put in at each step (the second rename, a disk that fills during a write), and a
 * real full disk (a small tmpfs) where this machine lets us mount one.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutputs } from '../../src/finalize/write.ts';
import type { WriteFs } from '../../src/finalize/write.ts';

function folderWithOutputs() {
  const dir = mkdtempSync(path.join(tmpdir(), 'jv-write-'));
  const pdf = path.join(dir, 'verslag.pdf');
  const html = path.join(dir, 'verslag.html');
  writeFileSync(pdf, 'OUDE PDF');
  writeFileSync(html, 'OUDE HTML');
  return { dir, pdf, html };
}

const NEW = (o: { pdf: string; html: string }) => [
  { path: o.pdf, data: new Uint8Array(Buffer.from('NIEUWE PDF')) },
  { path: o.html, data: 'NIEUWE HTML' },
];

describe('writing the outputs', () => {
  it('replaces both files when all goes well, and leaves nothing else behind', () => {
    const o = folderWithOutputs();
    writeOutputs(NEW(o));
    expect(readFileSync(o.pdf, 'utf8')).toBe('NIEUWE PDF');
    expect(readFileSync(o.html, 'utf8')).toBe('NIEUWE HTML');
    expect(readdirSync(o.dir).sort()).toEqual(['verslag.html', 'verslag.pdf']);
  });

  it('when the HTML cannot be moved into place, the PDF that already was is put back', () => {
    const o = folderWithOutputs();
    const io: WriteFs = {
      writeFileSync: fs.writeFileSync,
      renameSync(from, to) {
        if (to === o.html) throw Object.assign(new Error('EACCES'), { code: 'EACCES', path: to });
        fs.renameSync(from, to);
      },
    };
    expect(() => writeOutputs(NEW(o), io)).toThrow(
      `de uitvoer kon niet worden geschreven (${o.html}): geen schrijfrechten. De vorige uitvoer is ongewijzigd.`,
    );
    expect(readFileSync(o.pdf, 'utf8')).toBe('OUDE PDF');
    expect(readFileSync(o.html, 'utf8')).toBe('OUDE HTML');
    expect(readdirSync(o.dir).sort()).toEqual(['verslag.html', 'verslag.pdf']);
  });

  it('a disk that fills during a write leaves no partial temporary file', () => {
    const o = folderWithOutputs();
    const io: WriteFs = {
      writeFileSync(file, data) {
        if (file.startsWith(o.html)) {
          // Half written, then the disk is full.
          fs.writeFileSync(file, String(data).slice(0, 4));
          throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC', path: file });
        }
        fs.writeFileSync(file, data);
      },
      renameSync: fs.renameSync,
    };
    expect(() => writeOutputs(NEW(o), io)).toThrow('de schijf is vol');
    expect(readdirSync(o.dir).sort()).toEqual(['verslag.html', 'verslag.pdf']);
    expect(readFileSync(o.pdf, 'utf8')).toBe('OUDE PDF');
  });

  it('temporary files that a killed build left are removed by the next write', () => {
    const o = folderWithOutputs();
    // A pid that is not running: far above the kernel's pid_max.
    writeFileSync(`${o.pdf}.99999999.tmp`, 'half');
    writeFileSync(`${o.html}.99999999.old`, 'old');
    writeOutputs(NEW(o));
    expect(readdirSync(o.dir).sort()).toEqual(['verslag.html', 'verslag.pdf']);
  });
});

/** Mount a small tmpfs (root on Linux); undefined where this machine does not allow it. */
function smallDisk(kb: number): { dir: string; unmount(): void } | undefined {
  const dir = mkdtempSync(path.join(tmpdir(), 'jv-vol-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${kb}k`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  return { dir, unmount: () => execFileSync('umount', [dir]) };
}

const disk = process.platform === 'linux' && process.getuid?.() === 0 ? smallDisk(64) : undefined;

describe.runIf(disk)('a real full disk', () => {
  it('the write fails with a Dutch message, the old outputs stay, no temporary file is left', () => {
    if (!disk) return;
    try {
      const pdf = path.join(disk.dir, 'verslag.pdf');
      const html = path.join(disk.dir, 'verslag.html');
      writeFileSync(pdf, 'OUDE PDF');
      writeFileSync(html, 'OUDE HTML');
      const big = new Uint8Array(200 * 1024).fill(65);
      expect(() =>
        writeOutputs([
          { path: pdf, data: big },
          { path: html, data: 'NIEUWE HTML' },
        ]),
      ).toThrow('de schijf is vol');
      expect(readFileSync(pdf, 'utf8')).toBe('OUDE PDF');
      expect(readFileSync(html, 'utf8')).toBe('OUDE HTML');
      expect(readdirSync(disk.dir).sort()).toEqual(['verslag.html', 'verslag.pdf']);
    } finally {
      disk.unmount();
    }
  });
});
