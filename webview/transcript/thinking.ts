/**
 * The collapsible "Thinking" section. It streams open, folds by itself once when
 * the answer starts, and after that is the user's to open or close.
 */
import { h } from '../dom';

export class ThinkingSection {
  readonly element: HTMLDetailsElement;
  private readonly summary: HTMLElement;
  private readonly body: HTMLElement;
  private folded = false;
  private chars = 0;

  constructor(initial = '', streaming = false) {
    this.summary = h('summary', { className: 'thinking-summary' });
    this.body = h('div', { className: 'thinking-body' });
    this.element = h('details', { className: 'thinking' }, [this.summary, this.body]);
    this.element.hidden = initial.length === 0;
    if (initial) this.append(initial);
    this.element.open = streaming;
    this.setThinking(streaming);
  }

  append(text: string): void {
    if (!text) return;
    this.element.hidden = false;
    // A text node per batch: appending never re-parses what is already there.
    this.body.append(document.createTextNode(text));
    this.chars += text.length;
  }

  setThinking(active: boolean): void {
    this.element.classList.toggle('active', active);
    this.summary.textContent = active ? 'Thinking…' : `Thinking (${this.chars.toLocaleString('en-US')} chars)`;
    this.summary.setAttribute('aria-label', active ? 'Thinking, in progress' : 'Thinking, finished');
  }

  /** Called when the answer text starts: fold once, then leave it to the user. */
  answerStarted(): void {
    this.setThinking(false);
    if (this.folded) return;
    this.folded = true;
    this.element.open = false;
  }
}
