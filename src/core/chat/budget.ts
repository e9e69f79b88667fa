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

/** Where a trim may cut: each time the conversation's running size passes another quarter of the budget. */
const CUT_EVERY = 4;

/**
 * Keeps the system message and the newest messages that fit, dropping the oldest whole
 * exchanges first (never half of a tool-call pair).
 *
 * The cut falls only at stable points — the first message past each quarter of the budget,
 * counted from the start of the conversation — and at the earliest of them that fits. Those
 * points do not move as messages are added, so once a long chat is trimmed, the next turns
 * keep the same cut (and the provider's cached prefix) until it has grown by about a quarter
 * of the budget, instead of cutting one message later on every turn.
 */
export function fitToBudget(messages: readonly ApiMessage[], budget = CONTEXT_TOKENS - OUTPUT_RESERVE_TOKENS): BudgetResult {
  const [system, ...rest] = messages;
  if (!system) return { messages: [], estimatedTokens: 0, droppedMessages: 0 };
  const costs = rest.map(estimateMessageTokens);
  const systemCost = estimateMessageTokens(system);
  // after[i]: the tokens of rest[i..]; before: the running size from the start.
  const after = new Array<number>(rest.length + 1).fill(0);
  for (let i = rest.length - 1; i >= 0; i--) after[i] = after[i + 1]! + costs[i]!;
  const quarter = Math.max(1, budget / CUT_EVERY);
  let keepFrom = rest.length;
  let before = 0;
  for (let i = 0; i < rest.length; i++) {
    const stable = i === 0 || Math.floor(before / quarter) > Math.floor((before - costs[i - 1]!) / quarter);
    if (stable && systemCost + after[i]! <= budget) {
      keepFrom = i;
      break;
    }
    before += costs[i]!;
  }
  // No stable point fits (one message is most of the budget): keep the newest messages that fit.
  if (keepFrom === rest.length) while (keepFrom > 0 && systemCost + after[keepFrom - 1]! <= budget) keepFrom -= 1;
  // A tool result without the assistant message that called it is rejected by the API.
  while (keepFrom < rest.length && rest[keepFrom]!.role === 'tool') keepFrom += 1;
  if (keepFrom === rest.length && rest.length > 0) {
    const newest = costs[rest.length - 1]!;
    return {
      messages: [system],
      estimatedTokens: systemCost,
      droppedMessages: rest.length,
      overflow: `The message and its attachments come to about ${newest.toLocaleString('en-US')} tokens; the model accepts about ${budget.toLocaleString('en-US')}. Attach less (a selection instead of whole files) and send again.`,
    };
  }
  return { messages: [system, ...rest.slice(keepFrom)], estimatedTokens: systemCost + after[keepFrom]!, droppedMessages: keepFrom };
}
