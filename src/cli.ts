/** Arguments -> a command and an exit code; nothing else. 0 ok, 1 bad input, 2 wrong usage. */
import { parseArgs } from 'node:util';
import { listPublications, listYears } from './context.ts';
import type { BuildFlags } from './context.ts';
import { errorText } from './error-text.ts';
import { UsageError } from './errors.ts';

const USAGE = `gebruik: jaarverslag <opdracht> [opties]

opdrachten:
  build    bouw het verslag: PDF en HTML in output/<publicatie>/<jaar>/
  check    controleer de gegevens: schema, totalen, aandelen, ontbrekende waarden
  preview  live voorbeeld op http://127.0.0.1:4173/, opnieuw gebouwd bij elke opgeslagen wijziging
  new-year JJJJ  begin een nieuw jaar uit het laatste: alles van dat jaar leeg, de reeksen een jaar langer
  workbook       een Excel-werkmap met elke nog in te vullen waarde (output/<publicatie>/<jaar>/invulblad-….xlsx)
  import WERKMAP lees de ingevulde werkmap in de gegevens; bij één fout verandert er niets
  status   wat er nog in te vullen is (lege waarden), per hoofdstuk, met de waarde van vorig jaar
  review   bouw het concept en schrijf review/ ernaast: elke pagina als plaatje, een contactblad en
           wijzigingen.html met wat er veranderde (getallen, tekst, pagina's) sinds de vorige build
  archive  bouw de definitieve editie in archive/<publicatie>/<jaar>/ met haar invoer, manifest.json
           (SHA-256 van elk bestand, versies) en MDTO-records
  verify   controleer een gearchiveerde editie: elke checksum; met --rebuild ook opnieuw bouwen
           uit de bewaarde invoer en byte voor byte vergelijken

opties:
  --publication NAAM   de publicatie (map onder data/); nodig als er meer zijn
  --year JJJJ          het jaar; standaard het laatste
  --all                elke publicatie, elk in haar laatste jaar
  --final              definitieve editie: ontbrekende waarden zijn fouten
  --strict             waarschuwingen zijn fouten
  --port N             poort van preview (standaard 4173; 0 = een vrije poort)
  --against PDF|GIT    review: vergelijk met deze PDF of deze git-versie in plaats van de vorige build
  --rebuild            verify: bouw opnieuw uit de gearchiveerde invoer en vergelijk byte voor byte

omgeving:
  JAARVERSLAG_DATA     een andere map met gegevens dan data/
  JAARVERSLAG_ARCHIEF  een andere archiefmap dan archive/
  SOURCE_DATE_EPOCH    de datum van een concept (seconden sinds 1970), voor byte-gelijke builds
  -h, --help           deze tekst`;

interface Parsed {
  /** new-year's year. */
  argument?: string | undefined;
  command: string;
  flags: BuildFlags;
  all: boolean;
  port?: string | undefined;
  against?: string | undefined;
  rebuild: boolean;
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
        port: { type: 'string' },
        against: { type: 'string' },
        rebuild: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help', flags: {}, all: false, rebuild: false };
  const [command, ...rest] = positionals;
  if (!command) throw new UsageError(USAGE);
  // new-year takes the year to make, import the workbook to read.
  const takes = command === 'new-year' || command === 'import' ? 1 : 0;
  if (rest.length > takes)
    throw new UsageError(`onverwacht argument: ${rest.slice(takes).join(' ')}\n\n${USAGE}`);
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
    argument: rest[0],
    all: values.all ?? false,
    port: values.port,
    against: values.against,
    rebuild: values.rebuild ?? false,
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

/** A command that works on one edition refuses --all. */
function oneEdition(p: Parsed): void {
  if (p.all) throw new UsageError(`${p.command} geldt één editie; --all past daar niet bij`);
}

async function run(argv: string[]): Promise<number> {
  const p = parse(argv);
  // Each command imports only what it needs: `check` and `--help` start no browser code.
  switch (p.command) {
    case 'help':
      console.log(USAGE);
      return 0;
    case 'build': {
      const { buildCommand } = await import('./commands/build.ts');
      return buildCommand(targets(p));
    }
    case 'new-year': {
      if (p.all)
        throw new UsageError(
          'new-year maakt één jaar van één publicatie; --all past daar niet bij',
        );
      const { newYearCommand } = await import('./commands/new-year.ts');
      return newYearCommand(p.flags, p.argument);
    }
    case 'workbook': {
      oneEdition(p);
      const { workbookCommand } = await import('./commands/workbook.ts');
      return workbookCommand(p.flags);
    }
    case 'import': {
      oneEdition(p);
      const { importCommand } = await import('./commands/workbook.ts');
      return importCommand(p.flags, p.argument);
    }
    case 'check': {
      const { checkCommand } = await import('./commands/check.ts');
      return checkCommand(targets(p));
    }
    case 'status': {
      if (p.all) throw new UsageError('--all gaat niet samen met status');
      const { statusCommand } = await import('./commands/status.ts');
      return statusCommand(p.flags);
    }
    case 'preview': {
      if (p.all) throw new UsageError('--all gaat niet samen met preview');
      const { previewCommand } = await import('./commands/preview.ts');
      return previewCommand(p.flags, p.port);
    }
    case 'review': {
      oneEdition(p);
      const { reviewCommand } = await import('./commands/review.ts');
      return reviewCommand(p.flags, p.against);
    }
    case 'archive': {
      oneEdition(p);
      const { archiveCommand } = await import('./commands/archive.ts');
      return archiveCommand(p.flags);
    }
    case 'verify': {
      oneEdition(p);
      const { verifyCommand } = await import('./commands/archive.ts');
      return verifyCommand(p.flags, p.rebuild);
    }
    default:
      throw new UsageError(`onbekende opdracht "${p.command}"\n\n${USAGE}`);
  }
}

/** The one top-level handler: prints the cause chain, sets the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (thrown) {
    const { text, exitCode } = errorText(thrown);
    console.error(text);
    return exitCode;
  }
}
