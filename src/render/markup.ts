/**
 * Text for XML and HTML, in content and in attribute values: the five characters markup gives a
 * meaning escaped, and the control characters XML 1.0 does not allow at all left out. The XMP
 * packet, the MDTO records and the review page all write data through it.
 */
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeMarkup(value: string): string {
  return (
    value
      .replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c)
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
  );
}
