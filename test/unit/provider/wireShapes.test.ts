/**
 * Wire shapes real servers send that the plain OpenAI shape does not cover, each through
 * createStepClient → streamChat over real HTTP, whole and split into small pieces: by the
 * simulator's own small writes, and by a client-side fetch that reads a few bytes at a time.
 */
import * as assert from 'assert';
import type { FetchLike } from '../../../src/core/provider/httpCapture';
import type { ChatRequest } from '../../../src/core/provider/types';
import type { Flavour, SimReply } from '../../sim/types';
import { harness, rejection, type Harness } from './simClient';
import { splitFetch } from './splitFetch';

const ASK: ChatRequest = { messages: [{ role: 'user', content: 'Explain the cart.' }], effort: 'high' };

interface Mode {
  name: string;
  reply: Partial<SimReply>;
  fetch?: FetchLike;
}

const MODES: Mode[] = [
  { name: 'whole', reply: {} },
  { name: 'in 7-byte server writes', reply: { writeBytes: 7 } },
  { name: 'read 5 bytes at a time', reply: {}, fetch: splitFetch(5) },
];

function withMode(h: Harness, mode: Mode, extra: Parameters<Harness['make']>[0] = {}) {
  return h.make({ ...(mode.fetch ? { fetch: mode.fetch } : {}), ...extra });
}

