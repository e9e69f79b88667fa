/**
 * A code block whose fence is still open, appended to as the code streams in instead
 * of being re-rendered whole every frame (which made a long open fence quadratic).
 *
 * The code is held in segments of whole lines (webview/render/streamSplit.ts hands them
 * out), each highlighted once and laid out as its own block, so a frame lays out only
 * the newest segment and never the whole block again. Lines that are not in a segment
 * yet are shown live: each complete line highlighted once when it arrives, the
 * unfinished one as plain text. When the fence closes, a block short enough to
 * highlight is rendered exactly as the whole answer would render it.
 */
import { grammarPending } from './highlight';
import { codeBlockStart, codeHtml, CODE_BLOCK_END, fenceLanguage, HIGHLIGHT_LIMIT, renderMarkdown } from './markdown';
import { sanitizeToFragment } from './sanitize';
import type { OpenFence } from './streamSplit';

/** markdown-it removes up to the fence's own indentation from each code line. */
function unindent(code: string, indent: number): string {
  if (!indent) return code;
  const strip = new RegExp(`^ {1,${indent}}`, 'gm');
  return code.replace(strip, '');
}

export class StreamingCode {
  /** Goes where the block belongs; its content is replaced when the fence closes. */
  readonly element: HTMLElement;
  private readonly live: HTMLElement;
  private readonly language: string;
  /** Characters of code in segments so far. */
  private length = 0;
  /** Of the live text, how much is shown as highlighted complete lines. */
  private liveShown = 0;
  private partial: Text;

  constructor(private readonly fence: OpenFence) {
    this.language = fenceLanguage(fence.info);
    this.element = document.createElement('div');
    this.element.className = 'chunk';
    this.element.append(sanitizeToFragment(`${codeBlockStart(fence.info)}<span class="code-live"></span>${CODE_BLOCK_END}`));
    this.element.querySelector('pre')!.classList.add('streaming');
    this.live = this.element.querySelector('.code-live')!;
    this.partial = document.createTextNode('');
    this.live.append(this.partial);
  }

  /** Whole lines of code as written, now final: one highlighted segment. */
  segment(raw: string): void {
    const code = unindent(raw, this.fence.indent);
    this.length += code.length;
    const span = document.createElement('span');
    span.className = 'code-seg';
    span.append(this.colour(code));
    // Drawn plain while the grammar loads: coloured when it arrives, as a finished block is (markdown.ts).
    if (this.length <= HIGHLIGHT_LIMIT && grammarPending(this.language)) span.dataset.pending = '';
    this.live.before(span);
    this.live.replaceChildren(this.partial);
    this.partial.data = '';
    this.liveShown = 0;
  }

  /** The code after the last segment, as written so far: only what is new since the last call is drawn. */
  showLive(raw: string): void {
    const lineEnd = raw.lastIndexOf('\n') + 1;
    if (lineEnd > this.liveShown) {
      this.partial.before(this.colour(unindent(raw.slice(this.liveShown, lineEnd), this.fence.indent)));
      this.liveShown = lineEnd;
    }
    this.partial.data = unindent(raw.slice(lineEnd), this.fence.indent);
  }

  /**
   * Highlighted nodes for `code`; plain text once the block is longer than HIGHLIGHT_LIMIT, since such a
   * block keeps its segments when it closes and is read by scrolling, not by colour.
   */
  private colour(code: string): Node {
    if (this.length > HIGHLIGHT_LIMIT) return document.createTextNode(code);
    return sanitizeToFragment(codeHtml(code, this.language));
  }

  /**
   * The fence closed (or the answer ended inside it); `source` is the fence from its opening line on.
   * Returns whether the block was re-rendered, so the caller can decorate it again.
   */
  close(source: string): boolean {
    this.live.remove();
    this.element.querySelector('pre')?.classList.remove('streaming');
    if (this.length > HIGHLIGHT_LIMIT) {
      // Like markdown's own code blocks, the code ends with a line break even when the fence ended mid-line.
      const last = this.element.querySelector('code')?.lastElementChild;
      if (last && !last.textContent?.endsWith('\n')) last.append('\n');
      return false;
    }
    this.element.replaceChildren(renderMarkdown(source));
    return true;
  }
}
