/**
 * Text from the data inside a stylesheet (running headers: `content: "…"`). A CSS string that
 * cannot end the string, the rule or the <style> element: everything but letters, digits, space
 * and harmless punctuation becomes a CSS escape (\3C for <), so "</style>" stays text.
 */
const SAFE = /[\p{L}\p{N} .,:;!?()%€'’‘“”–—-]/u;

/** A quoted CSS string with every risky character escaped. */
export function cssString(text: string): string {
  let out = '';
  for (const ch of text.replace(/\s+/g, ' ')) {
    const code = ch.codePointAt(0) ?? 0;
    out += SAFE.test(ch) && code >= 0x20 ? ch : `\\${code.toString(16).toUpperCase()} `;
  }
  return `"${out}"`;
}
