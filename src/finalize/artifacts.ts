/**
 * PDF/UA asks that everything painted on a page is either real content (in the structure tree)
 * or marked as an artifact. Chromium tags the document's content (marked-content sequences with
 * an MCID) but leaves the running header, the page number, the draft mark and decoration (rules,
 * backgrounds, chart gridlines it does not tag) unmarked. This wraps every painting unit that
 * stands outside any marked-content sequence in `/Artifact BMC … EMC`: a text object (BT … ET),
 * a path up to its painting operator, an XObject or a shading. Clipping paths paint nothing and
 * stay as they are; nothing moves.
 */

/** Path construction operators, at the end of a line as Skia writes them. */
const CONSTRUCT = / (m|l|c|v|y|re)$|^h$/;
/** Path painting operators (a line of its own). */
const PAINT = /^(S|s|f|F|f\*|B|B\*|b|b\*)$/;
/** Operators that only set graphics state (colour, line style, extended state): no q or Q. */
const STATE = /^$|( (RG|rg|G|g|K|k|CS|cs|SC|sc|SCN|scn|gs|w|J|j|M|d|ri|i|cm))$/;
/** Ending a path without painting it (after W or W* it sets the clip). */
const NO_PAINT = /^(W\*? )?n$/;

/** The content stream with every unmarked painting unit wrapped as an artifact; and how many. */
export function markArtifacts(content: string): { content: string; wrapped: number } {
  const lines = content.split('\n');
  const out: string[] = [];
  let depth = 0;
  let wrapped = 0;
  let i = 0;
  // Where the last artifact ended in `out`: a next one with only state between joins it (one
  // span for a run of leader dots, not one per dot).
  let lastEnd = -1;
  const wrap = (unit: string[]) => {
    const between = lastEnd >= 0 ? out.slice(lastEnd + 1) : undefined;
    if (between && between.every((l) => STATE.test(l))) {
      out.splice(lastEnd, 1);
      out.push(...unit, 'EMC');
    } else {
      out.push('/Artifact BMC', ...unit, 'EMC');
      wrapped++;
    }
    lastEnd = out.length - 1;
  };
  while (i < lines.length) {
    const line = lines[i] as string;
    if (depth > 0) {
      if (/(BDC|BMC)$/.test(line)) depth++;
      else if (line === 'EMC') depth--;
      out.push(line);
      i++;
      continue;
    }
    if (/(BDC|BMC)$/.test(line)) {
      depth++;
      out.push(line);
      i++;
      continue;
    }
    if (line === 'BT') {
      // A text object: an artifact when nothing in it is marked content.
      let j = i;
      while (j < lines.length && lines[j] !== 'ET') j++;
      const unit = lines.slice(i, j + 1);
      if (unit.some((l) => /(BDC|BMC)$/.test(l) || l === 'EMC')) {
        // Marked content inside a text object at depth 0: leave it to the marks it has.
        for (const l of unit) {
          if (/(BDC|BMC)$/.test(l)) depth++;
          else if (l === 'EMC') depth--;
        }
        out.push(...unit);
      } else wrap(unit);
      i = j + 1;
      continue;
    }
    if (CONSTRUCT.test(line)) {
      // A path: up to the operator that paints it (or ends it unpainted, as a clip).
      let j = i;
      while (
        j < lines.length &&
        !PAINT.test(lines[j] as string) &&
        !NO_PAINT.test(lines[j] as string)
      )
        j++;
      const unit = lines.slice(i, j + 1);
      if (j < lines.length && PAINT.test(lines[j] as string)) wrap(unit);
      else out.push(...unit);
      i = j + 1;
      continue;
    }
    if (/ (Do|sh)$/.test(line)) {
      wrap([line]);
      i++;
      continue;
    }
    out.push(line);
    i++;
  }
  return { content: out.join('\n'), wrapped };
}
