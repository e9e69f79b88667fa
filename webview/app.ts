/** Builds the chat and routes each host message to the part of the UI it concerns. */
import type { HostMessage, StatusView, UsageView } from '../src/shared/protocol';
import { addUsage, ZERO_USAGE } from '../src/shared/turnViews';
import type { HostBridge } from './bridge';
import { Composer } from './composer/composer';
import { DraftStore } from './composer/draft';
import { toolkitButton } from './toolkit';
import { Header } from './panels/header';
import { HistoryPanel } from './panels/history';
import { ImageDialog } from './panels/imageDialog';
import { Notices } from './panels/notices';
import { SetupPanel } from './panels/setup';
import { attachTranscriptActions } from './transcript/actions';
import { Transcript } from './transcript/transcript';

const READY_TEXT = 'Ask Step Flash about your code. Paste or drop screenshots, type @ to mention a file.';
const SETUP_TEXT = 'Set an API key above, then ask Step Flash about your code.';

export class ChatApp {
  private status: StatusView | undefined;
  /** The open chat's usage: the host's figure when it opens, plus each request's since. */
  private total: UsageView = ZERO_USAGE;
  private chatId: string | undefined;
  private readonly header: Header;
  private readonly setup: SetupPanel;
  private readonly history: HistoryPanel;
  private readonly transcript: Transcript;
  private readonly composer: Composer;
  private readonly notices = new Notices();
  private readonly dialog = new ImageDialog();

  constructor(root: HTMLElement, bridge: HostBridge) {
    const post = bridge.post.bind(bridge);
    const enlarge = (src: string, name: string) => this.dialog.show(src, name);
    this.history = new HistoryPanel(post, () => this.toggleHistory(false));
    this.header = new Header(() => this.toggleHistory());
    this.setup = new SetupPanel(post);
    this.composer = new Composer(new DraftStore(bridge), { post, status: () => this.status, enlarge });
    this.transcript = new Transcript(
      (turnId) => toolkitButton('Cancel', () => post({ type: 'stop', turnId }), { ariaLabel: 'Cancel the retry' }),
      () => this.composer.focusInput(),
    );
    this.transcript.onStreamingChange = (turnId) => this.composer.setStreaming(turnId);
    attachTranscriptActions(this.transcript.element, { post, enlarge, flash });
    root.replaceChildren(this.header.element, this.history.element, this.setup.element, this.notices.element, this.transcript.element, this.composer.element, this.dialog.element);
    bridge.onMessage((message) => this.handle(message));
    this.wireKeyboard();
  }

  /**
   * Focusing the view (Focus on Chat View, a click on its title, Open Chat) lands in
   * the message box when nothing inside had focus; Escape closes what is open, else
   * stops a streaming answer.
   */
  private wireKeyboard(): void {
    // A click that focuses the view (to select text, say) keeps its own target: only keyboard and command focus move.
    let pointerAt = -Infinity;
    document.addEventListener('pointerdown', () => (pointerAt = performance.now()), true);
    window.addEventListener('focus', () => {
      if (performance.now() - pointerAt < 500) return;
      if (!document.activeElement || document.activeElement === document.body) this.composer.focusInput();
    });
    document.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || event.defaultPrevented || this.dialog.element.open) return;
      if (!this.history.element.hidden) {
        this.toggleHistory(false);
        this.header.historyToggle.focus();
      } else if (!this.composer.stopStreaming()) {
        return;
      }
      event.preventDefault();
    });
  }

  private toggleHistory(show?: boolean): void {
    const shown = this.history.toggle(show);
    this.header.historyToggle.setAttribute('aria-expanded', String(shown));
  }

  private handle(message: HostMessage): void {
    switch (message.type) {
      case 'status': {
        this.status = message.status;
        document.body.classList.toggle('advisor-on', message.status.advisor === true);
        this.header.setStatus(message.status);
        const blocked = this.setup.setStatus(message.status);
        this.transcript.setEmptyText(blocked ? SETUP_TEXT : READY_TEXT);
        this.composer.statusChanged(message.status);
        return;
      }
      case 'conversation':
        // Notices belong to the chat that raised them.
        if (message.chatId !== this.chatId) this.notices.clear();
        this.chatId = message.chatId;
        this.transcript.setConversation(message.turns);
        this.total = message.totalUsage;
        this.header.setTotal(this.total);
        return;
      case 'history':
        this.history.setChats(message.chats, message.activeId);
        return;
      case 'turn': {
        const event = message.event;
        if (event.kind === 'start') this.composer.turnStarted(event.sendId, event.user.text);
        if (event.kind === 'usage') {
          this.total = addUsage(this.total, event.usage);
          this.header.setTotal(this.total);
        }
        this.transcript.apply(message.turnId, event);
        return;
      }
      case 'sendRejected':
        this.composer.sendRejected(message.reason, message.sendId);
        return;
      case 'addChip':
        this.composer.addChip(message.chip);
        return;
      case 'prefill':
        this.composer.prefill(message.text, message.effort, message.send);
        return;
      case 'fileCompletions':
        this.composer.mentions.completions(message);
        return;
      case 'resolvedFiles':
        this.composer.media.resolved(message);
        return;
      case 'videoStatus':
        this.composer.attachments.videoStatus(message);
        return;
      case 'notice':
        this.notices.show(message.level, message.text);
        return;
      case 'focusInput':
        this.composer.focusInput();
        return;
    }
  }
}

function flash(target: HTMLElement, text: string): void {
  const original = target.textContent;
  target.textContent = text;
  window.setTimeout(() => (target.textContent = original), 1200);
}
