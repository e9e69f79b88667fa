/**
 * The collapsible "Thinking" section. It opens when reasoning first shows, folds by
 * itself once when the answer starts, and after that is the user's to open or close.
 */
import { h } from '../dom';

export class ThinkingSection {
  readonly element: HTMLDetailsElement;
  private readonly summary: HTMLElement;
  private readonly body: HTMLElement;
  private folded = false;
  private chars = 0;
  private active = true;

  constructor() {
    this.summary = h('summary', { className: 'thinking-summary' });
    this.body = h('div', { className: 'thinking-body' });
    this.element = h('details', { className: 'thinking active' }, [this.summary, this.body]);
    this.element.hidden = true;
    this.label();
  }

  /** Shows the reasoning so far: only what is new is appended. */
  show(reasoning: string): void {
    if (reasoning.length <= this.chars) return;
    if (this.element.hidden) {
      this.element.hidden = false;
      this.element.open = !this.folded;
    }
    // A text node per batch: appending never re-parses what is already there.
    this.body.append(document.createTextNode(reasoning.slice(this.chars)));
    this.chars = reasoning.length;
    if (!this.active) this.label();
  }

  setThinking(active: boolean): void {
    if (active === this.active) return;
    this.active = active;
    this.element.classList.toggle('active', active);
    this.label();
  }

  /** Called when the answer text starts: fold once, then leave it to the user. */
  answerStarted(): void {
    this.setThinking(false);
    if (this.folded) return;
    this.folded = true;
    this.element.open = false;
  }

  private label(): void {
    this.summary.textContent = this.active ? 'Thinking…' : `Thinking (${this.chars.toLocaleString('en-US')} chars)`;
    this.summary.setAttribute('aria-label', this.active ? 'Thinking, in progress' : 'Thinking, finished');
  }
}
