import * as assert from 'assert';
import { limiterForTier } from '../../../src/core/provider/limiter';
import { resolveProfile } from '../../../src/core/provider/profiles';
import { harness, rejection, type Harness } from './simClient';

describe('provider client against an enforced tier (V0: 5 at once, 10 per minute)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness('stepfun', { tier: 'V0' });
  });
  afterEach(() => h.sim.close());

  it('queues the sixth and seventh concurrent requests instead of collecting 429s', async () => {
    const limiter = limiterForTier('V0');
    const client = h.make({ limiter });
    h.sim.respondWith(() => ({ content: 'done', firstByteDelayMs: 100 }));
    const positions: number[][] = [];
    const results = await Promise.all(
      Array.from({ length: 7 }, (_, i) => {
        positions[i] = [];
        return client.streamChat({ messages: [{ role: 'user', content: `q${i}` }] }, { onQueued: (p) => positions[i]!.push(p) });
      }),
    );
    assert.ok(results.every((r) => r.content === 'done'));
    assert.strictEqual(h.sim.requests.length, 7, 'no request was refused and retried');
    assert.deepStrictEqual(positions.slice(0, 5), [[], [], [], [], []]);
    assert.deepStrictEqual(positions[5], [1]);
    assert.deepStrictEqual(positions[6], [2, 1]);
  });

  it("the server's own 429 names the tier's limits", async () => {
    const profile = resolveProfile({ provider: 'stepfun-global', tier: 'V0' }, { 'stepfun-global': h.sim.url('global'), 'stepfun-china': h.sim.url('china') });
    const client = h.make({ profile, retry: { maxAttempts: 1 } });
    h.sim.respondWith(() => ({ content: 'slow', firstByteDelayMs: 200 }));
    const settled = await Promise.allSettled(Array.from({ length: 6 }, () => client.streamChat({ messages: [{ role: 'user', content: 'x' }] })));
    const refused = settled.filter((s) => s.status === 'rejected');
    assert.strictEqual(refused.length, 1);
    const error = await rejection(Promise.reject((refused[0] as PromiseRejectedResult).reason));
    assert.strictEqual(error.kind, 'rate-limited');
    assert.match(error.message, /Tier V0 allows 5 requests at once and 10 per minute/);
  });
});
