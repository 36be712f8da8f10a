/**
 * The schema of every data file: the single source of truth for the data's shape.
 * Types are inferred from it (z.infer), never written twice. Nothing here is specific
 * to one publication: a publication is data plus templates.
 */
import { z } from 'zod';

/** Units a value can carry; each unit has its own range (see `unitRange`). */
export const Eenheid = z.enum([
  'aantal', // a count: a whole number >= 0
  'procent', // a share: 0 to 100
  'mutatie', // a change in percent: any sign
  'saldo', // a balance or difference of counts: a whole number, any sign
  'euro', // an amount >= 0
  'dagen',
  'maanden',
  'jaren',
]);
export type Eenheid = z.infer<typeof Eenheid>;

/**
 * A table cell: a number, "-" (the source prints a dash: none, counted as 0),
 * or null (the source gives no value here: missing, shown empty, never invented).
 */
export const Cel = z.union([z.number(), z.literal('-'), z.null()]);
export type Cel = z.infer<typeof Cel>;

const Label = z.union([z.string().min(1), z.number()]);

/** A column: its label (a year, a quarter, a name), optionally grouped under higher header rows. */
export const Kolom = z.union([
  Label,
  z.strictObject({
    label: Label,
    /** Header rows above this column, outermost first; equal neighbours are merged. */
    groep: z.array(z.string().min(1)).optional(),
    eenheid: Eenheid.optional(),
    /**
     * This column states a share (percent) of the column with this 0-based index: of the table's
     * total for a top-level row, of its parent row for a part (`onderdelen`), of the total for a
     * part of the total (`totaal.onderdelen`).
     */
    aandeel_van: z.number().int().nonnegative().optional(),
    /**
     * The source computed this column in every row: the sum of the `bij` columns minus the `af`
     * columns (by label). The pipeline computes it too; a stated cell that differs is reported,
     * a cell the source leaves empty (null) shows the computed value.
     */
    berekend: z
      .strictObject({
        bij: z.array(Label).default([]),
        af: z.array(Label).default([]),
      })
      .optional(),
  }),
]);
export type Kolom = z.infer<typeof Kolom>;

export interface Rij {
  label: string;
  waarden: Cel[];
  eenheid?: Eenheid | undefined;
  /** Rows that make up this row: the row's values are a subtotal of theirs. */
  onderdelen?: Rij[] | undefined;
}
export const Rij: z.ZodType<Rij> = z.lazy(() =>
  z.strictObject({
    label: z.string().min(1),
    waarden: z.array(Cel),
    eenheid: Eenheid.optional(),
    onderdelen: z.array(Rij).optional(),
  }),
);

/** How a table is drawn as a chart (Vega-Lite), with its numbers in the table under it. */
export const Grafiek = z.strictObject({
  vorm: z.enum(['staaf', 'gestapeld', 'gegroepeerd', 'lijn', 'liggend']),
  /**
   * Which table dimension runs along the category axis; the other one gives the series.
   * `groepen`: the rows with parts (onderdelen) run along the axis and the parts' labels are the
   * series, drawn from one column (`kolom`).
   */
  as: z.enum(['kolommen', 'rijen', 'groepen']).default('kolommen'),
  /** The column drawn when the rows' parts are the series (`as: groepen`); default the first. */
  kolom: Label.optional(),
  /** Only these series (row or column labels, whichever is not on the axis). */
  reeksen: z.array(Label).optional(),
  /** Axis title for the values. */
  titel_waarden: z.string().optional(),
  /** Dutch description of what the chart shows, for readers who cannot see it. */
  beschrijving: z.string().min(1),
});
export type Grafiek = z.infer<typeof Grafiek>;

const Totaal = z.strictObject({
  label: z.string().min(1).default('Totaal'),
  /** The totals as the source prints them; compared with the sum of the rows. */
  vermeld: z.array(Cel).optional(),
  /**
   * The total broken down like the rows' parts: for each label, the totals the source prints of
   * the parts with that label over all rows (`Drenthe / Bouwers voor de markt` = the
   * `Bouwers voor de markt` of every region). Compared with those sums.
   */
  onderdelen: z
    .array(z.strictObject({ label: z.string().min(1), vermeld: z.array(Cel) }))
    .optional(),
});

