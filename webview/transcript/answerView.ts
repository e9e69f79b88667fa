/**
 * One assistant answer, drawn from its turn record (src/shared/turnEvents.ts): effort
 * line, thinking, steps, queue/retry line, the markdown body, the stopped marker, an
 * inline error, the turn's notices, usage, and Retry / Apply all edits. `render` is the only way in, for a live turn
 * after each event and for a reopened one once: it updates only what changed since
 * the last record, and while the turn streams the body goes through StreamingBody.
 */
import type { EffortView, ErrorView, UsageView } from '../../src/shared/protocol';
import type { TurnNotice, TurnRecord, TurnStatus, TurnStep, TurnWait } from '../../src/shared/turnEvents';
import { h } from '../dom';
import { formatBill } from '../../src/shared/bill';
import { effortTooltip, formatEffort } from '../format';
import { decorateCodeBlocks } from '../render/codeBlocks';
import { renderMarkdown } from '../render/markdown';
import { StreamingBody, WHOLE_RENDER_LIMIT } from './streamingBody';
import { ThinkingSection } from './thinking';

export interface AnswerHooks {
  /** The control that cancels a retry countdown. */
  cancel(turnId: string): HTMLElement;
}

/** What the view last drew; compared by identity, since the reducer shares what did not change. */
interface Drawn {
  effort?: EffortView;
  steps: readonly TurnStep[];
  waiting?: TurnWait;
  status?: TurnStatus;
  usage?: UsageView;
  error?: ErrorView;
  notices?: readonly TurnNotice[];
  retriedBy?: string;
  /** The finished body's text, once rendered whole. */
  text?: string;
}

export class AnswerView {
  readonly element: HTMLElement;
  readonly thinking = new ThinkingSection();
  readonly body: HTMLElement;
  private readonly badges: HTMLElement;
  private readonly stateLine: HTMLElement;
  private readonly steps: HTMLOListElement;
  private readonly errorBox: HTMLElement;
  private readonly endNote: HTMLElement;
  private readonly noticeList: HTMLElement;
  private readonly usageLine: HTMLElement;
  private readonly applyAll: HTMLButtonElement;
  private drawn: Drawn = { steps: [] };
  private stream: StreamingBody | undefined;
  private countdown = 0;

  constructor(readonly turnId: string, private readonly hooks: AnswerHooks) {
    this.badges = h('div', { className: 'answer-meta' });
    this.steps = h('ol', { className: 'steps', attrs: { 'aria-label': 'Tool steps' } });
    this.steps.hidden = true;
    this.stateLine = h('div', { className: 'state-line', attrs: { role: 'status' } });
    this.stateLine.hidden = true;
    this.body = h('div', { className: 'markdown' });
    this.errorBox = h('div', { className: 'error-box', attrs: { role: 'alert' } });
    this.errorBox.hidden = true;
    this.endNote = h('p', { className: 'end-note' });
    this.endNote.hidden = true;
    this.noticeList = h('div', { className: 'turn-notices' });
    this.noticeList.hidden = true;
    this.usageLine = h('span', { className: 'usage' });
    this.applyAll = h('button', {
      className: 'btn btn-small',
      text: 'Apply all edits',
      attrs: { type: 'button', 'data-action': 'apply-all', 'aria-label': 'Apply all edits in this answer (opens a review first)' },
    });
    this.applyAll.hidden = true;
    const retry = h('button', {
      className: 'btn btn-small retry-btn',
      text: 'Retry',
      attrs: { type: 'button', 'data-action': 'retry', 'aria-label': 'Retry this answer' },
    });
    const advise = h('button', {
      className: 'btn btn-small advise-btn',
      text: 'Ask the Advisor',
      attrs: { type: 'button', 'data-action': 'advise', 'aria-label': 'Ask the advisor about this answer' },
    });
    const footer = h('footer', { className: 'answer-footer' }, [this.usageLine, this.applyAll, advise, retry]);
    this.element = h('article', { className: 'message assistant', attrs: { 'data-turn-id': turnId, 'aria-label': 'Answer' } }, [
      this.badges,
      this.thinking.element,
      this.steps,
      this.stateLine,
      this.body,
      this.endNote,
      this.errorBox,
      this.noticeList,
      footer,
    ]);
  }

