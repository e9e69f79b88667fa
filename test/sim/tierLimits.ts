/**
 * Tier enforcement: concurrent chat completions and requests per minute, per API key
 * (docs/step-api-notes.md, "Retries, rate limits and tiers"). Past either allowance the request gets a 429.
 */
import type { ApiError } from './errors';
import type { Tier } from './types';

export const TIER_LIMITS: Record<Tier, { concurrency: number; rpm: number; tpm: number }> = {
  V0: { concurrency: 5, rpm: 10, tpm: 5_000_000 },
  V1: { concurrency: 100, rpm: 1_000, tpm: 20_000_000 },
  V2: { concurrency: 200, rpm: 5_000, tpm: 30_000_000 },
  V3: { concurrency: 400, rpm: 10_000, tpm: 40_000_000 },
  V4: { concurrency: 1_000, rpm: 20_000, tpm: 50_000_000 },
  V5: { concurrency: 10_000, rpm: 200_000, tpm: 100_000_000 },
};

const WINDOW_MS = 60_000;

export interface Admission {
  error?: ApiError;
  /** Seconds until a retry can succeed, when that can be known. */
  retryAfterSeconds?: number;
  /** Call once the admitted request has finished. */
  release: () => void;
}

export class TierLimiter {
  private readonly inFlight = new Map<string, number>();
  /** Start times of admitted requests in the last minute, oldest first. */
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly tier: Tier,
    private readonly now: () => number = Date.now,
  ) {}

  admit(key: string): Admission {
    const limits = TIER_LIMITS[this.tier];
    const t = this.now();
    const times = (this.recent.get(key) ?? []).filter((s) => s > t - WINDOW_MS);
    this.recent.set(key, times);
    const running = this.inFlight.get(key) ?? 0;
    if (running >= limits.concurrency) {
      return {
        error: { status: 429, type: 'rate_limit_exceeded', message: `Too many concurrent requests: tier ${this.tier} allows ${limits.concurrency} at a time` },
        release: () => undefined,
      };
    }
    if (times.length >= limits.rpm) {
      return {
        error: { status: 429, type: 'rate_limit_exceeded', message: `Rate limit reached: tier ${this.tier} allows ${limits.rpm} requests per minute` },
        retryAfterSeconds: Math.max(1, Math.ceil((times[0] + WINDOW_MS - t) / 1000)),
        release: () => undefined,
      };
    }
    times.push(t);
    this.inFlight.set(key, running + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.inFlight.set(key, (this.inFlight.get(key) ?? 1) - 1);
      },
    };
  }

  reset(): void {
    this.inFlight.clear();
    this.recent.clear();
  }
}
