/** Progress stage by stage on a terminal; nothing at all when stderr is a pipe (CI, logs). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { progress } from '../../src/commands/output.ts';

describe('progress of a build', () => {
  const saved = process.stderr.isTTY;
  afterEach(() => {
    process.stderr.isTTY = saved;
    vi.restoreAllMocks();
  });

  function written(tty: boolean): string {
    process.stderr.isTTY = tty;
    let out = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
      out += String(chunk);
      return true;
    });
    const p = progress('midden-drenthe 2024');
    p.stage('gegevens en tekst');
    p.stage('afdrukken');
    p.done();
    return out;
  }

  it('shows each stage on one line of a terminal and clears it at the end', () => {
    const out = written(true);
    expect(out).toContain('midden-drenthe 2024: gegevens en tekst …');
    expect(out).toContain('midden-drenthe 2024: afdrukken …');
    expect(out.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('is silent when stderr is not a terminal', () => {
    expect(written(false)).toBe('');
  });
});
