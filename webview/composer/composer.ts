/**
 * The input area: textarea (Enter sends, Shift+Enter breaks the line, IME
 * composition never sends), Send/Stop, attach, effort picker, chips, attachments
 * and the notes that explain anything that cannot be attached or sent.
 */
import type { ContextChip, EffortChoice, StatusView, WebviewMessage } from '../../src/shared/protocol';
import { EffortChoice as EffortChoices } from '../../src/shared/protocol';
import { h, uniqueId } from '../dom';
import { Attachments } from './attachments';
import { ChipsView } from './chips';
import { DraftStore } from './draft';
import { MediaEvents } from './mediaEvents';
import { Mentions } from './mentions';
import { ComposerNotes } from './notes';

const EFFORT_LABELS: Record<EffortChoice, string> = { auto: 'Auto', low: 'Low', medium: 'Medium', high: 'High' };

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
  private readonly effort: HTMLSelectElement;
  private readonly sendButton: HTMLButtonElement;
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
    this.effort = h('select', { className: 'effort', attrs: { 'aria-label': 'Reasoning effort', title: 'Reasoning effort' } },
      EffortChoices.options.map((choice) => h('option', { text: EFFORT_LABELS[choice], attrs: { value: choice } })));
    this.effort.value = store.state.effort;
    this.sendButton = h('button', { className: 'btn btn-primary send', attrs: { type: 'button' }, on: { click: () => this.primaryAction() } });
    const attach = h('button', {
      className: 'btn attach',
      text: 'Attach',
      attrs: { type: 'button', 'aria-label': 'Attach images or video', title: 'Attach images or video' },
      on: { click: () => this.media.picker.click() },
    });
    this.element = h('section', { className: 'composer', attrs: { 'aria-label': 'Compose a message' } }, [
      this.notes.element,
      this.chips.element,
      this.attachments.element,
      this.mentions.list,
      this.input,
      h('div', { className: 'composer-bar' }, [attach, this.media.picker, this.effort, h('span', { className: 'spacer' }), this.sendButton]),
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
    this.effort.addEventListener('change', () => {
      this.store.state.effort = EffortChoices.parse(this.effort.value);
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

  setStreaming(turnId: string | undefined): void {
    this.streamingTurn = turnId;
    this.sendButton.textContent = turnId ? 'Stop' : 'Send';
    this.sendButton.setAttribute('aria-label', turnId ? 'Stop the answer' : 'Send message');
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
      this.effort.value = effort;
      this.store.state.effort = effort;
    }
    this.store.changed();
    this.input.focus();
    if (send) void this.send();
  }

  private primaryAction(): void {
    if (this.streamingTurn) this.deps.post({ type: 'stop', turnId: this.streamingTurn });
    else void this.send();
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
      this.deps.post({ type: 'send', text, effort: this.store.state.effort, attachments: this.attachments.toAttachments(), chips: this.store.state.chips });
      this.input.value = '';
      this.store.clearSent();
      this.attachments.clearSent();
      this.chips.render();
    } finally {
      this.sending = false;
    }
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
