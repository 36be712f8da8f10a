/**
 * The metadata record Dutch archives take in: MDTO (Metagegevens voor Duurzaam Toegankelijke
 * Overheidsinformatie, Nationaal Archief, XML schema 1.0). One record for the report as an
 * information object (informatieobject: what it is, who made it, when, with which application)
 * and one per file (bestand: name, size, format, SHA-256 checksum with its date). The elements
 * follow the schema's order; values are escaped for XML.
 */

import { escapeMarkup } from '../render/markup.ts';

export const MDTO_NAMESPACE = 'https://www.nationaalarchief.nl/mdto';

/** A file format as PRONOM names it (The National Archives' registry that MDTO refers to). */
export interface Format {
  label: string;
  code: string;
}

/** PRONOM identifiers of the formats an edition has. */
export const FORMATS = {
  'PDF/A-2A': { label: 'Acrobat PDF/A - Portable Document Format 2a', code: 'fmt/476' },
  'PDF/A-2B': { label: 'Acrobat PDF/A - Portable Document Format 2b', code: 'fmt/477' },
  'PDF/A-2U': { label: 'Acrobat PDF/A - Portable Document Format 2u', code: 'fmt/478' },
  html: { label: 'Hypertext Markup Language 5', code: 'fmt/471' },
  csv: { label: 'Comma Separated Values', code: 'x-fmt/18' },
} as const satisfies Record<string, Format>;

const WAARDERINGEN = {
  B: 'Blijvend te bewaren',
  V: 'Tijdelijk te bewaren',
  N: 'Nader te bepalen',
} as const;

export interface FileRecord {
  /** The file's name in the archive folder. */
  naam: string;
  omvang: number;
  sha256: string;
  formaat: Format;
}

export interface ObjectRecord {
  /** A stable identifier: publication and year ("midden-drenthe/2024"). */
  kenmerk: string;
  /** Who identifies it: the publisher. */
  bron: string;
  naam: string;
  omschrijving?: string | undefined;
  trefwoorden: readonly string[];
  taal: string;
  /** The edition's date (YYYY-MM-DD), when it has one. */
  datum?: string | undefined;
  uitgever: string;
  /** "jaarverslag 0.1.0 (Node v20.19.0, Chrome/156.0.…)". */
  applicatie: string;
  /** When the checksums were made (ISO 8601, seconds). */
  checksumDatum: string;
  /** B, V or N (Begrippenlijst Waarderingen MDTO). */
  waardering: 'B' | 'V' | 'N';
  openbaarheid: string;
  bestanden: readonly FileRecord[];
}

const xml = escapeMarkup;

const el = (name: string, value: string) => `<${name}>${xml(value)}</${name}>`;

function begrip(name: string, label: string, lijst: string, code?: string): string {
  return [
    `<${name}>`,
    el('begripLabel', label),
    ...(code ? [el('begripCode', code)] : []),
    `<begripBegrippenlijst>${el('verwijzingNaam', lijst)}</begripBegrippenlijst>`,
    `</${name}>`,
  ].join('');
}

function identificatie(kenmerk: string, bron: string): string {
  return `<identificatie>${el('identificatieKenmerk', kenmerk)}${el('identificatieBron', bron)}</identificatie>`;
}

function document(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<MDTO xmlns="${MDTO_NAMESPACE}">\n${body}\n</MDTO>\n`;
}

/** The record of the report as an information object (an archiefstuk). */
export function informatieobjectXml(o: ObjectRecord): string {
  const body = [
    '<informatieobject>',
    identificatie(o.kenmerk, o.bron),
    el('naam', o.naam),
    begrip('aggregatieniveau', 'Archiefstuk', 'Begrippenlijst Aggregatieniveaus MDTO'),
    ...o.trefwoorden.map((t) => el('trefwoord', t)),
    ...(o.omschrijving ? [el('omschrijving', o.omschrijving)] : []),
    el('taal', o.taal.split('-')[0] ?? o.taal),
    // The creation: when (the edition's date), by whom, and the application that made the files.
    '<event>',
    begrip('eventType', 'Creatie', 'Begrippenlijst EventTypeLijst MDTO'),
    ...(o.datum ? [el('eventTijd', o.datum)] : []),
    `<eventVerantwoordelijkeActor>${el('verwijzingNaam', o.uitgever)}</eventVerantwoordelijkeActor>`,
    el('eventResultaat', `Gemaakt met ${o.applicatie}`),
    '</event>',
    begrip(
      'waardering',
      WAARDERINGEN[o.waardering],
      'Begrippenlijst Waarderingen MDTO',
      o.waardering,
    ),
    ...o.bestanden.map(
      (b) =>
        `<heeftRepresentatie>${el('verwijzingNaam', b.naam)}<verwijzingIdentificatie>${el('identificatieKenmerk', `${o.kenmerk}/${b.naam}`)}${el('identificatieBron', o.bron)}</verwijzingIdentificatie></heeftRepresentatie>`,
    ),
    `<archiefvormer>${el('verwijzingNaam', o.uitgever)}</archiefvormer>`,
    '<beperkingGebruik>',
    begrip('beperkingGebruikType', o.openbaarheid, 'Begrippenlijst BeperkingGebruik MDTO'),
    '</beperkingGebruik>',
    '</informatieobject>',
  ];
  return document(body.join('\n'));
}

/** The record of one file of the edition (a bestand that represents the information object). */
export function bestandXml(o: ObjectRecord, b: FileRecord): string {
  const body = [
    '<bestand>',
    identificatie(`${o.kenmerk}/${b.naam}`, o.bron),
    el('naam', b.naam),
    el('omvang', String(b.omvang)),
    begrip('bestandsformaat', b.formaat.label, 'PRONOM-register', b.formaat.code),
    '<checksum>',
    begrip('checksumAlgoritme', 'SHA256', 'Begrippenlijst ChecksumAlgoritme MDTO'),
    el('checksumWaarde', b.sha256),
    el('checksumDatum', o.checksumDatum),
    '</checksum>',
    `<isRepresentatieVan>${el('verwijzingNaam', o.naam)}<verwijzingIdentificatie>${el('identificatieKenmerk', o.kenmerk)}${el('identificatieBron', o.bron)}</verwijzingIdentificatie></isRepresentatieVan>`,
    '</bestand>',
  ];
  return document(body.join('\n'));
}
