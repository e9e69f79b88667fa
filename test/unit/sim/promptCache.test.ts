import * as assert from 'assert';
import { PromptCache, promptBlocks } from '../../sim/promptCache';
import { startSimulator } from '../../sim/server';
import type { Flavour, Simulator } from '../../sim/types';
import { createStepClient } from '../../../src/core/provider/client';
import { profileFor, providerFor, modelFor } from '../provider/simClient';
import { call, stream } from './helpers';

/** Text of exactly `tokens` simulator tokens (4 characters each), distinct per `seed`. */
const text = (tokens: number, seed = 'a'): string => `${seed}${'x'.repeat(tokens * 4 - seed.length)}`;
const user = (content: unknown) => ({ role: 'user', content });
const body = (messages: unknown[], extra: Record<string, unknown> = {}) => ({ model: 'step-3.7-flash', messages, ...extra });
const PNG_A = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPgPAAEDAQAIicLsAAAAAElFTkSuQmCC';
const PNG_B = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==';
const image = (url: string) => ({ type: 'image_url', image_url: { url } });
const TOOLS = [{ type: 'function', function: { name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } } } } }];

describe('simulator: prefix-cache model', () => {
  describe('the model itself', () => {
    let clock = 0;
    const cache = (options = {}) => new PromptCache({ now: () => clock, ...options });
    beforeEach(() => (clock = 1_000_000));

    it('misses on first sight, then reports the repeated prefix in whole 64-token blocks', () => {
      const c = cache();
      const first = body([{ role: 'system', content: text(600) }, user('hello')]);
      assert.deepStrictEqual(c.serve('k', first), { promptTokens: 4 + 600 + 4 + 2, cachedTokens: 0 });
      const second = body([{ role: 'system', content: text(600) }, user('a different question entirely')]);
      // The system message (604 tokens with its header) is shared; 9 whole blocks of 64 = 576 fit inside it.
      assert.strictEqual(c.serve('k', second).cachedTokens, 576);
      assert.strictEqual(c.serve('k', second).cachedTokens, Math.floor(c.serve('k', second).promptTokens / 64) * 64, 'an identical prompt is cached up to its last whole block');
    });

    it('reports nothing below the 256-token floor, and 256 as soon as four blocks repeat', () => {
      const c = cache();
      c.serve('k', body([user(text(200) + text(400, 'b'))]));
      assert.strictEqual(c.serve('k', body([user(text(200) + text(400, 'c'))])).cachedTokens, 0, '204 shared tokens are below the floor');
      c.serve('k', body([user(text(260) + text(400, 'b'))]));
      assert.strictEqual(c.serve('k', body([user(text(260) + text(400, 'd'))])).cachedTokens, 256, '264 shared tokens: four whole blocks');
    });

    it('forgets a prefix not served for longer than the time-to-live; serving it again keeps it alive', () => {
      const c = cache({ ttlMs: 60_000 });
      const b = body([user(text(1000))]);
      c.serve('k', b);
      clock += 59_000;
      assert.ok(c.serve('k', b).cachedTokens > 0, 'still cached within the TTL');
      clock += 59_000;
      assert.ok(c.serve('k', b).cachedTokens > 0, 'the last hit refreshed it');
      clock += 60_001;
      assert.strictEqual(c.serve('k', b).cachedTokens, 0, 'expired');
      assert.ok(c.serve('k', b).cachedTokens > 0, 'the expired request was cached afresh');
    });

    it('keeps each API key to itself', () => {
      const c = cache();
      const b = body([user(text(1000))]);
      c.serve('key-a', b);
      assert.strictEqual(c.serve('key-b', b).cachedTokens, 0);
      assert.ok(c.serve('key-a', b).cachedTokens > 0);
    });

    it('counts tool definitions first: other tools share no prefix, the same tools do', () => {
      const c = cache();
      const messages = [user(text(1000))];
      c.serve('k', body(messages, { tools: TOOLS }));
      assert.ok(c.serve('k', body(messages, { tools: TOOLS })).cachedTokens >= 960);
      const renamed = [{ ...TOOLS[0], function: { ...TOOLS[0].function, name: 'open_file' } }];
      assert.strictEqual(c.serve('k', body(messages, { tools: renamed })).cachedTokens, 0);
      assert.strictEqual(c.serve('k', body(messages)).cachedTokens, 0, 'no tools is another prefix too');
    });

    it('counts an image as 400 tokens of the prefix where it appears: the same image extends the hit, another ends it', () => {
      const c = cache();
      const lead = text(300);
      c.serve('k', body([user([{ type: 'text', text: lead }, image(PNG_A), { type: 'text', text: text(300, 'q') }])]));
      const same = c.serve('k', body([user([{ type: 'text', text: lead }, image(PNG_A), { type: 'text', text: text(300, 'r') }])]));
      const other = c.serve('k', body([user([{ type: 'text', text: lead }, image(PNG_B), { type: 'text', text: text(300, 'q') }])]));
      // Header 4 + text 300 + image 400 = 704 shared tokens → 11 blocks; with another image only 304 → 4 blocks.
      assert.strictEqual(same.cachedTokens, 704);
      assert.strictEqual(other.cachedTokens, 256);
    });

    it('tells messages apart by role and tool_call_id, not only by their text', () => {
      const c = cache();
      c.serve('k', body([{ role: 'tool', tool_call_id: 'call_1', content: text(1000) }]));
      assert.strictEqual(c.serve('k', body([{ role: 'tool', tool_call_id: 'call_2', content: text(1000) }])).cachedTokens, 0);
      assert.strictEqual(c.serve('k', body([user(text(1000))])).cachedTokens, 0);
    });

    it('counts the same prompt tokens as the simulator reports, and refuses a bad block size', () => {
      assert.strictEqual(promptBlocks(body([user('abcde')], { tools: TOOLS })).tokens, Math.ceil(JSON.stringify(TOOLS).length / 4) + 4 + 2);
      assert.throws(() => new PromptCache({ blockTokens: 0 }), /blockTokens must be a positive integer/);
    });
  });

  describe('over HTTP, per flavour', () => {
    let sim: Simulator;
    afterEach(() => sim?.close());

    const long = (question: string) => body([{ role: 'system', content: text(2000) }, user(question)], { stream: true });
    const lastUsage = async (s: Simulator, b: Record<string, unknown>, o = {}) => {
      const { sse } = await stream(s, b, o);
      return sse.events.at(-1)!.usage as Record<string, unknown>;
    };

    it('StepFun: top-level usage.cached_tokens on a hit only, on every chunk, with prompt_tokens from the same count', async () => {
      sim = await startSimulator();
      const miss = await lastUsage(sim, long('first question'));
      assert.ok(!('cached_tokens' in miss), JSON.stringify(miss));
      const { sse } = await stream(sim, long('second question'));
      const usages = sse.events.map((e) => e.usage as Record<string, number>);
      assert.ok(usages.every((u) => u.cached_tokens === 1984), JSON.stringify(usages.at(-1)));
      assert.strictEqual(usages.at(-1)!.prompt_tokens, 4 + 2000 + 4 + Math.ceil('second question'.length / 4));
      assert.ok(!('prompt_tokens_details' in usages.at(-1)!));
    });

    it('OpenRouter: prompt_tokens_details.cached_tokens (0 on a miss), and the cost bills the hit at a fifth', async () => {
      sim = await startSimulator({ flavour: 'openrouter' });
      const b = { ...long('q'), model: 'stepfun/step-3.7-flash' };
      const miss = await lastUsage(sim, b);
      assert.deepStrictEqual(miss.prompt_tokens_details, { cached_tokens: 0 });
      const hit = await lastUsage(sim, b);
      assert.deepStrictEqual(hit.prompt_tokens_details, { cached_tokens: 1984 });
      const prompt = hit.prompt_tokens as number;
      const out = hit.completion_tokens as number;
      assert.strictEqual(hit.cost, Number((((prompt - 1984) * 0.2 + 1984 * 0.04 + out * 1.15) / 1e6).toPrecision(6)));
    });

    it('vLLM and SGLang report no cache figures unless a reply scripts them', async () => {
      for (const flavour of ['vllm', 'sglang'] as Flavour[]) {
        sim = await startSimulator({ flavour });
        const b = { ...long('q'), model: 'step3p7-flash', stream_options: { include_usage: true } };
        await lastUsage(sim, b);
        assert.strictEqual((await lastUsage(sim, b)).prompt_tokens_details, null);
        await sim.close();
      }
    });

    it('scripted usage wins over the model, and the model can be turned off', async () => {
      sim = await startSimulator();
      await lastUsage(sim, long('q'));
      sim.enqueue({ content: 'scripted', promptTokens: 5000, cachedTokens: 512 });
      assert.strictEqual((await lastUsage(sim, long('q'))).cached_tokens, 512);
      sim.enqueue({ content: 'scripted', promptTokens: 5000 });
      assert.ok(!('cached_tokens' in (await lastUsage(sim, long('q')))), 'a scripted prompt size without a hit reports none');
      await sim.close();
      sim = await startSimulator({ promptCache: false });
      await lastUsage(sim, long('q'));
      assert.ok(!('cached_tokens' in (await lastUsage(sim, long('q')))));
    });

    it('isolates keys and forgets everything on reset; refused requests are not served', async () => {
      sim = await startSimulator({ keys: { global: ['sk-one', 'sk-two'] } });
      await lastUsage(sim, long('q'), { key: 'sk-one' });
      assert.ok(!('cached_tokens' in (await lastUsage(sim, long('q'), { key: 'sk-two' }))));
      assert.strictEqual((await lastUsage(sim, long('q'), { key: 'sk-one' })).cached_tokens, 1984);
      const refused = body([user(text(1000, 'n'))], { stream: true });
      sim.enqueue({ fault: { kind: 'status', status: 503 } });
      assert.strictEqual((await call(sim, '/chat/completions', refused, { key: 'sk-one' })).status, 503);
      assert.ok(!('cached_tokens' in (await lastUsage(sim, refused, { key: 'sk-one' }))), 'the refused request left nothing cached');
      sim.reset();
      assert.ok(!('cached_tokens' in (await lastUsage(sim, long('q'), { key: 'sk-one' }))));
    });

    it('expires on the simulator clock', async () => {
      let now = 0;
      sim = await startSimulator({ now: () => now, promptCache: { ttlMs: 1000 } });
      await lastUsage(sim, long('q'));
      now = 1001;
      assert.ok(!('cached_tokens' in (await lastUsage(sim, long('q')))));
    });

    it('reaches the real client as Usage.cachedTokens in both flavours', async () => {
      for (const flavour of ['stepfun', 'openrouter'] as Flavour[]) {
        sim = await startSimulator({ flavour });
        const client = createStepClient({ profile: profileFor(sim, providerFor(flavour), { model: modelFor(flavour) }), apiKey: 'sk-global-test' });
        const messages = [{ role: 'system' as const, content: text(2000) }, { role: 'user' as const, content: 'hello' }];
        const first = await client.streamChat({ messages });
        const second = await client.streamChat({ messages });
        assert.strictEqual(first.usage?.cachedTokens, 0, flavour);
        assert.strictEqual(second.usage?.cachedTokens, 1984, flavour);
        assert.ok(second.cost.usd !== undefined && first.cost.usd !== undefined && second.cost.usd < first.cost.usd, `${flavour}: the hit is cheaper`);
        await sim.close();
      }
    });
  });
});
