/**
 * What a typesetter decides after seeing the pages: read where text landed in a print (the
 * markers of page-script.ts, as named destinations) and say what to change before the next.
 *
 * Hyphenation, as TeX and InDesign do it:
 *  - no word split across a page turn (the first part on one page, the rest on the next);
 *  - no hyphen in the last line of a paragraph (its second-last line ending in a hyphen);
 *  - at most two hyphenated lines in a row.
 * A word that breaks a rule loses its soft hyphens: it is never broken, the line breaker moves it
 * whole. Then the next print shows whether that made a new problem.
 *
 * Figures float: a figure that did not fit in the space left on a page went to the next page and
 * left a gap. The text that follows it in the source is then set before it, one flow block at a
 * time, as long as the figure still opens its page and the gap is large: the text fills the gap,
 * the figure stays at the top of the next page. It never moves before its place in the source,
 * past a section heading, another figure or out of its chapter, nor further than the next page.
 */
import type { Position } from './anchors.ts';

export interface Word {
  n: number;
  /** How many soft hyphens it has. */
  shy: number;
  /** The paragraph it stands in (its end marker jv-p<para>), -1 outside one. */
  para: number;
}

export interface Block {
  i: number;
  tag: string;
  /** A numbered figure or table (figure.figuur): it may float. */
  figure: boolean;
  heading: boolean;
  /** Index of its chapter (section), to keep a figure in its own. */
  chapter: number;
}

export interface Measured {
  words: Word[];
  blocks: Block[];
}

/** A word broken at a line end: which soft hyphen, and where its two parts stand. */
export interface Break {
  n: number;
  first: Position;
  rest: Position;
}

/**
 * The words broken at a line end, with where their two parts stand: the word's start, and its end
 * (a marker right after a soft hyphen could stay at the end of the first line, so the end of the
 * word says where the rest went).
 */
export function brokenWords(measured: Measured, at: ReadonlyMap<string, Position>): Break[] {
  const out: Break[] = [];
  for (const w of measured.words) {
    if (w.shy === 0) continue;
    const first = at.get(`jv-w${w.n}`);
    const rest = at.get(`jv-x${w.n}`);
    if (!first || !rest) continue;
    if (rest.page === first.page && Math.abs(rest.y - first.y) <= 1) continue;
    out.push({ n: w.n, first, rest });
  }
  return out;
}

export type HyphenRule = 'paginawissel' | 'laatste regel' | 'drie op een rij';

/** Words whose break goes against a rule, each with the rule. */
export function hyphenationFaults(
  measured: Measured,
  at: ReadonlyMap<string, Position>,
): Array<{ n: number; rule: HyphenRule }> {
  const breaks = brokenWords(measured, at);
  const faults = new Map<number, HyphenRule>();
  const wordOf = new Map(measured.words.map((w) => [w.n, w]));
  const sameLine = (a: Position, b: Position) => a.page === b.page && Math.abs(a.y - b.y) <= 1;
  for (const b of breaks) {
    if (b.rest.page !== b.first.page) {
      faults.set(b.n, 'paginawissel');
      continue;
    }
    const para = wordOf.get(b.n)?.para ?? -1;
    const end = para >= 0 ? at.get(`jv-p${para}`) : undefined;
    if (end && sameLine(end, b.rest)) faults.set(b.n, 'laatste regel');
  }
  // Runs of hyphenated lines in one paragraph: a break whose first part stands on the line where
  // the previous break's rest stands is on the next line.
  const inPara = new Map<number, Break[]>();
  for (const b of breaks) {
    if (faults.has(b.n)) continue;
    const para = wordOf.get(b.n)?.para ?? -1;
    if (para < 0) continue;
    inPara.set(para, [...(inPara.get(para) ?? []), b]);
  }
  for (const list of inPara.values()) {
    let run = 1;
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1];
      const cur = list[i];
      if (!prev || !cur) continue;
      run = sameLine(prev.rest, cur.first) ? run + 1 : 1;
      if (run >= 3) {
        faults.set(cur.n, 'drie op een rij');
        run = 0;
      }
    }
  }
  return [...faults].map(([n, rule]) => ({ n, rule }));
}

/** The type area: the highest and lowest y that text reaches on any page but the first. */
export function typeArea(at: ReadonlyMap<string, Position>): { top: number; bottom: number } {
  let top = -Infinity;
  let bottom = Infinity;
  for (const p of at.values()) {
    if (p.page === 1) continue;
    top = Math.max(top, p.y);
    bottom = Math.min(bottom, p.y);
  }
  return { top, bottom };
}

/** How much of a page's type area is left empty under its lowest marker (0 to 1). */
export function emptyShare(
  at: ReadonlyMap<string, Position>,
  page: number,
  area = typeArea(at),
): number {
  let lowest = Infinity;
  for (const p of at.values()) if (p.page === page) lowest = Math.min(lowest, p.y);
  if (!Number.isFinite(lowest) || area.top <= area.bottom) return 0;
  return Math.max(0, (lowest - area.bottom) / (area.top - area.bottom));
}

