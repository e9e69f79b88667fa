/**
 * The input area: textarea (Enter sends, Shift+Enter breaks the line, IME
 * composition never sends), Send/Stop, attach, effort picker and its lock, chips,
 * attachments and the notes that explain anything that cannot be attached or sent.
 * An effort picked for a message is for that message: the picker goes back to Auto
 * after the send unless the user locked it.
 */
import type { Button } from '@vscode/webview-ui-toolkit';
import type { ContextChip, EffortChoice, StatusView, WebviewMessage } from '../../src/shared/protocol';
import { h, uniqueId } from '../dom';
import { icon } from '../icons';
import { relabel, toolkitButton, ToolkitDropdown } from '../toolkit';
import { Attachments } from './attachments';
import { ChipsView } from './chips';
import { DraftStore, type SavedImageCheck } from './draft';
import { MediaEvents } from './mediaEvents';
import { Mentions } from './mentions';
import { ComposerNotes } from './notes';

// Typed as a record over EffortChoice, so it names every choice the protocol has and no other: the picker's options.
const EFFORT_LABELS: Record<EffortChoice, string> = { auto: 'Auto', low: 'Low', medium: 'Medium', high: 'High' };
const EFFORT_CHOICES = Object.keys(EFFORT_LABELS) as EffortChoice[];

function isEffortChoice(value: string): value is EffortChoice {
  return (EFFORT_CHOICES as string[]).includes(value);
}

export interface ComposerDeps {
  post(message: WebviewMessage): void;
  status(): StatusView | undefined;
  enlarge(url: string, name: string): void;
}

export class Composer {
  readonly element: HTMLElement;
  readonly notes = new ComposerNotes();
  readonly input: HTMLTextAreaElement;
  readonly attachments: Attachments;
  readonly chips: ChipsView;
  readonly media: MediaEvents;
  readonly mentions: Mentions;
  private readonly effort: ToolkitDropdown<EffortChoice>;
  private readonly effortLock: HTMLButtonElement;
  private readonly sendButton: Button;
  private streamingTurn: string | undefined;
  private sending = false;

  constructor(private readonly store: DraftStore, private readonly deps: ComposerDeps) {
    this.input = h('textarea', {
      className: 'input',
      attrs: { rows: '3', placeholder: 'Ask Step Flash… (Enter to send, Shift+Enter for a new line, @ to mention a file)', 'aria-label': 'Message' },
    });
    this.input.value = store.state.text;
    this.attachments = new Attachments(store, this.notes, deps);
    this.chips = new ChipsView(store);
    this.media = new MediaEvents({ add: (files) => this.attachments.add(files), post: deps.post, notes: this.notes });
    this.mentions = new Mentions(this.input, { post: deps.post, choose: (path) => this.addChip(mentionChip(path)) });
    this.effort = new ToolkitDropdown(
      EFFORT_CHOICES.map((choice) => ({ value: choice, label: EFFORT_LABELS[choice] })),
      { className: 'effort', ariaLabel: 'Reasoning effort' },
      store.state.effort,
    );
    this.effortLock = h('button', {
      className: 'btn-icon effort-lock',
      attrs: { type: 'button', 'aria-label': 'Keep this effort for every message' },
      on: { click: () => this.setEffortLocked(!this.store.state.effortLocked) },
    });
    this.showEffortLock();
    this.sendButton = toolkitButton('Send', () => this.primaryAction(), { appearance: 'primary', className: 'send', ariaLabel: 'Send message' });
    const attach = toolkitButton('Attach', () => this.media.picker.click(), { className: 'attach', ariaLabel: 'Attach images or video' });
    this.element = h('section', { className: 'composer', attrs: { 'aria-label': 'Compose a message' } }, [
      this.notes.element,
      this.chips.element,
      this.attachments.element,
      this.mentions.list,
      this.input,
      h('div', { className: 'composer-bar' }, [attach, this.media.picker, this.effort.element, this.effortLock, h('span', { className: 'spacer' }), this.sendButton]),
    ]);
    this.wire();
    this.setStreaming(undefined);
  }

  private wire(): void {
    this.input.addEventListener('input', () => {
      this.store.state.text = this.input.value;
      this.store.changed({ textOnly: true });
      this.mentions.inputChanged();
    });
    this.input.addEventListener('keydown', (event) => this.keydown(event));
    this.input.addEventListener('paste', (event) => this.media.onPaste(event));
    this.input.addEventListener('blur', () => this.mentions.close());
    this.media.attachDropTarget(this.element);
    this.effort.onChange((value) => {
      if (!isEffortChoice(value)) {
        this.notes.show('error', `Unknown reasoning effort "${value}"; keeping ${EFFORT_LABELS[this.store.state.effort]}.`, 'effort');
        this.effort.select(this.store.state.effort);
        return;
      }
      this.notes.clear('effort');
      this.store.state.effort = value;
      this.store.changed();
    });
    this.store.onChange(() => this.showCapabilityBlockers());
  }

  private keydown(event: KeyboardEvent): void {
    // keyCode 229 is how some IMEs signal composition before isComposing is set.
    if (event.isComposing || event.keyCode === 229) return;
    if (this.mentions.keydown(event)) {
      event.preventDefault();
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      void this.send();
    }
  }

