import * as assert from 'assert';
import { startSimulator } from '../../sim/server';
import { call, chat, chatBody, stream, useSimulator, withSimulator } from './helpers';

type Completion = { choices: { message: { content: string; reasoning?: string } }[] };

describe('simulator: recording, queue and lifecycle', () => {
  const sim = useSimulator();

  it('records every request in order with method, path, region, headers and parsed body', async () => {
    await chat(sim, {}, { headers: { 'x-title': 'Step Flash' } });
    await call(sim, '/models', undefined, { region: 'china' });
    await chat(sim, { model: 'missing' }, { key: 'sk-bad' });
    assert.deepStrictEqual(sim.requests.map((r) => [r.method, r.path, r.region]), [
      ['POST', '/v1/chat/completions', 'global'],
      ['GET', '/v1/models', 'china'],
      ['POST', '/v1/chat/completions', 'global'],
    ]);
    assert.deepStrictEqual(sim.requests[0].body, chatBody());
    assert.strictEqual(sim.requests[0].headers['x-title'], 'Step Flash');
    assert.strictEqual(sim.requests[0].headers.authorization, 'Bearer sk-global-test');
    assert.strictEqual(sim.requests[1].body, undefined);
    assert.deepStrictEqual(sim.requests[2].body, chatBody({ model: 'missing' }), 'refused requests are recorded too');
    assert.ok(sim.requests.every((r) => typeof r.time === 'number' && r.time > 0));
  });

  it('answers queued replies in order, then falls back to the echo reply', async () => {
    sim.enqueue({ content: 'first' }, { content: 'second' });
    const a = (await (await chat(sim)).json()) as Completion;
    const b = (await (await chat(sim)).json()) as Completion;
    const c = (await (await chat(sim, { messages: [{ role: 'user', content: 'echo me please' }] })).json()) as Completion;
    assert.deepStrictEqual([a, b].map((x) => x.choices[0].message.content), ['first', 'second']);
    assert.match(c.choices[0].message.content, /echo me please/);
    assert.ok(c.choices[0].message.reasoning);
  });

  it('lets respondWith override the queue and see the request', async () => {
    sim.enqueue({ content: 'queued' });
    sim.respondWith((body, req) => ({ content: `${(body as { model: string }).model} via ${req.region}` }));
    const r = (await (await chat(sim)).json()) as Completion;
    assert.strictEqual(r.choices[0].message.content, 'step-3.7-flash via global');
    sim.respondWith(undefined);
    assert.strictEqual(((await (await chat(sim)).json()) as Completion).choices[0].message.content, 'queued');
  });

  it('uses a custom fallback when given one', async () => {
    await withSimulator({ fallback: () => ({ content: 'custom default' }) }, async (s) => {
      assert.strictEqual(((await (await chat(s)).json()) as Completion).choices[0].message.content, 'custom default');
    });
  });

  it('reset clears the queue, records, files and respondWith', async () => {
    sim.enqueue({ content: 'stale' });
    sim.respondWith(() => ({ content: 'stale too' }));
    const form = new FormData();
    form.append('purpose', 'storage');
    form.append('file', new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }), 'x.png');
    await call(sim, '/files', form);
    sim.reset();
    assert.strictEqual(sim.requests.length, 0);
    assert.strictEqual(sim.files.size, 0);
    const r = (await (await chat(sim, { messages: [{ role: 'user', content: 'fresh' }] })).json()) as Completion;
    assert.match(r.choices[0].message.content, /fresh/);
  });

  it('close() ends idle keep-alive sockets and streams in progress at once', async () => {
    const s = await startSimulator();
    await stream(s, {}); // leaves an idle keep-alive connection
    // A minute between chunks: if close() waited for the stream, the test would time out.
    s.enqueue({ content: 'x'.repeat(4000), chunkDelayMs: 60_000 });
    const res = await chat(s, { stream: true });
    const body = res.text();
    await s.close();
    await assert.rejects(body);
    await assert.rejects(fetch(`${s.url()}/models`));
  });
});
