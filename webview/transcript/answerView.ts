/**
 * One assistant answer: effort badge, thinking, tool steps, queue/retry line,
 * the markdown body, an inline error, usage, and Retry / Apply all edits.
 * Finished answers render their markdown once; streaming goes through StreamingBody.
 */
import type { EffortView, ErrorView, MessageView, UsageView } from '../../src/shared/protocol';
import { h } from '../dom';
import { formatEffort, formatUsage } from '../format';
import { decorateCodeBlocks } from '../render/codeBlocks';
import { renderMarkdown } from '../render/markdown';
import { ThinkingSection } from './thinking';

export type AnswerStatus = 'streaming' | 'done' | 'stopped' | 'error';

export class AnswerView {
  readonly element: HTMLElement;
  readonly thinking: ThinkingSection;
  readonly body: HTMLElement;
  private readonly badges: HTMLElement;
  private readonly stateLine: HTMLElement;
  private readonly steps: HTMLOListElement;
  private readonly errorBox: HTMLElement;
  private readonly footer: HTMLElement;
  private readonly usageLine: HTMLElement;
  private readonly applyAll: HTMLButtonElement;

  constructor(readonly turnId: string, options: { reasoning?: string; streaming: boolean; effort?: EffortView }) {
    this.badges = h('div', { className: 'answer-meta' });
    this.thinking = new ThinkingSection(options.reasoning ?? '', options.streaming);
    this.steps = h('ol', { className: 'steps', attrs: { 'aria-label': 'Tool steps' } });
    this.steps.hidden = true;
    this.stateLine = h('div', { className: 'state-line', attrs: { role: 'status' } });
    this.stateLine.hidden = true;
    this.body = h('div', { className: 'markdown' });
    this.errorBox = h('div', { className: 'error-box', attrs: { role: 'alert' } });
    this.errorBox.hidden = true;
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
    this.footer = h('footer', { className: 'answer-footer' }, [this.usageLine, this.applyAll, retry]);
    this.element = h('article', { className: 'message assistant', attrs: { 'data-turn-id': turnId, 'aria-label': 'Answer' } }, [
      this.badges,
      this.thinking.element,
      this.steps,
      this.stateLine,
      this.body,
      this.errorBox,
      this.footer,
    ]);
    if (options.effort) this.setEffort(options.effort);
    this.setStatus(options.streaming ? 'streaming' : 'done');
  }

  static fromMessage(message: MessageView): AnswerView {
    const view = new AnswerView(message.id, { reasoning: message.reasoning, streaming: false, effort: message.effort });
    for (const step of message.steps ?? []) view.addStep(step);
    view.setBody(message.text);
    view.finish(message.status === 'streaming' ? 'stopped' : (message.status ?? 'done'), message.usage, message.error);
    return view;
  }

  setEffort(effort: EffortView): void {
    this.badges.replaceChildren(h('span', { className: 'badge effort', text: formatEffort(effort), attrs: { title: 'Reasoning effort for this answer' } }));
  }

  addStep(step: string): void {
    this.steps.hidden = false;
    this.steps.append(h('li', { text: step }));
  }

  showState(text: string | undefined, extra?: Node): void {
    this.stateLine.hidden = !text;
    this.stateLine.replaceChildren(...(text ? [h('span', { className: 'state-text', text }), ...(extra ? [extra] : [])] : []));
  }

  /** Replaces the whole body: used for finished answers, once. */
  setBody(text: string): void {
    this.body.replaceChildren(renderMarkdown(text));
    this.codeBlocksChanged();
  }

  /** Adds toolbars to new code blocks under `root`; an answer with code offers "Apply all edits". */
  codeBlocksChanged(root: ParentNode = this.body): void {
    if (decorateCodeBlocks(root) > 0) this.applyAll.hidden = false;
  }

  setStatus(status: AnswerStatus): void {
    this.element.classList.toggle('streaming', status === 'streaming');
    this.element.dataset.status = status;
    this.element.setAttribute('aria-busy', String(status === 'streaming'));
    const marker = this.badges.querySelector('.status-badge');
    marker?.remove();
    if (status === 'stopped' || status === 'error') {
      this.badges.append(h('span', { className: `badge status-badge ${status}`, text: status === 'stopped' ? 'stopped' : 'failed' }));
    }
  }

  finish(status: 'done' | 'stopped' | 'error', usage?: UsageView, error?: ErrorView): void {
    this.thinking.setThinking(false);
    this.showState(undefined);
    this.setStatus(status);
    if (usage) this.usageLine.textContent = formatUsage(usage);
    if (error) this.showError(error);
  }

  private showError(error: ErrorView): void {
    const actions = error.actions.map((action) =>
      h('button', {
        className: 'btn btn-small',
        text: action.label,
        attrs: { type: 'button', 'data-action': 'error', 'data-error-action': action.id, 'aria-label': action.label },
      }),
    );
    this.errorBox.hidden = false;
    this.errorBox.replaceChildren(
      h('strong', { className: 'error-title', text: error.title }),
      h('p', { className: 'error-message', text: error.message }),
      error.traceId ? h('p', { className: 'trace-id', text: `Trace id: ${error.traceId}` }) : '',
      h('div', { className: 'error-actions' }, actions),
    );
  }
}
