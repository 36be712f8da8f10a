/** What a reader's PDF viewer and an archive read: title, author, subject, language, bookmarks. */
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { writeOutline } from './outline.ts';
import type { OutlineEntry } from './outline.ts';
import { describeLinks, writeXmp } from './pdfua.ts';
import { labelContentsEntries } from './toc-structure.ts';

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
  /** Bookmarks: the contents of the report. */
  outline: readonly OutlineEntry[];
}

export async function setMetadata(
  pdf: Uint8Array | PDFDocument,
  meta: PdfMetadata,
): Promise<{ pdf: Uint8Array; pageCount: number }> {
  const doc =
    pdf instanceof PDFDocument ? pdf : await PDFDocument.load(pdf, { updateMetadata: false });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setLanguage(meta.language);
  doc.setCreator('jaarverslag');
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
  // PDF/UA: the XMP identification, and a text on every link.
  writeXmp(doc, {
    title: meta.title,
    author: meta.author,
    subject: meta.subject,
    keywords: meta.keywords,
    language: meta.language,
    producer,
    date: meta.date,
  });
  describeLinks(doc, new Map(meta.outline.map((e) => [e.anchor, e.title])));
  labelContentsEntries(doc);
  return { pdf: await doc.save({ useObjectStreams: false }), pageCount: doc.getPageCount() };
}
