/**
 * What the chat says while it cannot answer: no key for the chosen provider. One
 * click on Set API Key opens the key prompt for that provider; when a key is
 * already saved for another provider (e.g. the region a key turned out to belong
 * to), one click moves there. Hidden as soon as the status says a key is present.
 */
import type { StatusView, WebviewMessage } from '../../src/shared/protocol';
import { h } from '../dom';
import { icon } from '../icons';

export class SetupPanel {
  readonly element: HTMLElement;

  constructor(private readonly post: (message: WebviewMessage) => void) {
    this.element = h('section', { className: 'setup', attrs: { 'aria-label': 'Set up Step Flash' } });
    this.element.hidden = true;
  }

  /** Whether the panel shows (the chat cannot answer yet). */
  setStatus(status: StatusView): boolean {
    const needed = status.keyRequired && !status.keyPresent;
    this.element.hidden = !needed;
    if (!needed) {
      this.element.replaceChildren();
      return false;
    }
    const button = (text: string, message: WebviewMessage, primary = false) =>
      h('button', { className: `btn${primary ? ' btn-primary' : ''}`, text, attrs: { type: 'button' }, on: { click: () => this.post(message) } });
    const elsewhere = status.keysElsewhere;
    const lines: Node[] = [
      h('p', { className: 'setup-title' }, [icon('key'), h('span', { text: `No API key is set for ${status.providerLabel}.` })]),
    ];
    if (elsewhere.length) {
      const names = elsewhere.map((p) => p.label).join(' and ');
      lines.push(h('p', { className: 'setup-text', text: `Your key is saved for ${names}. Switch to it, or set a key for ${status.providerLabel}.` }));
    } else {
      lines.push(h('p', { className: 'setup-text', text: 'Messages are sent only once a key is set. It is checked, then kept in VS Code’s secret storage.' }));
    }
    const actions = [
      ...elsewhere.map((p, i) => button(`Use ${p.label}`, { type: 'setup', action: 'useProvider', provider: p.id }, i === 0)),
      button('Set API Key', { type: 'setup', action: 'setApiKey' }, !elsewhere.length),
      button('Choose Provider…', { type: 'setup', action: 'chooseProvider' }),
    ];
    this.element.replaceChildren(...lines, h('div', { className: 'setup-actions' }, actions));
    return true;
  }
}
