/** The timers `whenIdle` runs on; tests pass a clock they move by hand. */
export interface IdleTimers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface IdleOptions {
  /** Nothing runs sooner than this after the call: the host is still starting what activated us. */
  afterMs: number;
  /** One probe: a timer of this length. */
  tickMs: number;
  /** A probe that fires later than this after its time found the thread busy. */
  lagMs: number;
  /** Probes in a row that must find the thread free. */
  calmTicks: number;
  /** Past this (from the call), give up: a thread that never calms is better left alone. */
  maxMs: number;
}

const HOST_IDLE: IdleOptions = { afterMs: 1_000, tickMs: 50, lagMs: 15, calmTicks: 4, maxMs: 30_000 };

const realTimers: IdleTimers = {
  now: () => performance.now(),
  setTimeout: (run, ms) => {
    const handle = setTimeout(run, ms);
    // A wait for idleness must never keep a process alive on its own.
    (handle as { unref?: () => void }).unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Runs `run` once the thread has answered `calmTicks` timers in a row on time — nothing
 * else was running — and not before `afterMs`. A timer's lateness is the one signal
 * of a busy event loop that costs nothing to read. Returns a function that cancels.
 */
export function whenIdle(run: () => void, options: IdleOptions = HOST_IDLE, timers: IdleTimers = realTimers): () => void {
  const start = timers.now();
  let calm = 0;
  let handle: unknown;
  let cancelled = false;
  const probe = (): void => {
    const due = timers.now() + options.tickMs;
    handle = timers.setTimeout(() => {
      if (cancelled) return;
      calm = timers.now() - due <= options.lagMs ? calm + 1 : 0;
      if (calm >= options.calmTicks) run();
      else if (timers.now() - start < options.maxMs) probe();
    }, options.tickMs);
  };
  handle = timers.setTimeout(() => {
    if (!cancelled) probe();
  }, options.afterMs);
  return () => {
    cancelled = true;
    timers.clearTimeout(handle);
  };
}
