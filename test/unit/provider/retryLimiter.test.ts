import * as assert from 'assert';
import { StepError } from '../../../src/core/provider/errors';
import { createLimiter, createLimiterRegistry, limiterForTier, TIER_WINDOW_MARGIN_MS, type Clock, type Permit } from '../../../src/core/provider/limiter';
import { backoffMs, parseRetryAfter, withRetry } from '../../../src/core/provider/retry';
import { recordingSleep } from './simClient';

class FakeClock implements Clock {
  time = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  now() {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number) {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown) {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  async advance(ms: number) {
    const end = this.time + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.time = next.at;
      next.fn();
      await Promise.resolve();
    }
    this.time = end;
    await new Promise((r) => setImmediate(r));
  }
}

const fail = (status: number, extra: Partial<ConstructorParameters<typeof StepError>[0]> = {}) =>
  new StepError({ kind: status === 429 ? 'rate-limited' : 'server', title: `HTTP ${status}`, message: 'x', status, retryable: [429, 500, 503, 504].includes(status), ...extra });

describe('retry policy', () => {
  it('parses retry-after-ms, retry-after seconds and HTTP dates', () => {
    const now = Date.parse('2026-06-01T12:00:00Z');
    assert.strictEqual(parseRetryAfter(new Headers({ 'retry-after-ms': '250' }), now), 250);
    assert.strictEqual(parseRetryAfter(new Headers({ 'retry-after': '7' }), now), 7000);
    assert.strictEqual(parseRetryAfter(new Headers({ 'retry-after': 'Mon, 01 Jun 2026 12:00:05 GMT' }), now), 5000);
    assert.strictEqual(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now), undefined);
    assert.strictEqual(parseRetryAfter(new Headers({ 'retry-after-ms': 'x', 'retry-after': '2' }), now), 2000);
    assert.strictEqual(parseRetryAfter(new Headers(), now), undefined);
  });

  it('backs off exponentially with downward jitter and a cap', () => {
    assert.deepStrictEqual([1, 2, 3, 4].map((n) => backoffMs(n, { random: () => 0 })), [1000, 2000, 4000, 8000]);
    assert.strictEqual(backoffMs(2, { random: () => 0.5 }), 1750);
    assert.strictEqual(backoffMs(10, { random: () => 0, maxDelayMs: 30_000 }), 30_000);
  });

  for (const status of [400, 401, 402, 404, 451]) {
    it(`never retries ${status}`, async () => {
      let calls = 0;
      await assert.rejects(
        withRetry(
          async () => {
            calls++;
            throw fail(status);
          },
          { sleep: recordingSleep().sleep },
          {},
        ),
      );
      assert.strictEqual(calls, 1);
    });
  }

  it('does not retry an error that says the answer had started (retryable false)', async () => {
    let calls = 0;
    await assert.rejects(
      withRetry(
        async () => {
          calls++;
          throw fail(503, { retryable: false });
        },
        { sleep: recordingSleep().sleep },
        {},
      ),
    );
    assert.strictEqual(calls, 1);
  });

  it('bounds the tries and reports each wait before it happens', async () => {
    const sleep = recordingSleep();
    const infos: string[] = [];
    let calls = 0;
    await assert.rejects(
      withRetry(
        async () => {
          calls++;
          throw fail(500);
        },
        { sleep: sleep.sleep, random: () => 0, maxAttempts: 3 },
        { onRetry: (i) => infos.push(`${i.attempt}/${i.maxAttempts} ${i.waitMs} ${i.reason}`) },
      ),
    );
    assert.strictEqual(calls, 3);
    assert.deepStrictEqual(infos, ['1/3 1000 HTTP 500', '2/3 2000 HTTP 500']);
  });

  it('a 2.5 s wait ticks 3, 2, 1 and sleeps 500 + 1000 + 1000', async () => {
    const sleep = recordingSleep();
    const ticks: number[] = [];
    let calls = 0;
    await withRetry(
      async () => {
        if (calls++ === 0) throw fail(429, { retryAfterMs: 2500 });
        return 'ok';
      },
      { sleep: sleep.sleep },
      { onCountdown: (s) => ticks.push(s) },
    );
    assert.deepStrictEqual(ticks, [3, 2, 1]);
    assert.deepStrictEqual(sleep.waits, [500, 1000, 1000]);
  });

  it('is cancelled by the signal during a wait', async () => {
    const controller = new AbortController();
    const error = await withRetry(
      async () => {
        throw fail(503);
      },
      { sleep: async () => controller.abort() },
      {},
      controller.signal,
    ).catch((e: unknown) => e);
    assert.ok(error instanceof StepError);
    assert.strictEqual(error.kind, 'cancelled');
  });
});