  private setEffortLocked(locked: boolean): void {
    this.store.state.effortLocked = locked;
    this.store.changed();
    this.showEffortLock();
  }

  private showEffortLock(): void {
    const locked = this.store.state.effortLocked;
    this.effortLock.setAttribute('aria-pressed', String(locked));
    this.effortLock.title = locked
      ? 'Effort locked: every message uses this effort. Click to go back to Auto after each message.'
      : 'Effort goes back to Auto after each message. Click to keep it for every message.';
    this.effortLock.replaceChildren(icon(locked ? 'lock' : 'unlock'));
    this.effortLock.classList.toggle('locked', locked);
  }

  /** Images saved with the draft come back once they can be checked (webview/composer/draft.ts). */
  restoreImages(check: SavedImageCheck): void {
    if (this.store.restoreImages(check)) this.attachments.render();
  }

  /** The caret goes to the end of the message box. */
  focusInput(): void {
    this.input.focus();
    const end = this.input.value.length;
    this.input.setSelectionRange(end, end);
  }

  /** Stops the answer that is streaming; false when none is. */
  stopStreaming(): boolean {
    if (!this.streamingTurn) return false;
    this.deps.post({ type: 'stop', turnId: this.streamingTurn });
    return true;
  }

  setStreaming(turnId: string | undefined): void {
    this.streamingTurn = turnId;
    if (turnId) relabel(this.sendButton, 'Stop', 'Stop the answer');
    else relabel(this.sendButton, 'Send', 'Send message');
    // Stop is not the call to action the primary button suggests; it is the secondary look with an error edge.
    this.sendButton.setAttribute('appearance', turnId ? 'secondary' : 'primary');
    this.sendButton.classList.toggle('stop', Boolean(turnId));
  }

  statusChanged(status: StatusView): void {
    if (!this.store.state.images.length && this.store.state.detail !== status.defaultDetail) {
      this.store.state.detail = status.defaultDetail;
      this.store.changed();
    }
    this.showCapabilityBlockers();
  }

  addChip(chip: ContextChip): void {
    this.chips.add(chip);
  }

  prefill(text: string, effort: EffortChoice | undefined, send: boolean | undefined): void {
    this.input.value = text;
    this.store.state.text = text;
    if (effort) {
      this.effort.select(effort);
      this.store.state.effort = effort;
    }
    this.store.changed();
    this.input.focus();
    if (send) void this.send();
  }

  private primaryAction(): void {
    if (!this.stopStreaming()) void this.send();
  }

  async send(): Promise<void> {
    if (this.sending) return;
    if (this.streamingTurn) {
      this.notes.show('info', 'An answer is still streaming: wait for it or press Stop. Your message is kept.', 'busy');
      return;
    }
    this.sending = true;
    try {
      await this.attachments.settled();
      const text = this.input.value.trim();
      if (!text && this.attachments.isEmpty) return;
      const reasons = this.attachments.blockers();
      if (reasons.length) {
        this.notes.show('warning', `Not sent yet: ${reasons.join(' ')}`, 'send-blocked');
        return;
      }
      this.notes.clear('send-blocked');
      this.notes.clear('busy');
      this.notes.clear('send-rejected');
      const sendId = uniqueId('send');
      const { effort, effortLocked } = this.store.state;
      this.deps.post({ type: 'send', sendId, text, effort, ...(effortLocked && effort !== 'auto' ? { effortLocked } : {}), attachments: this.attachments.toAttachments(), chips: this.store.state.chips });
      this.store.state.text = this.input.value;
      // Cleared from view but kept as pending until the host starts the turn or refuses it (sendRejected).
      this.store.takeForSending(sendId);
      if (!effortLocked && effort !== 'auto') {
        this.store.state.effort = 'auto';
        this.effort.select('auto');
        this.store.changed();
      }
      this.input.value = '';
      this.attachments.clearSent();
      this.chips.render();
    } finally {
      this.sending = false;
    }
  }

  /** The host started a turn: the send it came from is gone for good. */
  turnStarted(sendId: string | undefined, userText: string): void {
    this.store.settle(sendId, userText);
  }

  /** The host refused the oldest pending send before anything went out: give it back, and say why. */
  sendRejected(reason: string, sendId?: string): void {
    const restored = this.store.restoreRefused(sendId);
    this.notes.show('error', restored ? `Not sent: ${reason}` : `Not sent: ${reason} (nothing was waiting to be restored)`, 'send-rejected');
    if (!restored) return;
    this.input.value = this.store.state.text;
    this.effort.select(this.store.state.effort);
    this.chips.render();
    this.attachments.render();
    this.input.focus();
  }

  private showCapabilityBlockers(): void {
    const reasons = this.attachments.capabilityBlockers();
    if (reasons.length) this.notes.show('warning', reasons.join(' '), 'capability');
    else this.notes.clear('capability');
  }
}

function mentionChip(path: string): ContextChip {
  const label = path.split(/[\\/]/).pop() || path;
  return { id: uniqueId('mention'), kind: 'mention', label, path };
}
