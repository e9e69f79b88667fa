/**
 * Validation of every host message before the chat acts on it: the streamed-text fast
 * path (webview/fastPath.ts), else the protocol's schema. Malformed ones are dropped and
 * reported to the host log.
 */
import { type HostMessage, parseHostMessage, type WebviewMessage } from '../src/shared/protocol';
import { asStreamedText } from './fastPath';

export function readHostMessage(data: unknown, post: (message: WebviewMessage) => void): HostMessage | undefined {
  const delta = asStreamedText(data);
  if (delta) return delta;
  const parsed = parseHostMessage(data);
  if (parsed.ok) return parsed.message;
  post({ type: 'log', level: 'warn', message: `webview dropped a malformed host message: ${parsed.reason}` });
  return undefined;
}
