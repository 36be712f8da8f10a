/**
 * The review page: one self-contained HTML file (Dutch) that shows what changed between two
 * editions: numbers, paragraphs, pages. It opens from disk; it runs no script and loads nothing
 * from the network (its Content-Security-Policy says so), its pictures lie beside it.
 */
import type { TextChange, WordPart } from './text-diff.ts';
import { escapeMarkup } from '../render/markup.ts';

/** One number that changed between the editions (computed by the caller from the data). */
export interface NumberChange {
  /** The field, e.g. "koopmarkt.verkocht_per_kwartaal.k4". */
  field: string;
  /** The data file it is typed in, relative to the data folder. */
  file: string;
  /** Line of the value in that file (1-based). */
  line: number;
  old: string;
  new: string;
  /** Where the number shows in the report (chapters, figures). */
  where: string[];
}

export interface PageChange {
  page: number;
  /** Share of the pixels that differ, 0–1 (1 for pages of a different size). */
  share: number;
  sameSize: boolean;
  areas: number;
  /** The previous edition's page and the new one, changed areas marked (file names). */
  before: string;
  after: string;
}

export interface ReportModel {
  title: string;
  current: { label: string };
  previous: { label: string };
  generatedAt: Date;
  numbers: NumberChange[];
  numbersNote?: string | undefined;
  text: {
    changes: TextChange[];
    /** Where the paragraphs came from: the HTML editions, or (rough) the PDFs' text. */
    source: 'html' | 'pdf';
    paragraphs: { before: number; after: number };
  };
  pages: {
    current: number;
    previous: number;
    changed: PageChange[];
    /**
     * Pages where the same area changed as on most pages (a draft stamp), not counted as changed,
     * and one of them to show.
     */
    running: { pages: number[]; example?: PageChange | undefined };
    /** Pages only in the new edition, with their picture. */
    added: Array<{ page: number; picture: string }>;
    /** Pages only in the previous edition, with their picture. */
    removed: Array<{ page: number; picture: string }>;
    /** The current edition's page pictures, index 0 = page 1. */
    pictures: string[];
    contactSheet: string;
    tolerance: number;
  };
}

/**
 * A file name beside the report as a relative URL: each path segment percent-encoded, so that a
 * name can neither leave the attribute nor become another scheme ("javascript:").
 */
function relativeUrl(file: string): string {
  return escapeMarkup(file.split('/').map(encodeURIComponent).join('/'));
}

/** Dutch count with the right noun: "1 getal", "3 getallen". */
function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('nl-NL')} ${n === 1 ? one : many}`;
}

/** A share (0–1) as a Dutch percentage: "0,42 %", small shares with two significant digits. */
export function percent(share: number): string {
  const value = share * 100;
  const text =
    value !== 0 && value < 0.1
      ? value.toLocaleString('nl-NL', { maximumSignificantDigits: 2 })
      : value.toLocaleString('nl-NL', { maximumFractionDigits: 2 });
  return `${text} %`;
}

const DATE = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short' });

const CSP =
  "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const STYLE = `
