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

/** Render every chapter's prose; `roots` bound the files the prose may refer to. */
export function renderChapters(
  edition: Edition,
  prose: readonly ProseFile[],
  roots: readonly string[],
): { chapters: RenderedChapter[]; warnings: Diagnostic[] } {
  const context = proseContext(edition);
  const warnings: Diagnostic[] = [];
  // Pass 1: only to learn where the figures are placed.
  const first = new FigureRegistry(edition.factIds, new Map());
  for (const p of prose) renderHandlebars(p, context, first, []);
  const numbers = numberFigures(first.placements);

  const md = createMarkdown();
  const registry = new FigureRegistry(edition.factIds, numbers);
  const chapters = prose.map((p, i): RenderedChapter => {
    const before = registry.placements.length;
    const markdown = renderHandlebars(p, context, registry, warnings);
    const env = {};
    const tokens = md.parse(markdown, env);
    const html = checkRawHtml(tokens)[0];
    if (html) throw new TemplateError(p.file, html.line, html.message);
    embedImages(tokens, p, roots);
    const nummer = i + 1;
    const { titel, toc } = numberHeadings(tokens, nummer);
    if (!titel) throw new TemplateError(p.file, 1, 'het hoofdstuk begint met een titel: "# Titel"');
    const body = md.renderer
      .render(tokens, md.options, env)
      .replace(
        /<!--jv:plaats:(\d+)-->/g,
        (_: string, n: string) => `<!--jv:plaats:${Number(n) - before}-->`,
      );
    const anchor = `h-${nummer}`;
    return {
      nummer,
      id: chapterId(p.file),
      titel,
      anchor,
      body,
      placements: registry.placements.slice(before),
      toc: [{ level: 1, nummer: String(nummer), titel, anchor }, ...toc],
    };
  });
  return { chapters, warnings };
}
