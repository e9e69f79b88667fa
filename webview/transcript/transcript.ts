/**
 * The message list (an aria-live log). Owns the answer views by turn id, the
 * one streaming answer, sticky scrolling, and lazy rendering of old messages:
 * opening a 1,000-message chat renders the recent ones and the rest only when
 * scrolled near, each exactly once.
 */
import type { EffortView, ErrorView, MessageView, UsageView } from '../../src/shared/protocol';
import { h } from '../dom';
import { AnswerView } from './answerView';
import { StreamingBody } from './streamingBody';
import { userMessageView } from './userView';

const EAGER_TAIL = 40;

export class Transcript {
  readonly element: HTMLElement;
  private readonly empty: HTMLElement;
  private answers = new Map<string, AnswerView>();
  private streaming?: { turnId: string; view: AnswerView; body: StreamingBody };
  private retryTimer = 0;
  private readonly lazy: IntersectionObserver;
  private readonly lazyBuilders = new WeakMap<Element, () => HTMLElement>();
  onStreamingChange: (turnId: string | undefined) => void = () => undefined;

  constructor(private readonly cancelLabel: (turnId: string) => HTMLElement) {
    this.empty = h('p', { className: 'empty', text: 'Ask Step Flash about your code. Paste or drop screenshots, type @ to mention a file.' });
    this.element = h('section', { className: 'transcript', attrs: { role: 'log', 'aria-live': 'polite', 'aria-label': 'Messages', tabindex: '0' } }, [this.empty]);
    this.lazy = new IntersectionObserver((entries) => this.renderVisible(entries), { root: this.element, rootMargin: '1500px 0px' });
  }

  get streamingTurnId(): string | undefined {
    return this.streaming?.turnId;
  }

  setConversation(messages: MessageView[]): void {
    this.stopRetryCountdown();
    this.streaming = undefined;
    this.answers.clear();
    this.lazy.disconnect();
    const nodes: HTMLElement[] = messages.map((message, index) =>
      index >= messages.length - EAGER_TAIL ? this.viewFor(message) : this.placeholder(message),
    );
    this.element.replaceChildren(...(nodes.length ? nodes : [this.empty]));
    for (const node of nodes) if (node.classList.contains('placeholder')) this.lazy.observe(node);
    const last = messages[messages.length - 1];
    if (last?.status === 'streaming' && last.role === 'assistant') this.resumeStreaming(last);
    this.onStreamingChange(this.streamingTurnId);
    this.scrollToEnd();
  }

  startTurn(turnId: string, user: MessageView, effort: EffortView): void {
    this.empty.remove();
    this.finishStreaming('stopped');
    const view = new AnswerView(turnId, { streaming: true, effort });
    this.answers.set(turnId, view);
    this.element.append(userMessageView(user), view.element);
    this.streaming = { turnId, view, body: this.bodyFor(view) };
    this.onStreamingChange(turnId);
    this.scrollToEnd();
  }

  delta(turnId: string, content?: string, reasoning?: string): void {
    if (this.streaming?.turnId !== turnId) return;
    if (this.retryTimer) this.stopRetryCountdown(turnId);
    this.streaming.view.showState(undefined);
    this.streaming.body.append(content, reasoning);
  }

  step(turnId: string, step: string): void {
    this.answers.get(turnId)?.addStep(step);
  }

  queued(turnId: string, position: number): void {
    this.answers.get(turnId)?.showState(position > 0 ? `Queued: ${position} request${position === 1 ? '' : 's'} ahead of this one…` : 'Queued: starting next…');
  }

  retrying(turnId: string, secondsLeft: number, attempt: number, maxAttempts: number, reason: string): void {
    const view = this.answers.get(turnId);
    if (!view) return;
    this.stopRetryCountdown();
    let left = Math.ceil(secondsLeft);
    const show = () => view.showState(`${reason} — retrying in ${left}s (attempt ${attempt} of ${maxAttempts})`, this.cancelLabel(turnId));
    show();
    this.retryTimer = window.setInterval(() => {
      left = Math.max(0, left - 1);
      show();
      if (left === 0) this.stopRetryCountdown();
    }, 1000);
  }

  end(turnId: string, status: 'done' | 'stopped' | 'error', usage?: UsageView, error?: ErrorView): void {
    this.stopRetryCountdown();
    if (this.streaming?.turnId === turnId) this.finishStreaming(status, usage, error);
    else this.answers.get(turnId)?.finish(status, usage, error);
  }

  answerText(turnId: string): string | undefined {
    return this.streaming?.turnId === turnId ? this.streaming.body.fullText : undefined;
  }

  private finishStreaming(status: 'done' | 'stopped' | 'error', usage?: UsageView, error?: ErrorView): void {
    const current = this.streaming;
    if (!current) return;
    const stick = this.atBottom();
    this.streaming = undefined;
    current.body.finish();
    current.view.finish(status, usage, error);
    this.onStreamingChange(undefined);
    if (stick) this.scrollToEnd();
  }

  private resumeStreaming(message: MessageView): void {
    const view = this.answers.get(message.id);
    if (!view) return;
    view.setStatus('streaming');
    const body = this.bodyFor(view);
    body.append(message.text, undefined);
    this.streaming = { turnId: message.id, view, body };
  }

  private bodyFor(view: AnswerView): StreamingBody {
    return new StreamingBody(view, () => this.atBottom(), (stick) => stick && this.scrollToEnd());
  }

  private stopRetryCountdown(turnId?: string): void {
    if (this.retryTimer) window.clearInterval(this.retryTimer);
    this.retryTimer = 0;
    if (turnId) this.answers.get(turnId)?.showState(undefined);
  }

  private viewFor(message: MessageView): HTMLElement {
    if (message.role === 'user') return userMessageView(message);
    const view = AnswerView.fromMessage(message);
    this.answers.set(message.id, view);
    return view.element;
  }

  private placeholder(message: MessageView): HTMLElement {
    const element = h('article', { className: `message ${message.role} placeholder`, attrs: { 'aria-busy': 'true' } });
    // A rough height keeps the scrollbar honest until the message is rendered.
    element.style.minHeight = `${Math.min(600, 40 + Math.ceil(message.text.length / 60) * 18)}px`;
    this.lazyBuilders.set(element, () => this.viewFor(message));
    return element;
  }

  private renderVisible(entries: IntersectionObserverEntry[]): void {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const build = this.lazyBuilders.get(entry.target);
      this.lazy.unobserve(entry.target);
      if (build) entry.target.replaceWith(build());
    }
  }

  private atBottom(): boolean {
    const scroller = this.element;
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
  }

  private scrollToEnd(): void {
    this.element.scrollTop = this.element.scrollHeight;
  }
}
