/**
 * Keeps a request inside the model's 256K context. Estimates are deliberately
 * cautious (≈3.5 characters per token) because an overflow costs a failed
 * request, while trimming a little early costs nothing visible.
 */
import type { ApiMessage, ContentPart } from './types';

export const CONTEXT_TOKENS = 256_000;
/** Room left for reasoning and the answer. */
export const OUTPUT_RESERVE_TOKENS = 32_000;

const IMAGE_TOKENS = { low: 400, high: 1_600 } as const;

export function estimateTextTokens(text: string): number {
  return Math.ceil(text.length / 3.5);
}

function partTokens(part: ContentPart): number {
  if (part.type === 'text') return estimateTextTokens(part.text);
  if (part.type === 'image_url') return IMAGE_TOKENS[part.image_url.detail ?? 'high'];
  return 8_000; // a video; the API counts frames, which we cannot know before sending
}

export function estimateMessageTokens(message: ApiMessage): number {
  const overhead = 4;
  if (message.role === 'tool') return overhead + estimateTextTokens(message.content);
  if (message.role === 'assistant') {
    const calls = (message.tool_calls ?? []).reduce((n, c) => n + estimateTextTokens(c.function.arguments) + 8, 0);
    return overhead + estimateTextTokens(message.content ?? '') + calls;
  }
  if (typeof message.content === 'string') return overhead + estimateTextTokens(message.content);
  return overhead + message.content.reduce((n, p) => n + partTokens(p), 0);
}

export interface BudgetResult {
  messages: ApiMessage[];
  estimatedTokens: number;
  /** How many earlier messages were left out to fit. */
  droppedMessages: number;
  /** Set when even the newest message alone does not fit: the request must not be sent. */
  overflow?: string;
}

/**
 * Keeps the system message and the newest messages that fit, dropping the
 * oldest whole exchanges first (never half of a tool-call pair).
 */
export function fitToBudget(messages: readonly ApiMessage[], budget = CONTEXT_TOKENS - OUTPUT_RESERVE_TOKENS): BudgetResult {
  const [system, ...rest] = messages;
  if (!system) return { messages: [], estimatedTokens: 0, droppedMessages: 0 };
  const costs = rest.map(estimateMessageTokens);
  let total = estimateMessageTokens(system);
  let keepFrom = rest.length;
  while (keepFrom > 0 && total + costs[keepFrom - 1]! <= budget) {
    keepFrom -= 1;
    total += costs[keepFrom]!;
  }
  // A tool result without the assistant message that called it is rejected by the API.
  while (keepFrom < rest.length && rest[keepFrom]!.role === 'tool') {
    total -= costs[keepFrom]!;
    keepFrom += 1;
  }
  if (keepFrom === rest.length && rest.length > 0) {
    const newest = costs[rest.length - 1]!;
    return {
      messages: [system],
      estimatedTokens: total,
      droppedMessages: rest.length,
      overflow: `The message and its attachments come to about ${newest.toLocaleString('en-US')} tokens; the model accepts about ${budget.toLocaleString('en-US')}. Attach less (a selection instead of whole files) and send again.`,
    };
  }
  return { messages: [system, ...rest.slice(keepFrom)], estimatedTokens: total, droppedMessages: keepFrom };
}
