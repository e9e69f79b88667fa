import type { WebviewMessage } from '../src/shared/protocol';
import { fromHost } from './hostOrigin';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/**
 * The webview's side of the transport: typed posting, and every message from the
 * host, in order. The page says `ready` as soon as the chat is drawn, before the part
 * that validates and renders host messages has loaded (webview/main.ts), so messages
 * arriving earlier wait here and are handed over, in order, once it connects.
 */
export class HostBridge {
  private readonly api: VsCodeApi = acquireVsCodeApi();
  private waiting: unknown[] | undefined = [];
  private receiver: ((data: unknown) => void) | undefined;

  constructor() {
    window.addEventListener('message', (event: MessageEvent) => {
      if (!fromHost(event, (message) => this.post({ type: 'log', level: 'warn', message }))) return;
      if (this.receiver) this.receiver(event.data);
      else this.waiting?.push(event.data);
    });
  }

  post(message: WebviewMessage): void {
    this.api.postMessage(message);
  }

  /** Hands every host message, first those that waited, to `receiver` (unvalidated: it checks them). */
  connect(receiver: (data: unknown) => void): void {
    const waiting = this.waiting ?? [];
    this.waiting = undefined;
    for (const data of waiting) {
      // One message the chat fails on must not cost the ones after it, as it would not have when it came live.
      try {
        receiver(data);
      } catch (error) {
        reportError(error);
      }
    }
    this.receiver = receiver;
  }

  getState<T>(): T | undefined {
    return this.api.getState() as T | undefined;
  }

  setState(state: unknown): void {
    this.api.setState(state);
  }
}
