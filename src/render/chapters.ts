/**
 * Prose to HTML: Handlebars puts the data into the Markdown (strict: a name the data does not
 * have is an error), Markdown makes HTML, headings get their numbers and anchors, and the
 * figure placeholders become figures. Two passes: the first learns the figures' order.
 */
import type { Token } from 'markdown-it';
import Handlebars from 'handlebars';
import { TemplateError } from '../errors.ts';
import type { ProseFile } from '../data/load.ts';
import type { Edition } from '../data/validate.ts';
import { editionNames } from '../data/derive.ts';
import { FigureRegistry, numberFigures } from './helpers/figuur.ts';
import type { Placement } from './helpers/figuur.ts';
import { passHelpers, VALUE_HELPERS } from './helpers/index.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { HelperError, MissingValueError, missingMark } from './helpers/values.ts';
import { routeThroughTextHelper, TEXT_HELPER, textHelper } from './prose-escape.ts';
import { checkRawHtml } from './raw-html.ts';
import { embedImages } from './images.ts';
import { describeTemplateError } from './template-errors.ts';
import { createMarkdown } from './markdown.ts';
import path from 'node:path';
import { DataError } from '../errors.ts';
import { InputFileError, isInsideRoots, readInputBytes } from '../files.ts';
import { diagnosticAt } from '../data/yaml-source.ts';

export interface TocEntry {
  level: 1 | 2 | 3;
  nummer: string;
  titel: string;
  anchor: string;
}

export interface RenderedChapter {
  nummer: number;
  /** From the file name: 2-woningmarkt.md -> woningmarkt */
  id: string;
  titel: string;
  anchor: string;
  /** The chapter body as HTML, figures still as <!--jv:plaats:N--> placeholders. */
  body: string;
  placements: Placement[];
  toc: TocEntry[];
}

/** The foreword: before the contents, not numbered, not in the contents. */
export interface RenderedForeword {
  titel: string;
  anchor: string;
  body: string;
  placements: Placement[];
}

const PHOTO_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
};

/**
 * Read every placed photo whose file is given, as a data: URL. The file is named relative to the
 * year's folder (the folder of the data file that names it) and must stay inside the project; a
 * file that is not there is an error at its `bestand` in the YAML.
 */
function resolvePhotos(
  edition: Edition,
  placements: Placement[],
  yearDir: string,
  roots: readonly string[],
): void {
  for (const p of placements) {
    if (p.kind !== 'foto' || !p.fact.bestand) continue;
    const [namespace = ''] = p.id.split('.');
    const name = p.id.slice(namespace.length + 1);
    const src = edition.sources.get(namespace);
    const fail = (message: string): never => {
      if (!src) throw new TemplateError(p.id, undefined, message);
      throw new DataError([
        diagnosticAt(src, [name, 'bestand'], { severity: 'error', rule: 'foto', message }),
      ]);
    };
    const file = path.resolve(yearDir, p.fact.bestand);
    if (!isInsideRoots(roots, file)) {
      fail(
        `foto "${p.fact.bestand}" ligt buiten het project; gebruik een pad binnen de map van het jaar`,
      );
    }
    const type = PHOTO_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    try {
      const bytes = readInputBytes(file, { kind: 'afbeelding', roots, file: p.fact.bestand });
      p.src = `data:${type};base64,${bytes.toString('base64')}`;
    } catch (e) {
      if (!(e instanceof InputFileError)) throw e;
      fail(
        e.code === 'ontbreekt'
          ? `foto "${p.fact.bestand}" bestaat niet (gezocht naast de gegevens van het jaar)`
          : `foto "${p.fact.bestand}": ${e.reason}`,
      );
    }
  }
}

/** The values prose can name: the facts by file, and the edition's own. */
export function proseContext(edition: Edition): Record<string, unknown> {
  return editionNames(edition.facts, edition.editie, edition.publicatie);
}

/** The full expression at a line and column of a source text, for messages. */
function expressionAt(text: string, line: number, column: number): string | undefined {
  const src = text.split('\n')[line - 1] ?? '';
  const start = src.lastIndexOf('{{', column + 2);
  const end = src.indexOf('}}', Math.max(start, 0));
  return start >= 0 && end > start ? src.slice(start, end + 2) : undefined;
}

