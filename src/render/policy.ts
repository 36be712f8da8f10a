/**
 * The Content-Security-Policy that every report document carries, in print and in the HTML
 * edition a reader opens: no script at all, and images, fonts and styles only from the document
 * itself. It is put in by the engine, first thing in <head>, whatever the template says; a
 * template can add a stricter policy but never loosen this one (browsers apply every policy).
 */
import { TemplateError } from '../errors.ts';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  'img-src data:',
  'font-src data:',
  "style-src 'unsafe-inline'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const META =
  `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">` +
  '<meta name="referrer" content="no-referrer">';

/** The document with the policy as the first element of its head. */
export function withSecurityPolicy(html: string, file: string): string {
  const head = /<head(?:\s[^>]*)?>/i.exec(html);
  // Only a doctype, comments and <html> may stand before <head>: anything else would come
  // before the policy.
  const before = head ? html.slice(0, head.index) : '';
  const clean = /^\s*(?:<!doctype[^>]*>)?\s*(?:<!--[\s\S]*?-->\s*)*(?:<html(?:\s[^>]*)?>)?\s*$/i;
  if (!head || !clean.test(before)) {
    throw new TemplateError(
      file,
      undefined,
      'het document begint met <!DOCTYPE html>, <html> en <head>, met niets ervoor: de build zet daar het beveiligingsbeleid',
    );
  }
  const at = head.index + head[0].length;
  return `${html.slice(0, at)}\n${META}${html.slice(at)}`;
}