  render(turn: TurnRecord): void {
    const drawn = this.drawn;
    if (turn.effort !== drawn.effort) {
      this.setEffort(turn.effort);
      this.element.classList.toggle('task', turn.task !== undefined);
    }
    if (turn.steps !== drawn.steps) this.setSteps(turn.steps);
    if (turn.waiting !== drawn.waiting) this.setWaiting(turn.waiting);
    if (turn.status === 'streaming') {
      this.stream ??= new StreamingBody(this);
      this.stream.show(turn.text, turn.reasoning);
    } else {
      this.thinking.show(turn.reasoning);
      if (turn.text.trim()) this.thinking.answerStarted();
      this.thinking.setThinking(false);
      if (this.stream) this.stream.finish(turn.text);
      else if (turn.text !== drawn.text) this.setBody(turn.text);
      this.stream = undefined;
      drawn.text = turn.text;
    }
    if (turn.status !== drawn.status) this.setStatus(turn.status);
    if (turn.usage !== drawn.usage) this.setBill(turn.usage, turn.task);
    if (turn.error !== drawn.error) this.setError(turn.error);
    if (turn.notices !== drawn.notices) this.setNotices(turn.notices ?? []);
    if (turn.status !== drawn.status || turn.retriedBy !== drawn.retriedBy) this.setEndNote(turn.status, turn.retriedBy, turn.text.trim() !== '');
    this.drawn = { ...drawn, effort: turn.effort, steps: turn.steps, waiting: turn.waiting, status: turn.status, usage: turn.usage, error: turn.error, notices: turn.notices, retriedBy: turn.retriedBy };
  }

  /** The turn's bill: every request it made (tool steps, the repair turn), with the cached share of its input. */
  private setBill(usage: UsageView | undefined, task: string | undefined): void {
    this.usageLine.textContent = usage ? formatBill(usage) : '';
    if (usage) this.usageLine.setAttribute('aria-label', `${task ? `${task} task` : 'This answer'} cost: ${formatBill(usage)}`);
    else this.usageLine.removeAttribute('aria-label');
  }

  /** Replaces the whole body with the finished text; a long one is rendered over several frames, as it streamed. */
  setBody(text: string): void {
    if (text.length > WHOLE_RENDER_LIMIT) return new StreamingBody(this).finish(text);
    this.body.replaceChildren(renderMarkdown(text));
    this.codeBlocksChanged();
  }

  /** Adds toolbars to new code blocks under `root`; an answer with code offers "Apply all edits". */
  codeBlocksChanged(root: ParentNode = this.body): void {
    if (decorateCodeBlocks(root) > 0) this.applyAll.hidden = false;
  }

  private setEffort(effort: EffortView): void {
    const status = this.badges.querySelector('.status-badge');
    this.badges.replaceChildren(h('span', { className: 'effort-line', text: formatEffort(effort), attrs: { title: effortTooltip(effort) } }), status ?? '');
  }

  /** Where the text ends, say why it ends there: stopped by the user, or answered again below (Retry). */
  private setEndNote(status: TurnStatus, retriedBy: string | undefined, hasText: boolean): void {
    const stopped = hasText ? 'Stopped — the answer above is incomplete.' : 'Stopped before the answer began.';
    const text = retriedBy
      ? `Retried below${status === 'stopped' ? ' — this answer was stopped' : ''}; this attempt is kept here but no longer sent to the model.`
      : status === 'stopped'
        ? stopped
        : '';
    this.endNote.hidden = !text;
    this.endNote.textContent = text;
    this.endNote.className = `end-note${status === 'stopped' ? ' stopped' : ''}`;
    if (retriedBy) this.element.dataset.retried = retriedBy;
    else delete this.element.dataset.retried;
  }

