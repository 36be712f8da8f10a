/**
 * The typesetter's decisions from measured positions (src/print/layout.ts): which words break
 * where, which breaks go against the hyphenation rules, and which figures float. Positions are
 * made by hand here as the markers of a print would give them (page, x, y in PDF points).
 */
import { describe, expect, it } from 'vitest';
import type { Position } from '../../src/print/anchors.ts';
import {
  brokenWords,
  emptyShare,
  floatState,
  hyphenationFaults,
  planFloats,
} from '../../src/print/layout.ts';
import type { Block, Measured, Word } from '../../src/print/layout.ts';

const LINE = 15;
/** y of line `n` (0 = top) of the type area, which runs from 780 down to 60. */
const lineY = (n: number) => 780 - n * LINE;
const pos = (page: number, line: number, x = 100): Position => ({ page, x, y: lineY(line) });

const word = (n: number, para: number, shy = 2): Word => ({ n, shy, para });

/** A broken word: its start on `line`, its end on the next line (or the next page). */
function broken(at: Map<string, Position>, n: number, page: number, line: number, restPage = page) {
  at.set(`jv-w${n}`, pos(page, line, 400));
  at.set(`jv-x${n}`, restPage === page ? pos(page, line + 1, 110) : pos(restPage, 0, 110));
}

/** A word not broken: its start and end on one line. */
function whole(at: Map<string, Position>, n: number, page: number, line: number) {
  at.set(`jv-w${n}`, pos(page, line, 200));
  at.set(`jv-x${n}`, pos(page, line, 260));
}

describe('where words break', () => {
  it('a word whose end stands on another line than its start was broken; one on one line was not', () => {
    const at = new Map<string, Position>();
    whole(at, 0, 2, 3);
    at.set('jv-w1', pos(2, 5, 400));
    at.set('jv-x1', pos(2, 6, 100)); // the word ends on the next line
    at.set('jv-w2', pos(2, 47, 400));
    at.set('jv-x2', pos(3, 0, 100)); // … or on the next page
    const measured: Measured = { words: [word(0, 0), word(1, 0), word(2, 0)], blocks: [] };
    expect(brokenWords(measured, at).map((b) => [b.n, b.rest.page, b.rest.y])).toEqual([
      [1, 2, lineY(6)],
      [2, 3, lineY(0)],
    ]);
    // A word whose soft hyphens were taken out is never counted as broken.
    expect(brokenWords({ words: [word(1, 0, 0)], blocks: [] }, at)).toEqual([]);
  });
});

describe('hyphenation rules', () => {
  it('a word split across a page turn', () => {
    const at = new Map<string, Position>();
    broken(at, 0, 3, 47, 4);
    at.set('jv-p0', pos(4, 2));
    expect(hyphenationFaults({ words: [word(0, 0)], blocks: [] }, at)).toEqual([
      { n: 0, rule: 'paginawissel' },
    ]);
  });

  it('a hyphen in the line before the last line of a paragraph', () => {
    const at = new Map<string, Position>();
    broken(at, 0, 2, 10); // rest on line 11
    at.set('jv-p0', pos(2, 11, 300)); // the paragraph ends on line 11
    broken(at, 1, 2, 20); // rest on line 21; paragraph 1 ends on line 23
    at.set('jv-p1', pos(2, 23, 300));
    expect(
      hyphenationFaults({ words: [word(0, 0), word(1, 1)], blocks: [] }, at).map((f) => f.rule),
    ).toEqual(['laatste regel']);
  });

  it('three hyphenated lines in a row: the third word keeps whole; two in a row are fine', () => {
    const at = new Map<string, Position>();
    // Lines 10, 11, 12 end in a hyphen (each rest starts the next line), line 20 too.
    broken(at, 0, 2, 10);
    broken(at, 1, 2, 11);
    broken(at, 2, 2, 12);
    broken(at, 3, 2, 20);
    at.set('jv-p0', pos(2, 30));
    const words = [0, 1, 2, 3].map((n) => word(n, 0));
    expect(hyphenationFaults({ words, blocks: [] }, at)).toEqual([
      { n: 2, rule: 'drie op een rij' },
    ]);
    // Only two in a row: nothing.
    at.delete('jv-w2');
    at.delete('jv-x2');
    expect(hyphenationFaults({ words, blocks: [] }, at)).toEqual([]);
  });
});

