/**
 * What PDF/UA asks of a document beyond Chromium's tags: an XMP metadata packet that identifies
 * the file as PDF/UA-1 (pdfuaid:part) with title, language, author and subject; and a text on
 * every link annotation (/Contents) saying where it goes. The packet says what the Info
 * dictionary says, entry for entry; a final edition's also identifies it as PDF/A-2 (pdfaid),
 * with the pdfuaid schema declared as PDF/A asks of a schema it does not predefine.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import type { PDFDocument, PDFObject } from 'pdf-lib';
import { escapeMarkup } from '../render/markup.ts';

export interface DocumentDescription {
  title: string;
  author: string;
  subject: string;
  keywords: readonly string[];
  language: string;
  producer: string;
  /** The Info dictionary's /Creator (xmp:CreatorTool). */
  creator?: string | undefined;
  date?: Date | undefined;
  /** The PDF/A identification (pdfaid), for the final edition only. */
  pdfa?: { part: 2; conformance: 'A' | 'U' | 'B' } | undefined;
}

/** The keywords as one text, the same in the Info dictionary (/Keywords) and the XMP. */
export const keywordText = (keywords: readonly string[]): string => keywords.join(', ');

/**
 * The date as the XMP says it: the instant pdf-lib writes in the Info dictionary
 * (D:YYYYMMDDHHmmSSZ, whole seconds, UTC) in ISO 8601.
 */
export const xmpDate = (date: Date): string =>
  new Date(Math.floor(date.getTime() / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * PDF/A-2 knows the schemas of ISO 16684 and its own; pdfuaid (PDF/UA) it must be told about,
 * with its one property.
 */
const PDFUA_EXTENSION = [
  '  <rdf:Description rdf:about=""',
  '    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"',
  '    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"',
  '    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">',
  '   <pdfaExtension:schemas>',
  '    <rdf:Bag>',
  '     <rdf:li rdf:parseType="Resource">',
  '      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>',
  '      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>',
  '      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>',
  '      <pdfaSchema:property>',
  '       <rdf:Seq>',
  '        <rdf:li rdf:parseType="Resource">',
  '         <pdfaProperty:name>part</pdfaProperty:name>',
  '         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>',
  '         <pdfaProperty:category>internal</pdfaProperty:category>',
  '         <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>',
  '        </rdf:li>',
  '       </rdf:Seq>',
  '      </pdfaSchema:property>',
  '     </rdf:li>',
  '    </rdf:Bag>',
  '   </pdfaExtension:schemas>',
  '  </rdf:Description>',
];

const xml = escapeMarkup;

/** The XMP packet (UTF-8), as the catalog's /Metadata stream carries it. */
export function xmpPacket(d: DocumentDescription): string {
  const date = d.date ? xmpDate(d.date) : undefined;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '  <rdf:Description rdf:about=""',
    '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    '    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"' +
      (d.pdfa ? '\n    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">' : '>'),
    `   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(d.title)}</rdf:li></rdf:Alt></dc:title>`,
    `   <dc:creator><rdf:Seq><rdf:li>${xml(d.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(d.subject)}</rdf:li></rdf:Alt></dc:description>`,
    `   <dc:language><rdf:Bag><rdf:li>${xml(d.language)}</rdf:li></rdf:Bag></dc:language>`,
    `   <pdf:Keywords>${xml(keywordText(d.keywords))}</pdf:Keywords>`,
    `   <pdf:Producer>${xml(d.producer)}</pdf:Producer>`,
    `   <xmp:CreatorTool>${xml(d.creator ?? 'jaarverslag')}</xmp:CreatorTool>`,
    ...(date
      ? [
          `   <xmp:CreateDate>${date}</xmp:CreateDate>`,
          `   <xmp:ModifyDate>${date}</xmp:ModifyDate>`,
        ]
      : []),
    '   <pdfuaid:part>1</pdfuaid:part>',
    ...(d.pdfa
      ? [
          `   <pdfaid:part>${d.pdfa.part}</pdfaid:part>`,
          `   <pdfaid:conformance>${d.pdfa.conformance}</pdfaid:conformance>`,
        ]
      : []),
    '  </rdf:Description>',
    ...(d.pdfa ? PDFUA_EXTENSION : []),
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/** Write the XMP packet into the catalog (uncompressed, as the metadata stream should be). */
export function writeXmp(doc: PDFDocument, d: DocumentDescription): void {
  const stream = doc.context.stream(Buffer.from(xmpPacket(d), 'utf8'), {
    Type: 'Metadata',
    Subtype: 'XML',
  });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}

const text = (o: PDFObject | undefined): string | undefined =>
  o instanceof PDFString || o instanceof PDFHexString
    ? o.decodeText()
    : o instanceof PDFName
      ? o.decodeText()
      : undefined;

/**
 * Give every link annotation a /Contents: the title of the heading it points to (`titles`, by
 * destination name), or the address of an outside link. Returns how many links there are.
 */
export function describeLinks(doc: PDFDocument, titles: ReadonlyMap<string, string>): number {
  let links = 0;
  for (const page of doc.getPages()) {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    for (const ref of annots?.asArray() ?? []) {
      const annot = doc.context.lookup(ref);
      if (!(annot instanceof PDFDict)) continue;
      if (annot.get(PDFName.of('Subtype')) !== PDFName.of('Link')) continue;
      links++;
      const action = annot.lookupMaybe(PDFName.of('A'), PDFDict);
      const dest = text(annot.get(PDFName.of('Dest'))) ?? text(action?.get(PDFName.of('D')));
      const uri = text(action?.get(PDFName.of('URI')));
      const title = dest !== undefined ? titles.get(dest) : undefined;
      const contents = title
        ? `Ga naar ${title}`
        : uri
          ? `Link naar ${uri}`
          : dest
            ? `Ga naar ${dest}`
            : 'Link';
      annot.set(PDFName.of('Contents'), PDFHexString.fromText(contents));
    }
  }
  return links;
}
