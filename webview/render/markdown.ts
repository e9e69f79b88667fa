/**
 * Markdown → sanitized DOM. markdown-it with raw HTML off (model output is never
 * trusted markup), linkify on, and fences rendered with highlight.js plus the
 * language and path hint the code-block buttons need.
 */
import MarkdownIt from 'markdown-it';
import { parseFenceInfo } from '../../src/shared/fenceInfo';
import { grammarOf, grammarPending, highlightCode, onGrammarLoaded } from './highlight';
import { sanitizeToFragment } from './sanitize';

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
export const escapeHtml = md.utils.escapeHtml;

/**
 * Code longer than this is shown as plain text: highlighting it would be one long task (highlight.js
 * cannot resume), and a block that size is read by scrolling, not by colour. Answers up to this size
 * are also rendered whole when they finish (webview/transcript/streamingBody.ts), so no whole render
 * ever meets a longer block.
 */
export const HIGHLIGHT_LIMIT = 32_000;

/** The language a fence's info string names, as highlight.js knows it. */
export function fenceLanguage(info: string): string {
  return parseFenceInfo(info).language.toLowerCase();
}

/**
 * The opening tags of a code block (close with CODE_BLOCK_END); the toolbar reads data-lang and data-path.
 * `pending` marks a block shown plain while its language's grammar loads.
 */
export function codeBlockStart(info: string, pending = false): string {
  const { language, path } = parseFenceInfo(info);
  const langClass = language ? ` language-${escapeHtml(language)}` : '';
  const pathAttr = path ? ` data-path="${escapeHtml(path)}"` : '';
  return `<pre class="code-block" data-lang="${escapeHtml(language)}"${pathAttr}${pending ? ' data-pending=""' : ''}><code class="hljs${langClass}">`;
}
export const CODE_BLOCK_END = '</code></pre>\n';

/** Highlighted HTML for `code`, or escaped plain text when the language is unknown or the code too long. */
export function codeHtml(code: string, language: string): string {
  return (code.length <= HIGHLIGHT_LIMIT ? highlightCode(code, language) : undefined) ?? escapeHtml(code);
}

md.renderer.rules.fence = (tokens, index) => {
  const token = tokens[index];
  const language = fenceLanguage(token.info);
  const pending = token.content.length <= HIGHLIGHT_LIMIT && grammarPending(language);
  return `${codeBlockStart(token.info, pending)}${codeHtml(token.content, language)}${CODE_BLOCK_END}`;
};

/** How long one task of late highlighting may run before it lets a frame through (ms). */
const RECOLOUR_SLICE_MS = 12;
/** Code highlighted and sanitized in one pass: a few segments of a streamed block, or many short blocks. */
const RECOLOUR_BATCH_CHARS = 8192;

interface Waiting {
  pending: HTMLElement;
  code: HTMLElement;
}

/**
 * Highlights what was drawn plain while `grammar` loaded: finished blocks, and the segments of a
 * streamed block (webview/render/codeStream.ts), each as it would have been drawn had the grammar been there.
 * A long answer streamed before the grammar arrived holds hundreds of segments: they are sanitized a batch at
 * a time (one inert document per batch, not one each), and in slices that yield between them, so the grammar's
 * arrival is not one long task.
 */
function highlightWaiting(grammar: string): void {
  const waiting: Waiting[] = [];
  for (const pending of document.querySelectorAll<HTMLElement>('pre.code-block[data-pending], pre.code-block .code-seg[data-pending]')) {
    const pre = pending.closest<HTMLElement>('pre.code-block');
    const code = pending.matches('pre') ? pending.querySelector('code') : pending;
    if (!pre || !code || (pending === pre && pre.classList.contains('streaming')) || grammarOf((pre.dataset.lang ?? '').toLowerCase()) !== grammar) continue;
    waiting.push({ pending, code });
  }
  recolour(waiting, 0, grammar);
}

function recolour(waiting: readonly Waiting[], from: number, grammar: string): void {
  const started = performance.now();
  let next = from;
  while (next < waiting.length && performance.now() - started < RECOLOUR_SLICE_MS) {
    const batch: Array<Waiting & { text: string }> = [];
    let chars = 0;
    while (next < waiting.length && chars < RECOLOUR_BATCH_CHARS) {
      const item = waiting[next++];
      // Gone from the chat, or drawn again since (a whole render), meanwhile.
      if (!item.pending.isConnected || !item.pending.hasAttribute('data-pending')) continue;
      const text = item.code.textContent ?? '';
      batch.push({ ...item, text });
      chars += text.length;
    }
    const wrappers = sanitizeToFragment(batch.map(({ text }) => `<span>${codeHtml(text, grammar)}</span>`).join('')).children;
    batch.forEach(({ pending, code }, i) => {
      pending.removeAttribute('data-pending');
      // A wrapper is always there (the sanitizer keeps <span>); were one missing, the plain code stays.
      if (wrappers[i]) code.replaceChildren(...wrappers[i].childNodes);
    });
  }
  if (next < waiting.length) setTimeout(() => recolour(waiting, next, grammar), 0);
}
onGrammarLoaded(highlightWaiting);

md.renderer.rules.code_block = (tokens, index) => `${codeBlockStart('')}${escapeHtml(tokens[index].content)}${CODE_BLOCK_END}`;

export function renderMarkdown(text: string): DocumentFragment {
  return sanitizeToFragment(md.render(text));
}

/**
 * Each text rendered on its own (as renderMarkdown would) into a `<div class="chunk">`, and `tail` (when
 * given) rendered after them, with one sanitizing pass for all of them: the sanitizer's fixed cost (a new
 * inert document per call) is paid once per frame, not per block. `tail` holds the tail's own nodes.
 */
export function renderChunks(texts: readonly string[], tail?: string): { chunks: DocumentFragment; tail?: DocumentFragment } {
  const html = texts.map((text) => `<div class="chunk">${md.render(text)}</div>`);
  if (tail !== undefined) html.push(`<div>${md.render(tail)}</div>`);
  const chunks = sanitizeToFragment(html.join(''));
  if (tail === undefined) return { chunks };
  const wrapper = chunks.lastElementChild;
  const nodes = document.createDocumentFragment();
  if (wrapper) {
    nodes.append(...wrapper.childNodes);
    wrapper.remove();
  }
  return { chunks, tail: nodes };
}
