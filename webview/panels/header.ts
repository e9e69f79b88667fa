/** The top bar: provider and model, the chat's total cost, History and New chat. */
import type { StatusView, UsageView, WebviewMessage } from '../../src/shared/protocol';
import type { Button } from '@vscode/webview-ui-toolkit';
import { h } from '../dom';
import { formatUsage } from '../format';
import { toolkitButton } from '../toolkit';

export class Header {
  readonly element: HTMLElement;
  private readonly model: HTMLElement;
  private readonly total: HTMLElement;
  readonly historyToggle: Button;

  constructor(post: (message: WebviewMessage) => void, toggleHistory: () => void) {
    this.model = h('span', { className: 'model', text: 'Connecting…', attrs: { id: 'status' } });
    this.total = h('span', { className: 'total-usage', attrs: { 'aria-label': 'Tokens and cost for this chat' } });
    this.historyToggle = toolkitButton('History', toggleHistory, {
      ariaLabel: 'Show chat history',
      // No aria-controls: an id reference cannot cross from the button's shadow root to the panel.
      attrs: { 'aria-expanded': 'false' },
    });
    const newChat = toolkitButton('New chat', () => post({ type: 'newChat' }), { ariaLabel: 'Start a new chat' });
    this.element = h('header', { className: 'header' }, [
      h('div', { className: 'header-info' }, [this.model, this.total]),
      h('div', { className: 'header-actions' }, [this.historyToggle, newChat]),
    ]);
  }

  setStatus(status: StatusView): void {
    this.model.textContent = `${status.providerLabel} · ${status.model}${status.keyPresent ? '' : ' · no API key'}`;
    this.model.classList.toggle('warning', !status.keyPresent);
  }

  setTotal(usage: UsageView): void {
    const empty = usage.promptTokens === 0 && usage.completionTokens === 0;
    this.total.textContent = empty ? '' : `Chat: ${formatUsage(usage)}`;
  }
}
