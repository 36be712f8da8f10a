/**
 * The archive, as an archivist uses it from the command line: `archive` builds the final
 * edition of the small test edition into an archive folder with a copy of its inputs, a
 * manifest and MDTO records; `verify` re-checks every checksum and fails naming a file that
 * changed; `verify --rebuild` builds the edition again from the archived inputs alone and
 * compares byte for byte.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureCopy, ROOT } from '../support/fixture.ts';
import type { FixtureCopy } from '../support/fixture.ts';

const BIN = path.join(ROOT, 'bin', 'jaarverslag.js');

let copy: FixtureCopy;
let archiveBase: string;
let dir: string;

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, JAARVERSLAG_DATA: copy.dataDir, JAARVERSLAG_ARCHIEF: archiveBase },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Every file under a folder, relative, with slashes. */
function files(folder: string, base = folder): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(folder, e.name);
    return e.isDirectory()
      ? files(file, base)
      : [path.relative(base, file).split(path.sep).join('/')];
  });
}

interface Manifest {
  publicatie: string;
  jaar: number;
  pdfa: string;
  versies: {
    jaarverslag: string;
    node: string;
    chromium: string;
    bibliotheken: Record<string, string>;
  };
  bestanden: Array<{ pad: string; sha256: string; grootte: number; soort: string }>;
}
const manifest = () =>
  JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;

beforeAll(() => {
  copy = fixtureCopy('minimaal');
  archiveBase = mkdtempSync(path.join(tmpdir(), 'jv-archief-'));
  const r = run(['archive']);
  expect(r.code, r.stderr).toBe(0);
  dir = path.join(archiveBase, 'proef', '2024');
});

describe('jaarverslag archive', () => {
  it('writes the final edition, its inputs, a manifest and MDTO records', () => {
    const all = files(dir);
    expect(all).toContain('jaarverslag-wonen-proef-2024.pdf');
    expect(all).toContain('jaarverslag-wonen-proef-2024.html');
    expect(all).toContain('jaarverslag-wonen-proef-2024-cijfers-verkocht.csv');
    expect(all).toContain('manifest.json');
    // A final edition: no draft mark on its pages.
    const pdf = readFileSync(path.join(dir, 'jaarverslag-wonen-proef-2024.pdf'));
    expect(pdf.includes('CONCEPT')).toBe(false);
  });

  it('copies every input: the data and prose, the template set, the fonts and the colour profile', () => {
    const inputs = files(path.join(dir, 'invoer'));
    // Independently: every file of the fixture's publication and of its template set.
    const data = files(path.join(copy.dataDir, 'proef')).map((f) => `data/proef/${f}`);
    const templates = files(path.join(ROOT, 'templates', 'midden-drenthe')).map(
      (f) => `templates/midden-drenthe/${f}`,
    );
    for (const f of [...data, ...templates]) expect(inputs).toContain(f);
    expect(inputs.some((f) => /^node_modules\/@fontsource\/.+\.woff2$/.test(f))).toBe(true);
    expect(inputs.some((f) => f.endsWith('.icc'))).toBe(true);
    // And the copies are the same bytes.
    expect(sha256(path.join(dir, 'invoer', 'data', 'proef', '2024', 'cijfers.yaml'))).toBe(
      sha256(copy.file('proef/2024/cijfers.yaml')),
    );
  });

  it('lists every file in the manifest with its SHA-256 and size, and the versions', () => {
    const m = manifest();
    expect(m.publicatie).toBe('proef');
    expect(m.jaar).toBe(2024);
    const listed = new Set(m.bestanden.map((f) => f.pad));
    for (const f of files(dir).filter((f) => f !== 'manifest.json')) expect(listed).toContain(f);
    for (const f of m.bestanden) {
      const file = path.join(dir, f.pad);
      expect(sha256(file), f.pad).toBe(f.sha256);
      expect(readFileSync(file).length, f.pad).toBe(f.grootte);
    }
    expect(m.versies.node).toBe(process.version);
    expect(m.versies.chromium).toMatch(/^(Headless)?Chrom(e|ium)\/\d+\./);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      version: string;
      dependencies: Record<string, string>;
    };
    expect(m.versies.jaarverslag).toBe(pkg.version);
    expect(Object.keys(m.versies.bibliotheken).sort()).toEqual(
      Object.keys(pkg.dependencies).sort(),
    );
    const pdfLib = JSON.parse(
      readFileSync(path.join(ROOT, 'node_modules', 'pdf-lib', 'package.json'), 'utf8'),
    ) as { version: string };
    expect(m.versies.bibliotheken['pdf-lib']).toBe(pdfLib.version);
  });

  it('writes MDTO records that are well-formed XML with the elements an archive needs', () => {
    const mdto = path.join(dir, 'mdto');
    const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });
    const pdfName = 'jaarverslag-wonen-proef-2024.pdf';
    const bestandXml = readFileSync(path.join(mdto, `${pdfName}.bestand.mdto.xml`), 'utf8');
    expect(XMLValidator.validate(bestandXml)).toBe(true);
    const b = (
      parser.parse(bestandXml) as { MDTO: { '@_xmlns': string; bestand: Record<string, unknown> } }
    ).MDTO;
    expect(b['@_xmlns']).toBe('https://www.nationaalarchief.nl/mdto');
    const bestand = b.bestand as {
      identificatie: { identificatieKenmerk: string; identificatieBron: string };
      naam: string;
      omvang: string;
      bestandsformaat: { begripLabel: string; begripCode: string };
      checksum: {
        checksumAlgoritme: { begripLabel: string };
        checksumWaarde: string;
        checksumDatum: string;
      };
      isRepresentatieVan: { verwijzingNaam: string };
    };
    // The schema's order: identificatie, naam, omvang, bestandsformaat, checksum, isRepresentatieVan.
    expect(Object.keys(bestand)).toEqual([
      'identificatie',
      'naam',
      'omvang',
      'bestandsformaat',
      'checksum',
      'isRepresentatieVan',
    ]);
    expect(bestand.identificatie.identificatieKenmerk).toContain('proef/2024');
    expect(bestand.naam).toBe(pdfName);
    expect(Number(bestand.omvang)).toBe(readFileSync(path.join(dir, pdfName)).length);
    // PRONOM's PDF/A-2a: the level the manifest records for the PDF.
    expect(manifest().pdfa).toBe('2A');
    expect(bestand.bestandsformaat.begripCode).toBe('fmt/476');
    expect(bestand.checksum.checksumAlgoritme.begripLabel).toBe('SHA256');
    expect(bestand.checksum.checksumWaarde).toBe(sha256(path.join(dir, pdfName)));
    expect(Number.isNaN(Date.parse(bestand.checksum.checksumDatum))).toBe(false);

    const objectXml = readFileSync(
      path.join(mdto, 'jaarverslag-wonen-proef-2024.mdto.xml'),
      'utf8',
    );
    expect(XMLValidator.validate(objectXml)).toBe(true);
    const o = (parser.parse(objectXml) as { MDTO: { informatieobject: Record<string, unknown> } })
      .MDTO.informatieobject as {
      naam: string;
      event: { eventType: { begripLabel: string }; eventTijd: string; eventResultaat: string };
      heeftRepresentatie: Array<{ verwijzingNaam: string }>;
      waardering: { begripCode: string };
    };
    expect(o.naam).toBe('Jaarverslag Wonen 2024');
    // The creating application, with its version and the browser that printed.
    expect(o.event.eventType.begripLabel).toBe('Creatie');
    expect(o.event.eventTijd).toBe('2025-03-14');
    expect(o.event.eventResultaat).toContain(`jaarverslag ${manifest().versies.jaarverslag}`);
    expect(o.event.eventResultaat).toContain(manifest().versies.chromium);
    expect(o.heeftRepresentatie.map((r) => r.verwijzingNaam)).toContain(pdfName);
    expect(['B', 'V', 'N']).toContain(o.waardering.begripCode);
  });

  it('does not overwrite an edition already archived', () => {
    const r = run(['archive']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('bestaat al');
  });
});