describe('rate limiter', () => {
  it('caps concurrency and serves the queue in FIFO order, reporting positions', async () => {
    const clock = new FakeClock();
    const limiter = createLimiter({ concurrency: 2, clock });
    const order: string[] = [];
    const positions: Record<string, number[]> = { c: [], d: [] };
    const a = await limiter.acquire();
    const b = await limiter.acquire();
    const c = limiter.acquire({ onQueued: (p) => positions.c!.push(p) }).then((p) => (order.push('c'), p));
    const d = limiter.acquire({ onQueued: (p) => positions.d!.push(p) }).then((p) => (order.push('d'), p));
    assert.strictEqual(limiter.active, 2);
    assert.strictEqual(limiter.queued, 2);
    a.release();
    const pc = await c;
    assert.deepStrictEqual(order, ['c']);
    assert.deepStrictEqual(positions, { c: [1], d: [2, 1] });
    b.release();
    pc.release();
    (await d).release();
    assert.deepStrictEqual(order, ['c', 'd']);
    assert.strictEqual(limiter.active, 0);
  });

  it('holds requests beyond the per-minute allowance until the window slides (tier V0: 10/min)', async () => {
    const clock = new FakeClock();
    const limiter = limiterForTier('V0', clock);
    const permits: Permit[] = [];
    for (let i = 0; i < 10; i++) {
      clock.time += 1000;
      const p = await limiter.acquire();
      p.release();
      permits.push(p);
    }
    let granted = false;
    let position = 0;
    const eleventh = limiter.acquire({ onQueued: (p) => (position = p) }).then((p) => ((granted = true), p));
    await clock.advance(0);
    assert.strictEqual(granted, false);
    assert.strictEqual(position, 1);
    // The first request was at t=1000, so a slot frees a minute (plus the safety margin) later.
    const frees = 1000 + 60_000 + TIER_WINDOW_MARGIN_MS;
    await clock.advance(frees - clock.time - 1);
    assert.strictEqual(granted, false);
    await clock.advance(1);
    assert.strictEqual(granted, true);
    (await eleventh).release();
  });

  it('respects a tokens-per-minute budget, replacing estimates by actual usage', async () => {
    const clock = new FakeClock();
    const limiter = createLimiter({ tpm: 1000, clock });
    const first = await limiter.acquire({ estimatedTokens: 900 });
    first.release(300);
    const second = await limiter.acquire({ estimatedTokens: 600 });
    second.release();
    let granted = false;
    const third = limiter.acquire({ estimatedTokens: 200 }).then((p) => ((granted = true), p));
    await clock.advance(0);
    assert.strictEqual(granted, false, '300 + 600 + 200 exceeds 1000');
    await clock.advance(60_000);
    assert.strictEqual(granted, true);
    (await third).release();
    let hugeGranted = false;
    const huge = limiter.acquire({ estimatedTokens: 5000 }).then((p) => ((hugeGranted = true), p));
    await clock.advance(60_000);
    assert.strictEqual(hugeGranted, true, 'a request bigger than the whole budget runs alone once the window is empty, rather than waiting forever');
    (await huge).release();
  });

  it('a cancelled waiter leaves the queue and the next one moves up', async () => {
    const clock = new FakeClock();
    const limiter = createLimiter({ concurrency: 1, clock });
    const held = await limiter.acquire();
    const controller = new AbortController();
    const cancelled = limiter.acquire({ signal: controller.signal });
    const positions: number[] = [];
    const next = limiter.acquire({ onQueued: (p) => positions.push(p) });
    controller.abort();
    await assert.rejects(cancelled, (e: unknown) => e instanceof StepError && e.kind === 'cancelled');
    assert.deepStrictEqual(positions, [2, 1]);
    held.release();
    (await next).release();
    assert.strictEqual(limiter.queued, 0);
  });

  it('the registry shares one limiter per StepFun profile and tier, and none without a tier', () => {
    const registry = createLimiterRegistry(new FakeClock());
    const a = registry.forProfile({ id: 'stepfun-global', tier: 'V0' });
    assert.ok(a);
    assert.strictEqual(registry.forProfile({ id: 'stepfun-global', tier: 'V0' }), a);
    assert.notStrictEqual(registry.forProfile({ id: 'stepfun-china', tier: 'V0' }), a);
    assert.strictEqual(registry.forProfile({ id: 'openrouter' }), undefined);
  });
});
