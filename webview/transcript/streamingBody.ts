/**
 * Streams text into an AnswerView at most once per animation frame. Deltas only
 * append to buffers; the frame renders finished markdown blocks once (frozen
 * chunks) and re-renders just the unfinished tail, so cost per frame stays
 * bounded however long the answer grows and however fast deltas arrive.
 */
import { renderMarkdown } from '../render/markdown';
import { stableBoundary } from '../render/streamSplit';
import type { AnswerView } from './answerView';

// Characters of markdown committed in one step (~10 ms on a slow machine). A frame takes
// steps until TIME_BUDGET_MS is spent, so a burst is shown over several short frames
// on a slow machine and in one frame on a fast one, instead of one long frame.
const FRAME_BUDGET = 6000;
const TIME_BUDGET_MS = 8;
// Past this size the final whole-answer render would itself be a long task; the
// streamed chunks are kept instead (they differ only in rare cross-block cases).
const WHOLE_RENDER_LIMIT = 48_000;

export class StreamingBody {
  private text = '';
  private committed = 0;
  private renderedLength = 0;
  private pendingReasoning = '';
  private frame = 0;
  private readonly frozen: HTMLElement;
  private readonly tail: HTMLElement;
  private answerStarted = false;

  constructor(private readonly view: AnswerView, private readonly beforeFrame: () => boolean, private readonly afterFrame: (stick: boolean) => void) {
    this.frozen = document.createElement('div');
    this.tail = document.createElement('div');
    this.tail.className = 'stream-tail';
    view.body.replaceChildren(this.frozen, this.tail);
  }

  get fullText(): string {
    return this.text;
  }

  append(content: string | undefined, reasoning: string | undefined): void {
    if (content) this.text += content;
    if (reasoning) this.pendingReasoning += reasoning;
    if (!this.frame) this.frame = requestAnimationFrame(() => this.flush());
  }

  /** Renders whatever is buffered now; also called by the frame. */
  flush(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    const started = performance.now();
    const stick = this.beforeFrame();
    if (this.pendingReasoning) {
      this.view.thinking.append(this.pendingReasoning);
      this.pendingReasoning = '';
    }
    if (this.text.length !== this.renderedLength) {
      if (!this.answerStarted && this.text.trim()) {
        this.answerStarted = true;
        this.view.thinking.answerStarted();
      }
      let boundary = stableBoundary(this.text, this.committed, FRAME_BUDGET);
      while (boundary > this.committed) {
        this.commit(boundary);
        if (performance.now() - started >= TIME_BUDGET_MS) break;
        boundary = stableBoundary(this.text, this.committed, FRAME_BUDGET);
      }
      const backlog = this.text.length - this.committed > FRAME_BUDGET && stableBoundary(this.text, this.committed, FRAME_BUDGET) > this.committed;
      if (backlog) {
        // More than a frame's worth is waiting: catch up next frame rather than stall this one.
        this.tail.replaceChildren();
        this.frame = requestAnimationFrame(() => this.flush());
      } else {
        this.tail.replaceChildren(renderMarkdown(this.text.slice(this.committed)));
        this.renderedLength = this.text.length;
      }
      this.view.codeBlocksChanged(this.tail);
    }
    this.afterFrame(stick);
    // Visible in DevTools' performance panel and read by the UI benchmark.
    performance.measure('step-flash:stream-frame', { start: started });
  }

  private commit(boundary: number): void {
    const chunk = document.createElement('div');
    chunk.className = 'chunk';
    chunk.append(renderMarkdown(this.text.slice(this.committed, boundary)));
    this.view.codeBlocksChanged(chunk);
    this.frozen.append(chunk);
    this.committed = boundary;
  }

  /** The finished answer is rendered whole, once, so cross-block markdown (loose lists, references) comes out right. */
  finish(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (this.pendingReasoning) this.view.thinking.append(this.pendingReasoning);
    this.pendingReasoning = '';
    if (this.text.trim()) this.view.thinking.answerStarted();
    if (this.text.length <= WHOLE_RENDER_LIMIT) {
      this.view.setBody(this.text);
      return;
    }
    this.tail.replaceChildren();
    if (this.text.length > this.committed) this.commit(this.text.length);
  }
}
