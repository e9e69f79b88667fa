import * as assert from 'assert';
import { DeltaBatcher, type Flush } from '../../../src/core/chat/deltaBatcher';

type Streamed = Parameters<Flush>[0];
const reasoning = (text: string): Streamed => ({ kind: 'reasoning', text });
const answer = (text: string): Streamed => ({ kind: 'answer', text });

describe('DeltaBatcher', () => {
  it('sends the first delta at once, then coalesces the rest into one flush per interval, in order', async () => {
    const flushes: Streamed[] = [];
    const batcher = new DeltaBatcher((e) => flushes.push(e), 5);
    batcher.addReasoning('thinking ');
    assert.deepStrictEqual(flushes, [reasoning('thinking ')], 'the first token is not held back');
    batcher.addReasoning('hard');
    for (const piece of ['Hel', 'lo', ' world']) batcher.addContent(piece);
    assert.strictEqual(flushes.length, 1);
    await new Promise((r) => setTimeout(r, 20));
    assert.deepStrictEqual(flushes, [reasoning('thinking '), reasoning('hard'), answer('Hello world')], 'reasoning first, as the model thinks before it answers');
  });

  it('flushes a due batch from the stream itself when the timer cannot run (a busy event loop)', () => {
    let time = 1000;
    const flushes: string[] = [];
    const batcher = new DeltaBatcher((e) => flushes.push(e.text), 16, () => time);
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
    const flushes: Streamed[] = [];
    let time = 100;
    const batcher = new DeltaBatcher((e) => flushes.push(e), 5, () => time);
    batcher.addContent('first');
    batcher.addContent('partial');
    batcher.flush();
    batcher.flush();
    time += 100;
    await new Promise((r) => setTimeout(r, 20));
    assert.deepStrictEqual(flushes, [answer('first'), answer('partial')]);
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
