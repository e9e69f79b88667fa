import { readFileSync } from 'fs';
import * as vscode from 'vscode';
import { HostMessage, WebviewMessage, parseWebviewMessage } from '../shared/protocol';
import { Logger } from './log';
import { entryImports, renderWebviewHtml } from './webviewHtml';
import { CHAT_VIEW_ID } from './viewIds';

export type WebviewMessageHandler = (message: WebviewMessage) => void | Promise<void>;

/**
 * The sidebar chat's transport: serves the webview, validates everything it
 * receives against the protocol, and queues host messages until the webview
 * has said `ready` (messages posted earlier would be lost).
 */
export class ChatViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  static readonly viewId = CHAT_VIEW_ID;

  private view: vscode.WebviewView | undefined;
  private ready = false;
  private queue: HostMessage[] = [];
  private handlers: WebviewMessageHandler[] = [];
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  /** Fires each time a (re)loaded webview has sent `ready`. */
  readonly onDidBecomeReady = this.readyEmitter.event;
  private disposables: vscode.Disposable[] = [this.readyEmitter];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: Logger,
  ) {}

  onMessage(handler: WebviewMessageHandler): vscode.Disposable {
    this.handlers.push(handler);
    return new vscode.Disposable(() => {
      this.handlers = this.handlers.filter((h) => h !== handler);
    });
  }

  get isReady(): boolean {
    return this.ready;
  }

  resolveWebviewView(webviewView: vscode.WebviewView): void {
    this.view = webviewView;
    this.ready = false;
    const webview = webviewView.webview;
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    // Read before the options are set: options and HTML go to the view back to back, as one update.
    const modulePreloadUris = this.entryChunks().map((file) => webview.asWebviewUri(vscode.Uri.joinPath(dist, file)).toString());
    webview.options = {
      enableScripts: true,
      localResourceRoots: [
        vscode.Uri.joinPath(this.extensionUri, 'dist'),
        vscode.Uri.joinPath(this.extensionUri, 'media'),
      ],
    };
    webview.html = renderWebviewHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      modulePreloadUris,
      styleUris: [
        webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.css')).toString(),
        webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'chat.css')).toString(),
      ],
    });
    this.disposables.push(
      webview.onDidReceiveMessage((data: unknown) => this.receive(data)),
      webviewView.onDidDispose(() => {
        if (this.view === webviewView) {
          this.view = undefined;
          this.ready = false;
        }
      }),
    );
  }

  /** The chunks dist/webview.js imports; none (the browser finds them itself, a little later) if it cannot be read. */
  private entryChunks(): string[] {
    try {
      return entryImports(readFileSync(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview.js').fsPath, 'utf8'));
    } catch (error) {
      this.log.warn(`Could not read the chat view's script for its imports: ${String(error)}`);
      return [];
    }
  }

  /** Posts now if the webview is ready, otherwise keeps the message for `ready`. */
  post(message: HostMessage): void {
    if (!this.view || !this.ready) {
      this.queue.push(message);
      return;
    }
    void this.view.webview.postMessage(message);
  }

  /**
   * Focuses the chat view and puts the caret in its message box (Open Chat, Add
   * Selection to Chat): the workbench focuses the webview, the webview its input —
   * posted after `ready` if the view is still loading.
   */
  async focusInput(): Promise<void> {
    await vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`);
    this.post({ type: 'focusInput' });
  }

  /** Reveals the chat view without taking focus, creating it if VS Code has not yet. */
  async reveal(): Promise<void> {
    if (this.view) {
      this.view.show(true);
      return;
    }
    await vscode.commands.executeCommand(`${ChatViewProvider.viewId}.focus`);
  }

  /** Whether VS Code has created the view (revealing it then costs the workbench nothing). */
  get isResolved(): boolean {
    return this.view !== undefined;
  }

  /** Reveals the chat view without waiting for it: a turn's events wait in the queue for `ready`. */
  show(): void {
    this.reveal().then(undefined, (error: unknown) => this.log.warn(`Could not reveal the chat view: ${String(error)}`));
  }

  private receive(data: unknown): void {
    const parsed = parseWebviewMessage(data);
    if (!parsed.ok) {
      this.log.warn(`Dropped a malformed message from the chat view: ${parsed.reason}`);
      return;
    }
    const message = parsed.message;
    if (message.type === 'ready') {
      this.ready = true;
      const pending = this.queue;
      this.queue = [];
      for (const queued of pending) void this.view?.webview.postMessage(queued);
      this.readyEmitter.fire();
    }
    for (const handler of this.handlers) {
      Promise.resolve(handler(message)).catch((error: unknown) =>
        this.log.error(`Chat view handler failed on '${message.type}': ${String(error)}`),
      );
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.disposables = [];
  }
}
