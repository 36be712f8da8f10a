// TEMPORARY STUB (replaced by the markdown module)
import MarkdownIt from 'markdown-it';
export function createMarkdown() {
  return new MarkdownIt({ html: true, typographer: true });
}
