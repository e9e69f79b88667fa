/** Host notices (info / warning / error) shown above the transcript until dismissed. */
import { h } from '../dom';

export class Notices {
  readonly element: HTMLElement;

  constructor() {
    this.element = h('div', { className: 'notices', attrs: { role: 'status', 'aria-live': 'polite' } });
  }

  show(level: 'info' | 'warning' | 'error', text: string): void {
    const notice = h('div', { className: `note ${level}` }, [h('span', { className: 'note-text', text })]);
    notice.append(h('button', { className: 'btn-icon', text: '×', attrs: { type: 'button', 'aria-label': 'Dismiss notice' }, on: { click: () => notice.remove() } }));
    this.element.append(notice);
    // A burst of notices must not push the chat off screen.
    while (this.element.children.length > 3) this.element.firstElementChild?.remove();
  }
}
