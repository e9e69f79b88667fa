import * as assert from 'assert';
import { APIError } from 'openai';
import { toStepError, type ErrorContext } from '../../../src/core/provider/errorMapping';
import { resolveProfile } from '../../../src/core/provider/profiles';
import { nearestLevel } from '../../../src/core/provider/requestBody';

const custom = resolveProfile({ provider: 'custom', baseUrl: 'http://127.0.0.1:8000/v1' });
const openrouter = resolveProfile({ provider: 'openrouter' });

function mapped(status: number, body: unknown, ctx: Partial<ErrorContext> = {}) {
  const raw = JSON.stringify(body);
  const sdkError = APIError.generate(status, body as Record<string, unknown>, undefined, new Headers());
  return toStepError(sdkError, { profile: custom, model: 'step3p7-flash', path: '/chat/completions', rawBody: raw, ...ctx });
}

describe('error bodies: every level read, the server sentence always shown', () => {
  it('reads a bare string error ({"error":"…"}) as the message', () => {
    const error = mapped(400, { error: 'temperature is out of range' });
    assert.match(error.message, /rejected the request: temperature is out of range/);
  });

  it('reads vLLM’s top-level body and a body nested two levels deep alike', () => {
    assert.match(mapped(400, { object: 'error', message: 'Bad stop sequence.', type: 'BadRequestError', param: 'stop', code: 400 }).message, /Bad stop sequence\. The parameter at fault is "stop"/);
    assert.match(mapped(503, { error: { error: { error: { message: 'Pool drained' } } } }).message, /"Pool drained"/);
  });

  it('a 408 keeps the server sentence too', () => {
    assert.match(mapped(408, { error: { message: 'Upstream took too long' } }).message, /\(408\): "Upstream took too long"/);
  });

  it('a refusal naming reasoning_effort is a generic rejection when no effort was sent', () => {
    const error = mapped(400, { object: 'error', message: 'Unexpected reasoning effort high. Supported types are: low', param: 'reasoning_effort' });
    assert.strictEqual(error.title, 'Request rejected');
    assert.strictEqual(error.effortRejected, undefined);
  });

  it('on OpenRouter the effort is named as reasoning.effort and customSendEffort is not offered', () => {
    const error = mapped(400, { error: { message: 'reasoning.effort must be one of: low, high', code: 400 } }, { profile: openrouter, effortSent: 'medium' });
    assert.strictEqual(error.title, 'Effort level refused');
    assert.match(error.message, /sent as reasoning\.effort/);
    assert.doesNotMatch(error.message, /customSendEffort/);
    assert.deepStrictEqual(error.effortRejected, { sent: 'medium', supported: ['low', 'high'] });
    assert.deepStrictEqual(error.actions, ['useSupportedEffort', 'copyDiagnostics']);
  });

  it('a refusal that names no level Step Flash can send offers only turning the effort off', () => {
    const error = mapped(400, { object: 'error', message: 'Unexpected reasoning effort low. Supported types are: minimal, none' }, { effortSent: 'low' });
    assert.deepStrictEqual(error.effortRejected, { sent: 'low', supported: [] });
    assert.deepStrictEqual(error.actions, ['stopSendingEffort', 'copyDiagnostics']);
  });
});

describe('nearestLevel', () => {
  const cases: Array<[Parameters<typeof nearestLevel>[0], Parameters<typeof nearestLevel>[1], string]> = [
    ['high', undefined, 'high'],
    ['high', [], 'high'],
    ['high', ['low', 'medium'], 'medium'],
    ['low', ['medium', 'high'], 'medium'],
    ['medium', ['low', 'high'], 'high'],
    ['medium', ['low'], 'low'],
    ['medium', ['medium'], 'medium'],
  ];
  for (const [wanted, accepted, expected] of cases) {
    it(`${wanted} with ${JSON.stringify(accepted)} → ${expected}`, () => assert.strictEqual(nearestLevel(wanted, accepted), expected));
  }
});
