/** What a reader's PDF viewer and an archive read: title, author, subject, language, bookmarks. */
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { writeOutline } from './outline.ts';
import type { OutlineEntry } from './outline.ts';
import { makePdfA, mapStructureTypes } from './pdfa.ts';
import type { PdfAConformance } from './pdfa.ts';
import { describeLinks, keywordText, writeXmp } from './pdfua.ts';
import { labelContentsEntries } from './toc-structure.ts';
import { canonicalStructureIds } from './structure-ids.ts';

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  language: string;
  /**
   * The document's date (creation and modification), from the data or SOURCE_DATE_EPOCH. Without
   * one the PDF carries no date at all (not the moment of printing): the same inputs give the
   * same bytes.
   */
  date?: Date | undefined;
  /** What made the PDF, with the Chromium version: "jaarverslag (Chrome/156.0.…, pdf-lib)". */
  producer?: string | undefined;
  /** The document identifier (/ID), derived from the content: 32 hexadecimal digits. */
  id?: string | undefined;
  /**
   * The final edition for the archive: PDF/A-2 identification and an sRGB OutputIntent made
   * from this ICC profile (src/finalize/pdfa.ts). Drafts have none.
   */
  archival?: { iccProfile: Uint8Array } | undefined;
  /** Bookmarks: the contents of the report. */
  outline: readonly OutlineEntry[];
}

export async function setMetadata(
  pdf: Uint8Array | PDFDocument,
  meta: PdfMetadata,
): Promise<{
  pdf: Uint8Array;
  pageCount: number;
  /** The PDF/A identification of a final edition (archival): the level the document allows. */
  pdfa?: { part: 2; conformance: PdfAConformance };
}> {
  const doc =
    pdf instanceof PDFDocument ? pdf : await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  // One text, as the XMP says it (pdf-lib would join the words with a space).
  doc.setKeywords([keywordText(meta.keywords)]);
  doc.setLanguage(meta.language);
  const creator = 'jaarverslag';
  doc.setCreator(creator);
  const producer = meta.producer ?? 'jaarverslag (Chromium, pdf-lib)';
  doc.setProducer(producer);
  if (meta.date) {
    doc.setCreationDate(meta.date);
    doc.setModificationDate(meta.date);
  } else {
    // Chromium's own dates are the moment of printing: never the same twice.
    const info = doc.context.lookup(doc.context.trailerInfo.Info);
    if (info instanceof PDFDict) {
      info.delete(PDFName.of('CreationDate'));
      info.delete(PDFName.of('ModDate'));
    }
  }
  if (meta.id) {
    const id = PDFHexString.of(meta.id);
    doc.context.trailerInfo.ID = doc.context.obj([id, id]);
  }
  // Tell viewers the document is tagged (Chromium writes the structure tree; keep it marked).
  if (!doc.catalog.get(PDFName.of('MarkInfo'))) {
    doc.catalog.set(PDFName.of('MarkInfo'), doc.context.obj({ Marked: true }));
  }
  doc.catalog.set(PDFName.of('Lang'), PDFString.of(meta.language));
  writeOutline(doc, meta.outline);
  // PDF/UA: a text on every link; the contents as a list.
  describeLinks(doc, new Map(meta.outline.map((e) => [e.anchor, e.title])));
  labelContentsEntries(doc);
  // Chromium's node numbers vary with the measuring prints: renumbered, the bytes do not.
  canonicalStructureIds(doc);
  // PDF/UA-1 is PDF 1.7: the PDF 2.0 types Chromium writes (Strong) get a standard role.
  mapStructureTypes(doc);
  // PDF/A-2 for the archive, on the finished structure: the level it allows goes in the XMP.
  const pdfa = meta.archival
    ? { part: 2 as const, conformance: makePdfA(doc, meta.archival).conformance }
    : undefined;
  // The XMP identification (PDF/UA, and PDF/A for a final edition), saying what Info says.
  writeXmp(doc, {
    title: meta.title,
    author: meta.author,
    subject: meta.subject,
    keywords: meta.keywords,
    language: meta.language,
    producer,
    creator,
    date: meta.date,
    pdfa,
  });
  const bytes = await doc.save({ useObjectStreams: false });
  return { pdf: bytes, pageCount: doc.getPageCount(), ...(pdfa ? { pdfa } : {}) };
}