describe('provider client: wire shapes beyond the plain OpenAI stream', function () {
  for (const mode of MODES) {
    describe(mode.name, () => {
      const started = new Map<string, Harness>();
      const on = async (flavour: Flavour, options: Parameters<typeof harness>[1] = {}): Promise<Harness> => {
        const key = `${flavour} ${JSON.stringify(options)}`;
        const h = started.get(key) ?? (await harness(flavour, options));
        started.set(key, h);
        h.sim.reset();
        return h;
      };
      after(async () => {
        for (const h of started.values()) await h.sim.close();
      });

      it('content sent as a list of parts: text parts are the answer, thinking parts the reasoning (stream)', async () => {
        const h = await on('vllm');
        const reasoning = 'First the totals, then the discount — “ünïcödé” survives splitting. ';
        const content = 'The cart sums line items; the discount comes last. ✓ '.repeat(6);
        h.sim.enqueue({ reasoning, content, contentShape: 'parts', tokensPerChunk: [1, 5], ...mode.reply });
        let streamed = '';
        let thought = '';
        const result = await withMode(h, mode).streamChat(ASK, { onContent: (t) => (streamed += t), onReasoning: (t) => (thought += t) });
        assert.strictEqual(result.content, content);
        assert.strictEqual(result.reasoning, reasoning);
        assert.strictEqual(streamed, content);
        assert.strictEqual(thought, reasoning);
        assert.strictEqual(result.finishReason, 'stop');
      });

      it('content sent as a list of parts in a non-stream completion', async () => {
        const h = await on('vllm');
        h.sim.enqueue({ reasoning: 'Short thought.', content: 'Short answer.', contentShape: 'parts', ...mode.reply });
        const result = await withMode(h, mode).complete(ASK);
        assert.strictEqual(result.content, 'Short answer.');
        assert.strictEqual(result.reasoning, 'Short thought.');
      });

      it('an empty answer that ends with "stop" and no tool call is an error the user reads, not a blank success', async () => {
        const h = await on('stepfun');
        h.sim.enqueue({ content: '', reasoning: '', ...mode.reply });
        const error = await rejection(withMode(h, mode).streamChat(ASK));
        assert.strictEqual(error.kind, 'empty-answer');
        assert.match(error.message, /finish_reason "stop"/);
        assert.match(error.message, /no text and no tool call/);
        assert.deepStrictEqual(error.actions, ['retry', 'copyDiagnostics']);
        assert.strictEqual(h.sim.requests.length, 1, 'an empty answer is reported, not silently retried');
        h.sim.enqueue({ content: '', reasoning: '', ...mode.reply });
        assert.strictEqual((await rejection(withMode(h, mode).complete(ASK))).kind, 'empty-answer');
      });

      it('an empty answer whose reasoning holds the reply is still an answer', async () => {
        const h = await on('stepfun');
        h.sim.enqueue({ content: '', reasoning: 'The answer is 4.', ...mode.reply });
        const result = await withMode(h, mode).streamChat(ASK);
        assert.strictEqual(result.answerText, 'The answer is 4.');
      });

      it('an OpenRouter 402 nested one level deeper keeps the server sentence and says to raise the key limit', async () => {
        const h = await on('openrouter');
        const sentence = 'More credits are required for this request. To increase, create a key with a higher limit';
        h.sim.enqueue({ fault: { kind: 'status', status: 402, body: 'nested', message: sentence }, ...mode.reply });
        const error = await rejection(withMode(h, mode).streamChat(ASK));
        assert.strictEqual(error.kind, 'balance');
        assert.strictEqual(error.status, 402);
        assert.ok(error.message.includes(sentence), error.message);
        assert.match(error.message, /Raise the key's limit/);
        assert.match(error.message, /openrouter\.ai\/settings\/keys/);
        assert.doesNotMatch(error.message, /^Top up/);
      });

      it('a nested 402 about the balance itself still offers the top-up page, with the server sentence', async () => {
        const h = await on('openrouter');
        h.sim.enqueue({ fault: { kind: 'status', status: 402, body: 'nested', message: 'Insufficient credits on the account' }, ...mode.reply });
        const error = await rejection(withMode(h, mode).streamChat(ASK));
        assert.strictEqual(error.kind, 'balance');
        assert.match(error.message, /"Insufficient credits on the account"/);
        assert.ok(error.actions.includes('openTopUp'));
      });

      it('a vLLM 400 refusing the effort says the extension sent it and offers the named levels or no effort', async () => {
        const h = await on('vllm', { effortLevels: ['low', 'medium'] });
        const error = await rejection(withMode(h, mode).streamChat(ASK));
        assert.strictEqual(error.kind, 'bad-request');
        assert.strictEqual(error.title, 'Effort level refused');
        assert.match(error.message, /refused the reasoning effort "high" that Step Flash sent as reasoning_effort/);
        assert.match(error.message, /Unexpected reasoning effort high\. Supported types are: low, medium/);
        assert.match(error.message, /stepFlash\.customSendEffort/);
        assert.deepStrictEqual(error.effortRejected, { sent: 'high', supported: ['low', 'medium'] });
        assert.deepStrictEqual(error.actions, ['useSupportedEffort', 'stopSendingEffort', 'copyDiagnostics']);
      });

      it('after "use a supported level" the nearest level the server named is sent, and the answer arrives', async () => {
        const h = await on('vllm', { effortLevels: ['low', 'medium'] });
        h.sim.enqueue({ content: 'Answered at medium.', ...mode.reply });
        const client = withMode(h, mode, { profile: { ...h.profile, effortLevels: ['low', 'medium'] } });
        const result = await client.streamChat(ASK);
        assert.strictEqual(result.content, 'Answered at medium.');
        assert.strictEqual(result.effortSent, 'medium');
        assert.strictEqual((h.sim.requests[0]!.body as { reasoning_effort?: string }).reasoning_effort, 'medium');
      });

      it('with effort not sent (customSendEffort off) the same server answers', async () => {
        const h = await on('vllm', { effortLevels: ['low', 'medium'] });
        h.sim.enqueue({ content: 'No effort field.', ...mode.reply });
        const client = withMode(h, mode, { profile: { ...h.profile, effortStyle: 'none' } });
        const result = await client.streamChat(ASK);
        assert.strictEqual(result.content, 'No effort field.');
        assert.strictEqual((h.sim.requests[0]!.body as { reasoning_effort?: string }).reasoning_effort, undefined);
      });

      it('a stream cut after tool-call deltas keeps the tool calls built so far on the error', async () => {
        const h = await on('stepfun');
        const args = JSON.stringify({ path: 'src/cart.ts', reason: 'the totals live there '.repeat(4) });
        h.sim.enqueue({ content: 'Reading first.', toolCalls: [{ id: 'call_keep', name: 'read_file', arguments: args }], tokensPerChunk: 2, fault: { kind: 'cut', afterChunks: 12 }, ...mode.reply });
        const error = await rejection(withMode(h, mode).streamChat(ASK));
        assert.strictEqual(error.kind, 'stream-cut');
        assert.strictEqual(error.partial?.content, 'Reading first.');
        const calls = error.partial?.toolCalls ?? [];
        assert.strictEqual(calls.length, 1);
        assert.strictEqual(calls[0]!.id, 'call_keep');
        assert.strictEqual(calls[0]!.function.name, 'read_file');
        assert.ok(calls[0]!.function.arguments.length > 0 && args.startsWith(calls[0]!.function.arguments), calls[0]!.function.arguments);
        assert.ok(calls[0]!.function.arguments.length < args.length, 'the arguments stop where the stream was cut');
      });
    });
  }
});
