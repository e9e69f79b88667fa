/**
 * The one estimate of how many tokens a message costs before it is sent, used by the context
 * budget (src/core/chat/budget.ts) and by the rate limiter's tokens-per-minute allowance
 * (src/core/provider/chatStream.ts). Deliberately cautious, ≈3.5 characters a token: an
 * overflow costs a failed request, while trimming or queueing a little early costs nothing visible.
 */
import type { ChatMessage, ContentPart } from './provider/types';

const CHARS_PER_TOKEN = 3.5;
const IMAGE_TOKENS = { low: 400, high: 1_600 } as const;
/** A video: the API counts frames, which cannot be known before sending. */
const VIDEO_TOKENS = 8_000;
const MESSAGE_OVERHEAD = 4;
const TOOL_CALL_OVERHEAD = 8;

export function estimateTextTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

function partTokens(part: ContentPart): number {
  if (part.type === 'text') return estimateTextTokens(part.text);
  if (part.type === 'image_url') return IMAGE_TOKENS[part.image_url.detail ?? 'high'];
  return VIDEO_TOKENS;
}

export function estimateMessageTokens(message: ChatMessage): number {
  if (message.role === 'tool') return MESSAGE_OVERHEAD + estimateTextTokens(message.content);
  if (message.role === 'assistant') {
    const calls = (message.tool_calls ?? []).reduce((n, c) => n + estimateTextTokens(c.function.arguments) + TOOL_CALL_OVERHEAD, 0);
    return MESSAGE_OVERHEAD + estimateTextTokens(message.content ?? '') + calls;
  }
  if (typeof message.content === 'string') return MESSAGE_OVERHEAD + estimateTextTokens(message.content);
  return MESSAGE_OVERHEAD + message.content.reduce((n, p) => n + partTokens(p), 0);
}
