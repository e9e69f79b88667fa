/**
 * StepFun account tiers (docs/step-api-notes.md, "Retries, rate limits and tiers"). Tiers are
 * set by cumulative top-up; the entry tier's 10 requests per minute is what
 * busy users hit first, so the limiter enforces these client-side.
 */
export type Tier = 'V0' | 'V1' | 'V2' | 'V3' | 'V4' | 'V5';
export const TIERS: readonly Tier[] = ['V0', 'V1', 'V2', 'V3', 'V4', 'V5'];

export interface TierLimits {
  concurrency: number;
  rpm: number;
  tpm: number;
  /** Cumulative top-up in CNY that unlocks the tier. */
  topUpCny: number;
}

export const TIER_LIMITS: Readonly<Record<Tier, TierLimits>> = {
  V0: { concurrency: 5, rpm: 10, tpm: 5_000_000, topUpCny: 0 },
  V1: { concurrency: 100, rpm: 1_000, tpm: 20_000_000, topUpCny: 100 },
  V2: { concurrency: 200, rpm: 5_000, tpm: 30_000_000, topUpCny: 500 },
  V3: { concurrency: 400, rpm: 10_000, tpm: 40_000_000, topUpCny: 2_000 },
  V4: { concurrency: 1_000, rpm: 20_000, tpm: 50_000_000, topUpCny: 5_000 },
  V5: { concurrency: 10_000, rpm: 200_000, tpm: 100_000_000, topUpCny: 10_000 },
};

export function isTier(value: unknown): value is Tier {
  return typeof value === 'string' && (TIERS as readonly string[]).includes(value);
}
