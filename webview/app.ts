/**
 * The part of the chat loaded right after the first paint (webview/main.ts): it
 * defines the toolkit, takes over the message list, and routes each host message,
 * validated, to the part of the UI it concerns — those that waited while it loaded
 * first, in order (webview/bridge.ts).
 */
import type { HostMessage, UsageView } from '../src/shared/protocol';
import { addUsage, ZERO_USAGE } from '../src/shared/turnViews';
import type { HostBridge } from './bridge';
import { savedImages } from './composer/savedImages';
import { readHostMessage } from './hostMessages';
import { READY_TEXT, SETUP_TEXT, type ChatShell } from './shell';
import { toolkitButton } from './toolkit';
import { registerToolkit } from './toolkitRegistry';
import { attachTranscriptActions } from './transcript/actions';
import { Transcript } from './transcript/transcript';

export function startChat(shell: ChatShell, bridge: HostBridge): ChatApp {
  registerToolkit();
  return new ChatApp(shell, bridge);
}

export class ChatApp {
  /** The open chat's usage: the host's figure when it opens, plus each request's since. */
  private total: UsageView = ZERO_USAGE;
  private chatId: string | undefined;
  private readonly transcript: Transcript;

  constructor(private readonly shell: ChatShell, bridge: HostBridge) {
    const post = bridge.post.bind(bridge);
    const composer = shell.composer;
    this.transcript = new Transcript(
      shell.transcript,
      (turnId) => toolkitButton('Cancel', () => post({ type: 'stop', turnId }), { ariaLabel: 'Cancel the retry' }),
      () => composer.focusInput(),
    );
    this.transcript.onStreamingChange = (turnId) => composer.setStreaming(turnId);
    attachTranscriptActions(this.transcript.element, { post, enlarge: shell.enlarge, flash });
    // Before any host message: a refused send gives back the images it was saved with.
    composer.restoreImages(savedImages);
    bridge.connect((data) => {
      const message = readHostMessage(data, post);
      if (message) this.handle(message);
    });
  }

  private handle(message: HostMessage): void {
    const { header, setup, composer, notices, history } = this.shell;
    switch (message.type) {
      case 'status': {
        this.shell.status = message.status;
        document.body.classList.toggle('advisor-on', message.status.advisor === true);
        header.setStatus(message.status);
        const blocked = setup.setStatus(message.status);
        this.transcript.setEmptyText(blocked ? SETUP_TEXT : READY_TEXT);
        composer.statusChanged(message.status);
        return;
      }
      case 'conversation':
        // Notices belong to the chat that raised them.
        if (message.chatId !== this.chatId) notices.clear();
        this.chatId = message.chatId;
        this.transcript.setConversation(message.turns);
        this.total = message.totalUsage;
        header.setTotal(this.total);
        return;
      case 'history':
        history.setChats(message.chats, message.activeId);
        return;
      case 'turn': {
        const event = message.event;
        if (event.kind === 'start') composer.turnStarted(event.sendId, event.user.text);
        if (event.kind === 'usage') {
          this.total = addUsage(this.total, event.usage);
          header.setTotal(this.total);
        }
        this.transcript.apply(message.turnId, event);
        return;
      }
      case 'sendRejected':
        composer.sendRejected(message.reason, message.sendId);
        return;
      case 'addChip':
        composer.addChip(message.chip);
        return;
      case 'prefill':
        composer.prefill(message.text, message.effort, message.send);
        return;
      case 'fileCompletions':
        composer.mentions.completions(message);
        return;
      case 'resolvedFiles':
        composer.media.resolved(message);
        return;
      case 'videoStatus':
        composer.attachments.videoStatus(message);
        return;
      case 'notice':
        notices.show(message.level, message.text);
        return;
      case 'focusInput':
        composer.focusInput();
        return;
    }
  }
}

function flash(target: HTMLElement, text: string): void {
  const original = target.textContent;
  target.textContent = text;
  window.setTimeout(() => (target.textContent = original), 1200);
}
