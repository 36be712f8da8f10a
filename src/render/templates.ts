/** A publication's templates: document, chapters, partials, stylesheet and house style. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { BuildContext } from '../context.ts';
import { rel } from '../context.ts';
import { EnvironmentError, TemplateError } from '../errors.ts';
import { inputRoots, readInputText } from '../files.ts';
import { cssString } from './css.ts';
import { VALUE_HELPERS } from './helpers/index.ts';
import { loadHouseStyle } from './house-style.ts';
import type { HouseStyle } from './house-style.ts';
import { HelperError } from './helpers/values.ts';
import { describeTemplateError, unknownPartial } from './template-errors.ts';

export interface TemplateSet {
  dir: string;
  style: HouseStyle;
  css: string;
  hb: typeof Handlebars;
  /** Render a template file (relative to the set's folder) with a context. */
  render(name: string, context: object): string;
  /** Render a partial (partials/<name>.hbs) with a context. */
  renderPartial(name: string, context: object): string;
  /** The template for a chapter: hoofdstukken/<id>.hbs, else hoofdstuk.hbs. */
  chapterTemplate(id: string): string;
}

/** Load templates/<set>/ into an isolated Handlebars environment. */
export function loadTemplates(ctx: BuildContext, setName: string): TemplateSet {
  const dir = path.join(ctx.root, 'templates', setName);
  if (!existsSync(dir)) throw new EnvironmentError(`sjablonen ontbreken: ${rel(ctx, dir)}`);
  const hb = Handlebars.create();
  hb.registerHelper(VALUE_HELPERS);
  hb.registerHelper('gt', (a: unknown, b: unknown) => Number(a) > Number(b));
  hb.registerHelper('cssTekst', (s: unknown) => new hb.SafeString(cssString(String(s))));
  const roots = inputRoots(ctx);
  const read = (file: string, kind: 'sjabloon' | 'stijl') =>
    readInputText(file, { kind, roots, file: rel(ctx, file) });
  const partialsDir = path.join(dir, 'partials');
  const partialNames = existsSync(partialsDir)
    ? readdirSync(partialsDir)
        .filter((f) => f.endsWith('.hbs'))
        .map((f) => path.basename(f, '.hbs'))
        .sort()
    : [];
  // Parsed on their own first: a partial's mistakes are reported with its own file and line.
  const parse = (file: string, text: string): hbs.AST.Program => {
    let ast: hbs.AST.Program;
    try {
      ast = Handlebars.parse(text);
    } catch (e) {
      const d = describeTemplateError(text, e);
      throw new TemplateError(
        rel(ctx, file),
        d?.line,
        d?.message ?? ((e as Error).message ?? '').split('\n')[0] ?? '',
        { cause: e },
      );
    }
    const missing = unknownPartial(ast, new Set(partialNames));
    if (missing) {
      throw new TemplateError(
        rel(ctx, file),
        missing.line,
        `{{> ${missing.name}}}: er is geen partial "${missing.name}" (partials/${missing.name}.hbs); wel: ${partialNames.join(', ') || 'geen'}`,
      );
    }
    return ast;
  };
  for (const name of partialNames) {
    const file = path.join(partialsDir, `${name}.hbs`);
    const text = read(file, 'sjabloon');
    parse(file, text);
    hb.registerPartial(name, text);
  }
  const compiled = new Map<string, { text: string; template: HandlebarsTemplateDelegate }>();
  const render = (name: string, context: object): string => {
    const file = path.join(dir, name);
    let entry = compiled.get(name);
    if (!entry) {
      const text = read(file, 'sjabloon');
      entry = { text, template: hb.compile(parse(file, text), { strict: true }) };
      compiled.set(name, entry);
    }
    try {
      return entry.template(context);
    } catch (e) {
      const message = (e as Error).message ?? String(e);
      const d =
        e instanceof HelperError
          ? { line: e.line, message }
          : describeTemplateError(entry.text, e, { partials: partialNames });
      const line = d ? d.line : Number(/- (\d+):\d+/.exec(message)?.[1]) || undefined;
      throw new TemplateError(
        rel(ctx, file),
        line,
        d?.message ?? message.split('\n')[0] ?? message,
        { cause: e },
      );
    }
  };
  const partialCalls = new Map<string, HandlebarsTemplateDelegate>();
  const renderPartial = (name: string, context: object): string => {
    let call = partialCalls.get(name);
    if (!call) {
      call = hb.compile(`{{> ${name}}}`, { strict: true });
      partialCalls.set(name, call);
    }
    try {
      return call(context);
    } catch (e) {
      const file = rel(ctx, path.join(partialsDir, `${name}.hbs`));
      const message = ((e as Error).message ?? '').split('\n')[0] ?? '';
      const line =
        e instanceof HelperError ? e.line : Number(/- (\d+):\d+$/.exec(message)?.[1]) || undefined;
      throw new TemplateError(file, line, message.replace(/ - \d+:\d+$/, ''), { cause: e });
    }
  };
  return {
    dir,
    renderPartial,
    style: loadHouseStyle(dir, rel(ctx, path.join(dir, 'huisstijl.yaml')), roots),
    css: read(path.join(dir, 'stijl.css'), 'stijl'),
    hb,
    render,
    chapterTemplate: (id) =>
      existsSync(path.join(dir, 'hoofdstukken', `${id}.hbs`))
        ? `hoofdstukken/${id}.hbs`
        : 'hoofdstuk.hbs',
  };
}
