/**
 * The collapsible "Thinking" section. It opens when reasoning first shows, folds by
 * itself once when the answer starts, and after that is the user's to open or close.
 */
import { grouped } from '../../src/shared/bill';
import { h } from '../dom';

const BLOCK_CHARS = 2048;
const LONGEST_BLOCK = 8 * BLOCK_CHARS;
/** Within this many pixels below the box's view, its end counts as in view. */
const END_SLACK_PX = 24;

export class ThinkingSection {
  readonly element: HTMLDetailsElement;
  private readonly summary: HTMLElement;
  private readonly body: HTMLElement;
  private block: HTMLElement | undefined;
  private blockChars = 0;
  private blockEnded = false;
  private folded = false;
  private chars = 0;
  private active = true;
  /** While the model thinks and the box is watched: an empty mark after the last block, and whether it is in view. */
  private end: HTMLElement | undefined;
  private endWatch: IntersectionObserver | undefined;
  private endSeen = true;

  constructor() {
    this.summary = h('summary', { className: 'thinking-summary' });
    this.body = h('div', { className: 'thinking-body' });
    this.element = h('details', { className: 'thinking active' }, [this.summary, this.body]);
    this.element.hidden = true;
    this.label();
  }

  /** How much of the reasoning is drawn. */
  get shownChars(): number {
    return this.chars;
  }

  /** Shows the reasoning so far: only what is new is appended. */
  show(reasoning: string): void {
    if (reasoning.length <= this.chars) return;
    if (this.element.hidden) {
      this.element.hidden = false;
      this.element.open = !this.folded;
    }
    let added = reasoning.slice(this.chars);
    this.chars = reasoning.length;
    // Text goes into blocks of about BLOCK_CHARS, each ending after a line break, so that the browser lays
    // out only the newest block: one ever-growing block is laid out whole on every append, which made a
    // long reasoning quadratic. A line break that ends a block looks exactly as it does inside one.
    while (added) {
      if (!this.block || this.blockEnded) this.startBlock();
      let take = added.length;
      let ends = false;
      const room = BLOCK_CHARS - this.blockChars;
      if (added.length > room) {
        const lineEnd = added.indexOf('\n', Math.max(0, room - 1));
        if (lineEnd >= 0) {
          take = lineEnd + 1;
          ends = true;
        } else if (this.blockChars + added.length > LONGEST_BLOCK) {
          // No line break for very long: end the block anyway (a line breaks early once in a while).
          take = Math.max(1, LONGEST_BLOCK - this.blockChars);
          if (/[\uD800-\uDBFF]/.test(added[take - 1])) take = Math.max(1, take - 1);
          ends = true;
        }
      }
      this.block!.append(document.createTextNode(added.slice(0, take)));
      this.blockChars += take;
      this.blockEnded = ends;
      added = added.slice(take);
    }
    if (!this.active) this.label();
  }

  /**
   * Whether reasoning added now would be seen: nothing shows yet (the first reasoning opens the box), or the box
   * is open and its end is in view. It does not follow its end, so once it overflows new lines go out of view.
   * Watched by an IntersectionObserver while the model thinks: reading the box's scroll position here would
   * make the browser bring style up to date on every event, and run a frame after it.
   */
  showsEnd(): boolean {
    if (this.element.hidden) return true;
    if (!this.element.open) return false;
    if (!this.end && this.active) {
      this.end = h('div', { className: 'thinking-end' });
      this.body.append(this.end);
      this.endWatch = new IntersectionObserver((entries) => (this.endSeen = entries[entries.length - 1].isIntersecting), {
        root: this.body,
        rootMargin: `0px 0px ${END_SLACK_PX}px 0px`,
      });
      this.endWatch.observe(this.end);
    }
    return this.endSeen;
  }

  /** The reasoning is complete: nothing more to watch for. */
  private unwatchEnd(): void {
    this.endWatch?.disconnect();
    this.endWatch = undefined;
    this.end?.remove();
    this.end = undefined;
    this.endSeen = true;
  }

  private startBlock(): void {
    this.block = h('div', { className: 'thinking-block' });
    if (this.end) this.end.before(this.block);
    else this.body.append(this.block);
    this.blockChars = 0;
    this.blockEnded = false;
  }

  setThinking(active: boolean): void {
    if (active === this.active) return;
    this.active = active;
    if (!active) this.unwatchEnd();
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

  /** Grouped by hand (src/shared/bill.ts): the first toLocaleString loads ICU's number data, ~20 ms of the answer's first frame. */
  private label(): void {
    const text = this.active ? 'Thinking…' : `Thinking (${grouped(this.chars)} chars)`;
    if (this.summary.textContent === text) return;
    this.summary.textContent = text;
    this.summary.setAttribute('aria-label', this.active ? 'Thinking, in progress' : 'Thinking, finished');
  }
}
