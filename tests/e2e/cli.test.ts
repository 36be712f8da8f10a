/** The command line as a user runs it: exit codes and messages. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureCopy, ROOT } from '../support/fixture.ts';

const BIN = path.join(ROOT, 'bin', 'jaarverslag.js');

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('jaarverslag (command line)', () => {
  it('wrong usage exits 2 with the usage text', () => {
    const r = run(['bouw']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('onbekende opdracht "bouw"');
    expect(r.err).toContain('gebruik: jaarverslag');
    expect(run(['build', '--year', '24']).code).toBe(2);
    expect(run(['build', '--bogus']).code).toBe(2);
  });

  it('an unknown publication or year is a usage error that lists what there is', () => {
    const r = run(['check', '--publication', '../../etc']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('onbekende publicatie "../../etc"; er zijn: midden-drenthe');
    const y = run(['check', '--publication', 'midden-drenthe', '--year', '1999']);
    expect(y.code).toBe(2);
    expect(y.err).toContain('geen editie 1999 van midden-drenthe; er zijn: 2024');
  });

  it('check on the real data exits 0 and prints the warnings with file and line', () => {
    const r = run(['check', '--publication', 'midden-drenthe']);
    expect(r.err).not.toContain(' fout ');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/midden-drenthe 2024: gegevens geldig, \d+ waarschuwingen/);
    expect(r.err).toMatch(
      /data\/midden-drenthe\/2024\/[a-z_]+\.yaml:\d+:\d+ waarschuwing \[totaal\]/,
    );
  });

  it('bad input exits 1 and names file, line and field', () => {
    const copy = fixtureCopy('minimaal', {
      'proef/2024/cijfers.yaml': (t) => t.replace('[10, 12, 14]', '[10, "5t60", 14]'),
    });
    const r = spawnSync(process.execPath, [BIN, 'check'], {
      encoding: 'utf8',
      env: { ...process.env, JAARVERSLAG_DATA: copy.dataDir },
    });
    expect(r.status).toBe(1);
    const line = copy.lineOf('proef/2024/cijfers.yaml', '5t60');
    expect(r.stderr).toContain(`cijfers.yaml:${line}:`);
    expect(r.stderr).toContain(
      'verkocht.rijen[0].waarden[1]: verwacht een getal, "-" of null, gevonden "5t60"',
    );
    expect(r.stderr).toContain('1 fout; er is niets geschreven.');
  });

  it('--final refuses the 2024 data: its date, Figuur 3 and blank cells are missing', () => {
    const r = run(['check', '--publication', 'midden-drenthe', '--final']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('data/midden-drenthe/2024/editie.yaml:');
    expect(r.err).toContain('fout [ontbreekt] datum: de datum van de editie ontbreekt');
    expect(r.err).toContain(
      'fout [ontbreekt] verkoopprijzen: de cijfers van "Gemiddelde verkoopprijzen bestaande woningen" ontbreken',
    );
  });

  it('--strict turns the warnings of the real data into errors', () => {
    const r = run(['check', '--publication', 'midden-drenthe', '--strict']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('fout [balans] woningvoorraad.rijen[7].waarden[2]');
  });
});
