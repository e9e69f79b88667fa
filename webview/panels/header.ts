/**
 * The top bar: provider and model, the chat's cost, and History. New chat is the
 * view's own title action (+), so it is not repeated here. Both lines stay one
 * line each (ellipsis); their tooltips carry the full text.
 */
import type { StatusView, UsageView } from '../../src/shared/protocol';
import { h } from '../dom';
import { formatBill, formatBillShort } from '../../src/shared/bill';
import { iconButton } from '../icons';

export class Header {
  readonly element: HTMLElement;
  private readonly model: HTMLElement;
  private readonly total: HTMLElement;
  readonly historyToggle: HTMLButtonElement;

  constructor(toggleHistory: () => void) {
    this.model = h('span', { className: 'model', text: 'Connecting…', attrs: { id: 'status' } });
    this.total = h('span', { className: 'total-usage' });
    this.total.hidden = true;
    // No aria-controls: the panel is a sibling and the expanded state says enough.
    this.historyToggle = iconButton('history', 'Show chat history', () => toggleHistory(), { 'aria-expanded': 'false' });
    this.element = h('header', { className: 'header' }, [
      h('div', { className: 'header-info' }, [this.model, this.total]),
      h('div', { className: 'header-actions' }, [this.historyToggle]),
    ]);
  }

  setStatus(status: StatusView): void {
    this.model.textContent = `${status.providerLabel} · ${status.model}`;
    const key = !status.keyRequired ? 'no API key needed' : status.keyPresent ? 'API key stored' : 'no API key yet';
    this.model.title = `${status.providerLabel} · model ${status.model} · ${key}`;
  }

  setTotal(usage: UsageView): void {
    const empty = usage.promptTokens === 0 && usage.completionTokens === 0;
    this.total.hidden = empty;
    this.total.textContent = empty ? '' : `This chat: ${formatBillShort(usage)}`;
    this.total.title = empty ? '' : `This chat so far: ${formatBill(usage)}`;
    if (empty) this.total.removeAttribute('aria-label');
    else this.total.setAttribute('aria-label', `This chat so far: ${formatBill(usage)}`);
  }
}
