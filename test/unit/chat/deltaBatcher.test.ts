import * as assert from 'assert';
import { DeltaBatcher } from '../../../src/core/chat/deltaBatcher';

describe('DeltaBatcher', () => {
  it('sends the first delta at once, then coalesces the rest into one flush per interval, in order', async () => {
    const flushes: Array<[string, string]> = [];
    const batcher = new DeltaBatcher((c, r) => flushes.push([c, r]), 5);
    batcher.addReasoning('thinking ');
    assert.deepStrictEqual(flushes, [['', 'thinking ']], 'the first token is not held back');
    batcher.addReasoning('hard');
    for (const piece of ['Hel', 'lo', ' world']) batcher.addContent(piece);
    assert.strictEqual(flushes.length, 1);
    await new Promise((r) => setTimeout(r, 20));
    assert.deepStrictEqual(flushes, [['', 'thinking '], ['Hello world', 'hard']]);
  });

  it('flushes a due batch from the stream itself when the timer cannot run (a busy event loop)', () => {
    let time = 1000;
    const flushes: string[] = [];
    const batcher = new DeltaBatcher((c) => flushes.push(c), 16, () => time);
    // A synchronous burst: no timer callback can run in between.
    for (let i = 0; i < 100; i++) {
      batcher.addContent(`${i} `);
      time += 1;
    }
    // One immediate flush, then one every 16 ms of stream time (t = 16, 32, … 96).
    assert.strictEqual(flushes.length, 7);
    batcher.flush();
    assert.strictEqual(flushes.join(''), Array.from({ length: 100 }, (_, i) => `${i} `).join(''), 'nothing lost or reordered');
  });

  it('flushes pending text immediately on demand and then stays quiet', async () => {
    const flushes: Array<[string, string]> = [];
    let time = 100;
    const batcher = new DeltaBatcher((c, r) => flushes.push([c, r]), 5, () => time);
    batcher.addContent('first');
    batcher.addContent('partial');
    batcher.flush();
    batcher.flush();
    time += 100;
    await new Promise((r) => setTimeout(r, 20));
    assert.deepStrictEqual(flushes, [['first', ''], ['partial', '']]);
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
