/** A publication's templates: document, chapters, partials, stylesheet and house style. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { BuildContext } from '../context.ts';
import { rel } from '../context.ts';
import { EnvironmentError, TemplateError } from '../errors.ts';
import { VALUE_HELPERS } from './helpers/index.ts';
import { loadHouseStyle } from './house-style.ts';
import type { HouseStyle } from './house-style.ts';

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
  hb.registerHelper('cssTekst', (s: unknown) => new hb.SafeString(JSON.stringify(String(s))));
  const partialsDir = path.join(dir, 'partials');
  if (existsSync(partialsDir)) {
    for (const file of readdirSync(partialsDir).filter((f) => f.endsWith('.hbs'))) {
      hb.registerPartial(
        path.basename(file, '.hbs'),
        readFileSync(path.join(partialsDir, file), 'utf8'),
      );
    }
  }
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  const render = (name: string, context: object): string => {
    const file = path.join(dir, name);
    let template = compiled.get(name);
    try {
      if (!template) {
        template = hb.compile(readFileSync(file, 'utf8'), { strict: true });
        compiled.set(name, template);
      }
      return template(context);
    } catch (e) {
      const message = (e as Error).message;
      const line = /- (\d+):\d+/.exec(message)?.[1];
      throw new TemplateError(
        rel(ctx, file),
        line ? Number(line) : undefined,
        message.split('\n')[0] ?? message,
        {
          cause: e,
        },
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
      throw new TemplateError(file, undefined, ((e as Error).message ?? '').split('\n')[0] ?? '', {
        cause: e,
      });
    }
  };
  return {
    dir,
    renderPartial,
    style: loadHouseStyle(dir, rel(ctx, path.join(dir, 'huisstijl.yaml'))),
    css: readFileSync(path.join(dir, 'stijl.css'), 'utf8'),
    hb,
    render,
    chapterTemplate: (id) =>
      existsSync(path.join(dir, 'hoofdstukken', `${id}.hbs`))
        ? `hoofdstukken/${id}.hbs`
        : 'hoofdstuk.hbs',
  };
}
