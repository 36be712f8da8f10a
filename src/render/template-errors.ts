/**
 * Handlebars' own errors say "Parse error on line 15", "if doesn't match each", "The partial x
 * could not be found" or, for a path through a data file that is not there, "Cannot read
 * properties of undefined". Here they become Dutch messages with the line where the problem
 * is: the line of a block that is never closed, of the partial, of the expression.
 */
import Handlebars from 'handlebars';

export interface Located {
  line?: number | undefined;
  message: string;
}

type Loc = hbs.AST.SourceLocation;

/** The source text of a node, from its location. */
function sliceLoc(text: string, loc: Loc | undefined): string | undefined {
  if (!loc) return undefined;
  const lines = text.split('\n');
  if (loc.start.line === loc.end.line) {
    return lines[loc.start.line - 1]?.slice(loc.start.column, loc.end.column);
  }
  const first = lines[loc.start.line - 1]?.slice(loc.start.column) ?? '';
  const middle = lines.slice(loc.start.line, loc.end.line - 1);
  const last = lines[loc.end.line - 1]?.slice(0, loc.end.column) ?? '';
  return [first, ...middle, last].join('\n');
}

/** Comments blanked out (line breaks kept), so that what they say is not read as blocks. */
function withoutComments(text: string): string {
  return text.replace(/\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/g, (c) => c.replace(/[^\n]/g, ' '));
}

