import * as assert from 'assert';
import type { ChatRequest, ToolCall } from '../../../src/core/provider/types';
import type { Flavour } from '../../sim/types';
import { harness, modelFor, usageOf, type Harness } from './simClient';

const ASK: ChatRequest = { messages: [{ role: 'user', content: 'Explain the cart.' }], effort: 'medium' };
const FLAVOURS: Flavour[] = ['stepfun', 'openrouter', 'vllm', 'sglang'];

describe('provider client: every flavour over real HTTP', function () {
  for (const flavour of FLAVOURS) {
    describe(flavour, () => {
      let h: Harness;
      before(async () => {
        h = await harness(flavour);
      });
      after(() => h.sim.close());
      beforeEach(() => h.sim.reset());

      it('streams reasoning and content once each, in order, with usage and a trace id', async () => {
        const reasoning = 'First I read the cart module. Then I look at totals. '.repeat(20);
        const content = 'The cart sums line items and applies the discount last. '.repeat(30);
        h.sim.enqueue({ reasoning, content, tokensPerChunk: [1, 7], promptTokens: 1200, cachedTokens: 512 });
        const seen: string[] = [];
        let contentText = '';
        let reasoningText = '';
        const result = await h.client.streamChat(ASK, {
          onContent: (t) => {
            contentText += t;
            seen.push('c');
          },
          onReasoning: (t) => {
            reasoningText += t;
            seen.push('r');
          },
        });
        assert.strictEqual(result.content, content);
        assert.strictEqual(result.reasoning, reasoning, 'reasoning must not be doubled or lost');
        assert.strictEqual(contentText, content);
        assert.strictEqual(reasoningText, reasoning);
        assert.strictEqual(seen.indexOf('c'), seen.lastIndexOf('r') + 1, 'all reasoning precedes content');
        assert.strictEqual(result.finishReason, 'stop');
        assert.strictEqual(result.stopped, false);
        const usage = usageOf(result.usage);
        assert.strictEqual(usage.promptTokens, 1200);
        assert.strictEqual(usage.cachedTokens, 512);
        assert.ok(usage.completionTokens > 100, `completion tokens ${usage.completionTokens}`);
        assert.ok(result.cost.usd !== undefined && result.cost.usd > 0, JSON.stringify(result.cost));
        if (flavour === 'openrouter') assert.strictEqual(result.cost.source, 'provider');
        else assert.strictEqual(result.cost.source, 'price-table');
        assert.ok(result.traceId, 'trace id (header or completion id)');
      });

      it('sends effort the way the provider expects', async () => {
        h.sim.enqueue({ content: 'ok' });
        await h.client.streamChat({ ...ASK, effort: 'high' });
        const body = h.sim.requests[0]!.body as Record<string, unknown>;
        assert.strictEqual(body.model, modelFor(flavour));
        if (flavour === 'openrouter') {
          assert.deepStrictEqual(body.reasoning, { effort: 'high' });
          assert.strictEqual(body.reasoning_effort, undefined);
        } else {
          assert.strictEqual(body.reasoning_effort, 'high');
        }
        if (flavour === 'vllm' || flavour === 'sglang') assert.deepStrictEqual(body.stream_options, { include_usage: true });
        else assert.strictEqual(body.stream_options, undefined);
      });

      for (const omitToolCallIndex of [false, true]) {
        it(`assembles two streamed tool calls ${omitToolCallIndex ? 'without' : 'with'} index`, async () => {
          const calls = [
            { name: 'read_file', arguments: JSON.stringify({ path: 'src/cart.ts', reason: 'x'.repeat(80) }) },
            { name: 'list_dir', arguments: JSON.stringify({ path: 'src' }) },
          ];
          h.sim.enqueue({ reasoning: 'I need files.', toolCalls: calls, omitToolCallIndex, tokensPerChunk: 2 });
          const updates: ToolCall[][] = [];
          const result = await h.client.streamChat(
            { ...ASK, tools: [{ type: 'function', function: { name: 'read_file', parameters: { type: 'object' } } }, { type: 'function', function: { name: 'list_dir' } }] },
            { onToolCalls: (c) => updates.push(c) },
          );
          assert.strictEqual(result.finishReason, 'tool_calls');
          assert.deepStrictEqual(
            result.toolCalls.map((c) => [c.function.name, c.function.arguments]),
            calls.map((c) => [c.name, c.arguments]),
          );
          assert.ok(result.toolCalls.every((c) => c.id && c.type === 'function'));
          assert.notStrictEqual(result.toolCalls[0]!.id, result.toolCalls[1]!.id);
          assert.ok(updates.length > 2);
          const body = h.sim.requests[0]!.body as Record<string, unknown>;
          assert.strictEqual(body.tool_choice, 'auto');
        });
      }

      it('sends a tool result turn back and takes an answer that arrives only as reasoning', async () => {
        h.sim.enqueue({ reasoning: 'The file defines addItem and total.', content: '' });
        const result = await h.client.streamChat({
          messages: [
            { role: 'user', content: 'What is in cart.ts?' },
            { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'read_file', arguments: '{"path":"cart.ts"}' } }] },
            { role: 'tool', tool_call_id: 'call_1', content: 'export function total() {}' },
          ],
        });
        assert.strictEqual(result.content, '');
        assert.strictEqual(result.answerText, 'The file defines addItem and total.');
        const sent = (h.sim.requests[0]!.body as { messages: unknown[] }).messages;
        assert.deepStrictEqual(sent[2], { role: 'tool', tool_call_id: 'call_1', content: 'export function total() {}' });
      });

      it('complete() returns the same parts without streaming', async () => {
        h.sim.enqueue({ reasoning: 'thinking', content: 'answer', promptTokens: 40 });
        const result = await h.client.complete(ASK);
        assert.strictEqual(result.content, 'answer');
        assert.strictEqual(result.reasoning, 'thinking');
        assert.strictEqual(usageOf(result.usage).promptTokens, 40);
        assert.strictEqual((h.sim.requests[0]!.body as { stream?: boolean }).stream, false);
      });

      it('lists the models the endpoint serves', async () => {
        const list = await h.client.listModels();
        assert.ok(list.listed);
        if (list.listed) assert.ok(list.ids.includes(modelFor(flavour)), list.ids.join());
      });
    });
  }

  describe('stepfun wire variants', () => {
    let h: Harness;
    before(async () => {
      h = await harness('stepfun');
    });
    after(() => h.sim.close());

    it('treats "" mid-stream finish_reason as not finished and tolerates keep-alive comments', async () => {
      h.sim.enqueue({ content: 'one two three four five six', midStreamFinishReason: '', keepAliveComments: true, tokensPerChunk: 1 });
      const result = await h.client.streamChat(ASK);
      assert.strictEqual(result.content, 'one two three four five six');
      assert.strictEqual(result.finishReason, 'stop');
    });

    it('keeps the X-Trace-Id header on the result', async () => {
      h.sim.reset();
      h.sim.enqueue({ content: 'hi' });
      const result = await h.client.streamChat(ASK);
      assert.match(result.traceId ?? '', /^[0-9a-f]{32}$/);
    });

    it('sends images with detail and stepfile videos, and history on StepFun', async () => {
      h.sim.reset();
      h.sim.enqueue({ content: 'I see a red square.' });
      const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
      const up = await h.client.uploadFile({ bytes: new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112]), filename: 'clip.mp4', mime: 'video/mp4' });
      const result = await h.client.streamChat({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is this?' },
              { type: 'image_url', image_url: { url: png, detail: 'high' } },
              { type: 'video_url', video_url: { url: up.url } },
            ],
          },
        ],
      });
      assert.strictEqual(result.content, 'I see a red square.');
      const chat = h.sim.requests.find((r) => r.path === '/v1/chat/completions')!;
      const parts = (chat.body as { messages: { content: { type: string }[] }[] }).messages[0]!.content;
      assert.deepStrictEqual(
        parts.map((p) => p.type),
        ['text', 'image_url', 'video_url'],
      );
    });
  });
});
