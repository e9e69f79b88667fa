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
});
export type UsageView = z.infer<typeof UsageView>;

export const ZERO_USAGE: UsageView = { promptTokens: 0, completionTokens: 0, cachedTokens: 0, costUsd: 0 };

export function addUsage(a: UsageView, b: UsageView | undefined): UsageView {
  if (!b) return a;
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    cachedTokens: a.cachedTokens + b.cachedTokens,
    costUsd: a.costUsd + b.costUsd,
  };
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