/** The block opened last that is never closed, found by scanning (the text does not parse). */
export function unclosedBlock(text: string): { name: string; line: number } | undefined {
  const stack: Array<{ name: string; line: number }> = [];
  const source = withoutComments(text);
  const tag = /(\\?)\{\{~?\s*([#^/])\s*(?:[>*]\s*)?([^\s}~()]+)/g;
  let m: RegExpExecArray | null;
  while ((m = tag.exec(source))) {
    if (m[1]) continue; // \{{ is text
    const line = source.slice(0, m.index).split('\n').length;
    const name = m[3] ?? '';
    if (m[2] === '/') {
      const at = stack.map((b) => b.name).lastIndexOf(name);
      if (at >= 0) stack.length = at;
    } else stack.push({ name, line });
  }
  return stack.at(-1);
}

const GOT: Record<string, string> = {
  INVERSE: 'een {{else}} buiten een {{#if}}- of {{#each}}-blok, of een tweede {{else}}',
  OPEN_ENDBLOCK: 'een {{/…}} die geen blok sluit',
  CLOSE: 'een }} te vroeg (ontbreekt er een waarde?)',
  CLOSE_UNESCAPED: 'een }}} te veel',
  INVALID: 'een teken dat daar niet kan staan (ontbreekt er een } of een aanhalingsteken?)',
  EQUALS: 'een = zonder naam ervoor',
};

/** A Handlebars parse error in Dutch, at the line where the problem starts. */
function parseError(text: string, message: string): Located | undefined {
  const lexical = /^Lexical error on line (\d+)/.exec(message);
  if (lexical) {
    return {
      line: Number(lexical[1]),
      message:
        'onherkenbare tekst in een {{…}}-uitdrukking (een commentaar {{!-- zonder --}}, of een } te weinig?)',
    };
  }
  const parse = /^Parse error on line (\d+):/.exec(message);
  if (!parse) return undefined;
  const got = /got '([A-Z_]+)'\s*$/.exec(message)?.[1] ?? '';
  if (got === 'EOF') {
    const open = unclosedBlock(text);
    if (open) {
      return {
        line: open.line,
        message: `{{#${open.name} …}} wordt nergens gesloten: verwacht {{/${open.name}}} voor het einde van het bestand`,
      };
    }
    return {
      line: Number(parse[1]),
      message: 'het bestand eindigt midden in een {{…}}-uitdrukking of blok',
    };
  }
  return {
    line: Number(parse[1]),
    message: `ongeldige {{…}}-uitdrukking: gevonden ${GOT[got] ?? `"${got}"`}`,
  };
}

/** Line of the first `{{> name` in a text. */
function partialLine(text: string, name: string): number | undefined {
  const source = withoutComments(text);
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`\\{\\{~?\\s*#?>\\s*${escaped}(?=[\\s}~])`).exec(source);
  return m ? source.slice(0, m.index).split('\n').length : undefined;
}

type AnyNode = { type?: string; loc?: Loc } & Record<string, unknown>;

/** Visit every node of a template's syntax tree. */
function walk(node: unknown, visit: (n: AnyNode) => void): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  const n = node as AnyNode;
  if (typeof n.type === 'string') visit(n);
  for (const [key, child] of Object.entries(n)) {
    if (key !== 'loc' && child && typeof child === 'object') walk(child, visit);
  }
}

/** The partials a template defines for itself: {{#*inline "naam"}}. */
function inlinePartials(ast: hbs.AST.Program): Set<string> {
  const names = new Set<string>();
  walk(ast, (n) => {
    if (n.type !== 'DecoratorBlock') return;
    const d = n as unknown as hbs.AST.DecoratorBlock;
    const first = d.params[0];
    if ((d.path as hbs.AST.PathExpression).original === 'inline' && first?.type === 'StringLiteral')
      names.add((first as hbs.AST.StringLiteral).value);
  });
  return names;
}

/** The first {{> naam}} in a template that names a partial that is not there. */
export function unknownPartial(
  ast: hbs.AST.Program,
  known: ReadonlySet<string>,
): { name: string; line: number | undefined } | undefined {
  const inline = inlinePartials(ast);
  let found: { name: string; line: number | undefined } | undefined;
  walk(ast, (n) => {
    // {{#> naam}}…{{/naam}} renders its own content when the partial is missing: not an error.
    if (found || n.type !== 'PartialStatement') return;
    const name = (n as unknown as hbs.AST.PartialStatement).name;
    if (name.type !== 'PathExpression') return; // {{> (dynamisch)}}: only known when rendered
    const original = (name as hbs.AST.PathExpression).original;
    if (!known.has(original) && !inline.has(original))
      found = { name: original, line: n.loc?.start.line };
  });
  return found;
}

/** The template's syntax tree; undefined when it does not parse (that error is told elsewhere). */
function parsed(text: string): hbs.AST.Program | undefined {
  try {
    return Handlebars.parse(text);
  } catch {
    return undefined;
  }
}

/** A block helper that needs one argument, called with another number: {{#if}} or {{#if a b}}. */
function blockArity(text: string, helper: string): Located | undefined {
  const ast = parsed(text);
  if (!ast) return undefined;
  let found: Located | undefined;
  walk(ast, (n) => {
    if (found || n.type !== 'BlockStatement') return;
    const b = n as unknown as hbs.AST.BlockStatement;
    if ((b.path as hbs.AST.PathExpression).original !== helper || b.params.length === 1) return;
    found = {
      line: b.loc?.start.line,
      message: `{{#${helper} …}} verwacht 1 waarde, kreeg ${b.params.length}`,
    };
  });
  return found;
}

/**
 * A path whose data file or group is not there, so that Handlebars reads a property of
 * undefined: {{getal woningbouw.x}} without woningbouw.yaml. Paths inside {{#each}} and
 * {{#with}} are relative to another value and are not judged.
 */
export function brokenPath(text: string, context: object): Located | undefined {
  const ast = parsed(text);
  if (!ast) return undefined;
  let found: Located | undefined;
  const judge = (path: unknown, statement: AnyNode): void => {
    if (found || !path || typeof path !== 'object') return;
    const p = path as hbs.AST.PathExpression;
    if ((p.type as string) === 'SubExpression') {
      const sub = p as unknown as hbs.AST.SubExpression;
      for (const param of sub.params) judge(param, statement);
      for (const pair of sub.hash?.pairs ?? []) judge(pair.value, statement);
      return;
    }
    if (p.type !== 'PathExpression' || p.data || p.depth > 0 || p.parts.length < 2) return;
    let value: unknown = context;
    for (let i = 0; i < p.parts.length - 1; i++) {
      value =
        value && typeof value === 'object'
          ? (value as Record<string, unknown>)[p.parts[i] ?? '']
          : undefined;
      if (value !== undefined && value !== null) continue;
      const prefix = p.parts.slice(0, i + 1).join('.');
      const expression = sliceLoc(text, statement.loc) ?? p.original;
      found = {
        line: statement.loc?.start.line,
        message:
          i === 0
            ? `${expression}: "${prefix}" staat niet in de gegevens: er is geen gegevensbestand ${prefix}.yaml`
            : value === null
              ? `${expression}: "${prefix}" is leeg (null), dus "${p.original}" is er niet`
              : `${expression}: "${prefix}" staat niet in de gegevens`,
      };
      return;
    }
  };
  const visit = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    const n = node as AnyNode;
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (n.type === 'MustacheStatement' || n.type === 'BlockStatement') {
      const s = n as unknown as hbs.AST.MustacheStatement;
      if (s.params.length === 0 && !s.hash) judge(s.path, n);
      for (const param of s.params) judge(param, n);
      for (const pair of s.hash?.pairs ?? []) judge(pair.value, n);
      if (n.type === 'BlockStatement') {
        const b = n as unknown as hbs.AST.BlockStatement;
        const helper = (b.path as hbs.AST.PathExpression).original;
        if (helper !== 'each' && helper !== 'with') visit(b.program);
        visit(b.inverse);
      }
      return;
    }
    if (n.type === 'Program') visit((n as unknown as hbs.AST.Program).body);
  };
  visit(ast);
  return found;
}

/**
 * A Handlebars error from parsing or rendering `text`, in Dutch with its line; undefined when
 * it is none of the kinds known here (the caller keeps its own message then).
 * `partialsHint` says where partials live ("partials/<naam>.hbs"), for the partial message.
 */
export function describeTemplateError(
  text: string,
  error: unknown,
  options: { context?: object; partials?: readonly string[] } = {},
): Located | undefined {
  const message = error instanceof Error ? error.message : String(error);
  const parsed = parseError(text, message);
  if (parsed) return parsed;
  const mismatch = /^(\S+) doesn't match (\S+) - (\d+):(\d+)$/.exec(message);
  if (mismatch) {
    return {
      line: Number(mismatch[3]),
      message: `{{#${mismatch[1]} …}} wordt gesloten met {{/${mismatch[2]}}}: verwacht {{/${mismatch[1]}}}`,
    };
  }
  const partial = /^The partial (.+) could not be found$/.exec(message);
  if (partial) {
    const name = partial[1] ?? '';
    const known = options.partials;
    return {
      line: partialLine(text, name),
      message:
        known === undefined
          ? `{{> ${name}}}: partials kunnen hier niet gebruikt worden`
          : `{{> ${name}}}: er is geen partial "${name}" (partials/${name}.hbs); wel: ${known.join(', ') || 'geen'}`,
    };
  }
  const arity = /^#?(\w+) requires exactly one argument$/.exec(message);
  if (arity) return blockArity(text, arity[1] ?? '');
  if (options.context && /^Cannot read properties of (undefined|null)/.test(message)) {
    return brokenPath(text, options.context);
  }
  return undefined;
}
