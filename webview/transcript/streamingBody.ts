/**
 * Streams a turn's text into an AnswerView at most once per animation frame, in time
 * linear in the answer's length. Each event only hands over the text so far; a frame
 * renders the pieces that have finished since the last one (webview/render/streamSplit.ts
 * cuts them, each exactly once), appends the lines of an open code fence to its block,
 * and re-renders only the unfinished tail, which the splitter keeps short. A fence that
 * opens and closes within one frame is rendered with the finished markdown, and a frame's
 * markdown and tail go through the sanitizer together, once. A frame stops taking pieces
 * once its time budget is spent, so a burst, or a whole answer that arrives at once, is
 * drawn over several short frames instead of one long task.
 */
import { StreamingCode } from '../render/codeStream';
import { HIGHLIGHT_LIMIT, renderChunks } from '../render/markdown';
import { BlockSplitter, type OpenFence } from '../render/streamSplit';
import type { AnswerView } from './answerView';

/** The script's share of a frame; rendering what it took (layout, style, paint) costs about as much again. */
const TIME_BUDGET_MS = 6;
/**
 * No more than about this much text a frame, either: the browser lays out and shapes what a frame adds after
 * the frame's script, and plain code (a block past HIGHLIGHT_LIMIT) costs the script almost nothing, so the time
 * budget alone let one frame add a flood's worth (hundreds of KB, 100–250 ms of layout). With 64 KB (and 8 ms),
 * catching up on a flood still made frames over 50 ms once the machine was busy (`npm run bench`, "webview longest task").
 */
const FRAME_CHARS = 24 * 1024;
/**
 * While the answer streams, a frame draws at most this often. Each drawing frame costs the browser a
 * fixed price (style, layout, paint, commit) however little text it adds, and following the end costs a
 * second frame for the scroll event; at StepFun's 400 tok/s that price is nearly all of the stream's
 * cost. Text that appears 20 times a second reads as smoothly as at 60; 20 rather than 25 took the main
 * thread's share at 400 tok/s from 9.5–12.4% to 7.6–9.3% (`npm run bench`). Catching up on a backlog
 * draws at CATCH_UP_MS, and the final frames on every frame.
 */
const STREAM_INTERVAL_MS = 50;
/**
 * Reasoning that arrives below the end of the Thinking box's view (the box does not follow it) or into a
 * folded box shows only as the box's scrollbar: it is drawn this often, and the answer at STREAM_INTERVAL_MS.
 */
const UNSEEN_INTERVAL_MS = 250;
const UNSEEN_MOST_CHARS = 4096;
const FRAME_MS = 16;
/**
 * Catching up on a backlog, a frame draws every other vsync. Drawing on every one left the browser no room to
 * raster and present each frame's new screenful on a busy machine: frames then came 67 ms apart (two runs of five
 * paired floods), against 50 ms when every other vsync draws, at the same painted rate.
 */
const CATCH_UP_MS = 2 * FRAME_MS;
/** Finished markdown is rendered in batches of about this many characters, so the time budget is checked between them. */
const RENDER_BATCH = 4096;
/**
 * Finished pieces go into parts of about this many characters. Each frame that grows the answer lays out
 * its parent again, visiting every child: a long answer's thousands of pieces as direct children would
 * cost each frame more than drawing the new text. In parts, a frame visits one part per PART_CHARS plus
 * the pieces of the last part, and the finished parts offscreen skip layout and paint (webview/styles/transcript.css).
 */
const PART_CHARS = 16_384;
/**
 * Answers up to this size are rendered whole once they finish, so cross-block markdown (loose lists,
 * link references) comes out exactly right; longer ones keep their pieces, since a whole render would
 * itself be a long task. No longer than HIGHLIGHT_LIMIT, so a whole render never meets a block too long to highlight.
 */
export const WHOLE_RENDER_LIMIT = HIGHLIGHT_LIMIT;

/** A fence opened within this frame, held back in case it also closes within it; its code so far is text.slice(codeFrom, codeTo). */
interface HeldFence {
  fence: OpenFence;
  codeFrom: number;
  codeTo: number;
}

