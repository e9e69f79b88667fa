/**
 * What a turn shows besides its text: the effort it used, what it cost, and how
 * it failed. Shared by the protocol (src/shared/protocol.ts) and the turn events
 * (src/shared/turnEvents.ts), which both build on them.
 */
import * as z from './zod';

export const EffortLevel = z.enum(['low', 'medium', 'high']);
export type EffortLevel = z.infer<typeof EffortLevel>;
export const EffortChoice = z.enum(['auto', 'low', 'medium', 'high']);
export type EffortChoice = z.infer<typeof EffortChoice>;

/** The effort a request actually used, and why (shown next to the answer). */
export const EffortView = z.object({
  level: EffortLevel,
  reason: z.string(),
  source: z.enum(['policy', 'user', 'setting']),
  /** Who chose it, in a few words ("chat default", "your choice", "locked by you"); the reason says why. */
  label: z.optional(z.string()),
});
export type EffortView = z.infer<typeof EffortView>;

export const UsageView = z.object({
  promptTokens: z.number().check(z.nonnegative()),
  completionTokens: z.number().check(z.nonnegative()),
  cachedTokens: z.number().check(z.nonnegative()),
  costUsd: z.number().check(z.nonnegative()),
  /** Reasoning tokens inside completionTokens, where the server reports them. */
  reasoningTokens: z.optional(z.number().check(z.nonnegative())),
  /** How many requests these figures sum (absent in chats saved before it was counted). */
  requests: z.optional(z.int().check(z.nonnegative())),
  /** Requests with no known price (custom servers): their tokens count, their dollars are not in costUsd. */
  unpriced: z.optional(z.int().check(z.nonnegative())),
});
export type UsageView = z.infer<typeof UsageView>;

export const ZERO_USAGE: UsageView = { promptTokens: 0, completionTokens: 0, cachedTokens: 0, costUsd: 0 };

const OPTIONAL_COUNTS = ['reasoningTokens', 'requests', 'unpriced'] as const;

export function addUsage(a: UsageView, b: UsageView | undefined): UsageView {
  if (!b) return a;
  const sum: UsageView = {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    cachedTokens: a.cachedTokens + b.cachedTokens,
    costUsd: a.costUsd + b.costUsd,
  };
  // An optional count appears in the sum as soon as either side has it, so old records keep their shape.
  for (const key of OPTIONAL_COUNTS) if (a[key] !== undefined || b[key] !== undefined) sum[key] = (a[key] ?? 0) + (b[key] ?? 0);
  return sum;
}

export const ErrorActionId = z.enum([
  'retry',
  'switchRegion',
  'setApiKey',
  'copyDiagnostics',
  'openTopUp',
  'openSettings',
  'stopSendingEffort',
  'useSupportedEffort',
]);
export type ErrorActionId = z.infer<typeof ErrorActionId>;

export const ErrorView = z.object({
  title: z.string(),
  message: z.string(),
  traceId: z.optional(z.string()),
  actions: z.array(z.object({ id: ErrorActionId, label: z.string() })),
});
export type ErrorView = z.infer<typeof ErrorView>;
