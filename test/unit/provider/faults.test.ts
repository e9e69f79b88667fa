import * as assert from 'assert';
import type { StepErrorKind } from '../../../src/core/provider/errors';
import type { ChatRequest } from '../../../src/core/provider/types';
import type { Flavour, SimFault } from '../../sim/types';
import { GLOBAL_KEY, harness, rejection, total, type Harness } from './simClient';

const ASK: ChatRequest = { messages: [{ role: 'user', content: 'Hi' }] };
type StatusFault = Extract<SimFault, { kind: 'status' }>;

/** Status → what the user must get. `retries`: the client retries it (4 tries by default). */
const STATUS_MATRIX: { status: StatusFault['status']; kind: StepErrorKind; retries: boolean; mentions: RegExp }[] = [
  { status: 400, kind: 'bad-request', retries: false, mentions: /Invalid request parameters/ },
  { status: 402, kind: 'balance', retries: false, mentions: /platform\.stepfun\.ai|openrouter\.ai\/settings\/credits|balance/ },
  { status: 404, kind: 'not-found', retries: false, mentions: /404/ },
  { status: 429, kind: 'rate-limited', retries: true, mentions: /429/ },
  { status: 451, kind: 'moderation', retries: false, mentions: /moderation/ },
  { status: 500, kind: 'server', retries: true, mentions: /500/ },
  { status: 503, kind: 'overloaded', retries: true, mentions: /503/ },
  { status: 504, kind: 'gateway-timeout', retries: true, mentions: /504/ },
];

