/**
 * The transcript is one Tab stop, so Tab goes from the header past the messages
 * to the message box instead of through every Copy, Insert and Apply of every
 * answer. Inside it Up/Down, Home/End move between messages, and the message that
 * has focus opens its own controls to Tab. Typing a character while a message has
 * focus goes to the message box.
 */
// Scrollable blocks (code, thinking) count: Chromium makes a scroller without focusable content a Tab stop.
const CONTROLS = 'button, vscode-button, summary, [tabindex]:not(article.message), [data-href], pre, .thinking-body';

export class TranscriptKeyboard {
  private active: HTMLElement | undefined;

  constructor(private readonly root: HTMLElement, private readonly onType: () => void) {
    // New content (a streamed code block, a lazily drawn message) arrives closed unless it is in the open message.
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) if (node instanceof HTMLElement) this.prepare(node);
      }
    }).observe(root, { childList: true, subtree: true });
    root.addEventListener('keydown', (event) => this.keydown(event));
    root.addEventListener('focusin', (event) => this.focusIn(event.target));
    root.addEventListener('focusout', (event) => {
      if (!(event.relatedTarget instanceof Node) || !root.contains(event.relatedTarget)) this.activate(undefined);
    });
  }

  private prepare(node: HTMLElement): void {
    const message = node.closest<HTMLElement>('article.message');
    // Messages arrive one by one or in a group of them (webview/transcript/messageGroups.ts).
    if (node.matches('article.message')) node.tabIndex = -1;
    for (const inner of node.querySelectorAll<HTMLElement>('article.message')) inner.tabIndex = -1;
    setTabbable(node, message !== null && message === this.active);
  }

  private messages(): HTMLElement[] {
    return Array.from(this.root.querySelectorAll<HTMLElement>(':scope > article.message, :scope > .message-group > article.message'));
  }

  private focusIn(target: EventTarget | null): void {
    if (!(target instanceof HTMLElement)) return;
    this.activate(target === this.root ? undefined : (target.closest<HTMLElement>('article.message') ?? undefined));
  }

  /** Roving focus: the message with focus, and its controls, are in the Tab order; no other message is. */
  private activate(message: HTMLElement | undefined): void {
    if (message === this.active) return;
    if (this.active) {
      setTabbable(this.active, false);
      this.active.tabIndex = -1;
    }
    this.active = message;
    if (message) {
      setTabbable(message, true);
      message.tabIndex = 0;
    }
  }

  private keydown(event: KeyboardEvent): void {
    const target = event.target;
    if (!(target instanceof HTMLElement)) return;
    const onMessage = target === this.root || target.matches('article.message');
    if (!onMessage) return;
    const list = this.messages();
    if (!list.length) return;
    const at = target === this.root ? list.length : list.indexOf(target);
    const move: Record<string, number> = { ArrowUp: at - 1, ArrowDown: target === this.root ? list.length - 1 : at + 1, Home: 0, End: list.length - 1 };
    if (event.key in move) {
      event.preventDefault();
      const next = list[Math.max(0, Math.min(list.length - 1, move[event.key]!))];
      next?.focus();
      next?.scrollIntoView({ block: 'nearest' });
      return;
    }
    // Space stays the page-scroll key it is everywhere else.
    if (event.key.length === 1 && event.key !== ' ' && !event.ctrlKey && !event.metaKey && !event.altKey) this.onType();
  }
}

/** Opens (tabindex 0) or closes (-1) the controls under `root` to Tab; the message itself stays focusable by script. */
function setTabbable(root: HTMLElement, open: boolean): void {
  const value = open ? '0' : '-1';
  if (root.matches(CONTROLS)) root.setAttribute('tabindex', value);
  for (const control of root.querySelectorAll<HTMLElement>(CONTROLS)) control.setAttribute('tabindex', value);
}