  private setNotices(notices: readonly TurnNotice[]): void {
    this.noticeList.hidden = notices.length === 0;
    this.noticeList.replaceChildren(...notices.map((n) => h('div', { className: `note ${n.level}`, attrs: { 'data-notice-id': n.id } }, [h('span', { className: 'note-text', text: n.text })])));
  }

  /** Steps the reducer kept are the same objects: only new or replaced ones are drawn. */
  private setSteps(steps: readonly TurnStep[]): void {
    this.steps.hidden = steps.length === 0;
    steps.forEach((step, i) => {
      if (this.drawn.steps[i] === step) return;
      const item = stepItem(step);
      const old = this.steps.children[i];
      if (old) old.replaceWith(item);
      else this.steps.append(item);
    });
    while (this.steps.children.length > steps.length) this.steps.lastElementChild?.remove();
  }

  private setWaiting(wait: TurnWait | undefined): void {
    window.clearInterval(this.countdown);
    this.countdown = 0;
    if (!wait) return this.showState(undefined);
    if (wait.kind === 'queued') {
      return this.showState(wait.position > 0 ? `Queued: ${wait.position} request${wait.position === 1 ? '' : 's'} ahead of this one…` : 'Queued: starting next…');
    }
    let left = Math.ceil(wait.secondsLeft);
    const show = () => this.showState(`${wait.reason} — retrying in ${left}s (attempt ${wait.attempt} of ${wait.maxAttempts})`, this.hooks.cancel(this.turnId));
    show();
    this.countdown = window.setInterval(() => {
      left = Math.max(0, left - 1);
      show();
      if (left === 0 || !this.element.isConnected) window.clearInterval(this.countdown);
    }, 1000);
  }

  private showState(text: string | undefined, extra?: Node): void {
    this.stateLine.hidden = !text;
    this.stateLine.replaceChildren(...(text ? [h('span', { className: 'state-text', text }), ...(extra ? [extra] : [])] : []));
  }

  private setStatus(status: TurnStatus): void {
    this.element.classList.toggle('streaming', status === 'streaming');
    this.element.dataset.status = status;
    this.element.setAttribute('aria-busy', String(status === 'streaming'));
    this.badges.querySelector('.status-badge')?.remove();
    if (status === 'stopped' || status === 'error') {
      this.badges.append(h('span', { className: `badge status-badge ${status}`, text: status === 'stopped' ? 'stopped' : 'failed' }));
    }
  }

  private setError(error: ErrorView | undefined): void {
    this.errorBox.hidden = !error;
    if (!error) return this.errorBox.replaceChildren();
    const actions = error.actions.map((action) =>
      h('button', {
        className: 'btn btn-small',
        text: action.label,
        attrs: { type: 'button', 'data-action': 'error', 'data-error-action': action.id, 'aria-label': action.label },
      }),
    );
    this.errorBox.replaceChildren(
      h('strong', { className: 'error-title', text: error.title }),
      h('p', { className: 'error-message', text: error.message }),
      error.traceId ? h('p', { className: 'trace-id', text: `Trace id: ${error.traceId}` }) : '',
      h('div', { className: 'error-actions' }, actions),
    );
  }
}

/** A step: its title, and when it has them, its detail (folded) and what it cost. */
function stepItem(step: TurnStep): HTMLElement {
  const usage = step.usage ? h('span', { className: 'step-usage', text: ` · ${formatBill(step.usage)}` }) : null;
  const title = step.detail
    ? h('details', { className: 'step-detail' }, [h('summary', { text: step.title }), h('div', { className: 'step-detail-body', text: step.detail })])
    : step.title;
  return h('li', { className: `step ${step.kind}` }, [title, usage]);
}
