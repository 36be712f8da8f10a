/**
 * The versions a review compares: a PDF with, where a build kept them beside it, its HTML
 * edition and its values record (.waarden.json); and the changed values as the report lists
 * them, with the chapters and pages where each shows.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ValueChange, ValuesFile } from '../data/values.ts';
import { VALUES_FILE } from '../data/values.ts';
import { DRAFT_MARK } from '../render/draft-mark.ts';
import type { NumberChange } from './report.ts';
import { pdfPageTexts } from './text-diff.ts';

export interface Version {
  pdf: string;
  html?: string | undefined;
  values?: ValuesFile | undefined;
  label: string;
}

export /** The values record beside a PDF (`.waarden.json` in its folder), when it is that build's. */
function valuesBeside(pdf: string): ValuesFile | undefined {
  const file = path.join(path.dirname(pdf), VALUES_FILE);
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as ValuesFile;
    return json.versie === 1 && Array.isArray(json.waarden) ? json : undefined;
  } catch {
    return undefined;
  }
}

function htmlBeside(pdf: string): string | undefined {
  const html = pdf.replace(/\.pdf$/i, '.html');
  return html !== pdf && existsSync(html) ? html : undefined;
}

export /** A version kept in a folder by a build (vorige/ or an output folder). */
function keptVersion(pdf: string, fallback: string): Version {
  const values = valuesBeside(pdf);
  return { pdf, html: htmlBeside(pdf), values, label: values?.label ?? fallback };
}

/** Pages of a PDF whose text shows a value (for values of at least three characters). */
function pagesShowing(pages: readonly string[], value: string): number[] {
  if (value.length < 3 || value === 'leeg' || value === '—') return [];
  const plain = value.replace(/\s+/g, ' ');
  const escaped = plain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`(?<![\\d.,])${escaped}(?![\\d]|[.,]\\d)`);
  return pages.flatMap((text, i) => (re.test(text) ? [i + 1] : []));
}

/** Each page's text in one line, the draft mark left out, to find a value on it. */
function pageTexts(pdf: string): string[] {
  try {
    return pdfPageTexts(pdf).map((p) =>
      p
        .replace(/\u00ad/g, '')
        .replace(DRAFT_MARK, ' ')
        .replace(/\s+/g, ' '),
    );
  } catch {
    return [];
  }
}

export function numberChanges(
  changes: readonly ValueChange[],
  current: Version,
  previous: Version,
): NumberChange[] {
  const now = pageTexts(current.pdf);
  const before = pageTexts(previous.pdf);
  return changes.map((c) => {
    const pages = c.new !== '—' ? pagesShowing(now, c.new) : pagesShowing(before, c.old);
    const where = [
      ...c.chapters.map((ch) => `hoofdstuk ${ch}`),
      ...(pages.length
        ? [
            `${c.new !== '—' ? '' : 'was op '}${pages.length === 1 ? 'pagina' : "pagina's"} ${pages.join(', ')}`.trim(),
          ]
        : []),
    ];
    return { field: c.name, file: c.file, line: c.line, old: c.old, new: c.new, where };
  });
}
