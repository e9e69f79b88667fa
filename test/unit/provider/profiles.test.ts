import * as assert from 'assert';
import { normalizeBaseUrl } from '../../../src/core/provider/baseUrl';
import { StepError } from '../../../src/core/provider/errors';
import { resolveProfile, type ProviderSettings } from '../../../src/core/provider/profiles';
import { buildChatBody, effortForModel } from '../../../src/core/provider/requestBody';
import { TIER_LIMITS } from '../../../src/core/provider/tiers';

const ok = (raw: string, id: Parameters<typeof normalizeBaseUrl>[1] = 'custom') => {
  const r = normalizeBaseUrl(raw, id);
  if (!r.ok) throw new Error(r.message);
  return r.url;
};
const bad = (raw: string, id: Parameters<typeof normalizeBaseUrl>[1] = 'custom') => {
  const r = normalizeBaseUrl(raw, id);
  if (r.ok) throw new Error(`expected ${raw} to be refused, got ${r.url}`);
  return r.message;
};

describe('normalizeBaseUrl', () => {
  it('trims, drops trailing slashes and endpoint paths', () => {
    assert.strictEqual(ok('  http://127.0.0.1:8000/v1/  '), 'http://127.0.0.1:8000/v1');
    assert.strictEqual(ok('http://127.0.0.1:8000/v1/chat/completions'), 'http://127.0.0.1:8000/v1');
    assert.strictEqual(ok('https://proxy.example.com/step/v1///'), 'https://proxy.example.com/step/v1');
  });

  it('adds a missing /v1 on StepFun hosts and /api/v1 on OpenRouter, not elsewhere', () => {
    assert.strictEqual(ok('https://api.stepfun.ai', 'stepfun-global'), 'https://api.stepfun.ai/v1');
    assert.strictEqual(ok('https://API.STEPFUN.COM/', 'stepfun-china'), 'https://api.stepfun.com/v1');
    assert.strictEqual(ok('https://openrouter.ai/api', 'openrouter'), 'https://openrouter.ai/api/v1');
    assert.strictEqual(ok('http://localhost:30000'), 'http://localhost:30000');
  });

  it('refuses bad URLs with a message naming the problem', () => {
    assert.match(bad(''), /Set a base URL/);
    assert.match(bad('127.0.0.1:8000/v1'), /no scheme/);
    assert.match(bad('ftp://host/v1'), /http or https, not ftp/);
    assert.match(bad('http://user:pass@host/v1'), /user name or password/);
    assert.match(bad('http://host/v1?key=abc'), /query string/);
    assert.match(bad('http://host/v1#x'), /fragment/);
    assert.match(bad('http://exa mple.com/v1'), /not a valid URL/);
  });
});

describe('resolveProfile', () => {
  it('has the documented defaults per provider', () => {
    const g = resolveProfile({ provider: 'stepfun-global' });
    assert.strictEqual(g.baseUrl, 'https://api.stepfun.ai/v1');
    assert.strictEqual(g.model, 'step-3.7-flash');
    assert.strictEqual(g.effortStyle, 'reasoning_effort');
    assert.ok(g.supportsImages && g.supportsVideo);
    assert.deepStrictEqual(g.alternate, { id: 'stepfun-china', baseUrl: 'https://api.stepfun.com/v1', host: 'api.stepfun.com' });
    const c = resolveProfile({ provider: 'stepfun-china' });
    assert.strictEqual(c.baseUrl, 'https://api.stepfun.com/v1');
    assert.strictEqual(c.alternate?.id, 'stepfun-global');
    const o = resolveProfile({ provider: 'openrouter' });
    assert.strictEqual(o.baseUrl, 'https://openrouter.ai/api/v1');
    assert.strictEqual(o.model, 'stepfun/step-3.7-flash');
    assert.strictEqual(o.effortStyle, 'openrouter-reasoning');
    assert.ok(o.supportsImages && !o.supportsVideo);
    const v = resolveProfile({ provider: 'custom', baseUrl: 'http://127.0.0.1:8000/v1' });
    assert.strictEqual(v.model, 'step3p7-flash');
    assert.ok(!v.supportsImages && !v.supportsVideo && !v.keyRequired && v.requestStreamUsage);
    assert.ok(resolveProfile({ provider: 'custom', baseUrl: 'http://h/v1', vision: true }).supportsImages);
    assert.strictEqual(resolveProfile({ provider: 'custom', baseUrl: 'http://h/v1', sendEffort: false }).effortStyle, 'none');
  });

  it('applies the override map (tests, proxies) to both StepFun regions', () => {
    const p = resolveProfile({ provider: 'stepfun-global', tier: 'V0' }, { 'stepfun-global': 'http://127.0.0.1:1234/v1/', 'stepfun-china': 'http://127.0.0.1:5678/v1' });
    assert.strictEqual(p.baseUrl, 'http://127.0.0.1:1234/v1');
    assert.strictEqual(p.alternate?.baseUrl, 'http://127.0.0.1:5678/v1');
    assert.strictEqual(p.tier, 'V0');
  });

  it('throws an openSettings StepError naming the bad setting', () => {
    const cases: [ProviderSettings, RegExp][] = [
      [{ provider: 'custom' }, /Set a base URL for the custom endpoint/],
      [{ provider: 'nope' as never }, /Unknown provider "nope"/],
      [{ provider: 'stepfun-global', model: 'step 3.7' }, /contains spaces/],
      [{ provider: 'stepfun-china', tier: 'V9' as never }, /Unknown rate tier "V9"\. Choose one of: V0, V1, V2, V3, V4, V5/],
      [{ provider: 'openrouter', baseUrl: 'openrouter.ai' }, /no scheme/],
    ];
    for (const [settings, message] of cases) {
      assert.throws(
        () => resolveProfile(settings),
        (e: unknown) => e instanceof StepError && message.test(e.message) && e.actions.includes('openSettings'),
      );
    }
  });
});

