/**
 * Code that runs inside the print page through DevTools (the page itself runs no script): it
 * finds where lines break, places empty markers where the layout stage needs to know on which
 * page something landed, and edits the document between prints. Kept as plain JavaScript source,
 * so that no compiler helper ends up in code that is serialised into the page.
 *
 * Markers are empty <span>s; a hidden list of links to them makes Chromium write each one's page
 * and position as a named destination in the PDF (the links are removed before the final print).
 *  - jv-b<i>, jv-e<i>  the first and the last thing in flow block i (a paragraph, list, figure,
 *                      heading …), placed at the block's edges, where no text is split
 *  - jv-p<j>           the end of paragraph j
 *  - jv-w<n>, jv-x<n>  around a word with soft hyphens that breaks at a line end. Only such words
 *                      get them: a marker splits the text it stands in, and split text is set
 *                      (and tagged) a little differently, so the few words that need one keep
 *                      theirs to the final print and all other text stays whole.
 */

/** Set up: blocks, paragraphs and the words with soft hyphens (window.__jv keeps them). */
export const INSTRUMENT = String.raw`(() => {
  const SHY = '\u00ad';
  const state = { words: [], blocks: [], marked: new Set() };
  window.__jv = state;
  const mark = (id) => {
    const s = document.createElement('span');
    s.id = id;
    s.className = 'jv-m';
    return s;
  };
  state.mark = mark;
  const flows = Array.from(document.querySelectorAll('main, .voorwoord'));
  // No paragraph ends in a line of one short word: its last two words stay together.
  for (const p of Array.from(document.querySelectorAll('main p, main li, main .plaatshouder, .voorwoord p'))) {
    const w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    let lastText = null;
    while (w.nextNode()) if (w.currentNode.nodeValue.trim()) lastText = w.currentNode;
    if (!lastText) continue;
    // The last word, if short, stays whole and joins the one before it with a no-break space.
    const m = /^([\s\S]*\S) (\S+)(\s*)$/.exec(lastText.nodeValue);
    if (m && m[2].replace(/[^\p{L}\p{N}]/gu, '').length <= 10) {
      lastText.nodeValue = m[1] + '\u00a0' + m[2].replaceAll(SHY, '') + m[3];
    }
  }
  // Paragraphs (a line of text belongs to one), with an end marker each.
  const paras = Array.from(document.querySelectorAll('main p, main li, main th, main td, main figcaption, main .bijschrift, .voorwoord p'));
  paras.forEach((p, j) => {
    p.dataset.jvPara = String(j);
    p.appendChild(mark('jv-p' + j));
  });
  state.paras = paras;
  // Flow blocks: the paragraphs, lists, figures, headings, quotes and tables that text flows
  // between; not the ones inside another (a table in a figure, a paragraph in a quote).
  const FLOW = 'p, ul, ol, figure, .figuur, .foto, h2, h3, h4, blockquote, table';
  const INSIDE = 'p, ul, ol, figure, .figuur, .foto, blockquote, table, li';
  const bodies = [];
  for (const flow of flows) {
    for (const el of Array.from(flow.querySelectorAll(FLOW))) {
      const outer = el.parentElement && el.parentElement.closest(INSIDE);
      if (!outer || !flow.contains(outer)) bodies.push(el);
    }
  }
  const chapters = Array.from(document.querySelectorAll('main > section, .voorwoord'));
  bodies.forEach((el, i) => {
    state.blocks.push({
      i,
      // A run-in heading (class inloop) is an h2, h3 or h4 by what it follows; to the layout it
      // stays a run-in heading (H4), never a section heading.
      tag: el.classList.contains('inloop') ? 'H4' : el.tagName,
      figure: el.classList.contains('figuur'),
      heading: /^H[1-4]$/.test(el.tagName),
      chapter: chapters.findIndex((c) => c.contains(el)),
    });
    el.dataset.jvBlock = String(i);
    const cells = el.tagName === 'TABLE' ? el.querySelectorAll('th, td') : el.tagName === 'UL' || el.tagName === 'OL' ? el.querySelectorAll('li') : null;
    const first = cells ? cells[0] : el;
    const last = cells ? cells[cells.length - 1] : el;
    (first || el).insertBefore(mark('jv-b' + i), (first || el).firstChild);
    (last || el).appendChild(mark('jv-e' + i));
  });
  // Words with soft hyphens: their text node and which of its tokens they are.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.nodeValue.includes(SHY)) continue;
    const para = node.parentElement && node.parentElement.closest('[data-jv-para]');
    node.nodeValue.split(/(\s+)/).forEach((token, t) => {
      if (!token.includes(SHY)) return;
      state.words.push({ n: state.words.length, node, token: t, para: para ? Number(para.dataset.jvPara) : -1, shy: token.split(SHY).length - 1 });
    });
  }
  // A word's text as a Range, wherever it stands now (in its node, or between its markers).
  state.range = (w) => {
    const r = document.createRange();
    if (w.inside) {
      r.selectNodeContents(w.inside);
      return r;
    }
    const tokens = w.node.nodeValue.split(/(\s+)/);
    let start = 0;
    for (let t = 0; t < w.token; t++) start += tokens[t].length;
    r.setStart(w.node, start);
    r.setEnd(w.node, start + tokens[w.token].length);
    return r;
  };
  // Take a word's soft hyphens out.
  state.unhyphenate = (w) => {
    if (w.inside) w.inside.nodeValue = w.inside.nodeValue.replaceAll(SHY, '');
    else {
      const tokens = w.node.nodeValue.split(/(\s+)/);
      tokens[w.token] = tokens[w.token].replaceAll(SHY, '');
      w.node.nodeValue = tokens.join('');
    }
    w.shy = 0;
  };
  return {
    words: state.words.map((w) => ({ n: w.n, shy: w.shy, para: w.para })),
    blocks: state.blocks,
  };
})()`;