/** The first path in an expression that the context does not have: "cijfers.inwonerz". */
export function missingPath(expression: string, context: object): string | undefined {
  let found: string | undefined;
  const visit = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    const n = node as { type?: string; original?: string; parts?: string[]; data?: boolean };
    if (n.type === 'PathExpression' && n.parts && !n.data && n.parts.length > 0) {
      let value: unknown = context;
      for (const part of n.parts) {
        value =
          value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
        if (value === undefined) {
          found = n.original;
          return;
        }
      }
    }
    for (const child of Object.values(node)) {
      if (Array.isArray(child)) child.forEach(visit);
      else if (child && typeof child === 'object') visit(child);
    }
  };
  try {
    const ast = Handlebars.parse(expression) as unknown as {
      body: Array<{ path?: unknown; params?: unknown[]; hash?: unknown }>;
    };
    for (const stmt of ast.body) {
      // {{a.b}} is a lookup of its path; {{helper a.b}} of its arguments.
      if (!stmt.params?.length && !stmt.hash) visit(stmt.path);
      visit(stmt.params);
      visit(stmt.hash);
    }
  } catch {
    return undefined;
  }
  return found;
}

function renderHandlebars(
  prose: ProseFile,
  context: object,
  registry: FigureRegistry,
  warnings: Diagnostic[],
): string {
  const hb = Handlebars.create();
  hb.registerHelper(VALUE_HELPERS);
  hb.registerHelper(passHelpers(registry, prose.file, warnings));
  try {
    hb.registerHelper(TEXT_HELPER, textHelper(missingMark));
    const reserved = prose.text.split('\n').findIndex((l) => /<!--\s*jv:/.test(l));
    if (reserved >= 0) {
      throw new HelperError(
        'een commentaar dat met "jv:" begint is voorbehouden aan de build',
        reserved + 1,
      );
    }
    const ast = routeThroughTextHelper(
      Handlebars.parse(prose.text),
      new Set(Object.keys(hb.helpers)),
    );
    return hb.compile(ast, { strict: true })(context);
  } catch (e) {
    if (e instanceof MissingValueError && e.line && e.column !== undefined) {
      const expr = expressionAt(prose.text, e.line, e.column + 1);
      const path = expr ? missingPath(expr, context) : undefined;
      if (expr && path) {
        throw new TemplateError(
          prose.file,
          e.line,
          `${expr}: "${path}" staat niet in de gegevens`,
          { cause: e },
        );
      }
    }
    if (e instanceof HelperError)
      throw new TemplateError(prose.file, e.line, e.message, { cause: e });
    const described = describeTemplateError(prose.text, e, { context });
    if (described)
      throw new TemplateError(prose.file, described.line, described.message, { cause: e });
    const message = ((e as Error).message ?? String(e)).split('\n')[0] ?? '';
    const loc = /- (\d+):(\d+)$/.exec(message);
    const line = loc ? Number(loc[1]) : undefined;
    const missing = /^"([^"]+)" not defined in/.exec(message);
    if (missing && loc) {
      const expr = expressionAt(prose.text, Number(loc[1]), Number(loc[2])) ?? missing[1];
      throw new TemplateError(
        prose.file,
        line,
        `${expr}: "${missing[1]}" staat niet in de gegevens`,
        { cause: e },
      );
    }
    throw new TemplateError(prose.file, line, message.replace(/ - \d+:\d+$/, ''), { cause: e });
  }
}

function chapterId(file: string): string {
  return (file.split('/').at(-1) ?? file).replace(/\.md$/, '').replace(/^\d+-/, '');
}

/** A heading's text as a reader sees it: entities decoded, emphasis marks gone. */
function plainText(inline: Token): string {
  const parts = (inline.children ?? [])
    .filter((t) => t.type === 'text' || t.type === 'code_inline')
    .map((t) => t.content);
  return (parts.length ? parts.join('') : inline.content).replace(/\s+/g, ' ').trim();
}

/** The class of a run-in heading (`####`), whatever its level: the house styles style it by class. */
const RUN_IN_CLASS = 'inloop';

/**
 * Run-in headings (`####`) one level below the heading they follow, so that the levels nest
 * without a skip (WCAG 1.3.1, PDF/UA): h2 under a chapter title (h1) with no section yet, h3 under
 * a section (h2), h4 under a sub-section (h3). `top` is the level of the title the template sets
 * above the body (1 for a chapter, 2 for the foreword). Each keeps the class `inloop`.
 */
function levelRunIns(tokens: Token[], top: number): void {
  let parent = top;
  for (let i = 0; i < tokens.length; i++) {
    const open = tokens[i];
    if (open?.type !== 'heading_open') continue;
    const level = Number(open.tag.slice(1));
    if (level < 4) {
      parent = Math.max(level, top);
      continue;
    }
    if (level !== 4) continue;
    const close = tokens[i + 2];
    const tag = `h${parent + 1}`;
    open.tag = tag;
    if (close?.type === 'heading_close') close.tag = tag;
    open.attrJoin('class', RUN_IN_CLASS);
  }
}

