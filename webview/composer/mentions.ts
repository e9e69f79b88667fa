/**
 * @file mentions: typing "@" and a few letters asks the host for matching files
 * and shows them as a listbox the keyboard can drive (arrows, Enter/Tab, Escape).
 * Picking one removes the typed "@text" and adds a mention chip.
 */
import type { HostMessageOf, WebviewMessage } from '../../src/shared/protocol';
import { h, uniqueId } from '../dom';

const TRIGGER = /(^|\s)@([^\s@]*)$/;

export class Mentions {
  readonly list: HTMLUListElement;
  private requestId = '';
  private items: string[] = [];
  private active = 0;
  private timer = 0;

  constructor(
    private readonly input: HTMLTextAreaElement,
    private readonly deps: { post(message: WebviewMessage): void; choose(path: string): void },
  ) {
    this.list = h('ul', { className: 'completions', attrs: { role: 'listbox', id: 'file-completions', 'aria-label': 'Matching files' } });
    this.list.hidden = true;
    input.setAttribute('aria-controls', this.list.id);
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
  }

  get open(): boolean {
    return !this.list.hidden;
  }

  /** After each edit: ask for completions when the caret is inside an @word. */
  inputChanged(): void {
    const match = TRIGGER.exec(this.input.value.slice(0, this.input.selectionStart));
    if (!match) {
      this.close();
      return;
    }
    const query = match[2];
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      this.requestId = uniqueId('complete');
      this.deps.post({ type: 'completeFiles', requestId: this.requestId, query });
    }, 60);
  }

  completions(message: HostMessageOf<'fileCompletions'>): void {
    if (message.requestId !== this.requestId) return; // an older answer to a query the user has typed past
    this.items = message.items;
    this.active = 0;
    if (!this.items.length) {
      this.list.replaceChildren(h('li', { className: 'no-match', text: 'No matching files', attrs: { role: 'option', 'aria-disabled': 'true' } }));
    } else {
      this.list.replaceChildren(
        ...this.items.map((path, index) =>
          h('li', {
            text: path,
            attrs: { role: 'option', id: `completion-${index}`, 'aria-selected': String(index === 0) },
            on: {
              mousedown: (event) => {
                event.preventDefault(); // keep focus in the textarea
                this.pick(index);
              },
            },
          }),
        ),
      );
    }
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.highlight();
  }

  /** Returns true when the key was used by the list (so the composer must not act on it). */
  keydown(event: KeyboardEvent): boolean {
    if (!this.open) return false;
    if (event.key === 'Escape') {
      this.close();
      return true;
    }
    if (!this.items.length) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.items.length) % this.items.length;
      this.highlight();
      return true;
    }
    if (event.key === 'Enter' || event.key === 'Tab') {
      this.pick(this.active);
      return true;
    }
    return false;
  }

  close(): void {
    window.clearTimeout(this.timer);
    this.requestId = '';
    this.list.hidden = true;
    this.items = [];
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  private highlight(): void {
    Array.from(this.list.children).forEach((child, index) => child.setAttribute('aria-selected', String(index === this.active)));
    if (this.items.length) {
      this.input.setAttribute('aria-activedescendant', `completion-${this.active}`);
      this.list.children[this.active]?.scrollIntoView({ block: 'nearest' });
    }
  }

  private pick(index: number): void {
    const path = this.items[index];
    if (path === undefined) return;
    const caret = this.input.selectionStart;
    const before = this.input.value.slice(0, caret);
    const match = TRIGGER.exec(before);
    if (match) {
      const start = caret - match[2].length - 1;
      this.input.value = this.input.value.slice(0, start) + this.input.value.slice(caret);
      this.input.setSelectionRange(start, start);
    }
    this.close();
    this.deps.choose(path);
  }
}