describe('jaarverslag verify', () => {
  it('passes on the archive as written, and rebuilds it byte for byte from its inputs', () => {
    const r = run(['verify', '--rebuild']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/(\d+) van \1 bestanden ongewijzigd/);
    expect(r.stdout).toMatch(/(\d+) van \1 bestanden byte voor byte gelijk/);
  });

  it('fails, naming the file, after one byte of an archived input changed', () => {
    const input = path.join(dir, 'invoer', 'data', 'proef', '2024', 'cijfers.yaml');
    const before = readFileSync(input);
    const changed = Buffer.from(before);
    const at = changed.indexOf('1234');
    expect(at).toBeGreaterThan(0);
    changed[at] = '5'.charCodeAt(0); // inwoners: 1234 -> 5234
    writeFileSync(input, changed);
    try {
      const r = run(['verify']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(input);
      expect(r.stderr).toContain('gewijzigd');
      // Only that file.
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      writeFileSync(input, before);
    }
    expect(run(['verify']).code).toBe(0);
  });

  it('names a missing file and a file the manifest does not list', () => {
    const csv = path.join(dir, 'jaarverslag-wonen-proef-2024-cijfers-verkocht.csv');
    const before = readFileSync(csv);
    const extra = path.join(dir, 'invoer', 'data', 'proef', 'los.yaml');
    try {
      writeFileSync(extra, 'los: 1\n');
      spawnSync('rm', [csv]);
      expect(existsSync(csv)).toBe(false);
      const r = run(['verify']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${csv}: ontbreekt`);
      expect(r.stderr).toContain(`${extra}: staat niet in het manifest`);
    } finally {
      writeFileSync(csv, before);
      spawnSync('rm', [extra]);
    }
  });

  it('says so when an edition was never archived', () => {
    const r = spawnSync(process.execPath, [BIN, 'verify'], {
      encoding: 'utf8',
      env: {
        ...process.env,
        JAARVERSLAG_DATA: copy.dataDir,
        JAARVERSLAG_ARCHIEF: mkdtempSync(path.join(tmpdir(), 'jv-leeg-')),
      },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('nog geen editie gearchiveerd');
  });

  it('needs the archive only: it verifies when the data folder no longer has the publication', () => {
    const r = spawnSync(process.execPath, [BIN, 'verify', '--rebuild'], {
      encoding: 'utf8',
      env: {
        ...process.env,
        JAARVERSLAG_DATA: mkdtempSync(path.join(tmpdir(), 'jv-geen-data-')),
        JAARVERSLAG_ARCHIEF: archiveBase,
      },
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/(\d+) van \1 bestanden byte voor byte gelijk/);
  });
});
