/**
 * VS Code's language-model messages → the Step client's wire messages. The VS Code
 * adapter first sorts each part into an LmPart (it alone knows the API's classes);
 * everything after that is plain data, so it is tested without an editor.
 * Tool results travel in VS Code's user messages but must be separate `tool`
 * messages on the wire, placed before the rest of that user message.
 */
import { estimateMessageTokens, estimateTextTokens } from '../tokens';
import { StepError } from '../provider/errors';
import type { ChatMessage, ContentPart, ToolCall } from '../provider/types';

export type LmPart =
  | { kind: 'text'; text: string }
  | { kind: 'thinking'; text: string }
  | { kind: 'data'; mime: string; bytes: Uint8Array }
  | { kind: 'toolCall'; callId: string; name: string; input: unknown }
  | { kind: 'toolResult'; callId: string; parts: LmPart[] }
  | { kind: 'other'; what: string };

export interface LmMessage {
  role: 'user' | 'assistant' | 'system';
  parts: LmPart[];
}

const IMAGE_MIMES = new Set(['image/png', 'image/jpeg', 'image/jpg', 'image/webp', 'image/gif']);
/** Hints VS Code's chat attaches for other vendors' caches and sessions: not content. */
const HINT_MIMES = new Set(['cache_control', 'stateful_marker']);

function invalid(message: string): StepError {
  return new StepError({ kind: 'bad-request', title: 'Cannot send this request', message });
}

const isTextMime = (mime: string) => /^text\/|[/+]json$|^application\/(xml|x-yaml|yaml)$/i.test(mime);

function decode(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

/** What a tool result says, as the text a `tool` message carries; parts that are not text are named, not dropped. */
export function resultText(parts: readonly LmPart[]): string {
  const out: string[] = [];
  for (const part of parts) {
    if (part.kind === 'text') out.push(part.text);
    else if (part.kind === 'data' && isTextMime(part.mime)) out.push(decode(part.bytes));
    else if (part.kind === 'data' && !HINT_MIMES.has(part.mime)) out.push(`[${part.mime} result of ${part.bytes.byteLength} bytes, not shown to the model]`);
    else if (part.kind === 'other') out.push(`[${part.what}]`);
  }
  return out.join('\n');
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function userMessages(parts: readonly LmPart[], where: string, lenient: boolean): ChatMessage[] {
  const out: ChatMessage[] = [];
  const content: ContentPart[] = [];
  parts.forEach((part, i) => {
    const at = `${where}, part ${i + 1}`;
    switch (part.kind) {
      case 'toolResult':
        out.push({ role: 'tool', tool_call_id: part.callId, content: resultText(part.parts) });
        return;
      case 'text':
        if (part.text) content.push({ type: 'text', text: part.text });
        return;
      case 'data': {
        const mime = part.mime.toLowerCase();
        if (IMAGE_MIMES.has(mime)) {
          const wire = mime === 'image/jpg' ? 'image/jpeg' : mime;
          content.push({ type: 'image_url', image_url: { url: `data:${wire};base64,${base64(part.bytes)}` } });
        } else if (isTextMime(mime)) {
          content.push({ type: 'text', text: decode(part.bytes) });
        } else if (!HINT_MIMES.has(mime) && !lenient) {
          const what = mime.startsWith('image/') ? `an image of type ${mime}; Step 3.7 Flash reads PNG, JPEG, WebP and GIF` : `${mime} data, which Step 3.7 Flash cannot read`;
          throw invalid(`${at} is ${what}.`);
        }
        return;
      }
      case 'other':
        if (!lenient) throw invalid(`${at} is ${part.what}, which cannot be sent to Step 3.7 Flash.`);
        return;
      default:
        // A user message carries no tool calls or thinking; if one does, its text is not lost.
        if (part.kind === 'thinking' && part.text) content.push({ type: 'text', text: part.text });
    }
  });
  if (content.length) {
    const onlyText = content.every((p) => p.type === 'text');
    out.push({ role: 'user', content: onlyText ? content.map((p) => (p as { text: string }).text).join('\n') : content });
  }
  return out;
}

function assistantMessage(parts: readonly LmPart[]): ChatMessage | undefined {
  let text = '';
  let reasoning = '';
  const calls: ToolCall[] = [];
  for (const part of parts) {
    if (part.kind === 'text') text += part.text;
    else if (part.kind === 'thinking') reasoning += part.text;
    else if (part.kind === 'toolCall') {
      calls.push({ id: part.callId, type: 'function', function: { name: part.name, arguments: JSON.stringify(part.input ?? {}) } });
    } else if (part.kind === 'data' && isTextMime(part.mime)) text += decode(part.bytes);
    // Other data in an assistant message is the editor's own bookkeeping (markers, cache hints).
  }
  if (!text && !calls.length) return undefined;
  const message: ChatMessage = { role: 'assistant', content: text || null };
  if (calls.length) message.tool_calls = calls;
  if (reasoning) message.reasoning = reasoning;
  return message;
}

/**
 * Converts a request's messages; throws a StepError naming the message and part that
 * cannot be sent. `lenient` skips such parts instead (token counting must not fail).
 */
export function toApiMessages(messages: readonly LmMessage[], lenient = false): ChatMessage[] {
  const out: ChatMessage[] = [];
  messages.forEach((message, index) => {
    const where = `Message ${index + 1}`;
    if (message.role === 'system') {
      const text = message.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
      if (text) out.push({ role: 'system', content: text });
    } else if (message.role === 'assistant') {
      const assistant = assistantMessage(message.parts);
      if (assistant) out.push(assistant);
    } else {
      out.push(...userMessages(message.parts, where, lenient));
    }
  });
  return out;
}

/** The project's one estimator, applied to what would be sent. */
export function estimateLmTokens(input: string | LmMessage): number {
  if (typeof input === 'string') return estimateTextTokens(input);
  return toApiMessages([input], true).reduce((n, m) => n + estimateMessageTokens(m), 0);
}
