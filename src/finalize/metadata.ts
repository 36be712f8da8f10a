/** What a reader's PDF viewer and an archive read: title, author, subject, language, bookmarks. */
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
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
  /** Fixed dates make rebuilds of the same edition identical. */
  date?: Date | undefined;
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
  doc.setProducer('jaarverslag (Chromium, pdf-lib)');
  if (meta.date) {
    doc.setCreationDate(meta.date);
    doc.setModificationDate(meta.date);
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
    producer: 'jaarverslag (Chromium, pdf-lib)',
    date: meta.date,
  });
  describeLinks(doc, new Map(meta.outline.map((e) => [e.anchor, e.title])));
  labelContentsEntries(doc);
  return { pdf: await doc.save({ useObjectStreams: false }), pageCount: doc.getPageCount() };
}
