/** The whole report as one HTML document: cover, contents, chapters with their figures. */
import path from 'node:path';
import Handlebars from 'handlebars';
import type { Edition } from '../data/validate.ts';
import type { Ontbrekend, Tabel } from '../data/schema.ts';
import type { RenderedChapter, RenderedForeword, TocEntry } from './chapters.ts';
import { TemplateError } from '../errors.ts';
import { formatDatum } from './format/index.ts';
import type { Placement } from './helpers/figuur.ts';
import { withSecurityPolicy } from './policy.ts';
import { cssString } from './css.ts';
import { tableView } from './table-view.ts';
import { csvFileName } from './csv.ts';
import { chartDescription } from '../figures/describe.ts';
import type { TemplateSet } from './templates.ts';

export interface ReportInput {
  edition: Edition;
  templates: TemplateSet;
  chapters: readonly RenderedChapter[];
  /** The foreword before the contents, when the edition has one. */
  foreword?: RenderedForeword | undefined;
  /** SVG per figure id, for tables drawn as charts. */
  charts: ReadonlyMap<string, string>;
  fontCss: string;
  final: boolean;
  /** The HTML edition's base name: each table links its CSV beside it (render/csv.ts). */
  csvBase?: string | undefined;
  /**
   * A draft's mark in the foot of every page, beside the CONCEPT in its head: "Concept 26
   * november 2026 · inhoud 3f9a1c2e" (the build's date, a hash of all inputs). Never on a final.
   */
  draftMark?: string | undefined;
}

/** The draft mark as a page-margin rule after the house style's own (src/archive/inputs.ts). */
function draftMarkCss(mark: string): string {
  return `@page { @bottom-left { content: ${cssString(mark)}; color: #b42318; font-size: 7.5pt; font-weight: 600; } }`;
}

type FigurePlacement = Extract<Placement, { kind: 'figuur' | 'tabel' }>;
type PhotoPlacement = Extract<Placement, { kind: 'foto' }>;

/** The view of one placed photo, for partials/foto.hbs. Every key is always present. */
export function photoView(p: PhotoPlacement) {
  return {
    id: p.id,
    anchor: `foto-${p.id.replace(/[^a-z0-9]+/g, '-')}`,
    alt: p.fact.alt,
    bijschrift: p.fact.bijschrift,
    /** The picture as a data: URL; undefined while the file is not given (a placeholder shows). */
    src: p.src,
    ontbreekt: !p.src,
  };
}

/** The view of one placed figure or table, for partials/figuur.hbs. Every key is always present. */
export function figureView(
  p: FigurePlacement,
  charts: ReadonlyMap<string, string>,
  csvBase?: string,
) {
  const fact: Tabel | Ontbrekend = p.fact;
  const table = fact.soort === 'tabel' ? fact : undefined;
  const svg = charts.get(p.id);
  return {
    id: p.id,
    anchor: p.number ? `figuur-${p.number}` : `tabel-${p.id.replace(/[^a-z0-9]+/g, '-')}`,
    genummerd: p.kind === 'figuur',
    nummer: p.number,
    titel: fact.titel,
    bron: fact.bron,
    ontbreekt: fact.soort === 'ontbreekt' ? { reden: fact.reden } : undefined,
    weggelaten: fact.soort === 'ontbreekt' && fact.weglaten,
    voetnoot: table?.voetnoot,
    beschrijving: table?.grafiek ? chartDescription(table) : undefined,
    grafiek: svg ? new Handlebars.SafeString(svg) : undefined,
    tabel: table ? tableView(table) : undefined,
    /** The table's numbers as CSV, a relative link (only when the build writes the files). */
    csv: table && csvBase ? csvFileName(csvBase, p.id) : undefined,
  };
}

/** Assemble the report's HTML. Page numbers in the contents are filled in by the print stage. */
export function renderReport(input: ReportInput): string {
  const { edition, templates, chapters, charts } = input;
  /** A body with its figures, tables and photos in place of their placeholders. */
  const placed = (body: string, placements: readonly Placement[]): string =>
    body.replace(/<!--jv:plaats:(\d+)-->/g, (_, n: string) => {
      const placement = placements[Number(n)];
      if (!placement) return '';
      if (placement.kind === 'foto') return templates.renderPartial('foto', photoView(placement));
      const view = figureView(placement, charts, input.csvBase);
      if (view.ontbreekt && view.weggelaten) return '';
      return templates.renderPartial('figuur', view);
    });
  const hoofdstukken = chapters.map((ch) => {
    const inhoud = placed(ch.body, ch.placements);
    const html = templates.render(templates.chapterTemplate(ch.id), {
      nummer: ch.nummer,
      titel: ch.titel,
      anchor: ch.anchor,
      id: ch.id,
      inhoud: new Handlebars.SafeString(inhoud),
      editie: edition.editie,
      publicatie: edition.publicatie,
    });
    return {
      nummer: ch.nummer,
      titel: ch.titel,
      anchor: ch.anchor,
      html: new Handlebars.SafeString(html),
    };
  });
  // The foreword is listed first, unnumbered: a reader (and the PDF's outline, which needs a
  // link to its heading) finds it from the contents.
  const toc: TocEntry[] = [
    ...(input.foreword
      ? [
          {
            level: 1 as const,
            nummer: '',
            titel: input.foreword.titel,
            anchor: input.foreword.anchor,
          },
        ]
      : []),
    ...chapters.flatMap((c) => c.toc),
  ];
  const setDir = `templates/${path.basename(templates.dir)}`;
  const styleEnd = /<\/style/i.exec(templates.css);
  if (styleEnd) {
    const line = templates.css.slice(0, styleEnd.index).split('\n').length;
    throw new TemplateError(
      `${setDir}/stijl.css`,
      line,
      'een stylesheet mag "</style" niet bevatten: het zou het <style>-element beëindigen',
    );
  }
  const document = templates.render('document.hbs', {
    publicatie: edition.publicatie,
    editie: edition.editie,
    datumTekst: edition.editie.datum ? formatDatum(edition.editie.datum) : null,
    concept: !input.final,
    inhoud: toc,
    voorwoord: input.foreword
      ? {
          titel: input.foreword.titel,
          anchor: input.foreword.anchor,
          html: new Handlebars.SafeString(placed(input.foreword.body, input.foreword.placements)),
          ondertekening: edition.editie.voorwoord?.ondertekening ?? [],
        }
      : null,
    hoofdstukken,
    stijl: new Handlebars.SafeString(
      [
        input.fontCss,
        templates.css,
        ...(!input.final && input.draftMark ? [draftMarkCss(input.draftMark)] : []),
      ].join('\n'),
    ),
  });
  return withSecurityPolicy(document, `${setDir}/document.hbs`);
}
