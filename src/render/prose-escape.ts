/**
 * Data never becomes Markdown or HTML structure. Every {{expression}} in the prose (plain, helper
 * call or triple-stash alike) is routed through one helper that writes text so that Markdown
 * reads it as text: white space folded to single spaces (no blank line, no new heading),
 * Markdown and HTML punctuation as character references, which markdown-it turns back into
 * plain text. Helpers that return markup on purpose (a figure placeholder, the visible
 * [ontbreekt] mark) return a SafeString and pass unchanged.
 */
import Handlebars from 'handlebars';
import type { HelperOptions } from 'handlebars';
import { HelperError, lineOf, MissingValueError } from './helpers/values.ts';

export const TEXT_HELPER = 'jv_tekst';

// Characters that start Markdown or HTML structure anywhere in a line.
const INLINE = /[\\`*_[\]<>&#|~=+!-]/g;

/** A data string as Markdown text: nothing in it can open a heading, list, link, tag or emphasis. */
export function escapeMarkdownText(text: string): string {
  return (
    text
      // Line breaks and runs of spaces fold to one space; a non-breaking space (€ 1.500.000,
      // 80 %) is kept, so an amount never breaks from its sign.
      .replace(/[\t\n\v\f\r \u2028\u2029]+/g, ' ')
      .replace(INLINE, (c) => `&#${c.charCodeAt(0)};`)
      // "2024." or "3)" at the start of a line would open an ordered list.
      .replace(/^(\d{1,9})([.)])/, (_, n: string, p: string) => `${n}&#${p.charCodeAt(0)};`)
  );
}

function describe(value: object): string {
  if (Array.isArray(value)) return 'een lijst';
  const soort = (value as { soort?: unknown }).soort;
  if (soort === 'afgeleid') return 'een afgeleide waarde';
  if (typeof soort === 'string') return `een ${soort}`;
  if ('waarde' in value) return 'een grootheid {waarde, eenheid}';
  return 'een groep gegevens';
}

/** The helper every prose expression goes through. */
export function textHelper(missing: () => Handlebars.SafeString) {
  return function (value: unknown, options: HelperOptions): Handlebars.SafeString {
    if (value instanceof Handlebars.SafeString) return value;
    if (value === undefined) {
      const start = (options as unknown as { loc?: { start?: { line?: number; column?: number } } })
        .loc?.start;
      throw new MissingValueError('', start?.line, start?.column);
    }
    if (value === null) return missing();
    if (typeof value === 'object') {
      throw new HelperError(
        `dit is ${describe(value)}, geen tekst of getal; schrijf bijvoorbeeld {{getal …}}, {{procent …}} of {{euro …}}`,
        lineOf(options),
      );
    }
    return new Handlebars.SafeString(escapeMarkdownText(String(value)));
  };
}

type Node = hbs.AST.Node & Record<string, unknown>;

/**
 * Rewrite every mustache {{x …}} to {{jv_tekst (x …)}} (or {{jv_tekst x}} for a plain value).
 * `helpers` are the names that are helpers, so {{getal}} stays a call (and reports its missing
 * argument) instead of becoming a lookup.
 */
export function routeThroughTextHelper(
  program: hbs.AST.Program,
  helpers: ReadonlySet<string>,
): hbs.AST.Program {
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const n = node as Node;
    if (n.type === 'MustacheStatement') {
      const m = n as unknown as hbs.AST.MustacheStatement;
      const path = m.path as hbs.AST.PathExpression;
      const isCall =
        m.params.length > 0 ||
        m.hash !== undefined ||
        (path.type === 'PathExpression' && path.parts.length === 1 && helpers.has(path.original));
      const inner: hbs.AST.Expression = isCall
        ? ({
            type: 'SubExpression',
            path: m.path,
            params: m.params,
            hash: m.hash,
            loc: m.loc,
          } as unknown as hbs.AST.SubExpression)
        : m.path;
      const helperPath = {
        type: 'PathExpression',
        data: false,
        depth: 0,
        parts: [TEXT_HELPER],
        original: TEXT_HELPER,
        loc: m.loc,
      } as unknown as hbs.AST.PathExpression;
      m.path = helperPath;
      m.params = [inner];
      (m as { hash?: hbs.AST.Hash }).hash = undefined;
      m.escaped = true;
      return;
    }
    for (const key of ['body', 'program', 'inverse']) visit(n[key]);
  };
  visit(program);
  return program;
}