/**
 * A stock and its flows in a table whose rows are consecutive years: the check verifies
 * stand(previous year) + bij − af = stand(year) and reports every year that does not add up.
 */
export const Balans = z.strictObject({
  /** The column with the stock at the end of each year. */
  stand: Label,
  /** Columns that add to the stock. */
  bij: z.array(Label).default([]),
  /** Columns that take from it. */
  af: z.array(Label).default([]),
});
export type Balans = z.infer<typeof Balans>;

/** A table: a figure in the report ({{figuur x}}) or an unnumbered table ({{tabel x}}). */
export const Tabel = z.strictObject({
  soort: z.literal('tabel'),
  titel: z.string().min(1),
  /** Header of the label column. */
  kop: z.string().optional(),
  eenheid: Eenheid.default('aantal'),
  kolommen: z.array(Kolom).min(1),
  rijen: z.array(Rij).min(1),
  totaal: Totaal.optional(),
  bron: z.string().optional(),
  voetnoot: z.string().optional(),
  grafiek: Grafiek.optional(),
  balans: Balans.optional(),
  /**
   * In a series (reeksen/): the last year an edition shows, its own (default) or the next one
   * (a stand on 1 January of the next year).
   */
  tot: z.enum(['jaar', 'volgend_jaar']).optional(),
  /**
   * A table that looks ahead (plans, forecasts: plancapaciteit 2025-2030 in a 2024 report): its
   * years may run this many years past the edition's year. Without it, a year after next year is
   * taken for a typing mistake.
   */
  vooruit: z.number().int().min(1).max(50).optional(),
});
export type Tabel = z.infer<typeof Tabel>;

/** A figure whose numbers the source does not give: shown as a visible placeholder. */
export const Ontbrekend = z.strictObject({
  soort: z.literal('ontbreekt'),
  titel: z.string().min(1),
  bron: z.string().optional(),
  /** Why the numbers are missing, in words for the reader of a draft. */
  reden: z.string().min(1),
  /** true: left out of the report on purpose (allowed in a final edition). */
  weglaten: z.boolean().default(false),
});
export type Ontbrekend = z.infer<typeof Ontbrekend>;

/**
 * The same quantity as a value of another publication (of the same year): `check` compares the
 * two and reports a disagreement with both files and lines. `tegengesteld`: the other states it
 * with the opposite sign (a backlog of 20 against a balance of -20).
 */
export const ZelfdeAls = z.strictObject({
  publicatie: z.string().regex(/^[a-z0-9-]+$/),
  /** `<namespace>.<name>` in that publication's edition of the same year. */
  waarde: z
    .string()
    .regex(
      /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/,
      'bestand.naam, zoals huursector.statushouders_gehuisvest',
    ),
  teken: z.enum(['gelijk', 'tegengesteld']).default('gelijk'),
});
export type ZelfdeAls = z.infer<typeof ZelfdeAls>;

/** A single number with its unit, e.g. `{waarde: 18.9, eenheid: mutatie}`. */
export const Grootheid = z.strictObject({
  waarde: z.number().nullable(),
  eenheid: Eenheid,
  bron: z.string().optional(),
  zelfde_als: ZelfdeAls.optional(),
});
export type Grootheid = z.infer<typeof Grootheid>;

/**
 * A value that follows from others, named once beside the numbers it comes from:
 * `{soort: afgeleid, formule: '(som (totaal kernvoorraad "Actium / Netto huur / aantal") …)'}`.
 * The formula is one expression of the prose's own language (src/data/derive.ts), computed once
 * after validation; the prose and the checks see its result as `waarde`.
 */
export const Afgeleid = z.strictObject({
  soort: z.literal('afgeleid'),
  formule: z.string().min(1),
  eenheid: Eenheid.optional(),
  zelfde_als: ZelfdeAls.optional(),
});
export type Afgeleid = z.infer<typeof Afgeleid>;

