/**
 * Coalesces streamed deltas before they cross to the webview. A fast stream
 * yields thousands of 1–4 token chunks a second; one postMessage each would
 * flood the channel, so text is gathered and sent at most once per interval.
 * The webview draws a streaming answer at most every 50 ms
 * (webview/transcript/streamingBody.ts), so the interval is the same: posting
 * more often would cost both sides a message each without showing anything sooner. The first text after
 * a pause is sent at once.
 */
import type { TurnUpdate } from '../../shared/turnEvents';

/** A flush sends the reasoning, then the answer text, gathered since the last one. */
export type Flush = (event: Extract<TurnUpdate, { kind: 'reasoning' | 'answer' }>) => void;

export class DeltaBatcher {
  private content: string[] = [];
  private reasoning: string[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFlush = 0;

  constructor(
    private readonly onFlush: Flush,
    private readonly intervalMs = 50,
    private readonly now: () => number = Date.now,
  ) {}

  addContent(text: string): void {
    if (!text) return;
    this.content.push(text);
    this.arm();
  }

  addReasoning(text: string): void {
    if (!text) return;
    this.reasoning.push(text);
    this.arm();
  }

  /** Sends whatever is pending now (before turn end, errors, or a stop). */
  flush(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (!this.content.length && !this.reasoning.length) return;
    this.lastFlush = this.now();
    const content = this.content.join('');
    const reasoning = this.reasoning.join('');
    this.content = [];
    this.reasoning = [];
    if (reasoning) this.onFlush({ kind: 'reasoning', text: reasoning });
    if (content) this.onFlush({ kind: 'answer', text: content });
  }

  private arm(): void {
    // While a fast stream keeps the event loop busy parsing, the timer may not get to run for a
    // long time; a flush that is due is then sent from here instead, so batches stay small.
    if (this.now() - this.lastFlush >= this.intervalMs) {
      this.flush();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, this.intervalMs);
  }
}
