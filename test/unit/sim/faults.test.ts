import * as assert from 'assert';
import type { Flavour } from '../../sim/types';
import { chat, choices, joined, parseSse, stream, useSimulator, withSimulator } from './helpers';

describe('simulator: faults', () => {
  const sim = useSimulator();

  it('answers a status fault with the default error body in the flavour shape', async () => {
    sim.enqueue({ fault: { kind: 'status', status: 503 } });
    const res = await chat(sim, { stream: true });
    assert.strictEqual(res.status, 503);
    const body = (await res.json()) as { error: { message: string; type: string } };
    assert.strictEqual(body.error.type, 'service_unavailable');
    assert.match(body.error.message, /overloaded/);
  });

  it('sends retry-after and retry-after-ms when asked, and a custom body verbatim', async () => {
    const custom = { error: { message: 'slow down', type: 'rate_limit_exceeded' } };
    sim.enqueue({ fault: { kind: 'status', status: 429, body: custom, retryAfterSeconds: 7, retryAfterMs: 1500 } });
    const res = await chat(sim);
    assert.strictEqual(res.status, 429);
    assert.strictEqual(res.headers.get('retry-after'), '7');
    assert.strictEqual(res.headers.get('retry-after-ms'), '1500');
    assert.deepStrictEqual(await res.json(), custom);
  });

  it('sends no body at all for body "empty"', async () => {
    sim.enqueue({ fault: { kind: 'status', status: 401, body: 'empty' } });
    const res = await chat(sim);
    assert.strictEqual(res.status, 401);
    assert.strictEqual(await res.text(), '');
    assert.strictEqual(res.headers.get('retry-after'), null);
  });

  it('cuts a stream cleanly: no finish_reason, no [DONE], the body just ends', async () => {
    sim.enqueue({ content: 'x'.repeat(200), fault: { kind: 'cut', afterChunks: 3 } });
    const { res, sse } = await stream(sim);
    assert.strictEqual(res.status, 200);
    assert.strictEqual(sse.events.length, 3);
    assert.ok(choices(sse).every((c) => c.finish_reason === null));
    assert.strictEqual(sse.done, false);
  });

  it('cuts a stream abruptly so reading the body fails', async () => {
    sim.enqueue({ content: 'x'.repeat(200), fault: { kind: 'cut', afterChunks: 2, abrupt: true } });
    const res = await chat(sim, { stream: true });
    await assert.rejects(res.text());
  });

  it('cuts before the final chunk when afterChunks is past the end of the reply', async () => {
    sim.enqueue({ content: 'short', fault: { kind: 'cut', afterChunks: 1000 } });
    const { sse } = await stream(sim);
    assert.strictEqual(joined(sse, 'content'), 'short');
    assert.ok(choices(sse).every((c) => c.finish_reason === null));
    assert.strictEqual(sse.done, false);
  });

  it('sends a malformed chunk after N chunks, then carries on', async () => {
    sim.enqueue({ content: 'y'.repeat(100), fault: { kind: 'malformed', afterChunks: 2 } });
    const { sse } = await stream(sim);
    const bad = sse.events.findIndex((e) => 'unparsed' in e);
    assert.strictEqual(bad, 2);
    assert.throws(() => JSON.parse(String(sse.events[bad].unparsed)), SyntaxError);
    assert.ok(sse.done);
  });

  it('sends a malformed JSON body for a non-stream request', async () => {
    sim.enqueue({ content: 'hi', fault: { kind: 'malformed', afterChunks: 0 } });
    const res = await chat(sim);
    await assert.rejects(res.json(), SyntaxError);
  });

  it('destroys the socket without a response on reset', async () => {
    sim.enqueue({ fault: { kind: 'reset' } });
    await assert.rejects(chat(sim));
    assert.strictEqual(sim.requests.length, 1);
  });

  it('delays the first byte by firstByteDelayMs', async () => {
    sim.enqueue({ content: 'late', firstByteDelayMs: 150 });
    const t0 = Date.now();
    const res = await chat(sim, { stream: true });
    assert.ok(Date.now() - t0 >= 140, 'headers arrived before the delay');
    assert.strictEqual(res.status, 200);
  });

  it('sends keep-alive comments between chunks when asked', async () => {
    sim.enqueue({ content: 'z'.repeat(48), tokensPerChunk: 3, keepAliveComments: true });
    const { sse } = await stream(sim);
    assert.strictEqual(sse.comments.filter((c) => c === 'keepalive').length, sse.events.length - 1);
  });

  it('paces the stream by chunkDelayMs and the tokensPerSecond option', async () => {
    sim.enqueue({ content: 'w'.repeat(24), tokensPerChunk: 1, chunkDelayMs: 20 });
    let t0 = Date.now();
    await stream(sim);
    assert.ok(Date.now() - t0 >= 6 * 20 * 0.9, 'six chunk gaps of 20 ms');
    await withSimulator({ tokensPerSecond: 200 }, async (paced) => {
      paced.enqueue({ content: 'v'.repeat(160) });
      t0 = Date.now();
      const { sse } = await stream(paced);
      assert.strictEqual(joined(sse, 'content').length, 160);
      assert.ok(Date.now() - t0 >= 40 / 200 * 1000 * 0.9, '40 tokens at 200 tokens/s take at least 200 ms');
    });
  });

  const frames: [Flavour, string, (e: Record<string, unknown>) => string, boolean][] = [
    ['stepfun', 'step-3.7-flash', (e) => (e.error as { message: string }).message, false],
    ['openrouter', 'stepfun/step-3.7-flash', (e) => (e.error as { message: string }).message, false],
    ['vllm', 'step3p7-flash', (e) => (e.error as { message: string }).message, true],
  ];
  for (const [flavour, model, message, doneAfter] of frames) {
    it(`sends a mid-stream error frame with HTTP 200 (${flavour})`, async () => {
      await withSimulator({ flavour }, async (s) => {
        s.enqueue({ content: 'q'.repeat(100), fault: { kind: 'errorFrame', afterChunks: 2, message: 'upstream died' } });
        const res = await chat(s, { model, stream: true });
        assert.strictEqual(res.status, 200);
        const sse = parseSse(await res.text());
        assert.strictEqual(sse.events.length, 3);
        assert.strictEqual(message(sse.events[2]), 'upstream died');
        assert.strictEqual(sse.done, doneAfter);
        if (flavour === 'openrouter') assert.strictEqual((sse.events[2].choices as { finish_reason: string }[])[0].finish_reason, 'error');
      });
    });
  }
});
