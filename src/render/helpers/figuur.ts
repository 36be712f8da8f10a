/**
 * {{figuur x}} places a numbered figure, {{tabel x}} an unnumbered table, {{foto x}} a photo with
 * its caption, {{verwijzing x}} names a figure's number. Numbers follow the order of placement across the whole report: the prose is
 * rendered twice, the first time only to learn that order.
 */
import Handlebars from 'handlebars';
import type { HelperOptions } from 'handlebars';
import type { Foto, Ontbrekend, Tabel } from '../../data/schema.ts';
import { HelperError, lineOf, requireDefined } from './values.ts';

export type Placement =
  | {
      id: string;
      kind: 'figuur' | 'tabel';
      fact: Tabel | Ontbrekend;
      /** Figure number; undefined for unnumbered tables. */
      number?: number | undefined;
    }
  | {
      id: string;
      kind: 'foto';
      fact: Foto;
      number?: undefined;
      /** The picture as a data: URL, once read; undefined while the file is not given. */
      src?: string | undefined;
    };

/** The kinds of fact each placing helper takes. */
const PLACEABLE: Record<Placement['kind'], readonly string[]> = {
  figuur: ['tabel', 'ontbreekt'],
  tabel: ['tabel', 'ontbreekt'],
  foto: ['foto'],
};

/** Collects placements during one rendering pass. */
export class FigureRegistry {
  readonly placements: Placement[] = [];
  private readonly placed = new Set<string>();

  constructor(
    private readonly factIds: WeakMap<object, string>,
    /** Figure numbers learned in the first pass (empty during the first pass). */
    private readonly numbers: ReadonlyMap<string, number>,
  ) {}

  private idOf(
    value: unknown,
    helper: string,
    options: HelperOptions,
    kinds: readonly string[] = PLACEABLE.figuur,
  ): { id: string; fact: Tabel | Ontbrekend | Foto } {
    requireDefined(helper, [value], options);
    const id = value && typeof value === 'object' ? this.factIds.get(value) : undefined;
    const soort = (value as { soort?: unknown } | null)?.soort;
    if (!id || !kinds.includes(String(soort))) {
      throw new HelperError(
        kinds.includes('foto')
          ? `{{${helper} …}} verwacht een foto uit de gegevens (soort: foto)`
          : `{{${helper} …}} verwacht een tabel of figuur uit de gegevens (soort: tabel of ontbreekt)`,
        lineOf(options),
      );
    }
    return { id, fact: value as Tabel | Ontbrekend | Foto };
  }

  place(kind: Placement['kind'], value: unknown, options: HelperOptions): Handlebars.SafeString {
    const { id, fact } = this.idOf(value, kind, options, PLACEABLE[kind]);
    if (this.placed.has(id)) {
      throw new HelperError(
        `${id} staat al eerder in het verslag; een figuur of tabel staat er één keer in`,
        lineOf(options),
      );
    }
    this.placed.add(id);
    const index = this.placements.length;
    this.placements.push(
      fact.soort === 'foto'
        ? { id, kind: 'foto', fact }
        : {
            id,
            kind: kind === 'figuur' ? 'figuur' : 'tabel',
            fact,
            number: kind === 'figuur' ? this.numbers.get(id) : undefined,
          },
    );
    // An HTML comment on a line of its own survives Markdown as a block; replaced after Markdown.
    // No newlines added: Markdown line numbers stay those of the prose file, for messages.
    return new Handlebars.SafeString(`<!--jv:plaats:${index}-->`);
  }

  reference(value: unknown, options: HelperOptions): string {
    const { id } = this.idOf(value, 'verwijzing', options);
    if (this.numbers.size === 0) return 'figuur 0';
    const n = this.numbers.get(id);
    if (n === undefined) {
      throw new HelperError(
        `{{verwijzing …}} verwijst naar ${id}, maar die figuur staat nergens met {{figuur …}} in het verslag`,
        lineOf(options),
      );
    }
    return `figuur ${n}`;
  }
}

/** Figure numbers in order of placement. */
export function numberFigures(placements: readonly Placement[]): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const p of placements) if (p.kind === 'figuur') numbers.set(p.id, numbers.size + 1);
  return numbers;
}