/**
 * Decide in the page, before any print, what depends on lines only. The page is laid out at the
 * width of the printed type area (print media, the @page size and margins, each rounded to whole
 * pixels as Chromium prints them), where lines break as they will on paper; a word that breaks before its paragraph's last line, or as the third hyphenated line
 * in a row, loses its soft hyphens, again until nothing changes. Every word that then breaks at a
 * line end gets its markers (the prints find out on which page it broke). Returns [word, rule]
 * for every word changed and the words marked.
 */
export const LINE_RULES = String.raw`((typeset) => {
  const state = window.__jv;
  // The type area's width: the page's width less its left and right margins (the first @page
  // rule without a name; A4 unless it says otherwise).
  let size = '210mm';
  let left = '0mm';
  let right = '0mm';
  for (const sheet of Array.from(document.styleSheets)) {
    let rules = [];
    try { rules = Array.from(sheet.cssRules); } catch (e) { continue; }
    for (const rule of rules) {
      if (!(rule instanceof CSSPageRule) || rule.selectorText) continue;
      const st = rule.style;
      if (st.size && /^[\d.]+mm/.test(st.size)) size = st.size.split(' ')[0];
      if (st.marginLeft) left = st.marginLeft;
      if (st.marginRight) right = st.marginRight;
    }
  }
  // Chromium prints with the page and its margins each rounded to whole pixels.
  const px = (length) => {
    const probe = document.createElement('div');
    probe.style.cssText = 'position:absolute;visibility:hidden;width:' + length;
    document.body.appendChild(probe);
    const w = probe.getBoundingClientRect().width;
    probe.remove();
    return Math.round(w);
  };
  const html = document.documentElement;
  const before = html.style.width;
  html.style.width = px(size) - px(left) - px(right) + 'px';
  // The tops of a word's first and last line, and of its paragraph's last line.
  const lines = (w) => {
    const rects = Array.from(state.range(w).getClientRects()).filter((r) => r.width > 0 || r.height > 0);
    if (!rects.length) return null;
    return { first: rects[0].top, last: rects[rects.length - 1].top };
  };
  const paraEnd = (j) => {
    const m = document.getElementById('jv-p' + j);
    return m ? m.getBoundingClientRect().top : NaN;
  };
  const changed = [];
  for (let round = 0; round < 16; round++) {
    const broken = [];
    for (const w of state.words) {
      if (!w.shy) continue;
      const l = lines(w);
      if (l && Math.abs(l.last - l.first) > 1) broken.push({ w, a: l.first, b: l.last });
    }
    const faults = new Map();
    if (typeset) {
      const byPara = new Map();
      for (const x of broken) {
        if (x.w.para < 0) continue;
        if (Math.abs(paraEnd(x.w.para) - x.b) <= 1) faults.set(x.w, 'laatste regel');
        else byPara.set(x.w.para, [...(byPara.get(x.w.para) || []), x]);
      }
      for (const list of byPara.values()) {
        let run = 1;
        for (let i = 1; i < list.length; i++) {
          run = Math.abs(list[i].a - list[i - 1].b) <= 1 ? run + 1 : 1;
          if (run >= 3) {
            faults.set(list[i].w, 'drie op een rij');
            run = 0;
          }
        }
      }
    }
    for (const [w, rule] of faults) {
      state.unhyphenate(w);
      changed.push([w.n, rule]);
    }
    // Markers for the words that break and have none yet (this splits their text: look again).
    const unmarked = broken.filter((x) => !faults.has(x.w) && !x.w.inside);
    for (const { w } of unmarked) {
      const r = state.range(w);
      const text = document.createTextNode(r.toString());
      r.deleteContents();
      r.insertNode(text);
      // The text after the word is a node of its own now: the words in it follow it there.
      const rest = text.nextSibling;
      for (const o of state.words) {
        if (o !== w && !o.inside && o.node === w.node && o.token > w.token) {
          o.node = rest;
          o.token -= w.token;
        }
      }
      text.before(state.mark('jv-w' + w.n));
      text.after(state.mark('jv-x' + w.n));
      w.inside = text;
      state.marked.add(w.n);
    }
    if (!faults.size && !unmarked.length) break;
  }
  html.style.width = before;
  return { changed, marked: [...state.marked] };
})`;

