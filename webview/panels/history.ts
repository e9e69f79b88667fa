/**
 * The list of past chats: open one, or delete it after an inline confirmation
 * (window.confirm does not work inside VS Code webviews).
 */
import type { ChatSummary, WebviewMessage } from '../../src/shared/protocol';
import { h } from '../dom';
import { iconButton } from '../icons';

// Made on first use: the page's first Intl formatter loads ICU's date data, tens of ms the first paint must not wait for.
let when: Intl.DateTimeFormat | undefined;
function formatWhen(time: number): string {
  when ??= new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  return when.format(time);
}

export class HistoryPanel {
  readonly element: HTMLElement;
  private readonly list: HTMLUListElement;

  constructor(private readonly post: (message: WebviewMessage) => void, private readonly onOpen: () => void) {
    this.list = h('ul', { className: 'history-list' });
    this.element = h('nav', { className: 'history', attrs: { id: 'history', 'aria-label': 'Chat history' } }, [this.list]);
    this.element.hidden = true;
  }

  toggle(show?: boolean): boolean {
    show ??= Boolean(this.element.hidden);
    this.element.hidden = !show;
    if (show) this.list.querySelector<HTMLElement>('button')?.focus();
    return show;
  }

  setChats(chats: ChatSummary[], activeId: string | undefined): void {
    if (!chats.length) {
      this.list.replaceChildren(h('li', { className: 'empty', text: 'No saved chats yet.' }));
      return;
    }
    this.list.replaceChildren(...chats.map((chat) => this.row(chat, chat.id === activeId)));
  }

  private row(chat: ChatSummary, active: boolean): HTMLLIElement {
    const title = chat.title || 'Untitled chat';
    const open = h('button', {
      className: 'history-open',
      attrs: { type: 'button', 'aria-label': `Open chat ${title}`, 'aria-current': active ? 'true' : undefined },
      on: {
        click: () => {
          this.post({ type: 'openChat', chatId: chat.id });
          this.onOpen();
        },
      },
    }, [
      h('span', { className: 'history-title', text: title }),
      h('span', { className: 'history-meta', text: `${chat.messageCount} messages · ${formatWhen(chat.updatedAt)}` }),
    ]);
    const actions = h('span', { className: 'history-actions' });
    const askDelete = () => {
      const yes = h('button', { className: 'btn btn-small danger', text: 'Delete', attrs: { type: 'button', 'aria-label': `Confirm deleting ${title}` }, on: { click: () => this.post({ type: 'deleteChat', chatId: chat.id }) } });
      const no = h('button', { className: 'btn btn-small', text: 'Keep', attrs: { type: 'button', 'aria-label': `Keep ${title}` }, on: { click: () => reset() } });
      actions.replaceChildren(h('span', { className: 'confirm-text', text: 'Delete this chat?' }), yes, no);
      no.focus();
    };
    const reset = () => actions.replaceChildren(iconButton('trash', `Delete chat ${title}`, askDelete));
    reset();
    return h('li', { className: active ? 'active' : '', attrs: { 'data-chat-id': chat.id } }, [open, actions]);
  }
}