/** A gap this large (share of the type area) under the text before a figure is worth filling. */
export const FLOAT_GAP = 0.12;
/** A figure passes at most this many steps (a flow block, or a run-in heading and its block). */
const MAX_STEPS = 8;

/** The floating state of one figure (or run of figures) across prints, kept by its first figure's block. */
export interface Float {
  /** The page it opened before anything moved. */
  page: number;
  /** The text moved before it, step by step. */
  steps: number[][];
  done: boolean;
}

/** The flow blocks in their current order, and the floats' states, from print to print. */
export interface FloatState {
  order: number[];
  floats: Map<number, Float>;
}

export function floatState(measured: Measured): FloatState {
  return { order: measured.blocks.map((b) => b.i), floats: new Map() };
}

type Move = [number, number, 'after' | 'before'];

/** One line, in points, for a block whose start and end stand on the same line. */
const LINE = 15;

/** A flow block's height as printed: from its first line to below its last (large if split). */
function blockHeight(at: ReadonlyMap<string, Position>, block: number): number {
  const b = at.get(`jv-b${block}`);
  const e = at.get(`jv-e${block}`);
  if (!b || !e) return Infinity;
  if (b.page !== e.page) return Infinity;
  return Math.max(0, b.y - e.y) + LINE;
}

/**
 * Plan figure moves from one print: text that follows a figure (or a run of figures, which keep
 * their order) is moved before it while the figure opens its page and a gap stays behind. Returns
 * [block, other, 'after' | 'before'] moves for the page script, and keeps `state.order` in step.
 */
export function planFloats(
  measured: Measured,
  at: ReadonlyMap<string, Position>,
  state: FloatState,
): Move[] {
  const moves: Move[] = [];
  const area = typeArea(at);
  const byIndex = new Map(measured.blocks.map((b) => [b.i, b]));
  const { order, floats } = state;
  const move = (blocks: number[], other: number, where: 'after' | 'before') => {
    for (const b of blocks) order.splice(order.indexOf(b), 1);
    const at = order.indexOf(other) + (where === 'after' ? 1 : 0);
    order.splice(at, 0, ...blocks);
    // Moved one by one, each before `other` (or after the previous): their order is kept.
    blocks.forEach((b, k) =>
      moves.push(k === 0 ? [b, other, where] : [b, blocks[k - 1] as number, 'after']),
    );
  };
  for (let pos = 0; pos < order.length; pos++) {
    const fig = byIndex.get(order[pos] as number);
    if (!fig?.figure) continue;
    // A run of figures moves as one: the ones right after it follow it.
    let end = pos;
    while (byIndex.get(order[end + 1] as number)?.figure) end++;
    const run = order.slice(pos, end + 1);
    const float = floats.get(fig.i);
    const start = at.get(`jv-b${fig.i}`);
    if (float?.done || !start) {
      pos = end;
      continue;
    }
    if (float && start.page > float.page) {
      // Moved beyond the next page: the last step was one too many.
      const undo = float.steps.pop();
      if (undo) move(undo, run.at(-1) as number, 'after');
      float.done = true;
      pos = end;
      continue;
    }
    const prev = byIndex.get(order[pos - 1] as number);
    const prevEnd = prev ? at.get(`jv-e${prev.i}`) : undefined;
    const opensPage = prevEnd !== undefined && prevEnd.page < start.page;
    const gap = prevEnd ? emptyShare(at, prevEnd.page, area) : 0;
    if (!prev || prev.chapter !== fig.chapter || !opensPage || gap < FLOAT_GAP) {
      if (float) float.done = true;
      pos = end;
      continue;
    }
    // The text after the run, a step at a time (a run-in heading goes with the block after it),
    // as many steps as the gap will hold by their measured height, at least one.
    const stop = (b: Block | undefined) =>
      !b || b.chapter !== fig.chapter || b.figure || /^H[23]$/.test(b.tag);
    const room = (prevEnd.y - area.bottom) * 0.95;
    const taken: number[][] = [];
    let next = end + 1;
    let used = 0;
    while ((float?.steps.length ?? 0) + taken.length < MAX_STEPS) {
      const step = [byIndex.get(order[next] as number)];
      if (step[0]?.heading) step.push(byIndex.get(order[next + 1] as number));
      if (step.some(stop)) break;
      const height = step.reduce((h, b) => h + blockHeight(at, (b as Block).i), 0);
      if (taken.length && used + height > room) break;
      used += height;
      taken.push(step.map((b) => (b as Block).i));
      next += step.length;
    }
    if (!taken.length) {
      if (float) float.done = true;
      pos = end;
      continue;
    }
    const f = float ?? { page: start.page, steps: [], done: false };
    f.steps.push(...taken);
    floats.set(fig.i, f);
    const blocks = taken.flat();
    move(blocks, fig.i, 'before');
    pos = end + blocks.length;
  }
  return moves;
}
