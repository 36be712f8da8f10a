/** `jaarverslag archive` and `jaarverslag verify`: the final edition into the archive, and checked. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { archiveEdition, archiveRoot, rebuildArchive, verifyArchive } from '../archive/archive.ts';
import { resolveContext } from '../context.ts';
import type { BuildFlags } from '../context.ts';
import { whileBrowserStarts } from '../print/browser.ts';
import { JaarverslagError, UsageError } from '../errors.ts';
import { printWarnings, progress } from './output.ts';

export async function archiveCommand(flags: BuildFlags): Promise<number> {
  const ctx = resolveContext({ ...flags, final: true });
  return whileBrowserStarts(async (browser) => {
    const shown = progress(`${ctx.publication} ${ctx.year} (archief)`);
    try {
      const { dir, manifest, build } = await archiveEdition(flags, { browser });
      shown.done();
      printWarnings(build.diagnostics);
      const count = (soort: string) => manifest.bestanden.filter((f) => f.soort === soort).length;
      console.log(`${dir}`);
      console.log(
        `  ${build.pages} pagina's, PDF/A-${manifest.pdfa}; ${count('uitvoer')} bestanden van de editie, ` +
          `${count('invoer')} invoerbestanden, ${count('mdto')} MDTO-records; manifest.json met SHA-256 van elk`,
      );
    } finally {
      shown.done();
    }
    return 0;
  });
}

/** The archived edition to verify: named by the archive's folders, not by the data (which may be gone). */
function archivedEdition(flags: BuildFlags): string {
  const base = archiveRoot();
  const folders = (dir: string, re: RegExp) =>
    existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true })
          .filter((e) => e.isDirectory() && re.test(e.name))
          .map((e) => e.name)
          .sort()
      : [];
  const publications = folders(base, /^[a-z0-9][a-z0-9-]*$/);
  const publication =
    flags.publication ?? (publications.length === 1 ? publications[0] : undefined);
  if (!publications.length)
    throw new JaarverslagError(
      `in ${base} is nog geen editie gearchiveerd ("jaarverslag archive")`,
    );
  if (!publication)
    throw new UsageError(`kies een publicatie met --publication (${publications.join(', ')})`);
  const years = folders(path.join(base, publication), /^\d{4}$/);
  const year = flags.year !== undefined ? String(flags.year) : years.at(-1);
  return path.join(base, publication, year ?? String(new Date().getFullYear()));
}

export async function verifyCommand(flags: BuildFlags, rebuild: boolean): Promise<number> {
  const dir = archivedEdition(flags);
  const result = verifyArchive(dir);
  let failed = false;
  for (const f of result.changed)
    console.error(`${path.join(dir, f)}: gewijzigd (de SHA-256 klopt niet meer)`);
  for (const f of result.missing) console.error(`${path.join(dir, f)}: ontbreekt`);
  for (const f of result.extra) console.error(`${path.join(dir, f)}: staat niet in het manifest`);
  if (result.changed.length || result.missing.length || result.extra.length) failed = true;
  console.log(
    `${dir}: ${result.checked - result.changed.length - result.missing.length} van ${result.checked} bestanden ongewijzigd`,
  );
  if (rebuild && !failed) {
    failed = await whileBrowserStarts(async (browser) => {
      const r = await rebuildArchive(dir, { browser });
      for (const f of r.different)
        console.error(
          `${path.join(dir, f)}: opnieuw gebouwd uit de invoer is het niet byte voor byte gelijk`,
        );
      console.log(
        `opnieuw gebouwd uit ${path.join(dir, 'invoer')}: ${r.identical.length} van ${r.identical.length + r.different.length} bestanden byte voor byte gelijk`,
      );
      if (r.different.length && r.chromium.archived !== r.chromium.now)
        console.error(
          `let op: gearchiveerd met ${r.chromium.archived}, nu gebouwd met ${r.chromium.now}; een andere Chromium zet anders`,
        );
      return r.different.length > 0;
    });
  }
  return failed ? 1 : 0;
}
