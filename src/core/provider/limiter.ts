/**
 * Client-side rate limiting per profile: concurrency, requests per minute and an
 * estimate of tokens per minute. Requests beyond the allowance wait in a FIFO
 * queue instead of being sent into a 429 storm, and the caller is told its place
 * so the UI can show "queued" rather than a silent pause.
 */
import { cancelledError } from './errors';
import { TIER_LIMITS, type Tier } from './tiers';

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface LimiterOptions {
  concurrency?: number;
  rpm?: number;
  tpm?: number;
  clock?: Clock;
  /** Length of the sliding window. Default 60 s. */
  windowMs?: number;
}

export interface AcquireOptions {
  /** Prompt + expected completion tokens, for the TPM budget. */
  estimatedTokens?: number;
  /** Called with the 1-based queue position whenever it changes while waiting. */
  onQueued?: (position: number) => void;
  signal?: AbortSignal;
}

export interface Permit {
  /** Frees the concurrency slot; `actualTokens` replaces the estimate in the TPM window. */
  release(actualTokens?: number): void;
}

export interface Limiter {
  acquire(options?: AcquireOptions): Promise<Permit>;
  readonly active: number;
  readonly queued: number;
}

interface Waiter {
  tokens: number;
  onQueued?: (position: number) => void;
  lastPosition: number;
  resolve: (permit: Permit) => void;
  reject: (error: Error) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface WindowEntry {
  time: number;
  tokens: number;
}

export function createLimiter(options: LimiterOptions = {}): Limiter {
  const clock = options.clock ?? systemClock;
  const concurrency = options.concurrency ?? Infinity;
  const rpm = options.rpm ?? Infinity;
  const tpm = options.tpm ?? Infinity;
  const windowMs = options.windowMs ?? 60_000;
  const queue: Waiter[] = [];
  const window: WindowEntry[] = [];
  let active = 0;
  let timer: unknown;

  const prune = (now: number) => {
    while (window.length && window[0]!.time <= now - windowMs) window.shift();
  };
  const windowTokens = () => window.reduce((sum, e) => sum + e.tokens, 0);

  /** When the head waiter could start, or 0 if it can start now, or Infinity if only a release can help. */
  const blockedUntil = (head: Waiter, now: number): number => {
    if (active >= concurrency) return Infinity;
    let until = 0;
    if (window.length >= rpm) until = Math.max(until, window[window.length - rpm]!.time + windowMs);
    const used = windowTokens();
    if (used > 0 && used + head.tokens > tpm) {
      // Wait until enough old entries expire to fit the request.
      let freed = used;
      for (const entry of window) {
        freed -= entry.tokens;
        if (freed === 0 || freed + head.tokens <= tpm) {
          until = Math.max(until, entry.time + windowMs);
          break;
        }
      }
    }
    return until > now ? until : 0;
  };

  const grant = (waiter: Waiter, now: number) => {
    active++;
    const entry: WindowEntry = { time: now, tokens: waiter.tokens };
    window.push(entry);
    let released = false;
    if (waiter.signal && waiter.onAbort) waiter.signal.removeEventListener('abort', waiter.onAbort);
    waiter.resolve({
      release(actualTokens) {
        if (released) return;
        released = true;
        active--;
        if (actualTokens !== undefined && Number.isFinite(actualTokens)) entry.tokens = Math.max(0, actualTokens);
        pump();
      },
    });
  };

  const reportPositions = () => {
    queue.forEach((waiter, index) => {
      if (waiter.lastPosition !== index + 1) {
        waiter.lastPosition = index + 1;
        waiter.onQueued?.(index + 1);
      }
    });
  };

  function pump(): void {
    if (timer !== undefined) {
      clock.clearTimeout(timer);
      timer = undefined;
    }
    const now = clock.now();
    prune(now);
    while (queue.length) {
      const until = blockedUntil(queue[0]!, now);
      if (until === 0) {
        grant(queue.shift()!, now);
        continue;
      }
      if (until !== Infinity) timer = clock.setTimeout(pump, until - now);
      break;
    }
    reportPositions();
  }

  return {
    get active() {
      return active;
    },
    get queued() {
      return queue.length;
    },
    acquire(acquireOptions = {}) {
      return new Promise<Permit>((resolve, reject) => {
        const { signal } = acquireOptions;
        if (signal?.aborted) return reject(cancelledError('Waiting for a free request slot'));
        const waiter: Waiter = { tokens: Math.max(0, acquireOptions.estimatedTokens ?? 0), lastPosition: 0, resolve, reject };
        if (acquireOptions.onQueued) waiter.onQueued = acquireOptions.onQueued;
        if (signal) {
          waiter.signal = signal;
          waiter.onAbort = () => {
            const index = queue.indexOf(waiter);
            if (index < 0) return;
            queue.splice(index, 1);
            reject(cancelledError('Waiting for a free request slot'));
            pump();
          };
          signal.addEventListener('abort', waiter.onAbort, { once: true });
        }
        queue.push(waiter);
        pump();
      });
    },
  };
}

/**
 * The server counts a request when it arrives, a little after we let it go, so
 * a window exactly one minute long would free a slot just before the server
 * does. The margin keeps the client on the safe side of that race.
 */
export const TIER_WINDOW_MARGIN_MS = 3_000;

export function limiterForTier(tier: Tier, clock?: Clock): Limiter {
  const limits = TIER_LIMITS[tier];
  return createLimiter({
    concurrency: limits.concurrency,
    rpm: limits.rpm,
    tpm: limits.tpm,
    windowMs: 60_000 + TIER_WINDOW_MARGIN_MS,
    ...(clock ? { clock } : {}),
  });
}

/** One limiter per StepFun profile and tier, shared by every client the extension creates. */
export function createLimiterRegistry(clock?: Clock): { forProfile(profile: { id: string; tier?: Tier }): Limiter | undefined } {
  const limiters = new Map<string, Limiter>();
  return {
    forProfile(profile) {
      if (!profile.tier) return undefined;
      const key = `${profile.id}|${profile.tier}`;
      let limiter = limiters.get(key);
      if (!limiter) {
        limiter = limiterForTier(profile.tier, clock);
        limiters.set(key, limiter);
      }
      return limiter;
    },
  };
}