describe('provider client: simulator faults', function () {
  for (const flavour of ['stepfun', 'openrouter', 'vllm', 'sglang'] as Flavour[]) {
    describe(`HTTP statuses on ${flavour}`, () => {
      let h: Harness;
      before(async () => {
        h = await harness(flavour);
      });
      after(() => h.sim.close());
      beforeEach(() => {
        h.sim.reset();
        h.sleep.waits.length = 0;
      });

      for (const row of STATUS_MATRIX) {
        it(`${row.status} → ${row.kind}${row.retries ? ', retried up to 4 tries' : ', not retried'}`, async () => {
          h.sim.respondWith(() => ({ fault: { kind: 'status', status: row.status } }));
          const error = await rejection(h.client.streamChat(ASK));
          assert.strictEqual(error.kind, row.kind);
          assert.strictEqual(error.status, row.status);
          assert.match(error.message, row.mentions);
          assert.ok(!/status code \(no body\)/.test(error.message), error.message);
          assert.ok(!error.message.includes(GLOBAL_KEY));
          assert.ok(error.actions.length > 0, 'every error offers an action');
          const chats = h.sim.requests.filter((r) => r.path.endsWith('/chat/completions')).length;
          assert.strictEqual(chats, row.retries ? 4 : 1);
          if (flavour === 'stepfun') assert.ok(error.traceId, 'StepFun errors carry X-Trace-Id');
        });
      }

      it('a retried 503 that then succeeds returns the answer and reports each retry', async () => {
        h.sim.enqueue({ fault: { kind: 'status', status: 503 } }, { fault: { kind: 'status', status: 503 } }, { content: 'finally' });
        const retries: number[] = [];
        const result = await h.client.streamChat(ASK, { onRetry: (r) => retries.push(r.attempt) });
        assert.strictEqual(result.content, 'finally');
        assert.strictEqual(result.attempts, 3);
        assert.deepStrictEqual(retries, [1, 2]);
        // random() is pinned to 0: backoff 1 s then 2 s.
        assert.strictEqual(total(h.sleep.waits), 3000);
      });

      it('400 names the parameter the server blamed', async () => {
        const error = await rejection(h.client.streamChat({ ...ASK, model: 'no-such-model' }));
        if (flavour === 'vllm') {
          assert.strictEqual(error.kind, 'not-found');
          assert.match(error.message, /no-such-model/);
        } else {
          assert.strictEqual(error.kind, 'bad-request');
          assert.match(error.message, /no-such-model/);
        }
      });
    });
  }

  describe('retry-after headers', () => {
    let h: Harness;
    before(async () => {
      h = await harness('stepfun');
    });
    after(() => h.sim.close());
    beforeEach(() => {
      h.sim.reset();
      h.sleep.waits.length = 0;
    });

    it('honours retry-after in seconds, ticking a countdown each second', async () => {
      h.sim.enqueue({ fault: { kind: 'status', status: 429, retryAfterSeconds: 3 } }, { content: 'ok' });
      const ticks: number[] = [];
      const waits: number[] = [];
      const result = await h.client.streamChat(ASK, { onCountdown: (s) => ticks.push(s), onRetry: (r) => waits.push(r.waitMs) });
      assert.strictEqual(result.content, 'ok');
      assert.deepStrictEqual(waits, [3000]);
      assert.deepStrictEqual(ticks, [3, 2, 1]);
      assert.deepStrictEqual(h.sleep.waits, [1000, 1000, 1000]);
    });

    it('prefers retry-after-ms over retry-after', async () => {
      h.sim.enqueue({ fault: { kind: 'status', status: 429, retryAfterMs: 1500, retryAfterSeconds: 9 } }, { content: 'ok' });
      await h.client.streamChat(ASK);
      assert.deepStrictEqual(h.sleep.waits, [500, 1000]);
    });

    it('uses exponential backoff when no header is sent', async () => {
      h.sim.respondWith(() => ({ fault: { kind: 'status', status: 429 } }));
      const waits: number[] = [];
      const error = await rejection(h.client.streamChat(ASK, { onRetry: (r) => waits.push(r.waitMs) }));
      assert.strictEqual(error.kind, 'rate-limited');
      assert.deepStrictEqual(waits, [1000, 2000, 4000]);
    });

    it('does not sit out a server wait longer than two minutes: the error says how long', async () => {
      h.sim.enqueue({ fault: { kind: 'status', status: 429, retryAfterSeconds: 3600 } });
      const error = await rejection(h.client.streamChat(ASK));
      assert.match(error.message, /3600 s/);
      assert.deepStrictEqual(h.sleep.waits, []);
    });
  });

  describe('401 bodies', () => {
    for (const unauthorizedBody of ['json', 'empty'] as const) {
      it(`a refused key on OpenRouter with a ${unauthorizedBody} body says what to do`, async () => {
        const h = await harness('openrouter', { unauthorizedBody });
        try {
          const client = h.make({ apiKey: 'sk-or-wrong-key-1234567890' });
          const error = await rejection(client.streamChat(ASK));
          assert.strictEqual(error.kind, 'unauthorized');
          assert.strictEqual(error.status, 401);
          assert.ok(error.actions.includes('setApiKey'));
          assert.match(error.message, /openrouter\.ai\/settings\/keys/);
          assert.match(error.message, unauthorizedBody === 'json' ? /Incorrect API key/ : /gave no reason/);
          assert.ok(!error.message.includes('sk-or-wrong-key-1234567890'));
        } finally {
          await h.sim.close();
        }
      });
    }
  });

  describe('stream faults', () => {
    let h: Harness;
    before(async () => {
      h = await harness('stepfun');
    });
    after(() => h.sim.close());
    beforeEach(() => {
      h.sim.reset();
      h.sleep.waits.length = 0;
    });

    const text = 'a fairly long answer that streams in many chunks '.repeat(10);

    it('a stream that just ends without finish_reason or [DONE] is a cut, keeping the partial', async () => {
      h.sim.enqueue({ content: text, tokensPerChunk: 2, fault: { kind: 'cut', afterChunks: 5 } });
      let delivered = '';
      const error = await rejection(h.client.streamChat(ASK, { onContent: (t) => (delivered += t) }));
      assert.strictEqual(error.kind, 'stream-cut');
      assert.match(error.message, /without a finish_reason or \[DONE\]/);
      assert.ok(error.partial && error.partial.content.length > 0);
      assert.strictEqual(error.partial.content, delivered);
      assert.ok(text.startsWith(error.partial.content));
      assert.strictEqual(h.sim.requests.length, 1, 'never retried once tokens were delivered');
      assert.ok(error.traceId);
    });

    it('an abrupt socket close mid-body is a cut too', async () => {
      // Paced, so the simulator's earlier chunks leave its buffer before it destroys the socket.
      h.sim.enqueue({ content: text, tokensPerChunk: 2, chunkDelayMs: 2, fault: { kind: 'cut', afterChunks: 5, abrupt: true } });
      const error = await rejection(h.client.streamChat(ASK));
      assert.strictEqual(error.kind, 'stream-cut');
      assert.ok(error.partial && error.partial.content.length > 0);
    });

    it('a cut before any token is retried', async () => {
      h.sim.enqueue({ content: text, fault: { kind: 'cut', afterChunks: 1 } }, { content: 'second try' });
      const result = await h.client.streamChat(ASK);
      assert.strictEqual(result.content, 'second try');
      assert.strictEqual(result.attempts, 2);
    });

    it('a malformed chunk is reported as such, with the partial answer', async () => {
      h.sim.enqueue({ content: text, tokensPerChunk: 2, fault: { kind: 'malformed', afterChunks: 4 } });
      const error = await rejection(h.client.streamChat(ASK));
      assert.strictEqual(error.kind, 'malformed-chunk');
      assert.match(error.message, /not valid JSON/);
      assert.ok(error.partial && error.partial.content.length > 0);
    });

    for (const flavour of ['stepfun', 'openrouter', 'vllm'] as Flavour[]) {
      it(`a mid-stream error frame on ${flavour} shows the server's message`, async () => {
        const hf = await harness(flavour);
        try {
          hf.sim.enqueue({ content: text, tokensPerChunk: 2, fault: { kind: 'errorFrame', afterChunks: 3, message: 'Upstream GPU fell over' } });
          const error = await rejection(hf.client.streamChat(ASK));
          assert.strictEqual(error.kind, 'stream-error');
          assert.match(error.message, /Upstream GPU fell over/);
          assert.strictEqual(error.status, undefined);
          assert.ok(error.partial && error.partial.content.length > 0);
        } finally {
          await hf.sim.close();
        }
      });
    }

    it('a connection reset before any response is retried, then reported by name', async () => {
      h.sim.respondWith(() => ({ fault: { kind: 'reset' } }));
      const error = await rejection(h.client.streamChat(ASK));
      assert.strictEqual(error.kind, 'connection');
      assert.match(error.message, /reset/);
      assert.strictEqual(h.sim.requests.length, 4);
    });

    it('a slow first byte within the timeout is just slow', async () => {
      h.sim.enqueue({ content: 'late but fine', firstByteDelayMs: 150 });
      const result = await h.client.streamChat(ASK);
      assert.strictEqual(result.content, 'late but fine');
    });

    it('a first byte later than the timeout is a timeout, not a hang', async () => {
      const client = h.make({ firstByteTimeoutMs: 100, retry: { maxAttempts: 1 } });
      h.sim.enqueue({ content: 'too late', firstByteDelayMs: 1000 });
      const error = await rejection(client.streamChat(ASK));
      assert.strictEqual(error.kind, 'timeout');
      assert.match(error.message, /did not start answering within 100 ms/);
    });

    it('a stream that stalls between chunks is a timeout with the partial kept', async () => {
      const client = h.make({ idleTimeoutMs: 100 });
      h.sim.enqueue({ content: 'one two three four', tokensPerChunk: 1, chunkDelayMs: 600 });
      const error = await rejection(client.streamChat(ASK));
      assert.strictEqual(error.kind, 'timeout');
      assert.match(error.message, /sent nothing/);
    });

    it('keep-alive comments between paced chunks are ignored', async () => {
      h.sim.enqueue({ content: 'paced answer here', tokensPerChunk: 1, chunkDelayMs: 5, keepAliveComments: true });
      const result = await h.client.streamChat(ASK);
      assert.strictEqual(result.content, 'paced answer here');
    });
  });
});