export class StreamingBody {
  private text = '';
  private reasoning = '';
  /** The text is complete: its last line is finished and an open fence ends with it. */
  private final = false;
  private readonly splitter = new BlockSplitter();
  private code: StreamingCode | undefined;
  /** The text length the tail last showed. */
  private drawn = -1;
  private frame = 0;
  private timer = 0;
  /** When the timer's frame is due. */
  private timerDue = 0;
  /** When the last frame drew. */
  private drewAt = -Infinity;
  private readonly frozen: HTMLElement;
  /** The part of `frozen` that finished pieces go into now, and the characters it holds. */
  private part: HTMLElement | undefined;
  private partChars = 0;
  private readonly tail: HTMLElement;
  private answerStarted = false;
  /** Finished markdown taken this frame and not rendered yet, and its length. */
  private batch: string[] = [];
  private batched = 0;

  constructor(private readonly view: AnswerView) {
    this.frozen = document.createElement('div');
    this.tail = document.createElement('div');
    this.tail.className = 'stream-tail';
    view.body.replaceChildren(this.frozen, this.tail);
  }

  /** The turn's text and reasoning so far; shown on the next frame. */
  show(text: string, reasoning: string): void {
    this.text = text;
    this.reasoning = reasoning;
    this.schedule();
  }

  /** The finished text: short answers are rendered whole, once; long ones finish piece by piece. */
  finish(text: string): void {
    this.text = text;
    this.final = true;
    this.cancel();
    if (text.length <= WHOLE_RENDER_LIMIT) return this.view.setBody(text);
    this.schedule();
  }

  /**
   * The next drawing frame: at once when finishing, soon when catching up, else once the interval has passed since
   * the last one. The wait is a timer, not frames that do nothing: every frame asked for costs the browser a
   * style, layout and commit pass even when nothing changed. A timer already set for later is brought forward.
   */
  private schedule(): void {
    if (this.frame) return;
    const due = this.final ? 0 : this.drawn < 0 ? this.drewAt + CATCH_UP_MS : this.drewAt + this.interval();
    if (this.timer) {
      if (due >= this.timerDue) return;
      window.clearTimeout(this.timer);
      this.timer = 0;
    }
    const wait = due - performance.now();
    if (wait <= FRAME_MS) {
      this.frame = requestAnimationFrame(() => this.flush());
      return;
    }
    // The frame after the timer comes up to one frame later, so the timer aims one frame early.
    this.timerDue = due;
    this.timer = window.setTimeout(() => {
      this.timer = 0;
      this.frame = requestAnimationFrame(() => this.flush());
    }, wait - FRAME_MS);
  }

  /**
   * Slower while only reasoning the reader cannot see changed since the last frame (its box is folded, or its
   * end is scrolled out of view), unless so much has come that drawing it at once would make a long frame.
   */
  private interval(): number {
    const unseen =
      this.text.length === this.drawn &&
      this.reasoning.length - this.view.thinking.shownChars < UNSEEN_MOST_CHARS &&
      !this.view.thinking.showsEnd();
    return unseen ? UNSEEN_INTERVAL_MS : STREAM_INTERVAL_MS;
  }

  private cancel(): void {
    cancelAnimationFrame(this.frame);
    window.clearTimeout(this.timer);
    this.frame = 0;
    this.timer = 0;
  }

  /** Renders what is buffered now; called by the frame. */
  private flush(): void {
    this.frame = 0;
    // Another render replaced this body (a new stream, or the finished text rendered whole).
    if (this.frozen.parentNode !== this.view.body) return;
    const started = performance.now();
    this.drewAt = started;
    this.view.thinking.show(this.reasoning);
    if (this.text.length !== this.drawn || this.final) {
      if (!this.answerStarted && this.text.trim()) {
        this.answerStarted = true;
        this.view.thinking.answerStarted();
      }
      if (this.commit(started)) {
        this.drawTail();
      } else {
        // More has finished than one frame should draw: catch up next frame rather than stall this one.
        this.renderBatch();
        this.tail.replaceChildren();
        this.drawn = -1;
        this.schedule();
      }
    }
    // Visible in DevTools' performance panel and read by the UI benchmark.
    performance.measure('step-flash:stream-frame', { start: started });
  }