:root { color-scheme: light; --rood: #b00020; --groen: #1b6e2a; --grijs: #5b6670; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, "Source Sans 3", "Segoe UI", sans-serif; color: #1d1d1f; background: #f4f5f7; }
main { max-width: 1200px; margin: 0 auto; padding: 2rem 1.5rem 4rem; background: #fff; }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
h2 { font-size: 1.4rem; margin: 2.5rem 0 .75rem; padding-top: .5rem; border-top: 2px solid #d8dce0; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .25rem; }
.tegen, .toelichting, .plaats { color: var(--grijs); }
.samenvatting { display: flex; flex-wrap: wrap; gap: .75rem; list-style: none; padding: 0; margin: 1.25rem 0; }
.samenvatting li { flex: 1 1 14rem; padding: .75rem 1rem; border: 1px solid #d8dce0; border-radius: 6px; background: #fafbfc; }
.samenvatting a { color: inherit; text-decoration: none; display: block; }
.samenvatting strong { display: block; font-size: 1.8rem; line-height: 1.1; }
.samenvatting .detail { display: block; color: var(--grijs); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid #e3e6e9; }
thead th { border-bottom: 2px solid #c5cbd1; }
td.getal { white-space: nowrap; font-variant-numeric: tabular-nums; }
code { font-size: .9em; overflow-wrap: anywhere; }
td ul { margin: 0; padding-left: 1.1rem; }
.alinea { margin: 1rem 0; padding: .6rem .9rem; border-left: 4px solid #c5cbd1; background: #fafbfc; }
.alinea.nieuw { border-left-color: var(--groen); }
.alinea.vervallen { border-left-color: var(--rood); }
.alinea .plaats { margin: 0 0 .25rem; font-size: .9rem; }
.alinea .tekst { margin: 0; }
del { color: var(--rood); background: #fde7ea; text-decoration: line-through; }
ins { color: var(--groen); background: #e3f4e6; text-decoration: none; font-weight: 600; }
.naast { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
figure { margin: 0; }
figure img { display: block; width: 100%; height: auto; border: 1px solid #c5cbd1; }
figcaption { font-size: .9rem; color: var(--grijs); margin-top: .25rem; }
.blad img { max-width: 100%; height: auto; border: 1px solid #c5cbd1; }
.leeg { font-style: italic; color: var(--grijs); }
`;

function summaryItem(href: string, value: number, text: string, detail: string): string {
  return `<li><a href="#${href}"><strong>${value.toLocaleString('nl-NL')}</strong> ${escapeMarkup(text)}${
    detail ? `<span class="detail">${escapeMarkup(detail)}</span>` : ''
  }</a></li>`;
}

function numbersSection(model: ReportModel): string {
  const note = model.numbersNote
    ? `<p class="toelichting">${escapeMarkup(model.numbersNote)}</p>`
    : '';
  if (model.numbers.length === 0)
    return `<section id="getallen"><h2>Getallen</h2>${note}<p class="leeg">Geen getallen gewijzigd.</p></section>`;
  const rows = model.numbers
    .map(
      (n) =>
        `<tr><td><code>${escapeMarkup(n.field)}</code></td><td><code>${escapeMarkup(
          `${n.file}:${n.line}`,
        )}</code></td><td class="getal"><del>${escapeMarkup(n.old)}</del> → <ins>${escapeMarkup(
          n.new,
        )}</ins></td><td>${
          n.where.length === 0
            ? '<span class="leeg">niet in de tekst</span>'
            : `<ul>${n.where.map((w) => `<li>${escapeMarkup(w)}</li>`).join('')}</ul>`
        }</td></tr>`,
    )
    .join('\n');
  return `<section id="getallen"><h2>Getallen</h2>${note}
<table><thead><tr><th scope="col">Veld</th><th scope="col">Bestand:regel</th><th scope="col">Oud → nieuw</th><th scope="col">Waar het staat</th></tr></thead>
<tbody>
${rows}
</tbody></table></section>`;
}

function parts(list: WordPart[]): string {
  return list
    .map((p, i) =>
      p.kind === 'added'
        ? // A space between words taken out and words put in: "komt komen", not "komtkomen".
          `${list[i - 1]?.kind === 'removed' ? ' ' : ''}<ins>${escapeMarkup(p.text)}</ins>`
        : p.kind === 'removed'
          ? `<del>${escapeMarkup(p.text)}</del>`
          : escapeMarkup(p.text),
    )
    .join('');
}

function place(change: TextChange, what: string): string {
  const also = change.alsoAt ?? [];
  const where = change.place ? `${escapeMarkup(change.place)} · ` : '';
  const more =
    also.length === 0
      ? ''
      : ` (ook op ${escapeMarkup(count(also.length, 'andere plek', 'andere plekken'))}: ${escapeMarkup(also.join(', '))})`;
  return `<p class="plaats">${where}${what}${more}</p>`;
}

function textSection(model: ReportModel): string {
  const { changes, source, paragraphs } = model.text;
  const origin =
    source === 'html'
      ? `Vergeleken zijn de alinea's, koppen en bijschriften van de HTML-edities (${paragraphs.before} en ${paragraphs.after} alinea's); de getallen in tabellen staan hierboven bij Getallen.`
      : `Er is geen HTML-editie van beide versies: de alinea's zijn uit de tekst van de PDF's gehaald (${paragraphs.before} en ${paragraphs.after} alinea's). Dat is bij benadering: een alinea kan op een paginagrens of bij kolommen in stukken vallen, en afbrekingen aan het eind van een regel zijn zo goed mogelijk ongedaan gemaakt.`;
  const items = changes
    .map((c) => {
      if (c.kind === 'changed')
        return `<article class="alinea gewijzigd">${place(c, 'gewijzigd')}<p class="tekst">${parts(c.parts)}</p></article>`;
      if (c.kind === 'added')
        return `<article class="alinea nieuw">${place(c, 'nieuw')}<p class="tekst"><ins>${escapeMarkup(c.text)}</ins></p></article>`;
      return `<article class="alinea vervallen">${place(c, 'vervallen')}<p class="tekst"><del>${escapeMarkup(c.text)}</del></p></article>`;
    })
    .join('\n');
  return `<section id="tekst"><h2>Tekst</h2><p class="toelichting">${escapeMarkup(origin)} Weggehaalde woorden staan <del>rood doorgestreept</del>, nieuwe <ins>groen</ins>.</p>
${items || '<p class="leeg">Geen alinea\'s gewijzigd.</p>'}</section>`;
}

function figure(file: string, alt: string, caption: string): string {
  return `<figure><a href="${relativeUrl(file)}"><img src="${relativeUrl(file)}" alt="${escapeMarkup(alt)}" loading="lazy"></a><figcaption>${escapeMarkup(caption)}</figcaption></figure>`;
}

function pagesSection(model: ReportModel): string {
  const { pages } = model;
  const intro = `<p class="toelichting">${escapeMarkup(
    `Elke pagina van beide versies is als plaatje vergeleken, pagina voor pagina op paginanummer. Een pagina telt als anders wanneer meer dan ${percent(pages.tolerance)} van de beeldpunten verschilt; de gewijzigde gebieden zijn rood omlijnd. Verschuift de tekst, dan zijn ook de volgende pagina's anders.`,
  )}</p>
<p class="blad">Alle ${escapeMarkup(count(pages.current, 'pagina', "pagina's"))} van de nieuwe versie: <a href="${relativeUrl(pages.contactSheet)}">contactblad</a>${
    pages.pictures.length > 0
      ? ` (losse pagina's: ${pages.pictures
          .map((p, i) => `<a href="${relativeUrl(p)}">${i + 1}</a>`)
          .join(' ')})`
      : ''
  }.</p>`;
  const changed = pages.changed
    .map(
      (
        p,
      ) => `<article id="pagina-${p.page}"><h3>Pagina ${p.page}</h3><p class="toelichting">${escapeMarkup(
        p.sameSize
          ? `${percent(p.share)} van de beeldpunten anders, ${count(p.areas, 'gebied', 'gebieden')} gemarkeerd.`
          : 'De pagina heeft een ander formaat dan in de vorige versie.',
      )}</p>
<div class="naast">${figure(p.before, `Pagina ${p.page}, vorige versie`, `Vorige versie (${model.previous.label})`)}${figure(
        p.after,
        `Pagina ${p.page}, nieuwe versie`,
        `Nieuwe versie (${model.current.label})`,
      )}</div></article>`,
    )
    .join('\n');
  const added = pages.added
    .map(
      (p) =>
        `<article id="pagina-${p.page}"><h3>Pagina ${p.page} is nieuw</h3><div class="naast"><div></div>${figure(
          p.picture,
          `Pagina ${p.page}, nieuwe versie`,
          'Alleen in de nieuwe versie',
        )}</div></article>`,
    )
    .join('\n');
  const removed = pages.removed
    .map(
      (p) =>
        `<article id="vorige-pagina-${p.page}"><h3>Pagina ${p.page} is vervallen</h3><div class="naast">${figure(
          p.picture,
          `Pagina ${p.page}, vorige versie`,
          'Alleen in de vorige versie',
        )}<div></div></div></article>`,
    )
    .join('\n');
  const none =
    changed || added || removed ? '' : '<p class="leeg">Alle pagina\'s zien er hetzelfde uit.</p>';
  const { running } = pages;
  const example = running.example;
  const runningNote =
    running.pages.length === 0
      ? ''
      : `<h3>Wat op elke pagina anders is</h3><p class="toelichting">${escapeMarkup(
          `Op ${count(running.pages.length, 'pagina', "pagina's")} is op dezelfde plek hetzelfde stukje anders, bijvoorbeeld een conceptstempel met datum of inhoudscode in de voetregel. Dat telt niet als wijziging van die pagina's; het is grijs omlijnd.`,
        )}${example ? ` Voorbeeld: pagina ${example.page}.` : ''}</p>${
          example && !pages.changed.includes(example)
            ? `<div class="naast">${figure(example.before, `Pagina ${example.page}, vorige versie`, `Vorige versie (${model.previous.label})`)}${figure(example.after, `Pagina ${example.page}, nieuwe versie`, `Nieuwe versie (${model.current.label})`)}</div>`
            : ''
        }`;
  return `<section id="paginas"><h2>Pagina's</h2>${intro}
${none}${changed}${added}${removed}${runningNote}</section>`;
}

/** The review page as one HTML document. Every value from the data or the editions is escaped. */
export function renderReport(model: ReportModel): string {
  const { text, pages } = model;
  const textCounts = {
    changed: text.changes.filter((c) => c.kind === 'changed').length,
    added: text.changes.filter((c) => c.kind === 'added').length,
    removed: text.changes.filter((c) => c.kind === 'removed').length,
  };
  const pageCount = pages.changed.length + pages.added.length + pages.removed.length;
  const pageList = [...pages.changed.map((p) => p.page), ...pages.added.map((p) => p.page)];
  const summary = [
    summaryItem(
      'getallen',
      model.numbers.length,
      model.numbers.length === 1 ? 'getal gewijzigd' : 'getallen gewijzigd',
      '',
    ),
    summaryItem(
      'tekst',
      text.changes.length,
      text.changes.length === 1 ? 'alinea gewijzigd' : "alinea's gewijzigd",
      text.changes.length === 0
        ? ''
        : `${textCounts.changed} aangepast, ${textCounts.added} nieuw, ${textCounts.removed} vervallen`,
    ),
    summaryItem(
      'paginas',
      pageCount,
      pageCount === 1 ? 'pagina ziet er anders uit' : "pagina's zien er anders uit",
      [
        pageList.length > 0 ? `pagina ${pageList.join(', ')}` : '',
        pages.current !== pages.previous
          ? `${pages.previous} → ${pages.current} pagina's`
          : `van ${pages.current}`,
      ]
        .filter(Boolean)
        .join('; '),
    ),
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Wijzigingen – ${escapeMarkup(model.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Wijzigingen in ${escapeMarkup(model.title)}</h1>
<p class="tegen"><strong>${escapeMarkup(model.current.label)}</strong> vergeleken met <strong>${escapeMarkup(
    model.previous.label,
  )}</strong>. Gemaakt op ${escapeMarkup(DATE.format(model.generatedAt))}.</p>
<ul class="samenvatting">
${summary}
</ul>
${numbersSection(model)}
${textSection(model)}
${pagesSection(model)}
</main>
</body>
</html>
`;
}
