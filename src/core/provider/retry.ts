/**
 * Retries with backoff that respects the server. The SDK's own retries are off
 * (maxRetries: 0) because they are invisible: users asked for a countdown they
 * can see, and for retries that stop once an answer has started to arrive.
 */
import { cancelledError, StepError } from './errors';

export interface RetryInfo {
  /** The attempt that just failed (1-based). */
  attempt: number;
  maxAttempts: number;
  waitMs: number;
  reason: string;
  error: StepError;
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface RetryOptions {
  /** Total tries including the first. Default 4. */
  maxAttempts?: number;
  /** First backoff step; doubles per attempt. Default 1000 ms. */
  baseDelayMs?: number;
  /** Cap on computed backoff. Default 30 s. */
  maxDelayMs?: number;
  /** A server asking for a longer wait than this is not retried: the user sees the error instead. Default 120 s. */
  maxServerWaitMs?: number;
  sleep?: Sleep;
  /** 0 ≤ random() < 1; injectable so tests can pin the jitter. */
  random?: () => number;
}

export interface RetryHooks {
  onRetry?: (info: RetryInfo) => void;
  /** Called with the whole seconds left, once per second of each wait. */
  onCountdown?: (secondsLeft: number) => void;
}

const RETRYABLE_STATUSES = new Set([429, 500, 503, 504]);

export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError('Waiting to retry'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError('Waiting to retry'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Reads `retry-after-ms` (ms) or `retry-after` (seconds or an HTTP date). */
export function parseRetryAfter(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return Math.round(value);
  }
  const after = headers.get('retry-after');
  if (after === null || after.trim() === '') return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  const date = Date.parse(after);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** The policy: 429/500/503/504 and connection resets, never once the answer has started. */
export function isRetryable(error: StepError): boolean {
  return error.retryable && (error.status === undefined || RETRYABLE_STATUSES.has(error.status));
}

export function backoffMs(attempt: number, options: RetryOptions = {}): number {
  const base = options.baseDelayMs ?? 1000;
  const cap = options.maxDelayMs ?? 30_000;
  const random = options.random ?? Math.random;
  const raw = Math.min(cap, base * 2 ** (attempt - 1));
  // Jitter downwards only, so a burst of clients spreads out without exceeding the cap.
  return Math.round(raw * (1 - 0.25 * random()));
}

/** Sleeps `ms` in steps that land on whole seconds, ticking the countdown before each. */
export async function countdownWait(ms: number, sleep: Sleep, onCountdown: ((s: number) => void) | undefined, signal?: AbortSignal): Promise<void> {
  let remaining = ms;
  while (remaining > 0) {
    if (signal?.aborted) throw cancelledError('Waiting to retry');
    onCountdown?.(Math.ceil(remaining / 1000));
    const step = remaining % 1000 || 1000;
    await sleep(Math.min(step, remaining), signal);
    remaining -= Math.min(step, remaining);
  }
  if (signal?.aborted) throw cancelledError('Waiting to retry');
}

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable StepError, or the
 * tries run out. `attempt` must throw StepErrors (map with toStepError first).
 */
export async function withRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: RetryOptions,
  hooks: RetryHooks,
  signal?: AbortSignal,
): Promise<T> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const sleep = options.sleep ?? realSleep;
  const maxServerWait = options.maxServerWaitMs ?? 120_000;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!(error instanceof StepError) || !isRetryable(error) || n >= maxAttempts || signal?.aborted) throw error;
      if (error.retryAfterMs !== undefined && error.retryAfterMs > maxServerWait) throw error;
      const waitMs = error.retryAfterMs ?? backoffMs(n, options);
      hooks.onRetry?.({ attempt: n, maxAttempts, waitMs, reason: error.title, error });
      await countdownWait(waitMs, sleep, hooks.onCountdown, signal);
    }
  }
}
