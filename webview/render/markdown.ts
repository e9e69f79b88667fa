/**
 * Markdown → sanitized DOM. markdown-it with raw HTML off (model output is never
 * trusted markup), linkify on, and fences rendered with highlight.js plus the
 * language and path hint the code-block buttons need.
 */
import MarkdownIt from 'markdown-it';
import { parseFenceInfo } from '../../src/shared/fenceInfo';
import { highlightCode } from './highlight';
import { sanitizeToFragment } from './sanitize';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
const escapeHtml = md.utils.escapeHtml;

md.renderer.rules.fence = (tokens, index) => {
  const token = tokens[index];
  const { language, path } = parseFenceInfo(token.info);
  const highlighted = highlightCode(token.content, language.toLowerCase());
  const body = highlighted ?? escapeHtml(token.content);
  const langClass = language ? ` language-${escapeHtml(language)}` : '';
  const pathAttr = path ? ` data-path="${escapeHtml(path)}"` : '';
  return `<pre class="code-block" data-lang="${escapeHtml(language)}"${pathAttr}><code class="hljs${langClass}">${body}</code></pre>\n`;
};

md.renderer.rules.code_block = (tokens, index) =>
  `<pre class="code-block" data-lang=""><code class="hljs">${escapeHtml(tokens[index].content)}</code></pre>\n`;

export function renderMarkdown(text: string): DocumentFragment {
  return sanitizeToFragment(md.render(text));
}
