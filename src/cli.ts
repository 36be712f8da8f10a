/** Arguments -> a command and an exit code; nothing else. 0 ok, 1 bad input, 2 wrong usage. */
import { parseArgs } from 'node:util';
import { listPublications, listYears, resolveContext } from './context.ts';
import type { BuildFlags } from './context.ts';
import { formatDiagnostics, sortDiagnostics } from './diagnostics.ts';
import { DataError, fromSystemError, JaarverslagError, UsageError } from './errors.ts';
import { build, checkData } from './core/build.ts';

const USAGE = `gebruik: jaarverslag <opdracht> [opties]

opdrachten:
  build    bouw het verslag: PDF en HTML in output/<publicatie>/<jaar>/
  check    controleer de gegevens: schema, totalen, aandelen, ontbrekende waarden

opties:
  --publication NAAM   de publicatie (map onder data/); nodig als er meer zijn
  --year JJJJ          het jaar; standaard het laatste
  --all                elke publicatie, elk in haar laatste jaar
  --final              definitieve editie: ontbrekende waarden zijn fouten
  --strict             waarschuwingen zijn fouten

omgeving:
  JAARVERSLAG_DATA     een andere map met gegevens dan data/
  -h, --help           deze tekst`;

interface Parsed {
  command: string;
  flags: BuildFlags;
  all: boolean;
}

function parse(argv: string[]): Parsed {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        publication: { type: 'string' },
        year: { type: 'string' },
        all: { type: 'boolean', default: false },
        final: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help', flags: {}, all: false };
  const [command, ...rest] = positionals;
  if (!command) throw new UsageError(USAGE);
  if (rest.length) throw new UsageError(`onverwacht argument: ${rest.join(' ')}\n\n${USAGE}`);
  let year: number | undefined;
  if (values.year !== undefined) {
    if (!/^\d{4}$/.test(values.year))
      throw new UsageError(`--year verwacht een jaar als 2024, gevonden "${values.year}"`);
    year = Number(values.year);
  }
  if (values.all && (values.publication || year))
    throw new UsageError('--all gaat niet samen met --publication of --year');
  return {
    command,
    all: values.all ?? false,
    flags: {
      publication: values.publication,
      year,
      final: values.final,
      strict: values.strict,
      // Another data folder (tests, or a publication kept outside the checkout).
      dataDir: process.env.JAARVERSLAG_DATA || undefined,
    },
  };
}

function targets(p: Parsed): BuildFlags[] {
  if (!p.all) return [p.flags];
  return listPublications(p.flags.dataDir).map((publication) => ({
    ...p.flags,
    publication,
    year: listYears(publication, p.flags.dataDir).at(-1),
  }));
}

function printWarnings(list: Parameters<typeof formatDiagnostics>[0]): void {
  if (list.length) console.error(formatDiagnostics(sortDiagnostics(list)));
}

async function run(argv: string[]): Promise<number> {
  const p = parse(argv);
  switch (p.command) {
    case 'help':
      console.log(USAGE);
      return 0;
    case 'build':
      for (const flags of targets(p)) {
        const ctx = resolveContext(flags);
        const result = await build(ctx);
        printWarnings(result.diagnostics);
        console.log(`${result.pdfPath} (${result.pages} pagina's)`);
        console.log(result.htmlPath);
      }
      return 0;
    case 'check':
      for (const flags of targets(p)) {
        const ctx = resolveContext(flags);
        const result = checkData(ctx);
        printWarnings(result.diagnostics);
        const warnings = result.diagnostics.filter((d) => d.severity === 'warning').length;
        console.log(
          `${ctx.publication} ${ctx.year}: gegevens geldig, ${warnings} ${warnings === 1 ? 'waarschuwing' : 'waarschuwingen'}`,
        );
      }
      return 0;
    default:
      throw new UsageError(`onbekende opdracht "${p.command}"\n\n${USAGE}`);
  }
}

/** Stack traces only for developers: DEBUG=1 (not DEBUG=puppeteer:*, which is Puppeteer's own). */
function debugging(): boolean {
  return process.env.DEBUG === '1';
}

/** The one top-level handler: prints the cause chain, sets the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (thrown) {
    // A file-system error (a read-only or missing TMPDIR, a full disk) is the user's to fix.
    const e = thrown instanceof JaarverslagError ? thrown : (fromSystemError(thrown) ?? thrown);
    if (e instanceof DataError) {
      console.error(formatDiagnostics(sortDiagnostics(e.diagnostics)));
      const n = e.diagnostics.filter((d) => d.severity === 'error').length;
      console.error(`\n${n} ${n === 1 ? 'fout' : 'fouten'}; er is niets geschreven.`);
      return e.exitCode;
    }
    if (e instanceof JaarverslagError) {
      console.error(`jaarverslag: ${e.message}`);
      if (debugging()) console.error(e.stack, e.cause);
      return e.exitCode;
    }
    console.error(`jaarverslag: onverwachte fout: ${(e as Error)?.message ?? String(e)}`);
    if (debugging()) console.error((e as Error)?.stack);
    else console.error('(zet DEBUG=1 voor de stacktrace)');
    return 1;
  }
}
