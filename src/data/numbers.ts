/**
 * Numbers as people in the Netherlands type them. YAML reads a full stop as the decimal point,
 * so the Dutch "300.000" (three hundred thousand) would silently become 300 and "14.849" would
 * become fourteen and a bit. Both are refused here, from the text as it stands in the file; and
 * a text where a number belongs ("300.000", "10,4") gets a hint how to write it.
 */
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { Diagnostic } from '../diagnostics.ts';
import { diagnosticAt } from './yaml-source.ts';
import type { YamlSource } from './yaml-source.ts';

/**
 * A whole number grouped by thousands with full stops, the Dutch way: 300.000, 14.849,
 * 1.234.567, -2.500. Not 0.125 (a whole part of 0), 18.9, 454.47 (not three digits after the
 * point), 1234.567 (a grouped number has at most three digits before the first point).
 */
export const DUTCH_THOUSANDS = /^[-+]?[1-9]\d{0,2}(?:\.\d{3})+$/;

/** Whether the text of a plain YAML scalar reads as a Dutch thousands-grouped number. */
export function looksLikeThousands(text: string): boolean {
  return DUTCH_THOUSANDS.test(text.trim());
}

/** The rule name of these diagnostics. */
export const NUMBER_RULE = 'getal';

/**
 * Every unquoted scalar in a YAML file whose text is a Dutch thousands-grouped number, as an
 * error at its place. Quoted scalars are texts and are not looked at here: where a number
 * belongs, the schema refuses them (with the hint from `numberHint`).
 */
export function thousandsDiagnostics(src: YamlSource): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (node: unknown, path: readonly PropertyKey[]): void => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        visit(pair.value, [...path, String(key)]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, [...path, i]));
    } else if (isScalar(node) && node.type === 'PLAIN' && node.range) {
      const text = src.text.slice(node.range[0], node.range[1]).trim();
      if (looksLikeThousands(text)) {
        out.push(
          diagnosticAt(src, path, {
            rule: NUMBER_RULE,
            message: thousandsMessage(text, node.value),
          }),
        );
      }
    }
  };
  visit(src.doc.contents, []);
  return out;
}

/** What was found, what it would have been read as, and how to write it. */
export function thousandsMessage(text: string, read: unknown): string {
  const whole = text.replace(/\./g, '').replace(/^\+/, '');
  const reading =
    typeof read === 'number'
      ? ` (in YAML is de punt het decimaalteken: dit zou ${String(read).replace('.', ',')} zijn)`
      : '';
  const asDecimal = Number(text);
  const decimalAdvice =
    Number.isFinite(asDecimal) && !Number.isInteger(asDecimal)
      ? `; is het een decimaal getal, schrijf dan hoogstens twee cijfers na de punt: ${String(Math.round(asDecimal * 100) / 100)}`
      : '';
  return (
    `verwacht een getal zonder scheidingsteken voor duizendtallen, gevonden ${text}${reading}; ` +
    `schrijf ${whole}${decimalAdvice}`
  );
}

/**
 * How a text that was meant as a number is written as one: "300.000" → 300000,
 * "10,4" → 10.4, "€ 1.234,50" → 1234.50, "12,5%" → 12.5, "12" → 12. Undefined when it does not
 * read as a number at all ("8t4").
 */
export function numberHint(text: string): string | undefined {
  let s = text.trim();
  const drop: string[] = [];
  if (/^€\s*/.test(s)) {
    s = s.replace(/^€\s*/, '');
    drop.push('€-teken');
  }
  if (/\s*%$/.test(s)) {
    s = s.replace(/\s*%$/, '');
    drop.push('%-teken');
  }
  const grouped = /^-?[1-9]\d{0,2}(?:[.\s\u00a0]\d{3})+(?:,\d+)?$/.test(s);
  const comma = /^-?\d+(?:[.\s\u00a0]\d{3})*,\d+$/.test(s);
  const plain = /^-?\d+(?:\.\d+)?$/.test(s);
  if (!grouped && !comma && !plain) return undefined;
  const number = grouped || comma ? s.replace(/[.\s\u00a0]/g, '').replace(',', '.') : s;
  const how: string[] = [];
  if (grouped) how.push('zonder scheidingsteken voor duizendtallen');
  if (comma) how.push('een decimaal met een punt');
  if (drop.length) how.push(`zonder ${drop.join(' en ')} (dat volgt uit de eenheid)`);
  // A number between quotes is a text to YAML: "12" is not 12.
  if (!how.length) how.push('zonder aanhalingstekens');
  return `schrijf ${number}: ${how.join(', ')}`;
}
