/**
 * The chat as the first paint draws it: header, setup and history panels, notices,
 * the empty message list, the composer and the image dialog, and the keyboard
 * wiring. Nothing here needs the markdown renderer, the sanitizer, the toolkit's
 * design system or the protocol's schemas; webview/app.ts brings those right after
 * (webview/main.ts) and routes host messages to these parts.
 */
import type { StatusView } from '../src/shared/protocol';
import type { HostBridge } from './bridge';
import { Composer } from './composer/composer';
import { DraftStore } from './composer/draft';
import { Header } from './panels/header';
import { HistoryPanel } from './panels/history';
import { ImageDialog } from './panels/imageDialog';
import { Notices } from './panels/notices';
import { SetupPanel } from './panels/setup';
import { transcriptFrame, type TranscriptFrame } from './transcript/frame';

export const READY_TEXT = 'Ask Step Flash about your code. Paste or drop screenshots, type @ to mention a file.';
export const SETUP_TEXT = 'Set an API key above, then ask Step Flash about your code.';

export class ChatShell {
  /** The host's latest status; the composer reads it (what the model accepts). */
  status: StatusView | undefined;
  readonly header: Header;
  readonly setup: SetupPanel;
  readonly history: HistoryPanel;
  readonly transcript: TranscriptFrame = transcriptFrame(READY_TEXT);
  readonly composer: Composer;
  readonly notices = new Notices();
  readonly dialog = new ImageDialog();
  readonly enlarge = (src: string, name: string): void => this.dialog.show(src, name);

  constructor(root: HTMLElement, bridge: HostBridge) {
    const post = bridge.post.bind(bridge);
    this.history = new HistoryPanel(post, () => this.toggleHistory(false));
    this.header = new Header(() => this.toggleHistory());
    this.setup = new SetupPanel(post);
    this.composer = new Composer(new DraftStore(bridge), { post, status: () => this.status, enlarge: this.enlarge });
    root.replaceChildren(this.header.element, this.history.element, this.setup.element, this.notices.element, this.transcript.element, this.composer.element, this.dialog.element);
    this.wireKeyboard();
  }

  /** The rest of the chat did not load (webview/main.ts): say so where the answers would be, never a blank view. */
  failedToLoad(reason: string): void {
    const text = `Step Flash could not load the rest of the chat (${reason}), so answers cannot be shown. Run “Developer: Reload Webviews” to try again.`;
    this.notices.show('error', text);
    this.transcript.empty.textContent = text;
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

  toggleHistory(show?: boolean): void {
    const shown = this.history.toggle(show);
    this.header.historyToggle.setAttribute('aria-expanded', String(shown));
  }
}
