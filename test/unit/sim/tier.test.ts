import * as assert from 'assert';
import { TierLimiter } from '../../sim/tierLimits';
import { chat, KEYS, useSimulator, withSimulator } from './helpers';

describe('simulator: tier limits', () => {
  const sim = useSimulator({ tier: 'V0' });

  it('answers the 11th request in a minute on V0 with a 429, a JSON body and retry-after', async () => {
    for (let i = 0; i < 10; i++) assert.strictEqual((await chat(sim)).status, 200, `request ${i + 1}`);
    const res = await chat(sim);
    assert.strictEqual(res.status, 429);
    const retry = Number(res.headers.get('retry-after'));
    assert.ok(retry >= 1 && retry <= 60, `retry-after ${retry}`);
    const body = (await res.json()) as { error: { message: string; type: string } };
    assert.strictEqual(body.error.type, 'rate_limit_exceeded');
    assert.match(body.error.message, /V0 allows 10 requests per minute/);
  });

  it('counts per key, so the other region key still has its allowance', async () => {
    for (let i = 0; i < 10; i++) await chat(sim);
    assert.strictEqual((await chat(sim)).status, 429);
    assert.strictEqual((await chat(sim, {}, { region: 'china', key: KEYS.china })).status, 200);
  });

  it('allows 5 concurrent completions on V0 and refuses the 6th while they run', async () => {
    sim.respondWith(() => ({ content: 'slow', firstByteDelayMs: 300 }));
    const running = Array.from({ length: 5 }, () => chat(sim));
    await new Promise((r) => setTimeout(r, 100));
    const sixth = await chat(sim);
    assert.strictEqual(sixth.status, 429);
    assert.match(((await sixth.json()) as { error: { message: string } }).error.message, /concurrent.*5/);
    assert.deepStrictEqual((await Promise.all(running)).map((r) => r.status), [200, 200, 200, 200, 200]);
    sim.respondWith(undefined);
    assert.strictEqual((await chat(sim)).status, 200, 'a slot frees when a completion ends');
  });

  it('frees the minute window once it has passed', () => {
    let now = 0;
    const limiter = new TierLimiter('V0', () => now);
    for (let i = 0; i < 10; i++) limiter.admit('k').release();
    const refused = limiter.admit('k');
    assert.strictEqual(refused.error?.status, 429);
    assert.strictEqual(refused.retryAfterSeconds, 60);
    now = 30_000;
    assert.strictEqual(limiter.admit('k').retryAfterSeconds, 30);
    now = 60_001;
    assert.strictEqual(limiter.admit('k').error, undefined);
  });

  it('does not limit when no tier is given', async () => {
    await withSimulator({}, async (s) => {
      const statuses = await Promise.all(Array.from({ length: 15 }, () => chat(s).then((r) => r.status)));
      assert.ok(statuses.every((st) => st === 200));
    });
  });
});
