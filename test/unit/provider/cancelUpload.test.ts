import * as assert from 'assert';
import { createServer } from 'http';
import type { AddressInfo } from 'net';
import { createStepClient } from '../../../src/core/provider/client';
import { createLimiter } from '../../../src/core/provider/limiter';
import { resolveProfile } from '../../../src/core/provider/profiles';
import type { ChatRequest } from '../../../src/core/provider/types';
import { GLOBAL_KEY, harness, rejection, type Harness } from './simClient';

const ASK: ChatRequest = { messages: [{ role: 'user', content: 'Hi' }] };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('provider client: cancellation, uploads, unreachable servers', () => {
  let h: Harness;
  before(async () => {
    h = await harness('stepfun');
  });
  after(() => h.sim.close());
  beforeEach(() => h.sim.reset());

  it('abort mid-stream keeps the partial answer, marks it stopped, and fires no callback afterwards', async () => {
    h.sim.enqueue({ reasoning: 'think '.repeat(10), content: 'word '.repeat(400), tokensPerChunk: 1, chunkDelayMs: 3 });
    const controller = new AbortController();
    let content = '';
    let afterAbort = 0;
    const result = await h.client.streamChat(
      ASK,
      {
        onReasoning: () => {
          if (controller.signal.aborted) afterAbort++;
        },
        onContent: (t) => {
          if (controller.signal.aborted) afterAbort++;
          content += t;
          if (content.length >= 40) controller.abort();
        },
        onUsage: () => {
          if (controller.signal.aborted) afterAbort++;
        },
      },
      controller.signal,
    );
    await new Promise((r) => setTimeout(r, 50));
    assert.strictEqual(result.stopped, true);
    assert.strictEqual(result.content, content, 'result keeps exactly what was delivered');
    assert.ok(result.content.length >= 40 && result.content.length < 2000);
    assert.strictEqual(result.reasoning, 'think '.repeat(10));
    assert.strictEqual(afterAbort, 0);
    assert.ok(result.traceId);
  });

  it('abort while waiting for the first byte returns an empty stopped result', async () => {
    h.sim.enqueue({ content: 'late', firstByteDelayMs: 2000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const result = await h.client.streamChat(ASK, {}, controller.signal);
    assert.strictEqual(result.stopped, true);
    assert.strictEqual(result.content, '');
  });

  it('abort during a retry countdown stops the retries', async () => {
    h.sim.respondWith(() => ({ fault: { kind: 'status', status: 503 } }));
    const controller = new AbortController();
    const client = h.make({ retry: {} });
    const result = await client.streamChat(ASK, { onRetry: () => controller.abort() }, controller.signal);
    assert.strictEqual(result.stopped, true);
    assert.strictEqual(h.sim.requests.length, 1);
  });

  it('abort while queued behind the rate limiter leaves the queue', async () => {
    const limiter = createLimiter({ concurrency: 1 });
    const client = h.make({ limiter });
    h.sim.enqueue({ content: 'slow one', firstByteDelayMs: 300 });
    const first = client.streamChat(ASK);
    const controller = new AbortController();
    const positions: number[] = [];
    const second = client.streamChat(ASK, { onQueued: (p) => positions.push(p) }, controller.signal);
    await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    const stopped = await second;
    assert.strictEqual(stopped.stopped, true);
    assert.deepStrictEqual(positions, [1]);
    assert.strictEqual((await first).content, 'slow one');
    assert.strictEqual(limiter.queued, 0);
    assert.strictEqual(limiter.active, 0);
  });

  it('uploads a video with purpose storage, reporting progress up to the full size', async () => {
    const bytes = new Uint8Array(1_500_000).map((_, i) => i % 251);
    const progress: number[] = [];
    let total = 0;
    const file = await h.client.uploadFile({ bytes, filename: 'screen.mp4', mime: 'video/mp4' }, (p) => {
      progress.push(p.sentBytes);
      total = p.totalBytes;
    });
    assert.match(file.url, /^stepfile:\/\//);
    const stored = h.sim.files.get(file.id);
    assert.ok(stored);
    assert.strictEqual(stored.purpose, 'storage');
    assert.strictEqual(stored.bytes, bytes.byteLength);
    assert.ok(Buffer.from(bytes).equals(stored.data));
    assert.ok(progress.length > 3, `progress ticks ${progress.length}`);
    assert.deepStrictEqual([...progress].sort((a, b) => a - b), progress, 'progress only grows');
    assert.strictEqual(progress[progress.length - 1], total);
    assert.ok(total > bytes.byteLength, 'total is the multipart body size');
  });

  it('rejects uploads it cannot send, by name and before any request', async () => {
    const tooBig = { byteLength: 129 * 1024 * 1024 } as Uint8Array;
    const bad = await rejection(h.client.uploadFile({ bytes: new Uint8Array([1]), filename: 'notes.txt', mime: 'text/plain' }));
    assert.match(bad.message, /notes\.txt.*text\/plain/);
    const empty = await rejection(h.client.uploadFile({ bytes: new Uint8Array(), filename: 'a.mp4', mime: 'video/mp4' }));
    assert.match(empty.message, /empty/);
    const big = await rejection(h.client.uploadFile({ bytes: Object.setPrototypeOf(tooBig, Uint8Array.prototype), filename: 'big.mp4', mime: 'video/mp4' }));
    assert.match(big.message, /128 MB/);
    const elsewhere = await rejection(h.make({ provider: 'openrouter', model: 'step-3.7-flash' }).uploadFile({ bytes: new Uint8Array([1]), filename: 'a.mp4', mime: 'video/mp4' }));
    assert.match(elsewhere.message, /OpenRouter has no Files API/);
    assert.strictEqual(h.sim.requests.length, 0);
  });

  it('refuses images and video where the endpoint cannot take them, before sending', async () => {
    const textOnly = h.make({ provider: 'custom', vision: false, model: 'step-3.7-flash' });
    const img = await rejection(
      textOnly.streamChat({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] }] }),
    );
    assert.match(img.message, /not set up for images/);
    assert.ok(img.actions.includes('openSettings'));
    const openrouter = h.make({ provider: 'openrouter', model: 'step-3.7-flash' });
    const vid = await rejection(openrouter.streamChat({ messages: [{ role: 'user', content: [{ type: 'video_url', video_url: { url: 'stepfile://file-1' } }] }] }));
    assert.match(vid.message, /video is only supported on StepFun/);
    const badUrl = await rejection(h.client.streamChat({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'file:///etc/passwd' } }] }] }));
    assert.match(badUrl.message, /base64 data URL/);
    assert.strictEqual(h.sim.requests.length, 0);
  });

  it('says "No server at …" when nothing listens', async () => {
    const port = await freePort();
    const profile = resolveProfile({ provider: 'custom', baseUrl: `http://127.0.0.1:${port}/v1` });
    const client = createStepClient({ profile, retry: { maxAttempts: 1 } });
    const error = await rejection(client.streamChat(ASK));
    assert.strictEqual(error.kind, 'connection');
    assert.strictEqual(error.message, `No server at http://127.0.0.1:${port} — is the server running?`);
  });

  it('names the host when DNS fails', async () => {
    const profile = resolveProfile({ provider: 'custom', baseUrl: 'http://no-such-host.invalid/v1' });
    const error = await rejection(createStepClient({ profile, retry: { maxAttempts: 1 } }).listModels());
    assert.strictEqual(error.kind, 'connection');
    assert.match(error.message, /Could not find no-such-host\.invalid \(DNS lookup failed\)/);
  });

  it('a missing /v1 on a custom endpoint gets a hint on the 404', async () => {
    const root = h.sim.url('global').replace(/\/v1$/, '');
    const profile = resolveProfile({ provider: 'custom', baseUrl: root });
    const client = createStepClient({ profile, apiKey: GLOBAL_KEY });
    const error = await rejection(client.streamChat(ASK));
    assert.strictEqual(error.kind, 'not-found');
    assert.match(error.message, /try adding \/v1/);
    const models = await client.listModels();
    assert.strictEqual(models.listed, false);
    if (!models.listed) assert.match(models.message, /does not list models/);
  });
});
