import * as assert from 'assert';
import { DeltaBatcher } from '../../../src/core/chat/deltaBatcher';

describe('DeltaBatcher', () => {
  it('coalesces many deltas into one flush per interval, in order', async () => {
    const flushes: Array<[string, string]> = [];
    const batcher = new DeltaBatcher((c, r) => flushes.push([c, r]), 5);
    batcher.addReasoning('thinking ');
    batcher.addReasoning('hard');
    for (const piece of ['Hel', 'lo', ' world']) batcher.addContent(piece);
    assert.strictEqual(flushes.length, 0);
    await new Promise((r) => setTimeout(r, 20));
    assert.deepStrictEqual(flushes, [['Hello world', 'thinking hard']]);
  });

  it('flushes pending text immediately on demand and then stays quiet', async () => {
    const flushes: Array<[string, string]> = [];
    const batcher = new DeltaBatcher((c, r) => flushes.push([c, r]), 5);
    batcher.addContent('partial');
    batcher.flush();
    batcher.flush();
    await new Promise((r) => setTimeout(r, 20));
    assert.deepStrictEqual(flushes, [['partial', '']]);
  });

  it('ignores empty deltas', async () => {
    let calls = 0;
    const batcher = new DeltaBatcher(() => calls++, 1);
    batcher.addContent('');
    batcher.addReasoning('');
    await new Promise((r) => setTimeout(r, 10));
    assert.strictEqual(calls, 0);
  });
});
