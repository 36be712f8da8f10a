/**
 * The prose's Markdown. Raw HTML is allowed (the build's placeholders, and markup an author
 * writes on purpose); typographic quotes the Dutch way (“…” and ‘…’); long words in paragraphs,
 * list items and table cells hyphenated, never in headings, links or code.
 */
import MarkdownIt from 'markdown-it';
import type { MarkdownIt as MarkdownItInstance, StateCore, Token } from 'markdown-it';
import { hyphenateText } from './hyphenate.ts';

/** Raw inline HTML that opens (+1) or closes (-1) a link or code: <a href…>, </code>. */
function rawNesting(html: string): number {
  const m = /^<(\/?)(?:a|code|kbd|samp)(?=[\s>])/i.exec(html);
  return m ? (m[1] ? -1 : 1) : 0;
}

function hyphenateTokens(state: StateCore): void {
  let inHeading = false;
  for (const block of state.tokens) {
    if (block.type === 'heading_open') inHeading = true;
    if (block.type === 'heading_close') inHeading = false;
    if (block.type !== 'inline' || inHeading || !block.children) continue;
    let skip = 0;
    for (const t of block.children as Token[]) {
      if (t.type === 'link_open') skip++;
      else if (t.type === 'link_close') skip--;
      else if (t.type === 'html_inline') skip += rawNesting(t.content);
      // code_inline and images are tokens of their own and never reach this branch.
      else if (t.type === 'text' && skip <= 0) t.content = hyphenateText(t.content);
    }
  }
}

/** A fresh markdown-it for the prose, with Dutch quotes and hyphenation as the last core rule. */
export function createMarkdown(): MarkdownItInstance {
  const md = new MarkdownIt({ html: true, typographer: true, linkify: false, quotes: '“”‘’' });
  // After text_join, so each run of text is one token and smartquotes has already run.
  md.core.ruler.push('nl_hyphenate', hyphenateTokens);
  return md;
}

let shared: MarkdownItInstance | undefined;

/** Markdown to HTML with the prose settings of createMarkdown. */
export function renderMarkdown(md: string): string {
  shared ??= createMarkdown();
  return shared.render(md);
}
