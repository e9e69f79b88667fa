import * as assert from 'assert';
import { APIConnectionError, APIError, InternalServerError } from 'openai';
import { diagnosticsFor, formatDiagnostics } from '../../../src/core/provider/diagnostics';
import { toStepError } from '../../../src/core/provider/errorMapping';
import { canonicalModel, costOf } from '../../../src/core/provider/pricing';
import { resolveProfile } from '../../../src/core/provider/profiles';
import type { Usage } from '../../../src/core/provider/types';

const usage = (prompt: number, completion: number, cached = 0, extra: Partial<Usage> = {}): Usage => ({
  promptTokens: prompt,
  completionTokens: completion,
  totalTokens: prompt + completion,
  cachedTokens: cached,
  ...extra,
});

describe('pricing', () => {
  it('matches provider prefixes, dated suffixes and served names', () => {
    const cases: [string, string | undefined][] = [
      ['step-3.7-flash', 'step-3.7-flash'],
      ['stepfun/step-3.7-flash', 'step-3.7-flash'],
      ['stepfun/step-3.7-flash-20260528', 'step-3.7-flash'],
      ['step3p7-flash', 'step-3.7-flash'],
      ['step3p7-flash-bf16', 'step-3.7-flash'],
      ['step3p5-flash', 'step-3.5-flash'],
      ['step-3.5-flash-2603', 'step-3.5-flash-2603'],
      ['stepfun/step-3.5-flash:free', 'step-3.5-flash'],
      ['gpt-4o', undefined],
      ['my-finetune', undefined],
    ];
    for (const [model, expected] of cases) assert.strictEqual(canonicalModel(model), expected, model);
  });

  it('prices 3.7 at $0.20 in / $0.04 cached / $1.15 out per million', () => {
    const cost = costOf(usage(1_000_000, 1_000_000, 500_000), 'step-3.7-flash');
    assert.strictEqual(cost.source, 'price-table');
    assert.ok(Math.abs((cost.usd ?? NaN) - (0.1 + 0.02 + 1.15)) < 1e-12, String(cost.usd));
    const c35 = costOf(usage(2_000_000, 1_000_000), 'stepfun/step-3.5-flash');
    assert.ok(Math.abs((c35.usd ?? NaN) - (0.2 + 0.3)) < 1e-12);
  });

  it("OpenRouter's usage.cost wins; :free costs nothing; unknown models and missing usage have no cost", () => {
    assert.deepStrictEqual(costOf(usage(10, 10, 0, { providerCostUsd: 0.5 }), 'stepfun/step-3.7-flash'), { usd: 0.5, source: 'provider', model: 'stepfun/step-3.7-flash' });
    assert.strictEqual(costOf(usage(10, 10), 'stepfun/step-3.5-flash:free').usd, 0);
    const unknown = costOf(usage(10, 10), 'llama-3');
    assert.strictEqual(unknown.usd, undefined);
    assert.ok(unknown.source === 'unknown' && /No price is known for the model "llama-3"/.test(unknown.reason));
    const none = costOf(undefined, 'step-3.7-flash');
    assert.ok(none.source === 'unknown' && /did not report token usage/.test(none.reason));
  });
});

describe('diagnostics and key hygiene', () => {
  const key = 'sk-live-abcdefghijklmnopqrstuvwxyz';
  const profile = resolveProfile({ provider: 'stepfun-global' });

  it('formats what support needs and never the key', () => {
    const text = formatDiagnostics({
      profile: 'StepFun (global)',
      baseUrl: 'https://api.stepfun.ai/v1',
      model: 'step-3.7-flash',
      status: 401,
      traceId: 'abc123',
      time: Date.parse('2026-06-01T12:00:00Z'),
      kind: 'unauthorized',
      message: `The server echoed Authorization: Bearer ${key} back`,
      secrets: [key],
    });
    assert.match(text, /Base URL: https:\/\/api\.stepfun\.ai\/v1/);
    assert.match(text, /HTTP status: 401/);
    assert.match(text, /Trace id: abc123/);
    assert.match(text, /Time: 2026-06-01T12:00:00\.000Z/);
    assert.ok(!text.includes(key) && !text.includes('abcdefghijklmnop'), text);
  });

  it('says so when there was no HTTP status or trace id', () => {
    const text = formatDiagnostics({ profile: 'p', baseUrl: 'u', model: 'm', time: 0, kind: 'connection', message: 'x' });
    assert.match(text, /HTTP status: none \(no HTTP response\)/);
    assert.match(text, /Trace id: none received/);
  });

  it('scrubs a key echoed in an error body from the StepError and its diagnostics', () => {
    const headers = new Headers({ 'x-trace-id': 't-1' });
    const sdkError = APIError.generate(400, { error: { message: `bad key ${key} in header`, param: 'authorization' } }, undefined, headers);
    const error = toStepError(sdkError, { profile, model: 'step-3.7-flash', apiKey: key, path: '/chat/completions' });
    assert.strictEqual(error.kind, 'bad-request');
    assert.match(error.message, /parameter at fault is "authorization"/);
    assert.strictEqual(error.traceId, 't-1');
    const text = diagnosticsFor(error, profile, 'step-3.7-flash', Date.now(), [key]);
    for (const s of [error.message, text]) assert.ok(!s.includes(key), s);
  });

  it('402 carries the region top-up link and 502 counts as a server error', () => {
    const china = resolveProfile({ provider: 'stepfun-china' });
    const balance = toStepError(APIError.generate(402, undefined, undefined, new Headers()), { profile: china, model: 'step-3.7-flash', path: '/chat/completions' });
    assert.strictEqual(balance.kind, 'balance');
    assert.strictEqual(balance.topUpUrl, 'https://platform.stepfun.com/');
    assert.match(balance.message, /platform\.stepfun\.com/);
    assert.deepStrictEqual(balance.actions, ['openTopUp', 'retry', 'copyDiagnostics']);
    const bad = toStepError(new InternalServerError(502, undefined, undefined, new Headers()), { profile, model: 'm', path: '/chat/completions' });
    assert.strictEqual(bad.kind, 'server');
  });

  it('guesses the local server from its port when the connection is refused', () => {
    const refused = new APIConnectionError({ cause: Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }) });
    for (const [port, name] of [
      ['8000', 'vLLM'],
      ['30000', 'SGLang'],
    ]) {
      const p = resolveProfile({ provider: 'custom', baseUrl: `http://127.0.0.1:${port}/v1` });
      const error = toStepError(refused, { profile: p, model: 'step3p7-flash', path: '/chat/completions' });
      assert.strictEqual(error.message, `No server at http://127.0.0.1:${port} — is ${name} running?`);
    }
  });
});