/** Number the headings, give them anchors, take the chapter title out of the body. */
function numberHeadings(tokens: Token[], chapter: number): { titel?: string; toc: TocEntry[] } {
  const toc: TocEntry[] = [];
  let titel: string | undefined;
  let section = 0;
  let sub = 0;
  for (let i = 0; i < tokens.length; i++) {
    const open = tokens[i];
    const inline = tokens[i + 1];
    if (open?.type !== 'heading_open' || !inline) continue;
    if (open.tag === 'h1') {
      titel = plainText(inline);
      tokens.splice(i, 3);
      i--;
      continue;
    }
    if (open.tag !== 'h2' && open.tag !== 'h3') continue;
    let nummer: string;
    if (open.tag === 'h2') {
      section++;
      sub = 0;
      nummer = `${chapter}.${section}`;
    } else {
      sub++;
      nummer = `${chapter}.${section}.${sub}`;
    }
    const anchor = `h-${nummer.replaceAll('.', '-')}`;
    open.attrSet('id', anchor);
    toc.push({ level: open.tag === 'h2' ? 2 : 3, nummer, titel: plainText(inline), anchor });
    const num = new (inline.constructor as typeof Token)('html_inline', '', 0);
    num.content = `<span class="nummer">${nummer}</span> `;
    inline.children?.unshift(num);
  }
  return { titel, toc };
}

/**
 * Render every chapter's prose, and the foreword when there is one; `roots` bound the files the
 * prose may refer to.
 */
export function renderChapters(
  edition: Edition,
  prose: readonly ProseFile[],
  roots: readonly string[],
  foreword?: ProseFile,
): { chapters: RenderedChapter[]; foreword?: RenderedForeword; warnings: Diagnostic[] } {
  const context = proseContext(edition);
  const warnings: Diagnostic[] = [];
  const all = foreword ? [foreword, ...prose] : prose;
  // Pass 1: only to learn where the figures are placed.
  const first = new FigureRegistry(edition.factIds, new Map());
  for (const p of all) renderHandlebars(p, context, first, []);
  const numbers = numberFigures(first.placements);

  const md = createMarkdown();
  const registry = new FigureRegistry(edition.factIds, numbers);
  /** One prose file to HTML: its title, body and placements, headings numbered as chapter `nummer`. */
  const render = (p: ProseFile, nummer: number | undefined) => {
    const before = registry.placements.length;
    const markdown = renderHandlebars(p, context, registry, warnings);
    const env = {};
    const tokens = md.parse(markdown, env);
    const html = checkRawHtml(tokens)[0];
    if (html) throw new TemplateError(p.file, html.line, html.message);
    embedImages(tokens, p, roots);
    const { titel, toc } =
      nummer === undefined ? { titel: takeTitle(tokens), toc: [] } : numberHeadings(tokens, nummer);
    // After numbering (which counts `##` and `###` only): the chapter's title is an h1 in the
    // template, the foreword's an h2.
    levelRunIns(tokens, nummer === undefined ? 2 : 1);
    if (!titel) throw new TemplateError(p.file, 1, 'het hoofdstuk begint met een titel: "# Titel"');
    const body = md.renderer
      .render(tokens, md.options, env)
      .replace(
        /<!--jv:plaats:(\d+)-->/g,
        (_: string, n: string) => `<!--jv:plaats:${Number(n) - before}-->`,
      );
    const placements = registry.placements.slice(before);
    // The year's folder: the prose lives in <jaar>/tekst/.
    resolvePhotos(edition, placements, path.dirname(path.dirname(p.path)), roots);
    return { titel, toc, body, placements };
  };
  const front = foreword && render(foreword, undefined);
  const chapters = prose.map((p, i): RenderedChapter => {
    const nummer = i + 1;
    const { titel, toc, body, placements } = render(p, nummer);
    const anchor = `h-${nummer}`;
    return {
      nummer,
      id: chapterId(p.file),
      titel,
      anchor,
      body,
      placements,
      toc: [{ level: 1, nummer: String(nummer), titel, anchor }, ...toc],
    };
  });
  return {
    chapters,
    ...(front
      ? {
          foreword: {
            titel: front.titel,
            anchor: 'voorwoord',
            body: front.body,
            placements: front.placements,
          },
        }
      : {}),
    warnings,
  };
}

/** The foreword's title: its `# Titel`, taken out of the body; its other headings stay as written. */
function takeTitle(tokens: Token[]): string | undefined {
  const i = tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h1');
  const inline = tokens[i + 1];
  if (i < 0 || !inline) return undefined;
  const titel = plainText(inline);
  tokens.splice(i, 3);
  return titel;
}
