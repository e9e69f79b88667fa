/**
 * The message list (an aria-live log). Every turn is a record reduced from its
 * events with the host's own reducer (src/shared/turnEvents.ts) and drawn by its
 * AnswerView: a live turn after each event, a reopened chat's turns from their
 * replayed events — one path for both. It also keeps sticky scrolling and lazy
 * rendering of old messages: opening a 1,000-message chat renders the recent ones
 * and the rest only when scrolled near, each exactly once.
 */
import { reduceLog, reduceTurn, type TurnEvent, type TurnRecord } from '../../src/shared/turnEvents';
import { h } from '../dom';
import { AnswerView, type AnswerHooks } from './answerView';
import { appendMessages, replaceMessages } from './messageGroups';
import { userMessageView } from './userView';

/** Messages rendered at once when a chat opens; a turn is two (the question and the answer). */
const EAGER_TAIL = 40;

interface Turn {
  record: TurnRecord;
  /** Absent until the answer is scrolled near. */
  view?: AnswerView;
}

export class Transcript {
  readonly element: HTMLElement;
  private readonly empty: HTMLElement;
  private turns = new Map<string, Turn>();
  private streamingId: string | undefined;
  private readonly lazy: IntersectionObserver;
  private readonly lazyBuilders = new WeakMap<Element, () => HTMLElement>();
  /**
   * Placeholders not rendered yet. They are observed only while the user is away from the end: the
   * browser recomputes every observed target on each frame that changes layout, so a thousand of them
   * would cost each frame of a stream far more than drawing it. At the end none can be in view, since the
   * eagerly rendered messages fill it.
   */
  private pending = new Set<Element>();
  private watching = false;
  private readonly hooks: AnswerHooks;
  onStreamingChange: (turnId: string | undefined) => void = () => undefined;

  constructor(cancel: (turnId: string) => HTMLElement) {
    this.empty = h('p', { className: 'empty', text: 'Ask Step Flash about your code. Paste or drop screenshots, type @ to mention a file.' });
    this.element = h('section', { className: 'transcript', attrs: { role: 'log', 'aria-live': 'polite', 'aria-label': 'Messages', tabindex: '0' } }, [this.empty]);
    this.lazy = new IntersectionObserver((entries) => this.renderVisible(entries), { root: this.element, rootMargin: '1500px 0px' });
    this.hooks = { beforeFrame: () => this.atBottom(), afterFrame: (stick) => stick && this.scrollToEnd(), cancel };
    this.element.addEventListener('scroll', () => this.watchPlaceholders(), { passive: true });
  }

  /** A reopened chat: each turn's events reduced as they were live, then drawn like a live turn. */
  setConversation(logs: readonly TurnEvent[][]): void {
    this.turns.clear();
    this.lazy.disconnect();
    const records = logs.map((log) => reduceLog(log)).filter((r): r is TurnRecord => r !== undefined);
    const nodes: HTMLElement[] = [];
    records.forEach((record, index) => {
      this.turns.set(record.id, { record });
      const eager = (records.length - index) * 2 <= EAGER_TAIL;
      const question = () => userMessageView(record.id, record.user);
      const answer = () => this.answerView(record.id);
      nodes.push(eager ? question() : this.placeholder('user', record.user.text, question));
      nodes.push(eager ? answer() : this.placeholder('assistant', record.text, answer));
    });
    replaceMessages(this.element, nodes, this.empty);
    this.pending = new Set(nodes.filter((node) => node.classList.contains('placeholder')));
    this.watching = false;
    this.streamingChanged();
    this.scrollToEnd();
    this.watchPlaceholders();
  }

  /** One live event: reduced into its turn, then drawn. Events for turns this chat does not show are dropped. */
  apply(turnId: string, event: TurnEvent): void {
    const turn = this.turns.get(turnId);
    const record = reduceTurn(event.kind === 'start' ? undefined : turn?.record, event);
    if (!record) return;
    if (event.kind === 'start') {
      this.empty.remove();
      this.turns.set(turnId, { record });
      appendMessages(this.element, userMessageView(turnId, record.user), this.answerView(turnId));
      this.streamingChanged();
      this.scrollToEnd();
      return;
    }
    turn!.record = record;
    const ending = turn!.view && record.status !== 'streaming' && turnId === this.streamingId;
    const stick = ending && this.atBottom();
    turn!.view?.render(record);
    if (record.status !== 'streaming') this.streamingChanged();
    if (stick) this.scrollToEnd();
  }

  /** Draws the turn's latest record into a new view. */
  private answerView(turnId: string): HTMLElement {
    const turn = this.turns.get(turnId)!;
    turn.view = new AnswerView(turnId, this.hooks);
    turn.view.render(turn.record);
    return turn.view.element;
  }

  /** The composer's Stop follows the newest turn still streaming. */
  private streamingChanged(): void {
    let newest: string | undefined;
    for (const [id, turn] of this.turns) if (turn.record.status === 'streaming') newest = id;
    if (newest === this.streamingId) return;
    this.streamingId = newest;
    this.onStreamingChange(newest);
  }

  private placeholder(role: 'user' | 'assistant', text: string, build: () => HTMLElement): HTMLElement {
    const element = h('article', { className: `message ${role} placeholder`, attrs: { 'aria-busy': 'true' } });
    // A rough height keeps the scrollbar honest until the message is rendered.
    element.style.minHeight = `${Math.min(600, 40 + Math.ceil(text.length / 60) * 18)}px`;
    this.lazyBuilders.set(element, build);
    return element;
  }

  private renderVisible(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const build = this.lazyBuilders.get(entry.target);
      this.lazy.unobserve(entry.target);
      this.pending.delete(entry.target);
      if (build) entry.target.replaceWith(build());
    }
  }

  private watchPlaceholders(): void {
    const watch = this.pending.size > 0 && !this.atBottom();
    if (watch === this.watching) return;
    this.watching = watch;
    if (watch) for (const node of this.pending) this.lazy.observe(node);
    else this.lazy.disconnect();
  }

  private atBottom(): boolean {
    const scroller = this.element;
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
  }

  private scrollToEnd(): void {
    this.element.scrollTop = this.element.scrollHeight;
  }
}
