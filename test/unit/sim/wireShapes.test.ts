import * as assert from 'assert';
import * as http from 'http';
import { startSimulator } from '../../sim/server';
import type { Simulator } from '../../sim/types';
import { chat, choices, KEYS, stream } from './helpers';

type Part = { type: string; text?: string; thinking?: Array<{ type: string; text: string }> };

/** Every `data:` write of a raw HTTP response, as the socket delivered it (no fetch buffering). */
function rawChunks(sim: Simulator, body: unknown): Promise<{ pieces: Buffer[]; status: number }> {
  return new Promise((resolve, reject) => {
    const url = new URL(`${sim.url()}/chat/completions`);
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { authorization: `Bearer ${KEYS.global}`, 'content-type': 'application/json' } },
      (res) => {
        const pieces: Buffer[] = [];
        res.on('data', (piece: Buffer) => pieces.push(piece));
        res.on('end', () => resolve({ pieces, status: res.statusCode ?? 0 }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('simulator: list-shaped content, nested errors, effort refusals, small writes', () => {
  describe('vllm', () => {
    let sim: Simulator;
    before(async () => {
      sim = await startSimulator({ flavour: 'vllm' });
    });
    after(() => sim.close());
    beforeEach(() => sim.reset());
    const model = 'step3p7-flash';

    it('streams content as a list of text parts and reasoning as thinking parts when contentShape is "parts"', async () => {
      sim.enqueue({ reasoning: 'Weighing both.', content: 'Choose A.', contentShape: 'parts' });
      const { sse } = await stream(sim, { model });
      const parts = choices(sse).flatMap((c) => (Array.isArray(c.delta.content) ? (c.delta.content as Part[]) : []));
      const thinking = parts.filter((p) => p.type === 'thinking').flatMap((p) => p.thinking ?? []).map((t) => t.text).join('');
      const text = parts.filter((p) => p.type === 'text').map((p) => p.text).join('');
      assert.strictEqual(thinking, 'Weighing both.');
      assert.strictEqual(text, 'Choose A.');
      assert.ok(choices(sse).every((c) => c.delta.reasoning === undefined), 'no separate reasoning field in this shape');
      assert.ok(sse.done);
    });

    it('answers non-stream with message.content as [thinking part, text part]', async () => {
      sim.enqueue({ reasoning: 'Brief.', content: 'Done.', contentShape: 'parts' });
      const body = (await (await chat(sim, { model })).json()) as { choices: Array<{ message: { content: Part[] } }> };
      assert.deepStrictEqual(body.choices[0]!.message.content, [
        { type: 'thinking', thinking: [{ type: 'text', text: 'Brief.' }] },
        { type: 'text', text: 'Done.' },
      ]);
    });

    it('sends the same bytes whole or in many small writes', async () => {
      const reply = { content: 'Byte-identical “quotes” and ünïcödé across splits. '.repeat(3), reasoning: 'Split me.' };
      const request = { model, stream: true, messages: [{ role: 'user', content: 'hi' }] };
      sim.enqueue(reply);
      const whole = await rawChunks(sim, request);
      sim.enqueue({ ...reply, writeBytes: 7 });
      const split = await rawChunks(sim, request);
      const normalize = (b: Buffer) => b.toString('utf8').replace(/chatcmpl-[0-9a-f]+/g, 'ID').replace(/"created":\d+/g, '"created":0');
      assert.strictEqual(normalize(Buffer.concat(split.pieces)), normalize(Buffer.concat(whole.pieces)));
      assert.ok(split.pieces.length > whole.pieces.length, `${split.pieces.length} reads of the split body vs ${whole.pieces.length} of the whole`);
    });

    it('records whether the client closed the connection before the response finished', async () => {
      sim.enqueue({ content: 'read to the end' });
      await (await chat(sim, { model, stream: true })).text();
      sim.enqueue({ content: 'y'.repeat(400), tokensPerChunk: 1, chunkDelayMs: 20 });
      const controller = new AbortController();
      const abandoned = await fetch(`${sim.url()}/chat/completions`, {
        method: 'POST',
        signal: controller.signal,
        headers: { authorization: `Bearer ${KEYS.global}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model, stream: true, messages: [{ role: 'user', content: 'hi' }] }),
      });
      await abandoned.body!.getReader().read();
      controller.abort();
      const deadline = Date.now() + 5_000;
      while (sim.requests[1]?.closedByClient === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      assert.strictEqual(sim.requests[0]!.closedByClient, false, 'the first stream was read to the end');
      assert.strictEqual(sim.requests[1]!.closedByClient, true, 'the second was abandoned mid-stream');
    });
  });

  describe('effort levels', () => {
    let sim: Simulator;
    before(async () => {
      sim = await startSimulator({ flavour: 'vllm', effortLevels: ['low', 'medium'] });
    });
    after(() => sim.close());
    beforeEach(() => sim.reset());

    it('refuses another reasoning_effort with a vLLM-shaped 400 naming the levels it takes', async () => {
      const res = await chat(sim, { model: 'step3p7-flash', reasoning_effort: 'high' });
      assert.strictEqual(res.status, 400);
      const body = (await res.json()) as Record<string, unknown>;
      assert.strictEqual(body.object, 'error');
      assert.strictEqual(body.type, 'BadRequestError');
      assert.strictEqual(body.param, 'reasoning_effort');
      assert.strictEqual(body.message, 'Unexpected reasoning effort high. Supported types are: low, medium');
    });

    it('answers a level it takes, and a request without any effort', async () => {
      assert.strictEqual((await chat(sim, { model: 'step3p7-flash', reasoning_effort: 'medium' })).status, 200);
      assert.strictEqual((await chat(sim, { model: 'step3p7-flash' })).status, 200);
    });
  });

  describe('openrouter nested error', () => {
    let sim: Simulator;
    before(async () => {
      sim = await startSimulator({ flavour: 'openrouter' });
    });
    after(() => sim.close());

    it('puts the error object one level deeper for body "nested", with the given message', async () => {
      sim.enqueue({ fault: { kind: 'status', status: 402, body: 'nested', message: 'Raise this key’s limit' } });
      const res = await chat(sim, { model: 'stepfun/step-3.7-flash' });
      assert.strictEqual(res.status, 402);
      assert.deepStrictEqual(await res.json(), { error: { error: { message: 'Raise this key’s limit', code: 402 }, code: 402 } });
    });

    it('uses the given message in the flavour’s own body too', async () => {
      sim.enqueue({ fault: { kind: 'status', status: 402, message: 'Out of credit' } });
      const body = (await (await chat(sim, { model: 'stepfun/step-3.7-flash' })).json()) as { error: { message: string; code: number } };
      assert.strictEqual(body.error.message, 'Out of credit');
      assert.strictEqual(body.error.code, 402);
    });
  });
});
