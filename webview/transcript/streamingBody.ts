/**
 * Streams a turn's text into an AnswerView at most once per animation frame. Each
 * event only hands over the turn's text so far; the frame renders finished markdown
 * blocks once (frozen chunks) and re-renders just the unfinished tail, so cost per
 * frame stays bounded however long the answer grows and however fast events arrive.
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
  private reasoning = '';
  private committed = 0;
  private renderedLength = 0;
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

  /** The turn's text and reasoning so far; shown on the next frame. */
  show(text: string, reasoning: string): void {
    this.text = text;
    this.reasoning = reasoning;
    if (!this.frame) this.frame = requestAnimationFrame(() => this.flush());
  }

  /** Renders what is buffered now; called by the frame. */
  private flush(): void {
    this.frame = 0;
    const started = performance.now();
    const stick = this.beforeFrame();
    this.view.thinking.show(this.reasoning);
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

  /** The finished text is rendered whole, once, so cross-block markdown (loose lists, references) comes out right. */
  finish(text: string): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.text = text;
    if (text.length <= WHOLE_RENDER_LIMIT) {
      this.view.setBody(text);
      return;
    }
    this.tail.replaceChildren();
    if (text.length > this.committed) this.commit(text.length);
  }
}
