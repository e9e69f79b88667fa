/**
 * Messages next to the composer: why a file was not attached, why a message
 * cannot be sent yet. Keyed so a standing condition (e.g. "this model cannot see
 * images") shows once and goes away when resolved; each can be dismissed.
 */
import { h } from '../dom';

export type NoteLevel = 'info' | 'warning' | 'error';

export class ComposerNotes {
  readonly element: HTMLElement;
  private readonly notes = new Map<string, HTMLElement>();
  private counter = 0;

  constructor() {
    this.element = h('div', { className: 'composer-notes', attrs: { role: 'alert', 'aria-live': 'assertive' } });
  }

  /** Shows `text`; with a key, replaces the note with that key instead of adding another. */
  show(level: NoteLevel, text: string, key = `note-${(this.counter += 1)}`): string {
    const existing = this.notes.get(key);
    if (existing?.textContent?.startsWith(text) && existing.classList.contains(level)) return key;
    this.clear(key);
    const close = h('button', {
      className: 'btn-icon',
      text: '×',
      attrs: { type: 'button', 'aria-label': 'Dismiss message', title: 'Dismiss' },
      on: { click: () => this.clear(key) },
    });
    const note = h('div', { className: `note ${level}`, attrs: { 'data-key': key } }, [h('span', { className: 'note-text', text }), close]);
    this.notes.set(key, note);
    this.element.append(note);
    return key;
  }

  clear(key: string): void {
    this.notes.get(key)?.remove();
    this.notes.delete(key);
  }

  has(key: string): boolean {
    return this.notes.has(key);
  }
}
