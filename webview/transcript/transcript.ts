/**
 * The message list (an aria-live log). Every turn is a record reduced from its
 * events with the host's own reducer (src/shared/turnEvents.ts) and drawn by its
 * AnswerView: a live turn after each event, a reopened chat's turns from their
 * replayed events — one path for both. It also follows the end of the chat and
 * renders old messages lazily: opening a 1,000-message chat renders the recent ones
 * and the rest only when scrolled near, each exactly once.
 *
 * Following: the view stays at the end while the user has not scrolled away from
 * it — through a stream, a tall question, images that load, a footer that appears
 * when an answer ends, and a reopened chat whose messages take their real height
 * only once drawn. Every message is watched for size changes rather than checking
 * the position before each frame, because a message can grow (or a lazily drawn one
 * settle) between frames; scrolling up stops following, scrolling back down resumes.
 * The scroll happens in the ResizeObserver's callback, which runs after the frame's
 * layout: scrolling from the stream's own frame callback instead forced a second
 * layout of the page on every frame of a stream.
 */
import { reduceLog, reduceTurn, type TurnEvent, type TurnRecord } from '../../src/shared/turnEvents';
import { h } from '../dom';
import { AnswerView, type AnswerHooks } from './answerView';
import type { TranscriptFrame } from './frame';
import { TranscriptKeyboard } from './keyboard';
import { appendMessages, replaceMessages } from './messageGroups';
import { userMessageView } from './userView';

/** Messages rendered at once when a chat opens; a turn is two (the question and the answer). */
const EAGER_TAIL = 40;
/** Within this many pixels of the end counts as at the end (the user scrolled back down). */
const END_SLACK = 24;

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
  private readonly sizes: ResizeObserver;
  /** Whether the view keeps to the end of the chat (the user has not scrolled away). */
  private following = true;
  /** Where our own last scroll put the view, to tell it from the user's. */
  private ownScrollTop = -1;
  onStreamingChange: (turnId: string | undefined) => void = () => undefined;

  /** Takes over the frame drawn with the first paint (webview/transcript/frame.ts). */
  constructor(frame: TranscriptFrame, cancel: (turnId: string) => HTMLElement, onType: () => void = () => undefined) {
    this.empty = frame.empty;
    this.element = frame.element;
    this.lazy = new IntersectionObserver((entries) => this.renderVisible(entries), { root: this.element, rootMargin: '1500px 0px' });
    this.sizes = new ResizeObserver(() => this.following && this.scrollToEnd());
    this.sizes.observe(this.element);
    this.element.addEventListener('scroll', () => this.scrolled(), { passive: true });
    new TranscriptKeyboard(this.element, onType);
    this.hooks = { cancel };
  }

  /** The empty-chat line; the app words it for what the user can do now. */
  setEmptyText(text: string): void {
    this.empty.textContent = text;
  }

  /** A reopened chat: each turn's events reduced as they were live, then drawn like a live turn. */
  setConversation(logs: readonly TurnEvent[][]): void {
    this.turns.clear();
    this.lazy.disconnect();
    this.sizes.disconnect();
    this.sizes.observe(this.element);
    const records = logs.map((log) => reduceLog(log)).filter((r): r is TurnRecord => r !== undefined);
    const nodes: HTMLElement[] = [];
    records.forEach((record, index) => {
      this.turns.set(record.id, { record });
      const eager = (records.length - index) * 2 <= EAGER_TAIL;
      const question = () => userMessageView(record.id, record.user, record.task);
      const answer = () => this.answerView(record.id);
      nodes.push(eager ? question() : this.placeholder('user', record.user.text, question));
      nodes.push(eager ? answer() : this.placeholder('assistant', record.text, answer));
    });
    replaceMessages(this.element, nodes, this.empty);
    this.pending = new Set(nodes.filter((node) => node.classList.contains('placeholder')));
    this.watching = false;
    for (const node of nodes) if (!this.pending.has(node)) this.sizes.observe(node);
    this.streamingChanged();
    // A reopened chat opens at its end, and stays there while its messages take their real height.
    this.following = true;
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
      const question = userMessageView(turnId, record.user, record.task);
      const answer = this.answerView(turnId);
      appendMessages(this.element, question, answer);
      this.sizes.observe(question);
      this.sizes.observe(answer);
      this.streamingChanged();
      // A new question is followed to its answer, even from further up.
      this.following = true;
      this.scrollToEnd();
      return;
    }
    turn!.record = record;
    turn!.view?.render(record);
    if (record.status !== 'streaming') this.streamingChanged();
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
      if (!build) continue;
      const built = build();
      entry.target.replaceWith(built);
      this.sizes.observe(built);
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
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight <= END_SLACK;
  }

  /** A scroll we did not make is the user's: away from the end stops following, back to it resumes. */
  private scrolled(): void {
    this.watchPlaceholders();
    if (Math.abs(this.element.scrollTop - this.ownScrollTop) < 2) return;
    this.following = this.atBottom();
  }

  private scrollToEnd(): void {
    this.element.scrollTop = this.element.scrollHeight;
    this.ownScrollTop = this.element.scrollTop;
  }
}
