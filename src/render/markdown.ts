/**
 * The prose's Markdown. Raw HTML is allowed (the build's placeholders, and markup an author
 * writes on purpose); typographic quotes the Dutch way (“…” and ‘…’); long words in paragraphs
 * and list items hyphenated, never in headings, links or code.
 */
import MarkdownIt from 'markdown-it';
import type { MarkdownIt as MarkdownItInstance, StateCore, Token } from 'markdown-it';
import { hyphenateText } from './hyphenate.ts';

function hyphenateTokens(state: StateCore): void {
  let inHeading = false;
  for (const block of state.tokens) {
    if (block.type === 'heading_open') inHeading = true;
    if (block.type === 'heading_close') inHeading = false;
    if (block.type !== 'inline' || inHeading || !block.children) continue;
    let inLink = 0;
    for (const t of block.children as Token[]) {
      if (t.type === 'link_open') inLink++;
      else if (t.type === 'link_close') inLink--;
      else if (t.type === 'text' && inLink === 0) t.content = hyphenateText(t.content);
    }
  }
}

export function createMarkdown(): MarkdownItInstance {
  const md = new MarkdownIt({ html: true, typographer: true, linkify: false, quotes: '“”‘’' });
  md.core.ruler.push('nl_hyphenate', hyphenateTokens);
  return md;
}

export function renderMarkdown(text: string): string {
  return createMarkdown().render(text);
}
