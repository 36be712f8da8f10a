/**
 * What PDF/UA asks of a document beyond Chromium's tags: an XMP metadata packet that identifies
 * the file as PDF/UA-1 (pdfuaid:part) with title, language, author and subject; and a text on
 * every link annotation (/Contents) saying where it goes.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import type { PDFDocument, PDFObject } from 'pdf-lib';

export interface DocumentDescription {
  title: string;
  author: string;
  subject: string;
  keywords: readonly string[];
  language: string;
  producer: string;
  date?: Date | undefined;
}

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The XMP packet (UTF-8), as the catalog's /Metadata stream carries it. */
export function xmpPacket(d: DocumentDescription): string {
  const date = d.date ? d.date.toISOString().replace(/\.\d{3}Z$/, 'Z') : undefined;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '  <rdf:Description rdf:about=""',
    '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    '    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
    `   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(d.title)}</rdf:li></rdf:Alt></dc:title>`,
    `   <dc:creator><rdf:Seq><rdf:li>${xml(d.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(d.subject)}</rdf:li></rdf:Alt></dc:description>`,
    `   <dc:language><rdf:Bag><rdf:li>${xml(d.language)}</rdf:li></rdf:Bag></dc:language>`,
    `   <pdf:Keywords>${xml(d.keywords.join(', '))}</pdf:Keywords>`,
    `   <pdf:Producer>${xml(d.producer)}</pdf:Producer>`,
    '   <xmp:CreatorTool>jaarverslag</xmp:CreatorTool>',
    ...(date
      ? [
          `   <xmp:CreateDate>${date}</xmp:CreateDate>`,
          `   <xmp:ModifyDate>${date}</xmp:ModifyDate>`,
        ]
      : []),
    '   <pdfuaid:part>1</pdfuaid:part>',
    '  </rdf:Description>',
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
