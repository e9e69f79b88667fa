/**
 * Keeps a request inside the model's 256K context, by the estimate in src/core/tokens.ts.
 */
import { estimateMessageTokens } from '../tokens';
import type { ApiMessage } from './types';

export const CONTEXT_TOKENS = 256_000;
/** Room left for reasoning and the answer. */
export const OUTPUT_RESERVE_TOKENS = 32_000;

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
