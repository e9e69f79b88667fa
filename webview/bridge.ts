import { HostMessage, WebviewMessage, parseHostMessage } from '../src/shared/protocol';
import { asStreamedText } from './fastPath';
import { fromHost } from './hostOrigin';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/**
 * The webview's side of the protocol: typed posting, and validation of every
 * host message (malformed ones are dropped and reported to the host log).
 */
export class HostBridge {
  private readonly api: VsCodeApi = acquireVsCodeApi();
  private listeners: Array<(message: HostMessage) => void> = [];

  constructor() {
    window.addEventListener('message', (event: MessageEvent) => {
      if (!fromHost(event, (message) => this.post({ type: 'log', level: 'warn', message }))) return;
      const delta = asStreamedText(event.data);
      if (delta) {
        for (const listener of this.listeners) listener(delta);
        return;
      }
      const parsed = parseHostMessage(event.data);
      if (!parsed.ok) {
        this.post({ type: 'log', level: 'warn', message: `webview dropped a malformed host message: ${parsed.reason}` });
        return;
      }
      for (const listener of this.listeners) listener(parsed.message);
    });
  }

  post(message: WebviewMessage): void {
    this.api.postMessage(message);
  }

  onMessage(listener: (message: HostMessage) => void): void {
    this.listeners.push(listener);
  }

  getState<T>(): T | undefined {
    return this.api.getState() as T | undefined;
  }

  setState(state: unknown): void {
    this.api.setState(state);
  }
}
