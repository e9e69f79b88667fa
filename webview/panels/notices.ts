/**
 * Host notices that belong to no turn (a link refused, a chat that could not be
 * saved), shown above the transcript until dismissed. They belong to the open
 * chat: opening another chat or a new one clears them, and the same notice twice
 * is shown once. Notices about a turn (e.g. after its Apply) are turn events and
 * are drawn with that turn instead (webview/transcript/answerView.ts).
 */
import { h } from '../dom';
import { iconButton } from '../icons';

export class Notices {
  readonly element: HTMLElement;

  constructor() {
    this.element = h('div', { className: 'notices', attrs: { role: 'status', 'aria-live': 'polite' } });
  }

  show(level: 'info' | 'warning' | 'error', text: string): void {
    for (const old of this.element.querySelectorAll<HTMLElement>('.note')) if (old.dataset.text === text) old.remove();
    const notice = h('div', { className: `note ${level}`, attrs: { 'data-text': text } }, [h('span', { className: 'note-text', text })]);
    notice.append(iconButton('close', 'Dismiss notice', () => notice.remove()));
    this.element.append(notice);
    // A burst of notices must not push the chat off screen.
    while (this.element.children.length > 3) this.element.firstElementChild?.remove();
  }

  clear(): void {
    this.element.replaceChildren();
  }
}
