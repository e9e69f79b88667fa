import * as assert from 'assert';
import { chat, choices, joined, stream, useSimulator } from './helpers';

describe('simulator: OpenRouter, vLLM and SGLang stream shapes', () => {
  describe('openrouter', () => {
    const sim = useSimulator({ flavour: 'openrouter' });
    const model = 'stepfun/step-3.7-flash';

    it('sends reasoning with reasoning_details, a processing comment, provider and native_finish_reason', async () => {
      sim.enqueue({ reasoning: 'Considering options.', content: 'Pick B.' });
      const { res, sse } = await stream(sim, { model });
      assert.match(res.headers.get('x-generation-id') ?? '', /^gen-\d+-[0-9a-f]+$/);
      assert.ok(sse.comments.includes('OPENROUTER PROCESSING'));
      assert.strictEqual(joined(sse, 'reasoning'), 'Considering options.');
      const details = choices(sse).flatMap((c) => (c.delta.reasoning_details as { type: string; text: string }[] | undefined) ?? []);
      assert.strictEqual(details.map((d) => d.text).join(''), 'Considering options.');
      assert.ok(details.every((d) => d.type === 'reasoning.text'));
      assert.strictEqual(joined(sse, 'content'), 'Pick B.');
      assert.ok(sse.events.every((e) => e.provider === 'StepFun'));
      const cs = choices(sse);
      assert.strictEqual(cs[cs.length - 1].native_finish_reason, 'stop');
      assert.ok(sse.done);
    });

    it('puts usage with cached/reasoning details and cost in the last chunk only', async () => {
      sim.enqueue({ reasoning: 'r'.repeat(400), content: 'c'.repeat(400), promptTokens: 1000, cachedTokens: 500 });
      const { sse } = await stream(sim, { model });
      const withUsage = sse.events.filter((e) => e.usage);
      assert.strictEqual(withUsage.length, 1);
      assert.strictEqual(withUsage[0], sse.events[sse.events.length - 1]);
      const u = withUsage[0].usage as Record<string, unknown>;
      assert.deepStrictEqual(u.prompt_tokens_details, { cached_tokens: 500 });
      assert.deepStrictEqual(u.completion_tokens_details, { reasoning_tokens: 100 });
      assert.strictEqual(u.completion_tokens, 200);
      // 500 fresh at $0.20/M + 500 cached at $0.04/M + 200 out at $1.15/M.
      assert.strictEqual(u.cost, (500 * 0.2 + 500 * 0.04 + 200 * 1.15) / 1e6);
    });

    it('withholds the reasoning text when reasoning.exclude is set, yet counts its tokens', async () => {
      sim.enqueue({ reasoning: 'secret '.repeat(10), content: 'ok' });
      const { sse } = await stream(sim, { model, reasoning: { exclude: true } });
      assert.strictEqual(joined(sse, 'reasoning'), '');
      const u = sse.events[sse.events.length - 1].usage as { completion_tokens_details: { reasoning_tokens: number } };
      assert.strictEqual(u.completion_tokens_details.reasoning_tokens, 18);
    });

    it('answers non-stream with message.reasoning and reasoning_details', async () => {
      sim.enqueue({ reasoning: 'hmm', content: 'yes' });
      const body = (await (await chat(sim, { model })).json()) as { choices: { message: Record<string, unknown> }[] };
      assert.strictEqual(body.choices[0].message.reasoning, 'hmm');
      assert.deepStrictEqual(body.choices[0].message.reasoning_details, [{ type: 'reasoning.text', text: 'hmm', format: 'unknown', index: 0 }]);
    });
  });

  describe('vllm', () => {
    const sim = useSimulator({ flavour: 'vllm' });
    const model = 'step3p7-flash';

    it('streams delta.reasoning with an x-request-id header and no usage unless asked', async () => {
      sim.enqueue({ reasoning: 'vllm thinks', content: 'vllm says' });
      const { res, sse } = await stream(sim, { model });
      assert.match(res.headers.get('x-request-id') ?? '', /^chatcmpl-[0-9a-f]{32}$/);
      assert.strictEqual(joined(sse, 'reasoning'), 'vllm thinks');
      assert.strictEqual(joined(sse, 'reasoning_content'), '');
      assert.strictEqual(joined(sse, 'content'), 'vllm says');
      assert.ok(sse.events.every((e) => !('usage' in e)));
      assert.ok(sse.done);
    });

    it('adds a trailing usage-only chunk when stream_options.include_usage is set', async () => {
      sim.enqueue({ content: 'x'.repeat(40) });
      const { sse } = await stream(sim, { model, stream_options: { include_usage: true } });
      const last = sse.events[sse.events.length - 1];
      assert.deepStrictEqual(last.choices, []);
      assert.strictEqual((last.usage as Record<string, number>).completion_tokens, 10);
      assert.ok(sse.events.slice(0, -1).every((e) => e.usage === null));
    });
  });

  describe('sglang', () => {
    const sim = useSimulator({ flavour: 'sglang' });

    it('streams delta.reasoning_content', async () => {
      sim.enqueue({ reasoning: 'sglang thinks', content: 'sglang says' });
      const { sse } = await stream(sim, { model: 'step3p7-flash' });
      assert.strictEqual(joined(sse, 'reasoning_content'), 'sglang thinks');
      assert.strictEqual(joined(sse, 'reasoning'), '');
      assert.strictEqual(joined(sse, 'content'), 'sglang says');
    });
  });
});