/** Links to every marker, in a box of no size: destinations in the PDF, nothing on the page. */
export const LINK_MARKERS = String.raw`(() => {
  document.getElementById('jv-meet')?.remove();
  const nav = document.createElement('div');
  nav.id = 'jv-meet';
  nav.setAttribute('aria-hidden', 'true');
  nav.style.cssText = 'position:absolute;left:0;top:0;width:0;height:0;overflow:hidden';
  for (const m of Array.from(document.querySelectorAll('span.jv-m'))) {
    const a = document.createElement('a');
    a.href = '#' + m.id;
    a.textContent = '.';
    nav.appendChild(a);
  }
  document.body.appendChild(nav);
  return nav.childElementCount;
})()`;

/** Take the soft hyphens out of words (by number): such a word is never broken. */
export const UNHYPHENATE = String.raw`((numbers) => {
  const state = window.__jv;
  const wanted = new Set(numbers);
  for (const w of state.words) if (wanted.has(w.n)) state.unhyphenate(w);
  return numbers.length;
})`;

/** Move flow blocks (figures): [block, other, 'after' | 'before'] puts block beside other. */
export const MOVE = String.raw`((moves) => {
  for (const [block, other, where] of moves) {
    const el = document.querySelector('[data-jv-block="' + block + '"]');
    const target = document.querySelector('[data-jv-block="' + other + '"]');
    if (el && target) {
      if (where === 'after') target.after(el);
      else target.before(el);
    }
  }
  return moves.length;
})`;

/**
 * The last step before the final print: the links to the markers go (so the PDF gets no
 * destinations for them). The markers stay, empty, so that nothing in the lines changes; the soft
 * hyphens stay too (the PDF's text layer is cleaned afterwards, finalize/text-layer.ts).
 */
export const FINISH = String.raw`(() => {
  document.getElementById('jv-meet')?.remove();
  for (const el of Array.from(document.querySelectorAll('[data-jv-block]'))) delete el.dataset.jvBlock;
  for (const el of Array.from(document.querySelectorAll('[data-jv-para]'))) delete el.dataset.jvPara;
  return true;
})`;