  /**
   * Takes finished pieces until the frame's time is spent; true when none is left. Markdown is rendered in
   * batches; the last batch is left for drawTail, which renders it with the tail in one sanitizing pass.
   */
  private commit(started: number): boolean {
    const text = this.text;
    let held: HeldFence | undefined;
    let caughtUp = false;
    let taken = 0;
    while (performance.now() - started < TIME_BUDGET_MS && taken < FRAME_CHARS) {
      const piece = this.splitter.next(text, this.final);
      if (!piece) {
        caughtUp = true;
        break;
      }
      taken += piece.to - piece.from;
      if (piece.kind === 'markdown') {
        this.hold(piece.from, piece.to);
      } else if (piece.kind === 'open') {
        held = { fence: piece.fence, codeFrom: piece.to, codeTo: piece.to };
      } else if (piece.kind === 'code') {
        if (held && piece.to - held.codeFrom <= RENDER_BATCH) {
          held.codeTo = piece.to;
          continue;
        }
        if (held) this.openCode(held);
        held = undefined;
        this.code?.segment(text.slice(piece.from, piece.to));
        this.partChars += piece.to - piece.from;
      } else if (held) {
        // The whole fence arrived within this frame: rendered with the finished markdown, exactly as
        // StreamingCode.close would render it, without drawing it open first.
        this.hold(piece.fence.start, piece.to);
        held = undefined;
      } else {
        this.renderBatch();
        if (this.code?.close(text.slice(piece.fence.start, piece.to))) this.view.codeBlocksChanged(this.code.element);
        this.code = undefined;
      }
    }
    if (held) this.openCode(held);
    return caughtUp;
  }

  /** Adds text.slice(from, to), finished, to the frame's batch; a full batch is rendered at once. */
  private hold(from: number, to: number): void {
    this.batch.push(this.text.slice(from, to));
    this.batched += to - from;
    if (this.batched >= RENDER_BATCH) this.renderBatch();
  }

  private renderBatch(tail?: string): DocumentFragment | undefined {
    if (!this.batch.length && tail === undefined) return undefined;
    const rendered = renderChunks(this.batch, tail);
    if (this.batch.length) {
      this.view.codeBlocksChanged(rendered.chunks);
      this.place(rendered.chunks, this.batched);
    }
    this.batch = [];
    this.batched = 0;
    return rendered.tail;
  }

  /** A fence still open at the end of the frame is drawn as it streams from now on (webview/render/codeStream.ts). */
  private openCode(held: HeldFence): void {
    this.renderBatch();
    this.code = new StreamingCode(held.fence);
    this.view.codeBlocksChanged(this.code.element);
    this.place(this.code.element, 0);
    if (held.codeTo > held.codeFrom) {
      this.code.segment(this.text.slice(held.codeFrom, held.codeTo));
      this.partChars += held.codeTo - held.codeFrom;
    }
  }

  /** Appends finished pieces to the current part, starting a new one once it holds PART_CHARS. */
  private place(node: Node, chars: number): void {
    if (!this.part || this.partChars >= PART_CHARS) {
      this.part = document.createElement('div');
      this.part.className = 'stream-part';
      this.frozen.append(this.part);
      this.partChars = 0;
    }
    this.part.append(node);
    this.partChars += chars;
  }

  /** The unfinished rest: the open fence's newest lines, or the markdown tail rendered again. */
  private drawTail(): void {
    const rest = this.text.slice(this.splitter.done);
    if (this.code) {
      this.renderBatch();
      this.code.showLive(rest);
      this.tail.replaceChildren();
    } else {
      this.tail.replaceChildren(this.renderBatch(rest || undefined) ?? '');
      this.view.codeBlocksChanged(this.tail);
    }
    this.drawn = this.text.length;
  }
}