describe('request body', () => {
  const stepfun = resolveProfile({ provider: 'stepfun-global' });
  const ask = { messages: [{ role: 'user' as const, content: 'hi' }] };

  it('maps effort to what each model accepts', () => {
    assert.strictEqual(effortForModel('step-3.7-flash', 'medium'), 'medium');
    assert.strictEqual(effortForModel('step-3.5-flash-2603', 'medium'), 'high');
    assert.strictEqual(effortForModel('step-3.5-flash-2603', 'low'), 'low');
    assert.strictEqual(effortForModel('step-3.5-flash', 'high'), undefined);
    const built = buildChatBody({ ...ask, effort: 'low', model: 'step-3.5-flash' }, stepfun, true);
    assert.strictEqual(built.body.reasoning_effort, undefined);
    assert.strictEqual(built.effortSent, undefined);
    const none = buildChatBody({ ...ask, effort: 'low' }, resolveProfile({ provider: 'custom', baseUrl: 'http://h/v1', sendEffort: false }), true);
    assert.strictEqual(none.body.reasoning_effort, undefined);
  });

  it('refuses out-of-range parameters and bad tool names by name', () => {
    const cases: [object, RegExp][] = [
      [{ messages: [] }, /no messages/],
      [{ ...ask, temperature: 3 }, /temperature must be between 0 and 2, not 3/],
      [{ ...ask, topP: 0 }, /topP/],
      [{ ...ask, maxTokens: 1.5 }, /maxTokens/],
      [{ ...ask, effort: 'max' }, /Effort must be low, medium or high, not "max"/],
      [{ ...ask, tools: [{ type: 'function', function: { name: 'read file' } }] }, /tool name "read file"/],
      [{ messages: [{ role: 'tool', content: 'x' }] }, /no tool_call_id/],
      [{ messages: [{ role: 'robot', content: 'x' }] }, /unknown role "robot"/],
      [{ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AA', detail: 'max' } }] }] }, /detail must be "low" or "high"/],
    ];
    for (const [request, message] of cases) {
      assert.throws(
        () => buildChatBody(request as never, stepfun, true),
        (e: unknown) => e instanceof StepError && e.kind === 'bad-request' && message.test(e.message),
        String(message),
      );
    }
  });

  it('sends reasoning_details back only to OpenRouter, and never our reasoning record', () => {
    const history = {
      messages: [
        { role: 'user' as const, content: 'q' },
        { role: 'assistant' as const, content: 'a', reasoning: 'r', reasoning_details: [{ type: 'reasoning.text', text: 'r' }] },
        { role: 'user' as const, content: 'q2' },
      ],
    };
    const toStep = buildChatBody(history, stepfun, true).body.messages as Record<string, unknown>[];
    assert.deepStrictEqual(toStep[1], { role: 'assistant', content: 'a' });
    const toOr = buildChatBody(history, resolveProfile({ provider: 'openrouter' }), true).body.messages as Record<string, unknown>[];
    assert.deepStrictEqual(toOr[1], { role: 'assistant', content: 'a', reasoning_details: [{ type: 'reasoning.text', text: 'r' }] });
  });
});

describe('tiers', () => {
  it('match StepFun’s published tiers (docs/step-api-notes.md)', () => {
    assert.deepStrictEqual(
      Object.entries(TIER_LIMITS).map(([t, l]) => `${t} ${l.concurrency}/${l.rpm}/${l.tpm / 1e6}M`),
      ['V0 5/10/5M', 'V1 100/1000/20M', 'V2 200/5000/30M', 'V3 400/10000/40M', 'V4 1000/20000/50M', 'V5 10000/200000/100M'],
    );
  });
});