describe('figures float', () => {
  const block = (i: number, extra: Partial<Block> = {}): Block => ({
    i,
    tag: 'P',
    figure: false,
    heading: false,
    chapter: 0,
    ...extra,
  });
  /** Blocks: 0 text, 1 figure, 2 text, 3 run-in heading, 4 text, 5 section heading. */
  const blocks = [
    block(0),
    block(1, { tag: 'FIGURE', figure: true }),
    block(2),
    block(3, { tag: 'H4', heading: true }),
    block(4),
    block(5, { tag: 'H2', heading: true }),
  ];
  const measured: Measured = { words: [], blocks };

  /** Page 3 full to line 48; block 0 ends on page 4 line 10; the figure opens page 5. */
  function layout(): Map<string, Position> {
    const at = new Map<string, Position>();
    at.set('jv-b0', pos(4, 0));
    at.set('jv-e0', pos(4, 10));
    at.set('jv-x-vol', pos(3, 48)); // a full page gives the type area's bottom
    at.set('jv-b1', pos(5, 0));
    at.set('jv-e1', pos(5, 30));
    at.set('jv-b2', pos(5, 31));
    at.set('jv-e2', pos(5, 36));
    at.set('jv-b3', pos(5, 37));
    at.set('jv-e3', pos(5, 37));
    at.set('jv-b4', pos(5, 38));
    at.set('jv-e4', pos(5, 40));
    at.set('jv-b5', pos(5, 41));
    at.set('jv-e5', pos(5, 41));
    return at;
  }

  it('measures the gap a figure leaves behind', () => {
    // Page 4 ends at line 10 of 48: 38 of 48 lines empty.
    expect(emptyShare(layout(), 4)).toBeCloseTo(38 / 48, 2);
  });

  it('moves the text after the figure before it, a run-in heading with its paragraph, never past a section heading', () => {
    const state = floatState(measured);
    const moves = planFloats(measured, layout(), state);
    // Block 2 (6 lines), then heading 3 with block 4 (4 lines) fit in the 38 empty lines: both
    // steps at once, each block before the figure in its own order.
    expect(moves).toEqual([
      [2, 1, 'before'],
      [3, 2, 'after'],
      [4, 3, 'after'],
    ]);
    expect(state.order).toEqual([0, 2, 3, 4, 1, 5]);
    // Next print: the figure opens page 5 still, page 4 is fuller, but only a section heading
    // follows: it stays.
    const at = layout();
    at.set('jv-e4', pos(4, 22));
    expect(planFloats(measured, at, state)).toEqual([]);
  });

  it('takes the last step back when the figure went further than the next page', () => {
    const state = floatState(measured);
    planFloats(measured, layout(), state);
    const at = layout();
    at.set('jv-b1', pos(6, 0)); // pushed to page 6
    expect(planFloats(measured, at, state)).toEqual([
      [3, 1, 'after'],
      [4, 3, 'after'],
    ]);
    expect(state.order).toEqual([0, 2, 1, 3, 4, 5]);
  });

  it('leaves a figure alone that does not open a page, or leaves only a small gap', () => {
    const at = layout();
    at.set('jv-e0', pos(4, 46)); // page 4 nearly full
    expect(planFloats(measured, at, floatState(measured))).toEqual([]);
    const onSamePage = layout();
    onSamePage.set('jv-b1', pos(4, 11));
    expect(planFloats(measured, onSamePage, floatState(measured))).toEqual([]);
  });
});