/** A derived value once computed: its formula's result, null when a value it uses is missing. */
export interface BerekendAfgeleid extends Afgeleid {
  waarde: number | null;
}

/**
 * A photo with its caption: `{{foto x}}` places it. `bestand` is a picture file next to the data
 * (relative to the year's folder); null while it is not there: a draft shows a placeholder, a
 * final edition refuses.
 */
export const Foto = z.strictObject({
  soort: z.literal('foto'),
  /** What the photo shows, for readers who cannot see it. */
  alt: z.string().min(1),
  /** The caption printed with the photo, as the source prints it. */
  bijschrift: z.string().optional(),
  bestand: z
    .string()
    .regex(/^[^\\:]+\.(png|jpe?g|webp)$/i, 'een bestandsnaam als foto.jpg (png, jpg of webp)')
    .nullable(),
});
export type Foto = z.infer<typeof Foto>;

/**
 * A link: `{{link x}}` prints `tekst` as a link to `adres`. null: the source does not give the
 * target; a draft marks it, a final edition refuses.
 */
export const Koppeling = z.strictObject({
  soort: z.literal('link'),
  tekst: z.string().min(1),
  adres: z
    .string()
    .regex(
      /^(https:\/\/[^\s"<>]+|mailto:[^\s"<>]+)$/,
      'een adres dat begint met https:// of mailto:',
    )
    .nullable(),
});
export type Koppeling = z.infer<typeof Koppeling>;

const Fact = z.union([
  z.discriminatedUnion('soort', [Tabel, Ontbrekend, Afgeleid, Foto, Koppeling]),
  Grootheid,
  z.number(),
  z.string(),
]);
export type Fact = z.infer<typeof Fact>;

/** A data file of a year: named facts. Keys are snake_case so templates can name them. */
export const FeitenBestand = z.record(
  z.string().regex(/^[a-z][a-z0-9_]*$/, 'a name in snake_case (a-z, 0-9, _)'),
  Fact,
);
export type FeitenBestand = z.infer<typeof FeitenBestand>;

/** data/<publication>/publicatie.yaml: what stays the same from year to year. */
export const Publicatie = z.strictObject({
  naam: z.string().min(1),
  uitgever: z.string().min(1),
  reeks: z.string().min(1),
  taal: z.string().default('nl-NL'),
  /** Folder under templates/ with this publication's look. */
  sjablonen: z.string().regex(/^[a-z0-9-]+$/),
  trefwoorden: z.array(z.string()).default([]),
  /**
   * What the archive's metadata record (MDTO) says of each edition: its appraisal (B blijvend
   * te bewaren, V tijdelijk te bewaren, N nader te bepalen: the archivist decides, not the tool)
   * and any restriction on its use.
   */
  archief: z
    .strictObject({
      waardering: z.enum(['B', 'V', 'N']).default('N'),
      openbaarheid: z.string().min(1).default('Openbaar'),
    })
    .optional(),
});
export type Publicatie = z.infer<typeof Publicatie>;

/** data/<publication>/<year>/editie.yaml: one year's edition. */
export const Editie = z.strictObject({
  jaar: z.number().int().min(1900).max(2200),
  titel: z.string().min(1),
  ondertitel: z.string().optional(),
  onderwerp: z.string().optional(),
  /** Publication date; null while it is not known (a final edition needs it). */
  datum: z.iso.date().nullable(),
  /**
   * A foreword before the contents, not numbered: its prose file under tekst/ and who signs it.
   */
  voorwoord: z
    .strictObject({
      tekst: z.string().regex(/^[a-z0-9-]+\.md$/, 'a file name like 0-voorwoord.md'),
      ondertekening: z
        .array(z.strictObject({ naam: z.string().min(1), functie: z.string().optional() }))
        .default([]),
    })
    .optional(),
  /** Prose files under tekst/, in reading order: one chapter each. */
  hoofdstukken: z
    .array(z.string().regex(/^[a-z0-9-]+\.md$/, 'a file name like 2-woningmarkt.md'))
    .min(1),
});
export type Editie = z.infer<typeof Editie>;
