/**
 * Raw HTML in the prose is limited to an allow-list of inline elements and attributes; anything
 * else is an error at its line. The tags are read with htmlparser2 (the parser sanitize-html is
 * built on), so what we check is what a browser would see as a tag.
 */
import { Parser } from 'htmlparser2';
import type { Token } from 'markdown-it';

/** Elements a writer may use, with the attributes each may carry. */
export const ALLOWED_ELEMENTS: Readonly<Record<string, readonly string[]>> = {
  a: ['href', 'title'],
  abbr: ['title'],
  b: [],
  br: [],
  cite: [],
  del: [],
  em: [],
  i: [],
  ins: [],
  mark: [],
  q: [],
  s: [],
  small: [],
  span: [],
  strong: [],
  sub: [],
  sup: [],
  u: [],
  wbr: [],
};
/** Attributes allowed on every element of the list. */
const GLOBAL_ATTRIBUTES = ['class', 'lang'];
/** Where a link may point: an anchor in the report, a web page, an e-mail address. */
const SAFE_HREF = /^(#[\w-]+|https?:\/\/[^\s]+|mailto:[^\s]+)$/i;

/** The build's own placeholders for figures; writers may not write them. */
export const PLACEHOLDER = /^<!--jv:plaats:\d+-->\s*$/;

/** What is wrong with a piece of raw HTML, one message per problem; [] when it is allowed. */
export function rawHtmlProblems(html: string): string[] {
  const problems: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const allowed = ALLOWED_ELEMENTS[name];
        if (!allowed) {
          problems.push(
            `HTML-element <${name}> is niet toegestaan in de tekst; toegestaan zijn ${Object.keys(
              ALLOWED_ELEMENTS,
            )
              .map((e) => `<${e}>`)
              .join(', ')}`,
          );
          return;
        }
        for (const [attribute, value] of Object.entries(attributes)) {
          if (!allowed.includes(attribute) && !GLOBAL_ATTRIBUTES.includes(attribute)) {
            problems.push(`attribuut ${attribute} op <${name}> is niet toegestaan in de tekst`);
          } else if (attribute === 'href' && !SAFE_HREF.test(value.trim())) {
            problems.push(
              `link "${value}" op <${name}>: verwacht #anker, https://…, http://… of mailto:…`,
            );
          }
        }
      },
      oncomment(text) {
        if (/^\s*jv:/.test(text))
          problems.push('een commentaar dat met "jv:" begint is voorbehouden aan de build');
      },
      onprocessinginstruction(name) {
        problems.push(`"<${name}>" is niet toegestaan in de tekst`);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return problems;
}

/** Every raw HTML token of a chapter with its problems and the line it is on (1-based). */
export function checkRawHtml(
  tokens: readonly Token[],
): Array<{ line: number | undefined; message: string }> {
  const found: Array<{ line: number | undefined; message: string }> = [];
  for (const block of tokens) {
    const line = block.map ? block.map[0] + 1 : undefined;
    if (block.type === 'html_block' && !PLACEHOLDER.test(block.content)) {
      for (const message of rawHtmlProblems(block.content)) found.push({ line, message });
    }
    for (const t of block.children ?? []) {
      if (t.type !== 'html_inline') continue;
      for (const message of rawHtmlProblems(t.content)) found.push({ line, message });
    }
  }
  return found;
}
